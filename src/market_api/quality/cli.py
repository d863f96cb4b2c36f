"""CLI of the quality index: load order and supply facts, recompute stored ratings."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from pydantic_core import PydanticCustomError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import Campaign
from market_api.platform.clock import Clock, today
from market_api.platform.commands import (
    Advance,
    JsonFlag,
    console,
    fail,
    import_file,
    progress_bar,
    run_in_session,
    settings_of,
)
from market_api.platform.validation import check_day_range, date_message, parse_iso_date
from market_api.quality import service
from market_api.quality.facts import FACTS, FactIn, load_facts

quality = typer.Typer(rich_markup_mode=None, help="The store quality index.", no_args_is_help=True)


@quality.command("import")
def import_facts(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="What the file holds: orders | supplies.")],
    path: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, help="NDJSON, or CSV with a header line (by extension).")],
    as_json: JsonFlag = False,
) -> None:
    """Import facts and recompute the days they affect; one bad line imports nothing."""
    if kind not in FACTS:
        raise typer.BadParameter("expected orders or supplies", param_hint="KIND")

    async def load(session: AsyncSession, clock: Clock, records: list[tuple[int, FactIn]],
                   advance: Advance) -> dict[str, int]:
        return {"ratingsWritten": await load_facts(session, clock, kind, records, advance)}

    import_file(settings_of(ctx), path, FACTS[kind][0], load, kind, as_json,
                {"ratingsWritten": "daily ratings recomputed"})


@quality.command("recompute")
def recompute(
    ctx: typer.Context,
    date_from: Annotated[str | None, typer.Option(
        "--from", help="First day, YYYY-MM-DD (default: today, Moscow time).")] = None,
    date_to: Annotated[str | None, typer.Option(
        "--to", help="Last day, YYYY-MM-DD (default: today, Moscow time).")] = None,
) -> None:
    """Recompute every store's stored index for the given days."""
    first_asked, last_asked = _day("--from", date_from), _day("--to", date_to)

    async def work(session: AsyncSession, clock: Clock) -> int:
        day = today(clock)
        first, last = first_asked or day, last_asked or day
        service.check_recompute_range(first, last, "--from", "--to")
        campaigns = (await session.scalars(select(Campaign.id))).all()
        bar.set_total(len(campaigns))
        return await service.recompute(session, campaigns, first, last, bar)

    with progress_bar("recomputing stores", total=None, eager=False) as bar:
        written = run_in_session(settings_of(ctx), work)
    console.print(f"{written} daily ratings stored")


def _day(option: str, value: str | None) -> date | None:
    """A day given on the command line, checked as every date is (platform.validation.IsoDate)."""
    if value is None:
        return None
    try:
        return check_day_range(parse_iso_date(value))
    except PydanticCustomError as error:
        fail(date_message(option, value) if error.type == "iso_date" else f"Value of {option} ({value}) {error}")
