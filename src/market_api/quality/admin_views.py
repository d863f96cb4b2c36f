"""Admin API of the quality domain: order and supply facts, recomputation."""

from __future__ import annotations

from fastapi import APIRouter, Body, Depends, Path, Request
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import Campaign
from market_api.platform.clock import today
from market_api.platform.errors import ApiError
from market_api.platform.imports import LineErrors, validate_items
from market_api.platform.responses import ok
from market_api.platform.runtime import db_session, runtime
from market_api.platform.validation import Day
from market_api.quality import service
from market_api.quality.facts import FACTS, load_facts

router = APIRouter(prefix="/admin", tags=["admin: quality"])


class RecomputeIn(BaseModel):
    """Days to recompute (default: today, both ends), YYYY-MM-DD from 2000-01-01 up to 2099-12-31, at most
    service.MAX_RECOMPUTE_DAYS days from the first to the last."""

    dateFrom: Day | None = None
    dateTo: Day | None = None


_TODAY = RecomputeIn()


@router.post("/quality/recompute")
async def recompute(request: Request, body: RecomputeIn = Body(default=_TODAY),
                    session: AsyncSession = Depends(db_session)) -> dict:
    """POST /admin/quality/recompute: recompute every store's quality index for the days given (Moscow
    days; no body: today); ``{"ratingsWritten": N}``. 400 for a day outside 2000-01-01..2099-12-31,
    ``dateFrom`` after ``dateTo``, or more than service.MAX_RECOMPUTE_DAYS days."""
    on = today(runtime(request).clock)
    first, last = body.dateFrom or on, body.dateTo or on
    service.check_recompute_range(first, last, "dateFrom", "dateTo")
    campaigns = (await session.scalars(select(Campaign.id))).all()
    written = await service.recompute(session, campaigns, first, last)
    await session.commit()
    return ok({"ratingsWritten": written})


@router.post("/quality/{kind}")
async def load(
    request: Request, kind: str = Path(pattern="^(orders|supplies)$"), items: list[dict] = Body(),
    session: AsyncSession = Depends(db_session),
) -> dict:
    """POST /admin/quality/{orders|supplies}: load a JSON array of order or supply facts, all or none, and
    recompute the days they affect; 400 with one entry per problem (``line N: ...``, from 1), otherwise
    ``{"loaded": N, "ratingsWritten": M}``."""
    model = FACTS[kind][0]
    assert issubclass(model, BaseModel)  # FACTS mixes models and tables: mypy loses the model's type
    parsed = validate_items(items, model)
    if parsed.errors:
        raise ApiError(400, parsed.errors)
    try:
        written = await load_facts(session, runtime(request).clock, kind, parsed.records)
    except LineErrors as problems:
        raise ApiError(400, problems.errors) from None
    await session.commit()
    return ok({"loaded": len(parsed.records), "ratingsWritten": written})
