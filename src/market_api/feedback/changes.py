"""Whether the stores' feeds may have changed since a page was read, told without reading the page again.

Every change to a feed reserves a new feed position (`service.reserve_positions`), so:

- this process counts its own changes as their transactions commit (`mark_changed` flags the session;
  the commit counts it), and sees them at once;
- every process's changes, the CLI's included, grow the sum of the stores' last positions
  (``feed_counters``), which is read again at most every `refresh_seconds`
  (MARKET_API_CONTROL_REFRESH_SECONDS, as the control plane's state): another process's change shows
  within that time; with 0 nothing is told and every page is read.

A reset, restore or scenario load starts a new data generation, which the caller keys by.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from market_api.feedback.models import FeedCounter
from market_api.platform.driver import DriverQuery, DriverReads

_CHANGED = "market_api.feed_changed"  # the flag in a session's `info`
# This process's committed feed changes; module-wide, so that every app of the process (a test's several)
# counts every change: an app told of another's change reads once more, never one less.
_committed = [0]

_SUM_QUERY = DriverQuery(select(func.coalesce(func.sum(FeedCounter.last_position), 0).label("positions")))


def mark_changed(session: AsyncSession) -> None:
    """Flag that `session`'s transaction changes a feed: its commit counts as a change of this process."""
    session.info[_CHANGED] = True


@event.listens_for(Session, "after_commit")
def _count_commit(session: Session) -> None:
    if session.info.pop(_CHANGED, False):
        _committed[0] += 1


@event.listens_for(Session, "after_rollback")
def _forget_rollback(session: Session) -> None:
    if not session.in_transaction():  # a savepoint rolled back leaves the rest of the change to commit
        session.info.pop(_CHANGED, None)


class FeedChanges:
    """A feed version: a value that differs after any committed feed change (this process's at once,
    others' within `refresh_seconds`). `monotonic` is the clock the refresh is timed by (seconds)."""

    def __init__(self, reads: DriverReads, refresh_seconds: float,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.reads = reads
        self.refresh_seconds = refresh_seconds
        self.monotonic = monotonic
        self._stored: int | None = None  # the sum of the stores' last positions, when read
        self._read_at = 0.0
        self._reading: asyncio.Future[None] | None = None
        self._reads_started = 0
        self._applied = 0  # the newest read whose sum is `_stored`

    @property
    def enabled(self) -> bool:
        """False with `refresh_seconds` 0: no version is told, every page is read."""
        return self.refresh_seconds > 0

    async def version(self) -> tuple[int, int]:
        """(sum of the stores' last positions as last read, this process's committed changes). Taken before a
        page is read: a change committed meanwhile gives the next request another version, never the same."""
        local = _committed[0]
        if self._stored is None or self.monotonic() - self._read_at >= self.refresh_seconds:
            # The requests that find the sum stale together wait on one read (as `SharedState.refresh`).
            if self._reading is None:
                self._reading = asyncio.ensure_future(self._read())
                self._reading.add_done_callback(self._read_done)
            await asyncio.shield(self._reading)
        assert self._stored is not None
        return self._stored, local

    async def _read(self) -> None:
        self._reads_started += 1
        number, started = self._reads_started, self.monotonic()
        rows: list[Any] = await self.reads.fetch(_SUM_QUERY, {})
        if number > self._applied:  # an older read finishing last never moves the sum back
            self._applied, self._stored, self._read_at = number, int(rows[0][0]), started

    def _read_done(self, reading: asyncio.Future[None]) -> None:
        self._reading = None
        if not reading.cancelled():
            reading.exception()  # retrieved: the waiters got it
