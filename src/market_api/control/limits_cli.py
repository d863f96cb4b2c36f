"""`market-api limits clear`: start new rate-limit counters for a business or a store."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.control.limits import clear_limits
from market_api.platform.clock import Clock
from market_api.platform.commands import JsonFlag, emit, run_in_session, settings_of
from market_api.platform.validation import INT64_MAX

limits = typer.Typer(rich_markup_mode=None, help="Rate-limit counters.", no_args_is_help=True)
_ID = {"min": 1, "max": INT64_MAX}


@limits.command("clear")
def clear(
    ctx: typer.Context,
    business_id: Annotated[int | None, typer.Option(
        help="Clear the business's windows, its stores' and its tokens' parallel slots.", **_ID)] = None,
    campaign_id: Annotated[int | None, typer.Option(help="Clear the store's windows.", **_ID)] = None,
    as_json: JsonFlag = False,
) -> None:
    """Clear rate-limit counters in every running process (give --business-id or --campaign-id)."""

    async def work(session: AsyncSession, _clock: Clock) -> list[str]:
        return await clear_limits(session, business_id, campaign_id)

    cleared = run_in_session(settings_of(ctx), work)
    emit({"cleared": cleared}, as_json, "cleared: " + ", ".join(cleared))
