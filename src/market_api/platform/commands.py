"""What every `market-api` command shares: settings from the flags, a session on a migrated database,
output for people and for scripts, progress bars, and the one import-file flow.

Domain CLI modules build their command groups from these; `market_api.cli.main` puts the groups together.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from market_api.platform.clock import Clock, clock_from
from market_api.platform.config import Settings
from market_api.platform.database import make_engine, make_sessionmaker
from market_api.platform.errors import ApiError
from market_api.platform.imports import LineErrors, parse_file
from market_api.platform.migrate import database_revision, head_revision, upgrade
from market_api.platform.shared_state import apply_clock, read_state
from market_api.platform.validation import describe_validation_error

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
Advance = Callable[[int], None]

console = Console(stderr=True, soft_wrap=True)
"""Where people read: progress, messages, errors (stdout is for what a command prints as its result). Lines
are never wrapped: what they name (ids, paths, commands) can be copied whole from a terminal or a log."""

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
"""The `--json` option of every command that prints a result."""

NOT_MIGRATED = "the database is not migrated; run: market-api migrate"


def settings_from(overrides: dict[str, Any]) -> Settings:
    """The settings: MARKET_API_* variables, overridden by `overrides` (the global flags). A value that is
    not a setting's ends the command with one line per problem, naming the variable (exit 2)."""
    try:
        return Settings.model_validate(overrides)
    except ValidationError as exc:
        for error in exc.errors():
            name = f"MARKET_API_{'_'.join(str(part) for part in error['loc']).upper()}"
            console.print(f"[red]error:[/red] {escape(name)}: {escape(error['msg'].removeprefix('Value error, '))}",
                          highlight=False)
        raise typer.Exit(2) from None


def settings_of(ctx: typer.Context) -> Settings:
    """The settings the main callback built from the environment and the global flags."""
    return ctx.ensure_object(dict)["settings"]


def prepare_data_dir(settings: Settings) -> None:
    """Create the data directory when the database is the default SQLite file in it."""
    if settings.database_url is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)


def fail(message: str) -> NoReturn:
    """End the command: ``error: <message>`` on stderr, exit status 2."""
    console.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _missing_sqlite_file(url: str) -> bool:
    """A SQLite database file that does not exist yet (connecting would create it empty)."""
    parts = make_url(url)
    if parts.get_backend_name() != "sqlite" or not parts.database or parts.database == ":memory:":
        return False
    return not Path(parts.database).exists()


async def _migration_problem(engine: AsyncEngine) -> str | None:
    """What keeps the database from use by this version (not migrated, or at another migration), or None."""
    current = await database_revision(engine)
    if current is None:
        return NOT_MIGRATED
    head = head_revision()
    if current != head:
        return f"the database is at migration {current}, this version needs {head}; run: market-api migrate"
    return None


def run_in_session(
    settings: Settings, work: Callable[[AsyncSession, Clock], Awaitable[T]], migrate: bool = False
) -> T:
    """Run ``work(session, clock)`` in one transaction, commit, and return what it returned.

    `migrate`: bring the database to the latest migration first (only `migrate`, `serve` and `seed` do);
    otherwise a database that is not at the latest migration ends the command (exit 2, `NOT_MIGRATED`).
    The clock is the service's shared clock (real time, or as an integrator set it), or starts at
    MARKET_API_CLOCK_START (`Settings.clock_start`).
    An ApiError or ValueError from `work` ends the command with its message and exit 2; any other
    exception (LineErrors, say) propagates, the transaction rolled back.
    """
    if not migrate and _missing_sqlite_file(settings.effective_database_url):
        fail(NOT_MIGRATED)

    async def main() -> T:
        prepare_data_dir(settings)
        engine = make_engine(settings.effective_database_url)
        try:
            if migrate:
                await upgrade(engine)
            elif problem := await _migration_problem(engine):
                fail(problem)
            async with make_sessionmaker(engine)() as session:
                clock = clock_from(settings.clock_start)
                if settings.clock_start is None:  # the clock an integrator set for every process
                    apply_clock(clock, (await read_state(session)).clock_offset)
                result = await work(session, clock)
                await session.commit()
                return result
        finally:
            await engine.dispose()

    try:
        return asyncio.run(main())
    except ApiError as exc:
        fail(exc.message)
    except ValueError as exc:  # a value the command does not know, e.g. --placement FBX
        fail(str(exc))
    except (DBAPIError, OSError) as exc:  # no such database, refused, unreachable, no permission
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        fail(f"cannot use the database {make_url(settings.effective_database_url).render_as_string()}: {reason}")


