"""`market-api faults add|list|clear`: fault rules."""

from __future__ import annotations

import typer

faults = typer.Typer(help="Fault rules: answers and delays on purpose.", no_args_is_help=True)
