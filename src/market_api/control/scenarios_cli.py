"""`market-api load FILE.yaml`: scenario files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from market_api.control.scenarios import Loaded, ScenarioErrors, load_scenario, read_scenario, shipped_schema_text
from market_api.platform.commands import JsonFlag, console, emit, fail, run_in_session, settings_of


def _summary(path: Path, loaded: Loaded) -> str:
    parts = [f"{count} {kind}" for kind, count in loaded.counts.items() if count]
    if loaded.ratings_written:
        parts.append(f"{loaded.ratings_written} daily index values computed")
    clock = loaded.as_json()["clock"]
    return f"loaded {path.name}: {', '.join(parts) or 'nothing'}" + (f"; the clock is {clock}" if clock else "")


def load(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(
        metavar="FILE", dir_okay=False,
        help="The scenario: YAML (or JSON), as `market-api load --schema` describes.")] = None,
    as_json: JsonFlag = False,
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of scenario files and exit.")] = False,
) -> None:
    """Load a scenario file: the fixture a client's test suite starts from. All or nothing: every problem is
    printed with its place in the file (campaigns[2].placement: ...) and nothing is loaded (exit 2).
    Records are upserted by their natural keys, so loading a file twice gives the same state; the clock
    of every process moves to the scenario's."""
    if schema:
        typer.echo(shipped_schema_text(), nl=False)
        return
    if file is None:
        fail("give the scenario FILE to load (or --schema to print its format)")
    try:
        source = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        fail(f"{file} does not exist")
    except UnicodeDecodeError as undecodable:
        fail(f"{file.name} is not UTF-8 text (byte {undecodable.start} cannot be read)")
    except OSError as exc:
        fail(f"{file} cannot be read: {exc.strerror}")
    try:
        scenario = read_scenario(source)
        loaded = run_in_session(settings_of(ctx), lambda session, clock: load_scenario(session, clock, scenario))
    except ScenarioErrors as problems:
        for error in problems.errors:
            console.print(error, style="red", markup=False, highlight=False, soft_wrap=True)
        console.print(f"{len(problems.errors)} problem(s) in {file.name}; nothing was loaded")
        if as_json:
            emit({"loaded": {}, "errors": problems.errors}, True)
        raise typer.Exit(2) from None
    emit(loaded.as_json(), as_json, _summary(file, loaded))
