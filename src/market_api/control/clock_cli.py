"""`market-api clock show|set|real`: the service clock of every process."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.control.clock import set_clock
from market_api.platform.clock import Clock, moscow_iso
from market_api.platform.commands import JsonFlag, emit, fail, run_in_session, settings_of
from market_api.platform.shared_state import read_state

clock = typer.Typer(rich_markup_mode=None, help="The service clock, shared by every process.", no_args_is_help=True)


def _shown(now: datetime, real: bool, as_json: bool) -> None:
    emit({"now": moscow_iso(now), "real": real}, as_json, f"{moscow_iso(now)}{' (real time)' if real else ''}")


async def _state(session: AsyncSession, current: Clock) -> tuple[datetime, bool]:
    return current.now(), (await read_state(session)).clock_offset is None


@clock.command("show")
def show(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Print the service clock's time (Moscow time), as every process sees it."""
    _shown(*run_in_session(settings_of(ctx), _state), as_json)


@clock.command("set")
def set_(
    ctx: typer.Context,
    instant: Annotated[str, typer.Argument(help="ISO 8601 with offset, e.g. 2026-07-01T10:00:00+03:00.")],
    as_json: JsonFlag = False,
) -> None:
    """Move the clock of every process to INSTANT; time flows on from there."""
    try:
        moment = datetime.fromisoformat(instant)
    except ValueError:
        fail(f"Value of now ({instant}) must be an ISO 8601 instant with an offset")

    async def work(session: AsyncSession, current: Clock) -> tuple[datetime, bool]:
        await set_clock(session, current, moment)
        return current.now(), False

    _shown(*run_in_session(settings_of(ctx), work), as_json)


@clock.command("real")
def real(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Send the clock of every process back to real time."""

    async def work(session: AsyncSession, current: Clock) -> tuple[datetime, bool]:
        await set_clock(session, current, None)
        return current.now(), True

    _shown(*run_in_session(settings_of(ctx), work), as_json)
