"""Admin API of rate-limit counters: DELETE /admin/limits."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import Field
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.control.limits import clear_limits
from market_api.platform.responses import ok
from market_api.platform.runtime import db_session, runtime
from market_api.platform.validation import INT64_MAX, IntParam

router = APIRouter(prefix="/admin", tags=["admin: control"])

QueryId = Annotated[IntParam, Field(ge=1, le=INT64_MAX)] | None


@router.delete("/limits", response_model=None)
async def delete_limits(
    request: Request, business_id: QueryId = Query(default=None, alias="businessId"),
    campaign_id: QueryId = Query(default=None, alias="campaignId"), session: AsyncSession = Depends(db_session),
) -> dict:
    """DELETE /admin/limits?businessId=N (or ?campaignId=N): clear the rate-limit windows counted on the
    business (and its stores) and its tokens' parallel slots, or the store's windows, in every process.
    ``{"cleared": ["b:N"]}``; 400 without exactly one of them, 404 for an unknown one."""
    cleared = await clear_limits(session, business_id, campaign_id)
    await runtime(request).shared.refresh(force=True)
    return ok({"cleared": cleared})
