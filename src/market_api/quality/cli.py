"""CLI of the quality index: load order and supply facts, recompute stored ratings."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import select

from market_api.accounts.models import Campaign
from market_api.platform.imports import LineErrors
from market_api.cli.common import console, emit, progress_bar, run_in_session, settings_of
from market_api.platform.imports import parse
from market_api.platform.clock import today
from market_api.quality import service
from market_api.quality.facts import FACTS, load_facts

quality = typer.Typer(help="The store quality index.", no_args_is_help=True)


@quality.command("import")
def import_facts(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="orders | supplies")],
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="NDJSON or CSV (by extension).")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Import facts and recompute the days they affect; one bad line imports nothing."""
    if kind not in FACTS:
        raise typer.BadParameter("expected orders or supplies", param_hint="KIND")
    parsed = parse(path.read_text(encoding="utf-8").splitlines(), FACTS[kind][0],
                   "csv" if path.suffix.lower() == ".csv" else "ndjson")
    errors, written = parsed.errors, 0
    if not errors:
        with progress_bar(f"importing {kind}", total=len(parsed.records)) as advance:
            try:
                written = run_in_session(settings_of(ctx), lambda s, clock: load_facts(
                    s, clock, kind, parsed.records, advance))
            except LineErrors as problems:
                errors = problems.errors
    if errors:
        for error in errors:
            console.print(f"[red]{error}[/red]", highlight=False)
        console.print(f"{len(errors)} problem(s); nothing was imported")
        if as_json:
            typer.echo(json.dumps({"imported": 0, "errors": errors}, ensure_ascii=False))
        raise typer.Exit(2)
    emit({"imported": len(parsed.records), "ratingsWritten": written}, as_json,
         f"imported {len(parsed.records)} {kind}; {written} daily ratings recomputed")


@quality.command("recompute")
def recompute(
    ctx: typer.Context,
    date_from: Annotated[datetime | None, typer.Option("--from", formats=["%Y-%m-%d"], help="First day (default: today).")] = None,
    date_to: Annotated[datetime | None, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day (default: today).")] = None,
) -> None:
    """Recompute every store's stored index for the given days."""

    async def work(session, clock) -> int:
        today = today(clock)
        first = date_from.date() if date_from else today
        last = date_to.date() if date_to else today
        campaigns = (await session.scalars(select(Campaign.id))).all()
        return await service.recompute(session, campaigns, first, last)

    with progress_bar("recomputing", total=None):
        written = run_in_session(settings_of(ctx), work)
    console.print(f"{written} daily ratings stored")
