"""Rate limits: fixed per-resource windows counted per business or campaign, and the parallel limit.

Counters live in a `limits` storage: in memory for one process, in Redis when several processes
share them. Windows are aligned to the service clock (not to the storage's own clock), so tests and
integrators can move time without waiting.
"""

from __future__ import annotations

import logging
import tomllib
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from functools import cache, lru_cache
from importlib import resources

from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.errors import StorageError

from market_api.platform.clock import Clock
from market_api.platform.errors import ApiError

log = logging.getLogger("market_api.limits")

LIMITS_UNAVAILABLE = "Rate limit storage is unavailable, try again later"
_UNITS = {"s": 1, "m": 60, "h": 3600}
_UNIT_NAMES = {1: "second", 60: "minute", 3600: "hour"}
# A request holds its parallel slot for at most this long, so a crashed process cannot leak slots forever.
_PARALLEL_SLOT_TTL = 600


@dataclass(frozen=True)
class Rule:
    limit: int
    period: int  # seconds
    per: str  # "business" | "campaign"

    def describe_period(self) -> str:
        for unit in (3600, 60, 1):
            if self.period % unit == 0:
                count, name = self.period // unit, _UNIT_NAMES[unit]
                return name if count == 1 else f"{count} {name}s"
        raise AssertionError("unreachable")


@dataclass(frozen=True)
class Window:
    limit: int
    remaining: int
    until: datetime

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Resource-Limit": str(self.limit),
            "X-RateLimit-Resource-Until": _http_date(self.until),
            "X-RateLimit-Resource-Remaining": str(self.remaining),
        }


@lru_cache(maxsize=1024)
def _http_date(moment: datetime) -> str:
    """Windows end on the same few moments over and over: format each once."""
    return format_datetime(moment, usegmt=True)


def _seconds(period: str) -> int:
    return int(period[:-1]) * _UNITS[period[-1]]


@cache
def _table() -> dict:
    return tomllib.loads(resources.files("market_api.platform").joinpath("limits.toml").read_text("utf-8"))


@cache
def rule_for(operation_id: str, subscription: str = "none") -> Rule:
    entry = _table()[operation_id]
    chosen = entry.get(subscription, entry) if subscription != "none" else entry
    return Rule(limit=chosen["limit"], period=_seconds(chosen["period"]), per=entry["per"])


def parallel_limit() -> int:
    return _table()["parallel"]["limit"]


def make_storage(redis_url: str | None) -> Storage:
    if redis_url:
        uri = redis_url if redis_url.startswith("async+") else "async+" + redis_url
        # Short timeouts: with Redis away, a request is answered 503 at once instead of hanging.
        return RedisStorage(uri, implementation="redispy", key_prefix="market-api", wrap_exceptions=True,
                            socket_connect_timeout=1, socket_timeout=2)
    return MemoryStorage()


class RateLimiter:
    def __init__(self, storage: Storage, clock: Clock, enabled: bool = True) -> None:
        self.storage = storage
        self.clock = clock
        self.enabled = enabled

    async def hit(self, operation_id: str, subject: int, subscription: str = "none") -> Window:
        """Count one request of `operation_id` against `subject` (a business or campaign id)."""
        rule = rule_for(operation_id, subscription)
        now = self.clock.now().timestamp()
        start = int(now // rule.period) * rule.period
        until = datetime.fromtimestamp(start + rule.period, timezone.utc)
        key = f"rate:{operation_id}:{rule.per}:{subject}:{rule.period}:{start}"
        count = await self._incr(key, rule.period + 60)
        window = Window(rule.limit, max(rule.limit - count, 0), until)
        if self.enabled and count > rule.limit:
            raise RateLimited(
                f"Hit rate limit of {rule.limit} requests per {rule.describe_period()} for resource {operation_id}",
                window,
            )
        return window

    @asynccontextmanager
    async def parallel_slot(self, token_hash: str) -> AsyncIterator[None]:
        """Hold one of the token's parallel-request slots for the duration of a request."""
        key = f"parallel:{token_hash}"
        limit = parallel_limit()
        in_flight = await self._incr(key, _PARALLEL_SLOT_TTL)
        try:
            if self.enabled and in_flight > limit:
                raise RateLimited(f"Hit rate limit of {limit} parallel requests", None)
            yield
        finally:
            try:
                await self.storage.incr(key, _PARALLEL_SLOT_TTL, amount=-1)
            except StorageError:  # the slot's expiry frees it
                log.warning("could not free a parallel-request slot: rate-limit storage unavailable")

    async def _incr(self, key: str, expiry: int) -> int:
        """Counters are shared by every API process; without them no limit can be kept, so a request
        is refused (503) rather than let through uncounted."""
        try:
            return await self.storage.incr(key, expiry)
        except StorageError as error:
            log.error("rate-limit storage unavailable: %s", error)
            raise ApiError(503, LIMITS_UNAVAILABLE) from None


class RateLimited(ApiError):
    def __init__(self, message: str, window: Window | None) -> None:
        super().__init__(420, message)
        self.window = window
