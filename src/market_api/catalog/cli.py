"""CLI of the catalogue: load categories, warehouses, offers, placements, stock and program data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Annotated, cast

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.catalog.schemas import RECORDS
from market_api.catalog.service import LOADERS
from market_api.platform.clock import Clock
from market_api.platform.commands import Advance, JsonFlag, import_file, settings_of
from market_api.platform.schemas import CamelModel

# What a loader of LOADERS is called as: each takes the records of its own kind, the model RECORDS pairs it with.
_Loader = Callable[[AsyncSession, Sequence[tuple[int, CamelModel]], Advance], Awaitable[int]]

catalog = typer.Typer(rich_markup_mode=None, no_args_is_help=True,
                      help="The sellers' catalogue: categories, warehouses, offers, stock, programs.")


@catalog.command("import")
def import_records(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help=f"What the file holds: {' | '.join(RECORDS)}.")],
    path: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, help="NDJSON, or CSV with a header line (by extension).")],
    as_json: JsonFlag = False,
) -> None:
    """Import records; every line is checked first, and one bad line imports nothing."""
    if kind not in RECORDS:
        raise typer.BadParameter(f"expected one of {', '.join(RECORDS)}", param_hint="KIND")

    async def load(session: AsyncSession, _clock: Clock, records: list[tuple[int, CamelModel]],
                   advance: Advance) -> dict[str, int]:
        # LOADERS mixes loaders of different record types, which mypy joins into an uncallable type.
        await cast(_Loader, LOADERS[kind])(session, records, advance)
        return {}

    import_file(settings_of(ctx), path, RECORDS[kind], load, kind, as_json)
