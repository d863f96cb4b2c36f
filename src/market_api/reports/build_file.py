"""Building one report file: from the database to the stored file, in a worker process (of the
embedded runner's pool, or of `market-api worker`), so the API's event loop never renders a file.

What job to build and under which lease is decided by lease.py; this module only builds.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import shutil
import tempfile
import time
import uuid
from collections.abc import AsyncGenerator, Callable
from contextlib import aclosing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from market_api.platform.database import make_engine
from market_api.platform.faults import failpoint
from market_api.platform.storage import Storage, make_storage
from market_api.reports.builders import MissingResources, plan_report, sample_plans
from market_api.reports.files import WRITERS, TooLarge, file_name
from market_api.reports.sheets import Sheet, sheet

log = logging.getLogger("market_api.reports")

CHUNK = 5000
T = TypeVar("T")


@dataclass(frozen=True)
class Job:
    """What a build needs: the report's request, and where to read and store (picklable, for a worker
    process)."""

    report_id: str
    kind: str
    format: str
    params: dict[str, Any]  # the stored camelCase body (Report.params)
    database_url: str
    storage_root: str  # local files, and the scratch space of every build
    max_rows: int
    storage_url: str | None = None
    s3_endpoint_url: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What a build ended with: a stored file (its key and name, rows, seconds taken) or a failure."""

    status: str  # "DONE" | "FAILED"
    sub_status: str | None = None
    rows: int = 0
    seconds: float = 0.0
    file_key: str | None = None
    file_name: str | None = None


async def read_ahead(chunks: AsyncGenerator[T, None]) -> AsyncGenerator[T, None]:
    """Each chunk, while the next one is already being read: the database (its own thread with SQLite,
    its own process with PostgreSQL) reads the next chunk while the file writer works on this one."""
    pending = asyncio.ensure_future(anext(chunks, None))
    try:
        while (chunk := await pending) is not None:
            pending = asyncio.ensure_future(anext(chunks, None))
            await asyncio.sleep(0)  # let the read start before the writer takes the loop
            yield chunk
    finally:
        # Stopped early (too large, shutting down): the connection must be idle before it is released.
        if not pending.done():
            pending.cancel()
        await asyncio.gather(pending, return_exceptions=True)
        await chunks.aclose()


class Stopped(Exception):
    """The build was asked to stop (its worker is shutting down); the job goes back to the queue."""


def scratch_dir(storage_root: str, report_id: str) -> Path:
    """Where the builds of a job write before the file is stored. Each attempt clears what earlier
    (killed) attempts left, and writes in a folder of its own inside."""
    return Path(storage_root) / ".scratch" / report_id


def build(job: Job) -> Outcome:
    """Entry point in a worker process of the embedded runner (embedded_runner.py)."""
    return asyncio.run(build_async(job))


async def build_async(job: Job, should_stop: Callable[[], bool] = lambda: False) -> Outcome:
    """Build the job's file in scratch space and store it. `should_stop` is asked after each chunk;
    when it answers True the build raises Stopped. Data problems (missing resources, no rows, too
    many rows) are FAILED outcomes; other errors propagate."""
    job_scratch = scratch_dir(job.storage_root, job.report_id)
    shutil.rmtree(job_scratch, ignore_errors=True)
    scratch = job_scratch / uuid.uuid4().hex
    scratch.mkdir(parents=True)
    try:
        return await _build(job, scratch, should_stop)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        with contextlib.suppress(OSError):  # another attempt is writing there
            job_scratch.rmdir()


async def _build(job: Job, scratch: Path, should_stop: Callable[[], bool]) -> Outcome:
    engine = make_engine(job.database_url)
    started = time.perf_counter()
    try:
        async with engine.connect() as connection:
            try:
                plan = await plan_report(connection, job.kind, job.params)
            except MissingResources:
                return Outcome("FAILED", "RESOURCE_NOT_FOUND")
            definition = sheet(plan.sheet)
            name = file_name(definition, job.format)
            path = scratch / name
            writer = WRITERS[job.format](definition, path, job.max_rows)
            try:
                async with aclosing(read_ahead(plan.chunks(connection, CHUNK))) as chunks:
                    async for chunk in chunks:
                        writer.write(chunk)
                        failpoint("report.chunk")
                        if should_stop():
                            raise Stopped(job.report_id)
            except BaseException:
                writer.abort()
                raise
            # Finishing the file and storing it take seconds on big reports: off the event loop,
            # where the lease heartbeat runs.
            await asyncio.to_thread(writer.close)
            if writer.count == 0:
                return Outcome("FAILED", "NO_DATA", seconds=time.perf_counter() - started)
            key = f"reports/{job.report_id}/{name}"
            storage = _storage(job.storage_url, job.storage_root, job.s3_endpoint_url)
            await asyncio.to_thread(storage.put, key, path)
            return Outcome("DONE", None, writer.count, time.perf_counter() - started, key, name)
    except TooLarge:
        return Outcome("FAILED", "TOO_LARGE", seconds=time.perf_counter() - started)
    finally:
        await engine.dispose()


@functools.cache
def _storage(storage_url: str | None, storage_root: str, s3_endpoint_url: str | None) -> Storage:
    """Where the builds of this process store their files, made once: an S3 client takes tens of
    milliseconds to make (and its first one, the import of boto3, far more)."""
    return make_storage(storage_url, Path(storage_root), s3_endpoint_url)


# A value of each column type of sheets.toml, for the one-row files of `warm_up`.
SAMPLE_VALUES = {"string": "x", "integer": 1, "number": 1.5}


def warm_up(database_url: str, storage_url: str | None, storage_root: str, s3_endpoint_url: str | None) -> None:
    """Do once, in a new worker process before its first job, what its first build would otherwise do on
    the way: read sheets.toml, import the database driver, configure the ORM mappers and compile every
    report's statement, write a one-row file in each format, and make the storage (S3: its client). The
    process's first report then takes about as long as the ones after it.

    Touches no data: it does not connect to the database, and its files go to a temporary folder. A
    failure is logged, never raised (this runs as the process pool's initializer, where an exception
    would break the pool); the build that needs what failed does it again, and reports it."""
    started = time.perf_counter()
    try:
        engine = make_engine(database_url)  # imports the driver; no connection is made
        for plan in sample_plans():
            str(plan.query.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
        with tempfile.TemporaryDirectory(prefix="market-api-warm-up-") as folder:
            for report_format in WRITERS:
                _sample_file(sheet("goods_feedback"), report_format, Path(folder))
        _storage(storage_url, storage_root, s3_endpoint_url)
    except Exception:
        log.warning("report worker warm-up failed (its first build will be slower)", exc_info=True)
        return
    log.debug("report worker warmed up in %.0f ms", (time.perf_counter() - started) * 1000)


def _sample_file(definition: Sheet, report_format: str, folder: Path) -> None:
    """A one-row file of the sheet in the format, written in `folder` as a build writes it."""
    writer = WRITERS[report_format](definition, folder / f"{report_format}-{file_name(definition, report_format)}", 1)
    try:
        writer.write([tuple(SAMPLE_VALUES[column.type] for column in definition.columns)])
    except BaseException:
        writer.abort()
        raise
    writer.close()
