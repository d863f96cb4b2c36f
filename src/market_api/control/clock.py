"""The one service clock of a deployment: moved, shown and sent back to real time for every process at
once (the offset is shared state, `market_api.platform.shared_state`)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from market_api.platform.clock import SETTABLE_FROM, SETTABLE_UNTIL, Clock, SettableClock
from market_api.platform.errors import ApiError
from market_api.platform.shared_state import store_clock_offset

# The instants the clock may be set to. Every date the service derives from "now" (windows of 2 years
# back, report periods, the daily index 30 days back, download links an hour ahead) stays well inside
# what Python and both databases hold.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def check_instant(instant: datetime) -> datetime:
    """`instant` if the clock may be set to it. Raises ApiError 400 for an instant without a UTC offset
    or outside [SETTABLE_FROM, SETTABLE_UNTIL) (2000-01-01 up to 2099-01-01: platform.clock)."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ApiError(400, "Value of now must carry a time zone offset")
    if not SETTABLE_FROM <= instant < SETTABLE_UNTIL:
        raise ApiError(400, "Value of now must be from 2000-01-01T00:00:00Z up to 2099-01-01T00:00:00Z")
    return instant


async def set_clock(session: AsyncSession, clock: Clock, instant: datetime | None) -> None:
    """Make it `instant` now for every process (None: real time), time flowing on from there; this
    process's `clock` moves at once, the others within MARKET_API_CONTROL_REFRESH_SECONDS. Commits.
    Raises ApiError 400 for an instant `check_instant` refuses."""
    if instant is not None:
        check_instant(instant)
    if isinstance(clock, SettableClock):
        if instant is None:
            clock.reset()
        else:
            clock.set(instant)
    offset = None if instant is None else instant - datetime.now(UTC)
    await store_clock_offset(session, offset)
    await session.commit()
