"""CLI of the catalogue: load categories, warehouses, offers, placements, stock and program data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from market_api.catalog.schemas import RECORDS
from market_api.catalog.service import LOADERS
from market_api.platform.commands import JsonFlag, import_file, settings_of

catalog = typer.Typer(help="The sellers' catalogue: categories, warehouses, offers, stock, programs.",
                      no_args_is_help=True)


@catalog.command("import")
def import_records(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help=f"What the file holds: {' | '.join(RECORDS)}.")],
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="NDJSON, or CSV with a header line (by extension).")],
    as_json: JsonFlag = False,
) -> None:
    """Import records; every line is checked first, and one bad line imports nothing."""
    if kind not in RECORDS:
        raise typer.BadParameter(f"expected one of {', '.join(RECORDS)}", param_hint="KIND")

    async def load(session, _clock, records, advance) -> dict:
        await LOADERS[kind](session, records, advance)
        return {}

    import_file(settings_of(ctx), path, RECORDS[kind], load, kind, as_json)
