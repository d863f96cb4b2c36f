"""The one clock of the service. Everything that asks "what time is it" asks this."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Protocol


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
