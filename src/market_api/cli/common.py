"""What every CLI command shares: settings from flags, a migrated database session, output."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.platform.clock import Clock, SystemClock
from market_api.platform.config import Settings
from market_api.platform.database import make_engine, make_sessionmaker
from market_api.platform.errors import ApiError
from market_api.platform.migrate import upgrade

T = TypeVar("T")
console = Console(stderr=True)


def settings_of(ctx: typer.Context) -> Settings:
    return ctx.ensure_object(dict)["settings"]


def prepare_data_dir(settings: Settings) -> None:
    if settings.database_url is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)


def run_in_session(settings: Settings, work: Callable[[AsyncSession, Clock], Awaitable[T]]) -> T:
    """Migrate, run `work` in one transaction, commit. An ApiError ends the command with its message."""

    async def main() -> T:
        prepare_data_dir(settings)
        engine = make_engine(settings.effective_database_url)
        try:
            await upgrade(engine)
            async with make_sessionmaker(engine)() as session:
                result = await work(session, SystemClock())
                await session.commit()
                return result
        finally:
            await engine.dispose()

    try:
        return asyncio.run(main())
    except ApiError as exc:
        console.print(f"[red]error:[/red] {exc.message}")
        raise typer.Exit(2) from None
    except ValueError as exc:  # a value the command does not know, e.g. --placement FBX
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def emit(data: Any, as_json: bool, text: str | None = None) -> None:
    """Print JSON for scripts (stdout) or a human line."""
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        typer.echo(text if text is not None else json.dumps(data, ensure_ascii=False, indent=2))


@contextmanager
def progress_bar(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for long work; yields the callback that moves it forward."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task(description, total=total)
        yield lambda count: bar.advance(task, count)
