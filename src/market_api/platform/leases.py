"""Leases: how one process at a time holds a piece of work kept in the database (a report job, the
quality index of a day), with several processes on one database.

A row of work carries its holder and the moment its lease runs out. A process takes a row only when
nobody holds it or its holder's lease ran out, in one UPDATE that re-checks this, so of several
processes only one wins. While it works, the holder renews its lease with a heartbeat; a holder that
died stops renewing it, and the work becomes free again when the lease runs out.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, or_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

log = logging.getLogger("market_api.leases")


def owner_name() -> str:
    """A name for a lease holder that no other process uses: "host:pid:random"."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def lease_now() -> datetime:
    """The current moment for leases (UTC).

    Leases run on real time, not on the service clock: an integrator moving the clock (the admin API
    can move it days ahead) must not expire the leases of work still in progress, nor keep the work
    of a dead process held."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class LeaseColumns:
    """The lease columns of a table whose rows are work: who holds a row (`owner`, a string) and until
    when (`until`, a UTC datetime on real time; NULL: nobody)."""

    owner: InstrumentedAttribute
    until: InstrumentedAttribute

    def lapsed(self, now: datetime) -> ColumnElement[bool]:
        """SQL condition: nobody holds the row, or its holder's lease ran out (its process died)."""
        return or_(self.until.is_(None), self.until < now)

    async def take(self, session: AsyncSession, free: ColumnElement[bool], owner: str, lease: timedelta,
                   now: datetime, **values: Any) -> bool:
        """Give the row matched by `free` to `owner` until `now` + `lease`, setting `values` too, and
        commit. `free` must select one row and say when it may be taken (for instance with
        `lapsed(now)`); the UPDATE re-checks it, so of several processes only one wins. True when
        this one did."""
        result = await session.execute(
            update(self.owner.class_).where(free).values({self.owner: owner, self.until: now + lease, **values}))
        await session.commit()
        return result.rowcount == 1  # type: ignore[attr-defined]  # an UPDATE's CursorResult; the stubs say Result

    async def renew(self, session: AsyncSession, row: ColumnElement[bool], owner: str, lease: timedelta) -> bool:
        """Extend `owner`'s lease on the row matched by `row` to `lease` from now, and commit. False when
        `owner` no longer holds it (its lease ran out and another process took the work)."""
        result = await session.execute(
            update(self.owner.class_).where(row, self.owner == owner).values({self.until: lease_now() + lease}))
        await session.commit()
        return result.rowcount == 1  # type: ignore[attr-defined]  # an UPDATE's CursorResult; the stubs say Result


@asynccontextmanager
async def heartbeat(renew: Callable[[], Awaitable[bool]], lease_seconds: float, what: str
                    ) -> AsyncIterator[asyncio.Event]:
    """Renew a lease while the block runs: `renew()` is called every `lease_seconds` / 3.

    Yields an event that is set when `renew` returns False (the lease was lost to another process,
    which now does the work: the block should stop if it can, and must not record its result as the
    holder). When `renew` raises (the database is away for a moment), the error is logged and the
    next beat tries again: the lease outlives two missed beats. `what` names the work in the logs."""
    lost = asyncio.Event()
    beats = asyncio.create_task(_beat(renew, lease_seconds / 3, lost, what), name=f"heartbeat {what}")
    try:
        yield lost
    finally:
        beats.cancel()
        await asyncio.gather(beats, return_exceptions=True)


async def _beat(renew: Callable[[], Awaitable[bool]], every: float, lost: asyncio.Event, what: str) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            if not await renew():
                log.warning("%s: lease lost to another process", what)
                lost.set()
                return
        except Exception:
            log.exception("could not renew the lease of %s", what)
