"""The accounts domain's discovery methods (discovery.md): GET /campaigns and GET /campaigns/{campaignId}
(the stores a token reaches: the first calls a client makes to find its store and business ids), GET
/campaigns/{campaignId}/settings and POST /businesses/{businessId}/settings."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from pydantic import AliasChoices, BaseModel, Field
from starlette.responses import Response

from market_api.access.operations import Call, Resources
from market_api.access.principals import forbidden
from market_api.access.resources import business_access, campaign_access
from market_api.accounts import service
from market_api.accounts.models import Business, Campaign
from market_api.accounts.placements import Placement
from market_api.feedback.regions import region_rows
from market_api.platform import spec
from market_api.platform.clock import today
from market_api.platform.errors import ApiError
from market_api.platform.responses import FastJSONResponse, json_ok
from market_api.platform.validation import INT64_MAX, IntParam

MAX_PAGE_SIZE = 100
SCHEDULE_DAYS = 30  # the period getCampaignSettings computes a store's days off for, today first
INVALID_TOKEN = "Invalid page_token: it was not issued for this request"


class CampaignsParams(BaseModel):
    """Query of getCampaigns: legacy `page` (1-based, ≤ 10000) + `pageSize` (1..100), or `pageToken`
    (alias ``page_token``) + `limit` (1..100); both sizes default to 100."""

    page: IntParam = Field(default=1, ge=1, le=10000)
    page_size: IntParam = Field(default=MAX_PAGE_SIZE, alias="pageSize", ge=1, le=MAX_PAGE_SIZE)
    page_token: str | None = Field(default=None, validation_alias=AliasChoices("pageToken", "page_token"))
    limit: IntParam | None = Field(default=None, ge=1, le=MAX_PAGE_SIZE)


class CampaignParams(BaseModel):
    """Path of getCampaign."""

    campaign_id: IntParam = Field(alias="campaignId", ge=1, le=INT64_MAX)


def campaign_dto(campaign: Campaign, version: str) -> dict[str, Any]:
    """A store as CampaignDTO of the contract `version` words it: id, domain (the store's name), clientId
    (when known), business {id, name}, placementType (an Express store is FBS) and, in the /v2/ version
    only, apiAvailability (AVAILABLE, or MANUALLY_DISABLED for a store or cabinet switched off). The
    classic version has no LAAS placement: a LaaS store shows none there."""
    placement = Placement.FBS.value if campaign.placement == Placement.EXPRESS.value else campaign.placement
    dto: dict[str, Any] = {"id": campaign.id, "domain": campaign.name}
    if campaign.client_id is not None:
        dto["clientId"] = campaign.client_id
    dto["business"] = {"id": campaign.business.id, "name": campaign.business.name}
    if version == spec.V2 or placement != Placement.LAAS.value:
        dto["placementType"] = placement
    if version == spec.V2:
        available = campaign.active and campaign.business.active
        dto["apiAvailability"] = "AVAILABLE" if available else "MANUALLY_DISABLED"
    return dto


async def campaigns_resources(call: Call[Any, Any]) -> Resources:
    """The resources of getCampaigns, which names no store: its limit is counted on the caller's lowest-id
    active business (an Api-Key's own), or for an OAuth user with single stores only, on the business of
    its lowest-id active store. A caller that reaches nothing active is refused (403). It reads only the
    caller, so methods that name no store or business (the catalogue's) count their limit the same way."""
    rt, principal = call.runtime, call.principal
    for business_id in sorted(principal.business_ids):
        business = await business_access(rt, business_id)
        if business is not None and business.active:
            return Resources(business_id=business_id)
    for campaign_id in sorted(principal.campaign_ids):
        campaign = await campaign_access(rt, campaign_id)
        if campaign is not None and campaign.active and campaign.business.active:
            return Resources(campaign_ids=(campaign_id,))
    raise forbidden()


async def get_campaigns(call: Call[CampaignsParams, Any]) -> Response:
    """getCampaigns: ``{"campaigns": [CampaignDTO], "pager": {...}}`` by page number, or on /v2/ paths
    with `pageToken` or `limit`, ``{"campaigns": [...], "paging": {"nextPageToken"?}}`` (the classic
    contract has no token paging). Stores by id: an Api-Key's business's, an OAuth user's businesses' and
    single stores, switched-off ones included. 400 for a page token this service did not issue."""
    params, version, principal = call.params, call.contract.version, call.principal
    reached = (principal.business_ids, principal.campaign_ids)
    token_paging = version == spec.V2 and (params.page_token is not None or params.limit is not None)
    async with call.runtime.sessions() as session:
        if token_paging:
            signer = await call.runtime.signer("page-tokens")
            after = _after(signer.loads(params.page_token)) if params.page_token else None
            limit = params.limit or MAX_PAGE_SIZE
            found = await service.reached_campaigns(session, *reached, limit=limit + 1, after=after)
            paging = {"nextPageToken": signer.dumps({"op": "getCampaigns", "a": found[limit - 1].id})} \
                if len(found) > limit else {}
            return _answer({"campaigns": [campaign_dto(c, version) for c in found[:limit]], "paging": paging})
        total = await service.count_reached_campaigns(session, *reached)
        offset = (params.page - 1) * params.page_size
        found = await service.reached_campaigns(session, *reached, limit=params.page_size, offset=offset)
    pager: dict[str, int] = {"total": total}
    if found:
        pager |= {"from": offset + 1, "to": offset + len(found)}
    pager |= {"currentPage": params.page, "pagesCount": math.ceil(total / params.page_size),
              "pageSize": params.page_size}
    return _answer({"campaigns": [campaign_dto(c, version) for c in found], "pager": pager})


def _after(data: dict[str, Any] | None) -> int:
    """The last store id of the page a getCampaigns token follows; 400 for any other token."""
    if data is None or data.get("op") != "getCampaigns" or not isinstance(data.get("a"), int):
        raise ApiError(400, INVALID_TOKEN)
    after: int = data["a"]
    return after


def _answer(body: dict[str, Any]) -> Response:
    # The discovery answers are not wrapped in {"status", "result"}: the contract gives them bare.
    return FastJSONResponse(body)


async def campaign_resources(call: Call[CampaignParams, Any]) -> Resources:
    """The resources of getCampaign: one store (404 unknown, 403 foreign or switched off); counted per store."""
    return Resources(campaign_ids=(call.params.campaign_id,))


async def get_campaign(call: Call[CampaignParams, Any]) -> Response:
    """getCampaign: ``{"campaign": CampaignDTO}``."""
    async with call.runtime.sessions() as session:
        campaign = await service.get_campaign(session, call.campaign.id)
    return _answer({"campaign": campaign_dto(campaign, call.contract.version)})


class BusinessParams(BaseModel):
    """Path of getBusinessSettings."""

    business_id: IntParam = Field(alias="businessId", ge=1, le=INT64_MAX)


async def campaign_settings(call: Call[CampaignParams, Any]) -> Response:
    """getCampaignSettings: ``{"settings": CampaignSettingsDTO}`` — shopName (the store's name), countryRegion,
    the deprecated flags, localRegion {id, name, type, deliveryOptionsSource, delivery {schedule}} and, in
    the /v2/ version only, taxation {vat?}. The schedule's totalHolidays are the days of the next
    SCHEDULE_DAYS days (Moscow time, today first) that are a weekday off or a day off the store gave, and
    not a working day it gave; days are written DD-MM-YYYY."""
    async with call.runtime.sessions() as session:
        campaign = await service.get_campaign(session, call.campaign.id)
    first = today(call.runtime.clock)
    period = [first + timedelta(days=n) for n in range(SCHEDULE_DAYS)]
    off, working = set(campaign.custom_holidays), set(campaign.custom_working_days)
    total = [day for day in period if day.isoformat() not in working
             and (day.isoweekday() in campaign.weekly_holidays or day.isoformat() in off)]
    region = region_rows().get(campaign.local_region_id)
    local: dict[str, Any] = {"id": campaign.local_region_id}
    if region is not None:
        local |= {"name": region.name, "type": region.type}
    local |= {"deliveryOptionsSource": campaign.delivery_source, "delivery": {"schedule": {
        "availableOnHolidays": campaign.available_on_holidays,
        "customHolidays": [_ddmmyyyy(date.fromisoformat(day)) for day in campaign.custom_holidays],
        "customWorkingDays": [_ddmmyyyy(date.fromisoformat(day)) for day in campaign.custom_working_days],
        "period": {"fromDate": _ddmmyyyy(period[0]), "toDate": _ddmmyyyy(period[-1])},
        "totalHolidays": [_ddmmyyyy(day) for day in total],
        "weeklyHolidays": sorted(set(campaign.weekly_holidays)),
    }}}
    settings: dict[str, Any] = {
        "countryRegion": campaign.country_region_id, "shopName": campaign.name,
        "showInContext": campaign.show_in_context, "showInPremium": campaign.show_in_premium,
        "useOpenStat": campaign.use_open_stat, "localRegion": local,
    }
    if call.contract.version == spec.V2:
        settings["taxation"] = {"vat": campaign.vat} if campaign.vat else {}
    return _answer({"settings": settings})


def _ddmmyyyy(day: date) -> str:
    return day.strftime("%d-%m-%Y")


async def business_resources(call: Call[BusinessParams, Any]) -> Resources:
    """The resources of getBusinessSettings: one business (403 foreign, unknown or switched off)."""
    return Resources(business_id=call.params.business_id)


async def business_settings(call: Call[BusinessParams, Any]) -> Response:
    """getBusinessSettings: ``{"status": "OK", "result": {"info": {id, name}, "settings": {onlyDefaultPrice,
    currency}}}``, plus subscriptionLevel (NONE | MEDIUM) in the /v2/ version."""
    async with call.runtime.sessions() as session:
        business: Business = await service.get_business(session, call.params.business_id)
    result: dict[str, Any] = {
        "info": {"id": business.id, "name": business.name},
        "settings": {"onlyDefaultPrice": business.only_default_price, "currency": business.currency},
    }
    if call.contract.version == spec.V2:
        result["subscriptionLevel"] = business.subscription.upper()
    return json_ok(result)
