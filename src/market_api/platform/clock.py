"""The one clock of the service. Everything that asks "what time is it" asks this."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Protocol, runtime_checkable

# Market counts days in Moscow time (UTC+3 all year since 2014); every time the API shows is Moscow time.
MOSCOW = timezone(timedelta(hours=3), "MSK")

# The instants the service clock may be set to (by PUT /admin/clock or MARKET_API_CLOCK_START): those
# values may hold run from 2000-01-01 up to 2100-01-01 (platform.validation.LAST_INSTANT); a clock set no
# later than a year before that end runs for a year before anything it stamps is past it.
SETTABLE_FROM = datetime(2000, 1, 1, tzinfo=UTC)
SETTABLE_UNTIL = datetime(2099, 1, 1, tzinfo=UTC)


class Clock(Protocol):
    """Anything that tells the time: `now()` gives the current instant."""

    def now(self) -> datetime:
        """The current instant, timezone-aware (UTC)."""


@runtime_checkable
class SettableClock(Clock, Protocol):
    """A clock that can be moved (`set`) and sent back to real time (`reset`): what PUT /admin/clock needs."""

    def set(self, instant: datetime) -> None:
        """Make `instant` (timezone-aware) the current time."""

    def reset(self) -> None:
        """Go back to real time."""


class SystemClock:
    """Real time, as the system tells it."""

    def now(self) -> datetime:
        """The current instant, in UTC."""
        return datetime.now(UTC)


class FrozenClock:
    """A clock that only moves when told to: for tests and for integrators testing date windows."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FrozenClock needs a timezone-aware start")
        self._now = start

    def now(self) -> datetime:
        """The instant the clock was last set or moved to."""
        return self._now

    def advance(self, delta: timedelta) -> None:
        """Move the clock on by `delta` (backwards when negative)."""
        self._now += delta

    def set(self, instant: datetime) -> None:
        """Stop the clock at `instant`."""
        self._now = instant

    def reset(self) -> None:
        """A frozen clock has no real time to go back to; it stays where it is."""


class AdjustableClock:
    """Real time, which an integrator may move (PUT /admin/clock) to test date windows; time keeps
    flowing from the instant it was set to."""

    def __init__(self, base: Clock | None = None) -> None:
        self.base = base or SystemClock()
        self.offset = timedelta(0)

    def now(self) -> datetime:
        """The base clock's time, moved by the offset last set."""
        return self.base.now() + self.offset

    def set(self, instant: datetime) -> None:
        """Make it `instant` now; time flows on from there. Raises ValueError for a naive `instant`."""
        if instant.tzinfo is None:
            raise ValueError("the clock needs a timezone-aware instant")
        self.offset = instant - self.base.now()

    def reset(self) -> None:
        """Back to the base clock's time (no offset)."""
        self.offset = timedelta(0)


def moscow_date(moment: datetime) -> date:
    """The Moscow calendar day of an aware instant (the day the Partner API counts it in)."""
    return moment.astimezone(MOSCOW).date()


def today(clock: Clock) -> date:
    """Today in Moscow by the service clock: the day report dates and the quality index count from."""
    return moscow_date(clock.now())


def moscow_iso(moment: datetime) -> str:
    """An aware instant as the API writes times: ISO 8601 in Moscow time, whole seconds, with its offset
    (``2026-06-15T12:00:00+03:00``)."""
    return moment.astimezone(MOSCOW).isoformat(timespec="seconds")


_MOSCOW_OFFSET = datetime(2000, 1, 1, tzinfo=MOSCOW).isoformat()[-6:]  # "+03:00"


def moscow_iso_of(value: datetime | str) -> str:
    """`moscow_iso` of an aware instant, or of a UTC instant as text the way SQLite keeps it
    (``2026-06-15 09:00:00.000000``: platform.database.UtcDateTime, read without processing).

    The text is converted without making a datetime (parsing and formatting one costs some 3 µs, a
    fifth of a feed page read afresh): its hour is converted once per distinct hour, then the minutes and
    seconds are copied. Text of another shape is parsed (naive is UTC); ValueError when it is no instant."""
    if not isinstance(value, str):
        return moscow_iso(value)
    if len(value) >= 19 and value[10] == " " and value[13] == ":" and value[16] == ":" and (
            len(value) == 19 or (value[19] == "." and value[20:].isdigit())):
        return _moscow_hour(value[:13]) + value[13:19] + _MOSCOW_OFFSET
    parsed = datetime.fromisoformat(value)
    return moscow_iso(parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC))


@lru_cache(maxsize=8192)
def _moscow_hour(utc_hour: str) -> str:
    """``2026-06-15 09`` (a UTC hour) as the same hour in Moscow time, ``2026-06-15T12``; ValueError when
    it is no hour."""
    return datetime.fromisoformat(f"{utc_hour}:00").replace(tzinfo=UTC).astimezone(MOSCOW).strftime("%Y-%m-%dT%H")


def clock_from(start: datetime | None) -> AdjustableClock:
    """The service clock of a process: real time, or, given `start` (an aware instant, Settings.clock_start
    from MARKET_API_CLOCK_START), time that starts at `start` and runs on from there."""
    clock = AdjustableClock()
    if start is not None:
        clock.set(start)
    return clock
