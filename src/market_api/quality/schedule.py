"""The daily run: when the service clock enters a new day, every store's index for that day is computed.

Every `serve` process watches the clock; the first to claim the day in the database computes it. A
claim whose process died without finishing is taken over after `STALE_CLAIM`.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import Campaign
from market_api.platform.runtime import Runtime
from market_api.platform.clock import today
from market_api.quality import service
from market_api.quality.models import DailyRun
from market_api.reports.jobs import owner_name

log = logging.getLogger("market_api.quality")

STALE_CLAIM = timedelta(hours=1)


class DailyRecompute:
    def __init__(self, runtime: Runtime, check_seconds: float = 60.0) -> None:
        self.runtime = runtime
        self.check_seconds = check_seconds
        self.last_day: date | None = None
        self.owner = owner_name()
        self.first_run_done = asyncio.Event()  # for callers that must not race the startup run
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="quality-daily")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def run_once(self) -> None:
        day = today(self.runtime.clock)
        if day == self.last_day:
            return
        async with self.runtime.sessions() as session:
            claim = await claim_day(session, day, self.owner)
            if claim == "done":
                self.last_day = day
            if claim != "mine":
                return  # another process computes it; look again at the next check
            try:
                campaigns = (await session.scalars(select(Campaign.id))).all()
                written = await service.recompute(session, campaigns, day, day)
                await session.execute(update(DailyRun).where(DailyRun.day == day).values(finished_at=_now()))
                await session.commit()
            except Exception:
                await session.rollback()
                await release_day(session, day, self.owner)  # any process may try again at its next check
                raise
        self.last_day = day
        log.info("quality index for %s: %s stores rated", day, written)

    async def _loop(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:  # the database may be away for a moment; try at the next check
                log.exception("daily quality index run failed")
            self.first_run_done.set()
            await asyncio.sleep(self.check_seconds)


def _now() -> datetime:
    return datetime.now(timezone.utc)  # claims age on real time, like report leases


async def claim_day(session: AsyncSession, day: date, owner: str) -> str:
    """"mine" (this process computes the day), "done" (already computed) or "busy" (another process is
    computing it)."""
    try:
        session.add(DailyRun(day=day, owner=owner, started_at=_now()))
        await session.commit()
        return "mine"
    except IntegrityError:
        await session.rollback()
    taken = await session.execute(
        update(DailyRun)
        .where(DailyRun.day == day, DailyRun.finished_at.is_(None), DailyRun.started_at < _now() - STALE_CLAIM)
        .values(owner=owner, started_at=_now()))
    await session.commit()
    if taken.rowcount == 1:
        return "mine"
    finished = await session.scalar(select(DailyRun.finished_at).where(DailyRun.day == day))
    return "done" if finished else "busy"


async def release_day(session: AsyncSession, day: date, owner: str) -> None:
    await session.execute(delete(DailyRun).where(DailyRun.day == day, DailyRun.owner == owner,
                                                 DailyRun.finished_at.is_(None)))
    await session.commit()
