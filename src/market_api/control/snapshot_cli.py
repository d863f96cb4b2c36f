"""`market-api snapshot save|restore` and `market-api reset`."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from market_api.control.reset import ResetDone, reset_data, template_dir
from market_api.control.snapshots import SnapshotError, read_header, restore_snapshot, save_snapshot
from market_api.platform.clock import Clock, moscow_iso
from market_api.platform.commands import (
    JsonFlag,
    emit,
    fail,
    progress_bar,
    require_migrated,
    run_in_session,
    settings_of,
)
from market_api.platform.config import Settings
from market_api.platform.database import make_engine
from market_api.platform.validation import INT64_MAX

T = TypeVar("T")

snapshot = typer.Typer(rich_markup_mode=None, no_args_is_help=True,
                       help="The whole state in one file: save and restore.")

FileArgument = Annotated[Path, typer.Argument(help="The snapshot file (gzip'd NDJSON, e.g. state.snapshot.gz).")]


def _run(settings: Settings, work: Callable[[AsyncEngine], Awaitable[T]]) -> T:
    """Run ``work(engine)`` on the settings' database (which must be migrated); a SnapshotError ends the
    command with its message, exit 2."""
    require_migrated(settings)

    async def main() -> T:
        engine = make_engine(settings.effective_database_url)
        try:
            return await work(engine)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(main())
    except SnapshotError as exc:
        fail(str(exc))


@snapshot.command("save")
def save(ctx: typer.Context, file: FileArgument, as_json: JsonFlag = False) -> None:
    """Save the whole state to FILE (gzip'd NDJSON), from one consistent read.

    Accounts, catalogue, reviews and their feed order, quality facts and ratings, report metadata and the
    clock; admin tokens, signing keys, fault rules and the request log are not part of it."""
    settings = settings_of(ctx)
    started = time.perf_counter()
    with ExitStack() as bars:  # the bar appears once the rows are counted
        header = _run(settings, lambda engine: save_snapshot(
            engine, file, lambda total: bars.enter_context(progress_bar("saving rows", total))))
    seconds = time.perf_counter() - started
    emit({"file": str(file), "rows": header.rows, "bytes": file.stat().st_size, "revision": header.revision,
          "clock": {"real": header.clock_offset is None, "now": moscow_iso(header.clock_now)},
          "seconds": round(seconds, 3)}, as_json,
         f"saved {header.rows} rows of {len(header.tables)} tables to {file} in {seconds:.1f} s")


@snapshot.command("restore")
def restore(ctx: typer.Context, file: FileArgument, as_json: JsonFlag = False) -> None:
    """Replace the whole state with the snapshot in FILE, all or nothing, for every running process.

    The clock shows again what it showed at the save. A file of another schema revision, not a snapshot,
    or cut short is refused (exit 2) and nothing changes."""
    settings = settings_of(ctx)
    try:
        header = read_header(file)
    except SnapshotError as exc:
        fail(str(exc))
    started = time.perf_counter()
    with progress_bar("restoring rows, then rendering reviews", header.restore_steps) as advance:
        restored = _run(settings, lambda engine: restore_snapshot(engine, file, advance))
    seconds = time.perf_counter() - started
    emit({"file": str(file), **restored.as_json(seconds)}, as_json,
         f"restored {header.rows} rows from {file} in {seconds:.1f} s (data generation {restored.generation})")


def reset(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", help="demo: the demo data set; empty: no data at all.")],
    seed_number: Annotated[int, typer.Option("--seed", min=0, max=INT64_MAX, help="Seed of the demo data.")] = 1,
    as_json: JsonFlag = False,
) -> None:
    """Return the data to the demo set or to empty, for every running process, without a restart.

    Admin tokens and signing keys stay; fault rules, limit counters and the request log are cleared; the
    clock returns to real time."""
    settings = settings_of(ctx)

    async def work(session: AsyncSession, clock: Clock) -> ResetDone:
        assert isinstance(session.bind, AsyncEngine)  # run_in_session's sessions are bound to the engine
        return await reset_data(session.bind, clock, to, seed_number, template_dir(settings.data_dir))

    done = run_in_session(settings, work)
    emit(done.as_json(), as_json, f"reset to {done.to} in {done.seconds:.2f} s (data generation {done.generation})")
