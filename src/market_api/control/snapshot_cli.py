"""`market-api snapshot save|restore` and `market-api reset`."""

from __future__ import annotations

import typer

snapshot = typer.Typer(help="The whole state in one file: save and restore.", no_args_is_help=True)


def reset(ctx: typer.Context) -> None:
    """Return the data to the demo set or to empty, without a restart."""
