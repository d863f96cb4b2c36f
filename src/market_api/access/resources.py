"""The businesses and stores a call names, as access checks need them, kept briefly in memory
(every Partner API call needs them; reading them from the database each time would cost more than
the call itself)."""

from __future__ import annotations

from dataclasses import dataclass

from market_api.accounts import service as accounts
from market_api.platform.runtime import Runtime


@dataclass(frozen=True)
class BusinessAccess:
    """A business (cabinet) as access checks and limits see it."""

    id: int
    name: str
    active: bool
    subscription: str  # "none" | "medium": picks the limits


@dataclass(frozen=True)
class CampaignAccess:
    """A store (campaign) with its business."""

    id: int
    name: str
    placement: str
    active: bool
    business: BusinessAccess

    @property
    def business_id(self) -> int:
        """The id of the store's business."""
        return self.business.id


async def business_access(rt: Runtime, business_id: int) -> BusinessAccess | None:
    """The business `business_id`, or None when there is none (cached for MARKET_API_ACCESS_CACHE_SECONDS)."""

    async def load() -> BusinessAccess | None:
        async with rt.sessions() as session:
            business = await accounts.find_business(session, business_id)
        if business is None:
            return None
        return BusinessAccess(business.id, business.name, business.active, business.subscription)

    found: BusinessAccess | None = await rt.caches.get("businesses").lookup(business_id, load)
    return found


async def campaign_access(rt: Runtime, campaign_id: int) -> CampaignAccess | None:
    """The store `campaign_id` with its business, or None when there is none (cached like businesses)."""

    async def load() -> CampaignAccess | None:
        async with rt.sessions() as session:
            campaign = await accounts.find_campaign(session, campaign_id)
        if campaign is None:
            return None
        business = await business_access(rt, campaign.business_id)
        if business is None:
            return None
        return CampaignAccess(campaign.id, campaign.name, campaign.placement, campaign.active, business)

    found: CampaignAccess | None = await rt.caches.get("campaigns").lookup(campaign_id, load)
    return found
