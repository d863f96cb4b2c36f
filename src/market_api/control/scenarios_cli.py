"""`market-api load FILE.yaml`: scenario files."""

from __future__ import annotations

import typer


def load(ctx: typer.Context) -> None:
    """Load a scenario file: the fixture a client's test suite starts from."""
