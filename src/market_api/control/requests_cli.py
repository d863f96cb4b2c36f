"""`market-api requests tail`: the request log."""

from __future__ import annotations

import typer

requests = typer.Typer(help="The request log of the Partner API.", no_args_is_help=True)
