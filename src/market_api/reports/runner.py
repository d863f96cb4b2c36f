"""Takes report jobs from the database and builds them in worker processes.

Jobs are rows in the database, so nothing is lost when a process dies: a job it was building keeps
its lease only until the lease runs out, and then any runner takes it again. While a runner builds a
job it renews the lease; the file is written under a temporary name and moved into place at the
end, so a retried job leaves exactly one file.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import socket
import uuid
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime, timedelta

from market_api.platform.runtime import Runtime
from market_api.reports import service
from market_api.reports.models import Report
from market_api.reports.worker import Job, Outcome, build

log = logging.getLogger("market_api.reports")

LEASE = timedelta(seconds=60)
HEARTBEAT_SECONDS = 20
# A job that failed this many times for reasons other than its data is given up as FAILED.
MAX_ATTEMPTS = 3
# How often old reports are looked for.
EXPIRY_EVERY = timedelta(minutes=1)


class ReportRunner:
    def __init__(self, runtime: Runtime, workers: int, poll_seconds: float = 2.0) -> None:
        self.runtime = runtime
        self.workers = max(workers, 1)
        self.poll_seconds = poll_seconds
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._pool: ProcessPoolExecutor | None = None
        self._running: set[asyncio.Task] = set()
        self._wakeup = asyncio.Event()
        self._idle = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._last_expiry: datetime | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="report-runner")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
        for task in list(self._running):
            task.cancel()
        await asyncio.gather(*self._running, *([self._task] if self._task else []), return_exceptions=True)
        if self._pool:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def notify(self) -> None:
        """A job was queued: look now rather than at the next poll."""
        self._idle.clear()
        self._wakeup.set()

    async def wait_idle(self) -> None:
        """Return once no job is waiting and none is being built by this runner."""
        self.notify()
        await self._idle.wait()

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # "spawn": a fresh interpreter, not a fork of a process with a running event loop and threads.
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    async def _loop(self) -> None:
        while True:
            try:
                await self._expire_old_reports()
                claimed = await self._fill_slots()
            except Exception:  # the database may be away for a moment; try again at the next poll
                log.exception("could not take report jobs")
                claimed = 0
            if not claimed and not self._running:
                self._idle.set()
            self._wakeup.clear()
            try:
                await asyncio.wait_for(self._wakeup.wait(), self.poll_seconds)
            except TimeoutError:
                pass

    async def _expire_old_reports(self) -> None:
        now = self.runtime.clock.now()
        if self._last_expiry is not None and now - self._last_expiry < EXPIRY_EVERY:
            return
        self._last_expiry = now
        settings = self.runtime.settings
        async with self.runtime.sessions() as session:
            keys = await service.expire(session, self.runtime.clock, timedelta(hours=settings.report_retention_hours))
        for key in keys:
            await asyncio.to_thread(self.runtime.storage.delete, key)

    async def _fill_slots(self) -> int:
        claimed = 0
        while len(self._running) < self.workers:
            async with self.runtime.sessions() as session:
                report = await service.claim_next(session, self.owner, LEASE)
            if report is None:
                break
            claimed += 1
            task = asyncio.create_task(self._run(report))
            self._running.add(task)
            task.add_done_callback(self._done)
        return claimed

    def _done(self, task: asyncio.Task) -> None:
        self._running.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # The job keeps its lease until it runs out; then it is taken again.
            log.error("report job failed to finish", exc_info=task.exception())
        self._wakeup.set()

    async def _run(self, report: Report) -> None:
        settings = self.runtime.settings
        job = Job(report.id, report.kind, report.format, report.params, settings.effective_database_url,
                  str(settings.report_storage_dir), settings.report_max_rows, settings.storage_url,
                  settings.s3_endpoint_url)
        heartbeat = asyncio.create_task(self._heartbeat(report.id))
        try:
            outcome = await asyncio.get_running_loop().run_in_executor(self._executor(), build, job)
        except asyncio.CancelledError:
            raise  # shutting down: the lease runs out and another runner takes the job
        except BrokenProcessPool:
            # A worker process died (killed, out of memory): start a fresh pool and give the job back.
            log.error("report worker died while building %s; restarting the workers", report.id)
            self._pool = None
            async with self.runtime.sessions() as session:
                await service.release(session, report.id, self.owner)
            return
        except Exception:
            log.exception("report %s failed to build (attempt %s)", report.id, report.attempts)
            if report.attempts < MAX_ATTEMPTS:
                async with self.runtime.sessions() as session:
                    await service.release(session, report.id, self.owner)
                return
            outcome = Outcome("FAILED")
        finally:
            heartbeat.cancel()
        async with self.runtime.sessions() as session:
            await service.finish(session, self.runtime.clock, report.id, self.owner, outcome)
        log.info("report %s %s %s rows=%s", report.id, outcome.status, outcome.sub_status or "", outcome.rows)

    async def _heartbeat(self, report_id: str) -> None:
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            try:
                async with self.runtime.sessions() as session:
                    await service.extend_lease(session, report_id, self.owner, LEASE)
            except Exception:  # try again at the next beat; the lease outlives two missed beats
                log.exception("could not renew the lease of report %s", report_id)
