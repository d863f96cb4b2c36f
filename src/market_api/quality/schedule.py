"""The daily run: when the service clock enters a new day, every store's index for that day is computed."""

from __future__ import annotations

import asyncio
import logging
from datetime import date

from sqlalchemy import select

from market_api.accounts.models import Campaign
from market_api.platform.runtime import Runtime
from market_api.quality import service

log = logging.getLogger("market_api.quality")


class DailyRecompute:
    def __init__(self, runtime: Runtime, check_seconds: float = 60.0) -> None:
        self.runtime = runtime
        self.check_seconds = check_seconds
        self.last_day: date | None = None
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="quality-daily")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def run_once(self) -> None:
        day = service.today(self.runtime.clock)
        if day == self.last_day:
            return
        async with self.runtime.sessions() as session:
            campaigns = (await session.scalars(select(Campaign.id))).all()
            written = await service.recompute(session, campaigns, day, day)
            await session.commit()
        self.last_day = day
        log.info("quality index for %s: %s stores rated", day, written)

    async def _loop(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:  # the database may be away for a moment; try at the next check
                log.exception("daily quality index run failed")
            await asyncio.sleep(self.check_seconds)
