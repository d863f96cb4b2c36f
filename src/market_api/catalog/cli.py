"""CLI of the catalogue: load categories, warehouses, offers, placements, stock and program data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from market_api.catalog.schemas import RECORDS
from market_api.catalog.service import LOADERS
from market_api.platform.imports import LineErrors
from market_api.cli.common import console, emit, progress_bar, run_in_session, settings_of
from market_api.platform.imports import parse

catalog = typer.Typer(help="The sellers' catalogue: categories, warehouses, offers, stock, programs.",
                      no_args_is_help=True)


@catalog.command("import")
def import_file(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help=f"One of: {', '.join(RECORDS)}")],
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="NDJSON or CSV (by extension).")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Import records; every line is checked first, and one bad line imports nothing."""
    if kind not in RECORDS:
        raise typer.BadParameter(f"expected one of {', '.join(RECORDS)}", param_hint="KIND")
    file_format = "csv" if path.suffix.lower() == ".csv" else "ndjson"
    parsed = parse(path.read_text(encoding="utf-8").splitlines(), RECORDS[kind], file_format)
    errors = parsed.errors
    if not errors:
        with progress_bar(f"importing {kind}", total=len(parsed.records)) as advance:
            try:
                run_in_session(settings_of(ctx), lambda s, _clock: LOADERS[kind](s, parsed.records, advance))
            except LineErrors as problems:
                errors = problems.errors
    if errors:
        if as_json:
            typer.echo(json.dumps({"imported": 0, "errors": errors}, ensure_ascii=False, indent=2))
        for error in errors:
            console.print(f"[red]{error}[/red]", highlight=False)
        console.print(f"{len(errors)} problem(s); nothing was imported")
        raise typer.Exit(2)
    emit({"imported": len(parsed.records), "errors": []}, as_json, f"imported {len(parsed.records)} {kind}")
