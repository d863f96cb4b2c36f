"""The embedded report runner: with no broker, `serve` itself takes report jobs from the database and
builds them in a pool of worker processes. Also forgetting old reports (expire_old_reports), which
the queue workers do too.

Jobs are rows in the database, so nothing is lost when a process dies: a job it was building keeps
its lease only until the lease runs out, and then any runner takes it again. The file is written in
scratch space and moved into place at the end, so a retried job leaves exactly one file.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from market_api.platform.clock import Clock
from market_api.platform.leases import owner_name
from market_api.platform.lifetime import exit_with_parent
from market_api.platform.runtime import Runtime
from market_api.platform.storage import Storage
from market_api.reports import service
from market_api.reports.build_file import Job, Outcome, build, warm_up
from market_api.reports.builders import sample_plans
from market_api.reports.lease import LeasedBuild
from market_api.reports.models import Report

log = logging.getLogger("market_api.reports")

# How often old reports are looked for.
EXPIRY_EVERY = timedelta(minutes=1)


class ReportRunner:
    """Polls the database for report jobs (and is woken by `notify`), building up to `workers` at once,
    each under a lease; forgets old reports every EXPIRY_EVERY. `start` and `stop` run in the API's
    event loop."""

    def __init__(self, runtime: Runtime, workers: int, poll_seconds: float = 2.0, prestart: bool = False) -> None:
        self.runtime = runtime
        self.workers = max(workers, 1)
        self.prestart = prestart
        self._stopping = False
        self.poll_seconds = poll_seconds
        self.builder = LeasedBuild(runtime.settings, runtime.clock, runtime.sessions, owner_name())
        self._pool: ProcessPoolExecutor | None = None
        self._running: set[asyncio.Task[None]] = set()
        self._wakeup = asyncio.Event()
        self._idle = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._last_expiry: datetime | None = None

    def start(self) -> None:
        """Start polling, in a task of the running event loop; with `prestart`, start the worker processes
        too (each imports the builder's code and warms up once: `start_worker`), so that the first report
        waits neither for them nor for what a process does once before its first build."""
        if self.prestart:
            pool = self._executor(warm=True)
            for _ in range(self.workers):
                pool.submit(ready).add_done_callback(_log_failure)
        self._task = asyncio.create_task(self._loop(), name="report-runner")

    async def stop(self) -> None:
        """Stop polling and the builds in progress (their jobs are taken again when their leases run
        out), and shut the worker processes down."""
        self._stopping = True
        if self._task:
            self._task.cancel()
        for task in list(self._running):
            task.cancel()
        await asyncio.gather(*self._running, *([self._task] if self._task else []), return_exceptions=True)
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(close_pool, pool)

    def notify(self) -> None:
        """A job was queued: look now rather than at the next poll."""
        self._idle.clear()
        self._wakeup.set()

    async def wait_idle(self) -> None:
        """Return once no job is waiting and none is being built by this runner."""
        self.notify()
        await self._idle.wait()

    def _executor(self, warm: bool = False) -> ProcessPoolExecutor:
        if self._pool is None:
            # "spawn": a fresh interpreter, not a fork of a process with a running event loop and threads.
            # Each worker process ends when this one dies (killed), rather than living on reparented.
            # With `warm` (prestarted, nothing waits for them) the processes warm up; started for a job that
            # waits, they do not: its build does the same work on the way.
            settings = self.runtime.settings
            where = (settings.effective_database_url, settings.storage_url, str(settings.report_storage_dir),
                     settings.s3_endpoint_url) if warm else None
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=start_worker, initargs=(os.getpid(), where))
        return self._pool

    async def _loop(self) -> None:
        await self._rehearse()
        # Not `while True`: on Python 3.11 `asyncio.wait_for` loses a cancellation that arrives as the
        # event it waits for is set (a job queued as `stop` runs), and the loop would go on.
        while not self._stopping:
            try:
                await self._expire_old_reports()
                claimed = await self._fill_slots()
            except Exception:  # the database may be away for a moment; try again at the next poll
                log.exception("could not take report jobs")
                claimed = 0
            if not claimed and not self._running:
                self._idle.set()
            self._wakeup.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), self.poll_seconds)

    async def _rehearse(self) -> None:
        """Before the first job: run once the report statements of this process (the estimates of each
        kind of report, the claim and the outcome of a job) on reports that do not exist, so that the
        first report does not wait for SQLAlchemy to compile them. A failure is only logged: the first
        report compiles them then."""
        rt = self.runtime
        try:
            async with rt.read_connection() as connection:
                for plan in sample_plans():
                    await plan.count(connection)
            async with rt.sessions() as session:
                await service.rehearse(session, rt.clock, self.builder.owner, self.builder.lease)
        except Exception:
            log.warning("could not rehearse the report statements", exc_info=True)

    async def _expire_old_reports(self) -> None:
        now = self.runtime.clock.now()
        if self._last_expiry is not None and now - self._last_expiry < EXPIRY_EVERY:
            return
        self._last_expiry = now
        rt = self.runtime
        await expire_old_reports(rt.sessions, rt.clock, rt.storage, rt.settings.report_retention_hours)

    async def _fill_slots(self) -> int:
        claimed = 0
        while len(self._running) < self.workers:
            async with self.runtime.sessions() as session:
                report = await service.claim_next(session, self.builder.owner, self.builder.lease)
            if report is None:
                break
            claimed += 1
            task = asyncio.create_task(self._run(report))
            self._running.add(task)
            task.add_done_callback(self._done)
        return claimed

    def _done(self, task: asyncio.Task[None]) -> None:
        self._running.discard(task)
        if not task.cancelled() and task.exception() is not None and not self._stopping:
            # The job keeps its lease until it runs out; then it is taken again.
            log.error("report job failed to finish", exc_info=task.exception())
        self._wakeup.set()

    async def _run(self, report: Report) -> None:
        await self.builder.run(report, self._build_in_pool)

    async def _build_in_pool(self, job: Job, _lease_lost: Callable[[], bool]) -> Outcome:
        # A build in another process cannot be stopped; if it lost its lease, its outcome is not recorded.
        pool = self._executor()
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, build, job)
        except BrokenProcessPool:
            if self._stopping:  # `stop` ended the pool: the job is taken again when its lease runs out
                raise
            # A worker process died (killed, out of memory): the next job gets a fresh pool.
            log.error("report worker died while building %s; restarting the workers", job.report_id)
            if self._pool is pool:  # not yet replaced because of another build of the same pool
                self._pool = None
                await asyncio.to_thread(close_pool, pool)
            raise


def start_worker(parent_pid: int, warm: tuple[str, str | None, str, str | None] | None) -> None:
    """The initializer of each worker process: it ends when the process `parent_pid` (`serve`) dies
    (`exit_with_parent`); given `warm` (the database URL, storage URL, storage root and S3 endpoint its
    builds use), it does once what a first build would otherwise do on the way (`build_file.warm_up`)."""
    exit_with_parent(parent_pid)
    if warm is not None:
        warm_up(*warm)


def ready() -> None:
    """Nothing, run in a new worker process: by the time it runs, the process has started, imported the
    builder's code (`build_file`) and warmed up (`start_worker`), which is what the first report would
    otherwise wait for."""


def _log_failure(future: Future[None]) -> None:
    # A pool shut down before its processes were up (serve stopped at once) is no failure.
    if not future.cancelled() and not isinstance(future.exception(), (BrokenProcessPool, type(None))):
        log.error("a report worker process did not start", exc_info=future.exception())


def close_pool(pool: ProcessPoolExecutor) -> None:
    """Stop `pool` now and release all it holds (blocking: run it in a thread). Builds in progress are
    abandoned (their jobs are taken again when their leases run out): the worker processes are terminated,
    the pool's manager thread joined, and its queues' semaphores released.

    `shutdown(wait=False)` alone leaves the processes and the queues to the interpreter's exit, which a
    process stopped by a signal never reaches: the resource tracker then reports "leaked semaphore objects".
    """
    # The pool keeps its processes in `_processes` (CPython's only way to reach them before 3.14, whose
    # `terminate_workers` does the same).
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(ProcessLookupError, ValueError):  # already gone / already closed
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
    # The queues' semaphores are released (unlinked and unregistered from the resource tracker) when the
    # queues are collected; the pool's manager thread and futures hold them in reference cycles.
    del pool
    gc.collect()


async def expire_old_reports(sessions: async_sessionmaker[AsyncSession], clock: Clock, storage: Storage,
                             retention_hours: float) -> None:
    """Forget reports past their retention, and delete their files."""
    async with sessions() as session:
        keys = await service.expire(session, clock, timedelta(hours=retention_hours))
    for key in keys:
        await asyncio.to_thread(storage.delete, key)
