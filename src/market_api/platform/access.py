"""What the hot path needs to know about tokens, businesses and campaigns, kept briefly in memory.

Every Partner API call needs the caller's token, the business and the store; reading them from the
database on each request would cost more than the request itself. Entries live a few seconds
(MARKET_API_ACCESS_CACHE_SECONDS); the admin API of this process clears them on every change, so a
change made elsewhere (the CLI, another process) is seen within that time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cachetools import TTLCache


@dataclass(frozen=True)
class Principal:
    kind: str  # "api-key" | "oauth"
    token_hash: str
    scopes: frozenset[str] | None  # None: an OAuth user, who has no scopes and full access
    business_ids: frozenset[int]
    campaign_ids: frozenset[int]
    expires_at: datetime | None = None
    revoked: bool = False

    def reaches_business(self, business_id: int) -> bool:
        return business_id in self.business_ids

    def reaches_campaign(self, campaign: CampaignAccess) -> bool:
        return campaign.id in self.campaign_ids or campaign.business_id in self.business_ids


@dataclass(frozen=True)
class BusinessAccess:
    id: int
    name: str
    active: bool
    subscription: str


@dataclass(frozen=True)
class CampaignAccess:
    id: int
    name: str
    placement: str
    active: bool
    business: BusinessAccess

    @property
    def business_id(self) -> int:
        return self.business.id


class AccessCache:
    def __init__(self, seconds: float, size: int = 50_000) -> None:
        self.enabled = seconds > 0
        ttl = max(seconds, 0.001)
        self.principals: TTLCache[str, Principal | None] = TTLCache(size, ttl)
        self.businesses: TTLCache[int, BusinessAccess | None] = TTLCache(size, ttl)
        self.campaigns: TTLCache[int, CampaignAccess | None] = TTLCache(size, ttl)

    def clear(self) -> None:
        for cache in (self.principals, self.businesses, self.campaigns):
            cache.clear()
