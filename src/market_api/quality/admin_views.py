"""Admin API of the quality domain (order and supply facts, recomputation) and of the service clock."""

from __future__ import annotations

from datetime import date, datetime, timezone

from fastapi import APIRouter, Body, Depends, Path, Request
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import Campaign
from market_api.platform.imports import LineErrors
from market_api.platform.auth import require_admin
from market_api.platform.errors import ApiError
from market_api.platform.responses import ok
from market_api.platform.runtime import db_session, runtime
from market_api.platform.imports import validate_items
from market_api.platform.clock import today
from market_api.quality import service
from market_api.quality.facts import FACTS, load_facts

router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)], tags=["admin: quality"])


class RecomputeIn(BaseModel):
    dateFrom: date | None = None
    dateTo: date | None = None


@router.post("/quality/recompute")
async def recompute(request: Request, body: RecomputeIn = Body(default=RecomputeIn()),
                    session: AsyncSession = Depends(db_session)) -> dict:
    today = today(runtime(request).clock)
    campaigns = (await session.scalars(select(Campaign.id))).all()
    written = await service.recompute(session, campaigns, body.dateFrom or today, body.dateTo or today)
    await session.commit()
    return ok({"ratingsWritten": written})


@router.post("/quality/{kind}")
async def load(
    request: Request, kind: str = Path(pattern="^(orders|supplies)$"), items: list[dict] = Body(),
    session: AsyncSession = Depends(db_session),
) -> dict:
    parsed = validate_items(items, FACTS[kind][0])
    if parsed.errors:
        raise ApiError(400, parsed.errors)
    try:
        written = await load_facts(session, runtime(request).clock, kind, parsed.records)
    except LineErrors as problems:
        raise ApiError(400, problems.errors) from None
    await session.commit()
    return ok({"loaded": len(parsed.records), "ratingsWritten": written})


class ClockIn(BaseModel):
    now: datetime | None = None


@router.put("/clock")
async def set_clock(request: Request, body: ClockIn) -> dict:
    """Move the service clock (null: back to real time). It is this process's clock."""
    clock = runtime(request).clock
    if body.now is None:
        clock.reset()
    elif body.now.tzinfo is None:
        raise ApiError(400, "Value of now must carry a time zone offset")
    else:
        clock.set(body.now)
    return ok({"now": clock.now().astimezone(timezone.utc).isoformat()})


@router.get("/clock")
async def get_clock(request: Request) -> dict:
    return ok({"now": runtime(request).clock.now().astimezone(timezone.utc).isoformat()})
