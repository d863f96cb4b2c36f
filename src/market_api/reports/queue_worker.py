"""Report jobs on the task queue (Dramatiq): the API sends a message per job (`send_job`), and
`market-api worker` processes (`run_worker`) build them.

A message carries only the job's id. The job's state is in the database, so every delivery of a
message asks the database what is left to do:

- the job is free → take it under a lease and build it;
- another builder holds its lease → try again later (if that builder died, its lease runs out and
  a later try takes the job; with RabbitMQ the message of a killed worker comes back at once);
- the job is finished → nothing (a second delivery);
- there is no such job → its request was never committed (the API process died after sending);
  tried again for a while in case the commit is merely late, then dropped.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
import time
from collections.abc import Callable
from datetime import timedelta

import dramatiq

from market_api.platform.clock import AdjustableClock, Clock
from market_api.platform.config import Settings
from market_api.platform.database import make_engine, make_sessionmaker
from market_api.platform.errors import ApiError
from market_api.platform.leases import owner_name
from market_api.platform.shared_state import apply_clock, read_state
from market_api.platform.storage import make_storage
from market_api.platform.task_queue import QueueUnavailable, TaskQueue
from market_api.reports import service
from market_api.reports.build_file import build_async
from market_api.reports.embedded_runner import expire_old_reports
from market_api.reports.lease import LeasedBuild

log = logging.getLogger("market_api.reports")

TASK = "build_report"
# A message whose job is not in the database this long after it was sent belongs to a request that
# was never committed.
UNCOMMITTED_AFTER_SECONDS = 30.0


class TryLater(dramatiq.Retry):
    """The job cannot be taken now; Dramatiq delivers the message again after a backoff (and, this
    being an expected turn of events, does not log it as an error)."""


def report_queue(settings: Settings, handler: Callable[[str, float], None] | None = None) -> TaskQueue:
    """The report job queue on `settings.broker_url`; `handler(report_id, sent_at)` runs the jobs
    (workers only; the API sends)."""
    assert settings.broker_url
    # Retries back off up to one lease: a job held by a dead worker is free again by then.
    return TaskQueue(settings.broker_url, TASK, settings.report_queue,
                     max_backoff_ms=int(settings.job_lease_seconds * 1000), handler=handler)


# A request waits this long for the broker to take its job, then answers 503.
SEND_TIMEOUT_SECONDS = 15.0


async def send_job(queue: TaskQueue, report_id: str) -> None:
    """Queue a report's job; ApiError 503 when the broker does not take it in time."""
    try:
        await asyncio.wait_for(asyncio.to_thread(queue.send, report_id), SEND_TIMEOUT_SECONDS)
    except (QueueUnavailable, TimeoutError):
        log.exception("could not queue report %s", report_id)
        raise ApiError(503, "Report queue is unavailable, try again later") from None


class _ThreadState(threading.local):
    """Each worker thread runs its own event loop with its own database engine."""

    runner: asyncio.Runner | None = None
    builder: LeasedBuild | None = None


class ReportWorker:
    """The handler of report messages in `market-api worker`: takes the job under a lease and builds it
    in the delivering thread; `maintain` forgets old reports and re-sends stranded jobs."""

    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        # Real time moved by the shared offset an integrator set (read again before each job).
        self.clock = clock or AdjustableClock()
        self.owner = owner_name()
        self.queue = report_queue(settings, handler=self.handle)
        self.storage = make_storage(settings.storage_url, settings.report_storage_dir, settings.s3_endpoint_url)
        self._state = _ThreadState()
        self._stop_by: float | None = None  # monotonic deadline, once asked to stop

    def handle(self, report_id: str, sent_at: float) -> None:
        """Called by Dramatiq in a worker thread, once per delivery."""
        if self._state.runner is None:
            self._state.runner = asyncio.Runner()
        self._state.runner.run(self._handle(report_id, sent_at))

    def stop_within(self, seconds: float) -> None:
        """Builds still running after `seconds` stop and hand their job back."""
        self._stop_by = time.monotonic() + seconds

    def _should_stop(self) -> bool:
        return self._stop_by is not None and time.monotonic() >= self._stop_by

    def _builder(self) -> LeasedBuild:
        if self._state.builder is None:
            engine = make_engine(self.settings.effective_database_url)
            self._state.builder = LeasedBuild(self.settings, self.clock, make_sessionmaker(engine), self.owner)
        return self._state.builder

    async def _handle(self, report_id: str, sent_at: float) -> None:
        builder = self._builder()
        async with builder.sessions() as session:
            apply_clock(self.clock, (await read_state(session)).clock_offset)
            report = await service.claim(session, report_id, builder.owner, builder.lease)
            status = None if report else await service.status_of(session, report_id)
        if report is None:
            if status in ("DONE", "FAILED"):
                return
            if status is None and time.time() - sent_at > UNCOMMITTED_AFTER_SECONDS:
                log.warning("report %s was never committed; message dropped", report_id)
                return
            raise TryLater(f"report {report_id} is {status or 'not committed yet'}")
        outcome = await builder.run(report, lambda job, lost: build_async(job, lambda: lost() or self._should_stop()))
        if outcome is None:
            raise TryLater(f"report {report_id} went back to the queue")

    async def maintain(self) -> None:
        """Forget old reports, and send again the jobs whose message seems lost (in its own loop and
        engine: this runs in the main thread, beside the worker threads)."""
        engine = make_engine(self.settings.effective_database_url)
        try:
            sessions = make_sessionmaker(engine)
            await expire_old_reports(sessions, self.clock, self.storage, self.settings.report_retention_hours)
            async with sessions() as session:
                ids = await service.stranded(session, timedelta(seconds=self.settings.job_resend_seconds))
            for sent, report_id in enumerate(ids):
                log.warning("report %s waited too long; sent to the queue again", report_id)
                try:
                    await asyncio.to_thread(self.queue.send, report_id)
                except QueueUnavailable:
                    async with sessions() as session:  # the rest are looked at again next round
                        await service.unqueue(session, ids[sent:])
                    raise
        finally:
            await engine.dispose()


# How often, at most, a worker forgets old reports and looks for stranded jobs.
MAINTENANCE_SECONDS = 60.0


def run_worker(settings: Settings, threads: int) -> None:
    """`market-api worker`: consume the report queue until SIGTERM or SIGINT.

    On SIGTERM a build in progress gets `job_grace_seconds` to finish; after that it stops between
    two chunks and hands its job back, so another worker takes it at once rather than when the lease
    runs out.
    """
    report_worker = ReportWorker(settings)
    worker = report_worker.queue.worker(threads)
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    worker.start()
    log.info("report worker %s started with %s thread(s)", report_worker.owner, threads)
    every = min(MAINTENANCE_SECONDS, settings.job_resend_seconds / 2)
    while not stopping.wait(every):
        try:
            asyncio.run(report_worker.maintain())
        except Exception:  # the database or the broker may be away for a moment; next round
            log.exception("report maintenance failed")
    log.info("report worker %s stopping", report_worker.owner)
    report_worker.stop_within(settings.job_grace_seconds)
    worker.stop(timeout=int((settings.job_grace_seconds + 10) * 1000))
    report_worker.queue.close()
