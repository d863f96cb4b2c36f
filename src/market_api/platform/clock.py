"""The one clock of the service. Everything that asks "what time is it" asks this."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Protocol

# Market counts days in Moscow time (UTC+3 all year since 2014); every time the API shows is Moscow time.
MOSCOW = timezone(timedelta(hours=3), "MSK")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware (UTC)."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FrozenClock:
    """A clock that only moves when told to: for tests and for integrators testing date windows."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FrozenClock needs a timezone-aware start")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, instant: datetime) -> None:
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
        return self.base.now() + self.offset

    def set(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("the clock needs a timezone-aware instant")
        self.offset = instant - self.base.now()

    def reset(self) -> None:
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
