"""POST /businesses/{businessId}/ratings/quality — the stores' quality index per day, oldest first
(seed 004) — and POST /campaigns/{campaignId}/ratings/quality/details, the orders that lower a store's
index of today (discovery.md)."""

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


class DetailsParams(BaseModel):
    """Path of getQualityRatingDetails."""

    campaign_id: IntParam = Field(alias="campaignId", ge=1, le=INT64_MAX)


async def details_resources(call: Call[DetailsParams, None]) -> Resources:
    """The call names one store (404 unknown, 403 foreign or switched off); counted per store."""
    return Resources(campaign_ids=(call.params.campaign_id,))


def order_id(number: str) -> int | None:
    """An order number as the contract's orderId (an int64 ≥ 0), or None for one that is not written in
    decimal digits within that range."""
    if not (number.isascii() and number.isdigit()) or len(number) > 19 or int(number) > INT64_MAX:
        return None
    return int(number)


async def quality_details(call: Call[DetailsParams, None]) -> Response:
    """getQualityRatingDetails: ``{"status": "OK", "result": {"affectedOrders": [{"orderId", "componentType",
    "description"}]}}`` — the orders counted by the store's index of today that are bad for a component
    (`service.affected_orders`); orders whose number is not an integer cannot be named and are left out."""
    async with call.runtime.sessions() as session:
        found = await service.affected_orders(session, call.campaign.id, call.campaign.placement,
                                              today(call.runtime.clock))
    return json_ok({"affectedOrders": [
        {"orderId": number, "componentType": order.component, "description": order.description}
        for order in found if (number := order_id(order.number)) is not None]})
