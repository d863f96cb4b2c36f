"""POST /businesses/{businessId}/ratings/quality — the stores' quality index per day, oldest first
(seed 004)."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.responses import Response

from market_api.access.operations import Call, Resources
from market_api.platform.clock import today
from market_api.platform.errors import ApiError
from market_api.platform.responses import json_ok
from market_api.platform.validation import INT64_MAX, Id64, IntParam, IsoDate
from market_api.quality import formula, service


class QualityParams(BaseModel):
    """Path of getQualityRatings."""

    business_id: IntParam = Field(alias="businessId", ge=1, le=INT64_MAX)


class QualityRequest(BaseModel):
    """Body of getQualityRatings: up to 50 stores of the business, and the days (default: the last 30)."""

    model_config = ConfigDict(extra="ignore")

    campaignIds: list[Id64] = Field(min_length=1, max_length=50)
    dateFrom: IsoDate | None = None
    dateTo: IsoDate | None = None

    @field_validator("campaignIds")
    @classmethod
    def _unique_ids(cls, values: list[int]) -> list[int]:
        if len(set(values)) != len(values):
            raise ValueError("Collection of campaignIds must contain unique items")
        return values


def period(body: QualityRequest, on: date) -> tuple[date, date]:
    """The asked days (first, last); by default the whole window the method allows, 30 days before `on`
    (today) to `on`. Raises 400 with a message per problem for days outside it or in the wrong order."""
    earliest = on - timedelta(days=formula.HISTORY_DAYS)
    first = body.dateFrom or earliest
    last = body.dateTo or on
    problems = []
    if first < earliest:
        problems.append(f"Value of dateFrom ({first}) must be greater than or equal to {earliest}")
    if last > on:
        problems.append(f"Value of dateTo ({last}) must be less than or equal to {on}")
    if first > last:
        problems.append(f"Value of dateFrom ({first}) must be less than or equal to dateTo ({last})")
    if problems:
        raise ApiError(400, problems)
    return first, last


async def quality_resources(call: Call[QualityParams, QualityRequest]) -> Resources:
    """The call names a business and some of its stores; its days must lie in the allowed window."""
    period(call.body, today(call.runtime.clock))
    return Resources(business_id=call.params.business_id, campaign_ids=tuple(call.body.campaignIds))


async def quality_ratings(call: Call[QualityParams, QualityRequest]) -> Response:
    """getQualityRatings: ``{"campaignRatings": [{"campaignId", "ratings": [{"rating", "calculationDate",
    "components"}]}]}``, stores in the order asked, days oldest first."""
    first, last = period(call.body, today(call.runtime.clock))
    async with call.runtime.sessions() as session:
        stored = await service.ratings(session, call.body.campaignIds, first, last)
    return json_ok({"campaignRatings": [{"campaignId": campaign_id, "ratings": [{
        "rating": row.rating, "calculationDate": row.calculation_date.isoformat(),
        "components": [{"componentType": kind, "value": value} for kind, value in row.components.items()],
    } for row in stored[campaign_id]]} for campaign_id in call.body.campaignIds]})
