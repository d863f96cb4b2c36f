"""Building one report job under a lease, and recording its outcome: shared by the embedded runner
(`serve` alone, embedded_runner.py) and the queue workers (`market-api worker`, queue_worker.py).

The lease (platform/leases.py) is what keeps a job from being built twice at the same time: the
builder renews it with a heartbeat while it works, and a builder that died stops renewing it, so the
job becomes free again when it runs out.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from market_api.platform.clock import Clock
from market_api.platform.config import Settings
from market_api.platform.leases import heartbeat
from market_api.platform.metrics import REPORT_JOB_SECONDS, REPORT_JOBS
from market_api.reports import service
from market_api.reports.build_file import Job, Outcome, Stopped
from market_api.reports.models import Report

log = logging.getLogger("market_api.reports")

# A job that broke this many times for reasons other than its data is given up as FAILED.
MAX_ATTEMPTS = 3


def job_for(report: Report, settings: Settings) -> Job:
    """The build of a claimed report, with the settings a worker process needs."""
    return Job(report.id, report.kind, report.format, report.params, settings.effective_database_url,
               str(settings.report_storage_dir), settings.report_max_rows, settings.storage_url,
               settings.s3_endpoint_url)


@dataclass
class LeasedBuild:
    """Builds claimed jobs as `owner` (a name from leases.owner_name()), holding their lease while
    they build (`job_lease_seconds`)."""

    settings: Settings
    clock: Clock
    sessions: async_sessionmaker[AsyncSession]
    owner: str

    @property
    def lease(self) -> timedelta:
        """How long a job stays with this builder without a renewal."""
        return timedelta(seconds=self.settings.job_lease_seconds)

    async def run(self, report: Report, build: Callable[[Job, Callable[[], bool]], Awaitable[Outcome]]
                  ) -> Outcome | None:
        """Build `report` and record its outcome; None when the job went back to the queue instead.
        `build` gets the job and a function that tells whether the lease was lost (another builder
        took the job): a build that can stop should. A report a fault rule made FAILED (`Report.fault`)
        is recorded so without a build."""
        async def renew() -> bool:
            async with self.sessions() as session:
                return await service.extend_lease(session, report.id, self.owner, self.lease)

        fault = report.fault or {}
        try:
            if fault.get("status") == "FAILED":  # a fault rule's outcome: no file is built
                outcome = Outcome("FAILED", fault["subStatus"])
            else:
                async with heartbeat(renew, self.settings.job_lease_seconds, f"report {report.id}") as lost:
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
        async with self.sessions() as session:
            await service.finish(session, self.clock, report.id, self.owner, outcome)
        REPORT_JOBS.labels(report.kind, report.format, outcome.sub_status or outcome.status).inc()
        REPORT_JOB_SECONDS.labels(report.kind, report.format).observe(outcome.seconds)
        log.info("report %s %s %s rows=%s seconds=%.2f", report.id, outcome.status, outcome.sub_status or "",
                 outcome.rows, outcome.seconds)
        return outcome

    async def release(self, report_id: str) -> None:
        """Give the job back to the queue, if this builder still holds it."""
        async with self.sessions() as session:
            await service.release(session, report_id, self.owner)
