"""The daily run: when the service clock enters a new day, every store's index for that day is computed.

Every `serve` process watches the clock; the first to claim the day in the database computes it,
under a lease (platform/leases.py) that it renews while it computes. A process that dies stops
renewing its claim, and once the lease runs out another process takes the day over.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import Campaign
from market_api.platform.clock import today
from market_api.platform.leases import LeaseColumns, heartbeat, lease_now, owner_name
from market_api.platform.runtime import Runtime
from market_api.quality import service
from market_api.quality.models import DailyRun

log = logging.getLogger("market_api.quality")

LEASE = LeaseColumns(DailyRun.owner, DailyRun.lease_until)


class DailyRecompute:
    """Computes each new day's index once, in one of the processes: `start` watches the service clock
    every `check_seconds`, `run_once` does one check. The claim of a day is held for
    `job_lease_seconds` at a time, renewed while the day is computed."""

    def __init__(self, runtime: Runtime, check_seconds: float = 60.0) -> None:
        self.runtime = runtime
        self.check_seconds = check_seconds
        self.last_day: date | None = None
        self.owner = owner_name()
        self.lease = timedelta(seconds=runtime.settings.job_lease_seconds)
        self.first_run_done = asyncio.Event()  # for callers that must not race the startup run
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Check the clock now and every `check_seconds`, in a task of the running event loop."""
        self._task = asyncio.create_task(self._loop(), name="quality-daily")

    async def stop(self) -> None:
        """Stop checking; a day being computed is left to its lease (another process takes it over)."""
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def run_once(self) -> None:
        """Compute today's index (service clock) unless it is computed, or another process is at it."""
        day = today(self.runtime.clock)
        if day == self.last_day:
            return
        async with self.runtime.sessions() as session:
            claim = await claim_day(session, day, self.owner, self.lease)
            if claim == "done":
                self.last_day = day
            if claim != "mine":
                return  # another process computes it; look again at the next check
            try:
                async with heartbeat(lambda: self._renew(day), self.lease.total_seconds(), f"quality index of {day}"):
                    campaigns = (await session.scalars(select(Campaign.id))).all()
                    written = await service.recompute(session, campaigns, day, day)
                    # Not ours any more if our lease was lost: the process that took the day finishes it.
                    await session.execute(update(DailyRun).where(DailyRun.day == day, DailyRun.owner == self.owner)
                                          .values(finished_at=lease_now(), lease_until=None))
                    await session.commit()
            except Exception:
                await session.rollback()
                await release_day(session, day, self.owner)  # any process may try again at its next check
                raise
        self.last_day = day
        log.info("quality index for %s: %s stores rated", day, written)

    async def _renew(self, day: date) -> bool:
        async with self.runtime.sessions() as session:
            return await LEASE.renew(session, (DailyRun.day == day) & DailyRun.finished_at.is_(None),
                                     self.owner, self.lease)

    async def _loop(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:  # the database may be away for a moment; try at the next check
                log.exception("daily quality index run failed")
            self.first_run_done.set()
            await asyncio.sleep(self.check_seconds)


async def claim_day(session: AsyncSession, day: date, owner: str, lease: timedelta = timedelta(minutes=1)) -> str:
    """Claim the computation of `day` for `owner` for `lease` (DailyRecompute: `job_lease_seconds`),
    and commit. "mine": this process computes the day (a new claim, or one whose lease ran out);
    "done": already computed; "busy": another process holds it."""
    now = lease_now()
    try:
        session.add(DailyRun(day=day, owner=owner, started_at=now, lease_until=now + lease))
        await session.commit()
        return "mine"
    except IntegrityError:
        await session.rollback()
    # An unfinished claim without a lease (a row from before migration 0006) counts as lapsed too.
    lapsed = (DailyRun.day == day) & DailyRun.finished_at.is_(None) & LEASE.lapsed(now)
    if await LEASE.take(session, lapsed, owner, lease, now, started_at=now):
        return "mine"
    finished = await session.scalar(select(DailyRun.finished_at).where(DailyRun.day == day))
    return "done" if finished else "busy"


async def release_day(session: AsyncSession, day: date, owner: str) -> None:
    """Drop `owner`'s unfinished claim of `day` (its computation failed), and commit."""
    await session.execute(delete(DailyRun).where(DailyRun.day == day, DailyRun.owner == owner,
                                                 DailyRun.finished_at.is_(None)))
    await session.commit()
