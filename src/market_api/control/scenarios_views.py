"""Admin API of the control plane: scenarios (POST /admin/scenarios)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.control.scenarios import ScenarioErrors, load_scenario, parse_scenario
from market_api.platform.clock import SettableClock
from market_api.platform.errors import ApiError
from market_api.platform.responses import ok
from market_api.platform.runtime import db_session, runtime

router = APIRouter(prefix="/admin", tags=["admin: control"])


@router.post("/scenarios", response_model=None)
async def post_scenario(
    request: Request, document: dict[str, Any] = Body(), session: AsyncSession = Depends(db_session),
) -> dict:
    """POST /admin/scenarios: load a scenario (the JSON form of a scenario file, `market-api load --schema`),
    all or nothing; every record is upserted by its natural key, so loading it twice gives the same state.
    ``{"loaded": {"businesses": N, ...}, "ratingsWritten": N, "clock": "<ISO 8601>" | null}``; 400 with
    one entry per problem, each naming its place (``campaigns[2].placement: ...``), and nothing loaded."""
    rt = runtime(request)
    try:
        scenario = parse_scenario(document)
        loaded = await load_scenario(session, rt.clock, scenario)
    except ScenarioErrors as problems:
        raise ApiError(400, problems.errors) from None
    await session.commit()
    if scenario.clock is not None and isinstance(rt.clock, SettableClock):
        rt.clock.set(scenario.clock)  # this process at once; the others through the shared state
    await rt.shared.refresh(force=True)
    return ok(loaded.as_json())
