"""What the hot path needs to know about tokens, businesses and campaigns, kept briefly in memory.

Every Partner API call needs the caller's token, the business and the store; reading them from the
database on each request would cost more than the request itself. Entries live a few seconds
(MARKET_API_ACCESS_CACHE_SECONDS); the admin API of this process clears them on every change, so a
change made elsewhere (the CLI, another process) is seen within that time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any
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
        self._loading: dict[tuple[int, Hashable], asyncio.Future] = {}

    async def lookup(self, cache: TTLCache, key: Hashable, load: Callable[[], Awaitable[Any]]) -> Any:
        """cache[key], or what `load()` finds (None included), remembered for the cache's lifetime.
        When an entry expires under load, the requests that miss it share one load instead of each
        querying the database (which would slow every one of them down at once)."""
        if not self.enabled:
            return await load()
        if key in cache:
            return cache[key]
        loading_key = (id(cache), key)
        pending = self._loading.get(loading_key)
        if pending is not None:
            found = await asyncio.shield(pending)
            return await load() if found is _LOADER_GONE else found
        pending = self._loading[loading_key] = asyncio.get_running_loop().create_future()
        try:
            found = cache[key] = await load()
            pending.set_result(found)
            return found
        except asyncio.CancelledError:
            pending.set_result(_LOADER_GONE)  # its client left; the others load for themselves
            raise
        except Exception as error:
            pending.set_exception(error)
            pending.exception()  # marks it seen: with nobody waiting, asyncio would log it as lost
            raise
        finally:
            del self._loading[loading_key]

    def clear(self) -> None:
        for cache in (self.principals, self.businesses, self.campaigns):
            cache.clear()


_LOADER_GONE = object()
