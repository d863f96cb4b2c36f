"""Building one report job under a lease: shared by the in-process runner (`serve` alone) and the
queue workers (`market-api worker`).

The lease is what keeps a job from being built twice at the same time: the builder renews it while it
works, and a builder that died stops renewing it, so the job becomes free again when it runs out.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from market_api.platform.clock import Clock
from market_api.platform.config import Settings
from market_api.platform.metrics import REPORT_JOB_SECONDS, REPORT_JOBS
from market_api.reports import service
from market_api.reports.models import Report
from market_api.reports.worker import Job, Outcome, Stopped

log = logging.getLogger("market_api.reports")

# A job that broke this many times for reasons other than its data is given up as FAILED.
MAX_ATTEMPTS = 3


def owner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def job_for(report: Report, settings: Settings) -> Job:
    return Job(report.id, report.kind, report.format, report.params, settings.effective_database_url,
               str(settings.report_storage_dir), settings.report_max_rows, settings.storage_url,
               settings.s3_endpoint_url)


@dataclass
class LeasedBuild:
    settings: Settings
    clock: Clock
    sessions: async_sessionmaker[AsyncSession]
    owner: str

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.settings.job_lease_seconds)

    async def run(self, report: Report, build: Callable[[Job, Callable[[], bool]], Awaitable[Outcome]]
                  ) -> Outcome | None:
        """Build `report` and record its outcome; None when the job went back to the queue instead.
        `build` gets the job and a function that tells whether the lease was lost (another builder
        took the job): a build that can stop should."""
        lost = asyncio.Event()
        heartbeat = asyncio.create_task(self._heartbeat(report.id, lost))
        try:
            outcome = await build(job_for(report, self.settings), lost.is_set)
        except (Stopped, BrokenProcessPool) as error:
            # Shutting down, or the process building it died: someone else builds it.
            log.warning("report %s handed back: %s", report.id, type(error).__name__)
            await self.release(report.id)
            return None
        except Exception:
            log.exception("report %s failed to build (attempt %s)", report.id, report.attempts)
            if report.attempts < MAX_ATTEMPTS:
                await self.release(report.id)
                return None
            outcome = Outcome("FAILED")
        finally:
            heartbeat.cancel()
        async with self.sessions() as session:
            await service.finish(session, self.clock, report.id, self.owner, outcome)
        REPORT_JOBS.labels(report.kind, report.format, outcome.sub_status or outcome.status).inc()
        REPORT_JOB_SECONDS.labels(report.kind, report.format).observe(outcome.seconds)
        log.info("report %s %s %s rows=%s seconds=%.2f", report.id, outcome.status, outcome.sub_status or "",
                 outcome.rows, outcome.seconds)
        return outcome

    async def release(self, report_id: str) -> None:
        async with self.sessions() as session:
            await service.release(session, report_id, self.owner)

    async def _heartbeat(self, report_id: str, lost: asyncio.Event) -> None:
        while True:
            await asyncio.sleep(self.settings.job_lease_seconds / 3)
            try:
                async with self.sessions() as session:
                    if not await service.extend_lease(session, report_id, self.owner, self.lease):
                        log.warning("report %s: lease lost to another builder", report_id)
                        lost.set()
                        return
            except Exception:  # try again at the next beat; the lease outlives two missed beats
                log.exception("could not renew the lease of report %s", report_id)