def require_migrated(settings: Settings) -> None:
    """End the command (exit 2) unless the database is at the latest migration: for commands that work
    on the database outside `run_in_session` (the report worker)."""

    async def noop(_session: AsyncSession, _clock: Clock) -> None:
        return None

    run_in_session(settings, noop)


def validated(model: type[M], **values: Any) -> M:
    """`model` built from a command's option values (Python field names): checked by the same rules, and
    on failure ended with the same messages as the admin API body (``error: Value of grade (9) ...``, exit 2)."""
    try:
        return model.model_validate({model.model_fields[name].alias or name: value for name, value in values.items()})
    except ValidationError as exc:
        for message in describe_validation_error(exc.errors()):
            console.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def emit(data: Any, as_json: bool, text: str | None = None) -> None:
    """Print a command's result on stdout: `data` as indented JSON for scripts, or the human `text`
    (JSON too when there is no text)."""
    if as_json or text is None:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        typer.echo(text)


class ProgressBar:
    """A progress bar on stderr, in the steps a command promises (reviews, lines, rows, stores): call it
    with a count of steps done. Shown from the first step, or at once when `eager`; never shown for work
    that does not happen. `set_total` gives a total found out once the work has begun."""

    COLUMNS = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())

    def __init__(self, description: str, total: int | None, eager: bool) -> None:
        self.description = description
        self.total = total
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if eager:
            self._start()

    def _start(self) -> tuple[Progress, TaskID]:
        if self._progress is None or self._task is None:
            self._progress = Progress(*self.COLUMNS, console=console, transient=False)
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=self.total)
        return self._progress, self._task

    def __call__(self, count: int) -> None:
        """Move the bar forward by `count` steps."""
        progress, task = self._start()
        progress.advance(task, count)

    def set_total(self, total: int) -> None:
        """The number of steps the work has, found out once it began."""
        self.total = total
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, total=total)

    def close(self) -> None:
        """Leave the bar as it ended (its final count stays on the screen, or in the log)."""
        if self._progress is not None:
            self._progress.stop()


@contextmanager
def progress_bar(description: str, total: int | None, eager: bool = True) -> Iterator[ProgressBar]:
    """A `ProgressBar` of `total` steps (None: found out later, `ProgressBar.set_total`) for the block;
    `eager=False` shows it only once a step is done (seeding that may find its data already there)."""
    bar = ProgressBar(description, total, eager)
    try:
        yield bar
    finally:
        bar.close()


Loader = Callable[[AsyncSession, Clock, list[tuple[int, M]], Advance], Awaitable[dict[str, int]]]


def import_file(
    settings: Settings, path: Path, model: type[M], load: Loader[M], noun: str, as_json: bool,
    labels: dict[str, str] | None = None,
) -> None:
    """The flow of every `... import` command: one bad line imports nothing.

    Reads `path` (CSV with a header line when it ends in .csv, else NDJSON; lines end at LF, a leading
    byte-order mark is skipped), checks every line against `model` (`platform.imports.parse_file`: a line
    that is not UTF-8, not JSON, nested too deep or holding a NUL is a line error too), then, when all are
    good, runs ``load(session, clock, [(line number, record)], advance)`` in one transaction; `load` returns
    extra counts for the output (e.g. ``{"ratingsWritten": 3}``, each shown as ``N <labels[key]>``) or
    raises LineErrors.
    Prints ``imported N <noun>`` (``--json``: ``{"imported": N, "errors": [], **counts}``). On problems:
    ``line N: message`` for each, then ``K problem(s) in L lines; nothing was imported`` on stderr,
    ``{"imported": 0, "errors": [...]}`` on stdout with --json, exit 2.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        fail(f"cannot read {path.name}: {exc.strerror or exc}")
    parsed = parse_file(data, model, "csv" if path.suffix.lower() == ".csv" else "ndjson")
    errors, counts = parsed.errors, {}
    read = len(parsed.records) + len({error.split(":", 1)[0] for error in errors})
    if not errors:
        with progress_bar(f"importing {noun}", total=len(parsed.records)) as advance:
            try:
                counts = run_in_session(settings, lambda s, clock: load(s, clock, parsed.records, advance))
            except LineErrors as problems:
                errors = problems.errors
    if errors:
        for error in errors:
            console.print(error, style="red", markup=False, highlight=False, soft_wrap=True)
        console.print(f"{len(errors)} problem(s) in {read} lines; nothing was imported")
        if as_json:
            emit({"imported": 0, "errors": errors}, True)
        raise typer.Exit(2)
    imported = len(parsed.records)
    text = "; ".join([f"imported {imported} {noun}", *(f"{n} {(labels or {})[key]}" for key, n in counts.items())])
    emit({"imported": imported, "errors": [], **counts}, as_json, text)
