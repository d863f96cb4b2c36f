"""POST /businesses/{businessId}/ratings/quality — the stores' index per day, oldest first."""

from __future__ import annotations

import re
from datetime import date, timedelta

from fastapi import APIRouter, Body, Depends, Path, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from market_api.platform.auth import Caller, operation
from market_api.platform.errors import ApiError
from market_api.platform.responses import json_ok
from market_api.platform.validation import INT64_MAX
from market_api.platform.clock import today
from market_api.quality import formula, service

router = APIRouter(tags=["quality"])
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class QualityRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    campaignIds: list[int] = Field(min_length=1, max_length=50)
    dateFrom: str | None = None
    dateTo: str | None = None

    @field_validator("campaignIds")
    @classmethod
    def _checked_ids(cls, values: list[int]) -> list[int]:
        for index, value in enumerate(values):
            if not 1 <= value <= INT64_MAX:
                raise ValueError(f"Value of campaignIds[{index}] ({value}) must be greater than or equal to 1")
        if len(set(values)) != len(values):
            raise ValueError("Collection of campaignIds must contain unique items")
        return values


def _date(name: str, raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        if _DATE.fullmatch(raw):
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise ApiError(400, f"Value of {name} ({raw}) must match the pattern: 'YYYY-MM-DD'")


def period(body: QualityRequest, today: date) -> tuple[date, date]:
    """The asked days; by default the whole window the method allows (30 days before today to today)."""
    earliest = today - timedelta(days=formula.HISTORY_DAYS)
    first = _date("dateFrom", body.dateFrom) or earliest
    last = _date("dateTo", body.dateTo) or today
    problems = []
    if first < earliest:
        problems.append(f"Value of dateFrom ({first}) must be greater than or equal to {earliest}")
    if last > today:
        problems.append(f"Value of dateTo ({last}) must be less than or equal to {today}")
    if first > last:
        problems.append(f"Value of dateFrom ({first}) must be less than or equal to dateTo ({last})")
    if problems:
        raise ApiError(400, problems)
    return first, last


async def quality_ratings(
    business_id: int = Path(alias="businessId", ge=1, le=INT64_MAX),
    body: QualityRequest = Body(),
    caller: Caller = Depends(operation("getQualityRatings")),
) -> Response:
    first, last = period(body, today(caller.runtime.clock))
    business = await caller.business(business_id, charge=False)
    for campaign_id in body.campaignIds:
        campaign = await caller.campaign(campaign_id, charge=False)
        if campaign.business_id != business.id:
            raise ApiError(403, "Access denied")
    await caller.charge(business)
    stored = await service.ratings(caller.session, body.campaignIds, first, last)
    return json_ok({"campaignRatings": [{"campaignId": campaign_id, "ratings": [{
        "rating": row.rating, "calculationDate": row.calculation_date.isoformat(),
        "components": [{"componentType": kind, "value": value} for kind, value in row.components.items()],
    } for row in stored[campaign_id]]} for campaign_id in body.campaignIds]})


for _prefix in ("", "/v2"):
    router.add_api_route(f"{_prefix}/businesses/{{businessId}}/ratings/quality", quality_ratings, methods=["POST"])
