"""Counting requests: fixed windows and parallel slots (which rule applies to which call is decided in
`market_api.access.limits`).

Counters live in a `limits` storage: in memory for one process, in Redis when several processes
share them (without Redis, the parallel slots are a plain count of the process's requests in flight).
Windows are aligned to the service clock (not to the storage's own clock), so tests and
integrators can move time without waiting.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import lru_cache

from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.errors import StorageError

from market_api.platform.clock import Clock
from market_api.platform.errors import ApiError

log = logging.getLogger("market_api.limits")

LIMITS_UNAVAILABLE = "Rate limit storage is unavailable, try again later"
_UNIT_NAMES = {1: "second", 60: "minute", 3600: "hour"}
# A request holds its parallel slot for at most this long, so a crashed process cannot leak slots forever.
_PARALLEL_SLOT_TTL = 600


@dataclass(frozen=True)
class Rule:
    """At most `limit` requests per `period` seconds, counted per `per` (a business, a campaign, a token)."""

    limit: int
    period: int  # seconds
    per: str  # "business" | "campaign" | "token"

    def describe_period(self) -> str:
        """The period as the 420 message words it: ``hour``, ``minute``, ``2 minutes``."""
        for unit in (3600, 60, 1):
            if self.period % unit == 0:
                count, name = self.period // unit, _UNIT_NAMES[unit]
                return name if count == 1 else f"{count} {name}s"
        raise AssertionError("unreachable")


@dataclass(frozen=True)
class Window:
    """Where a request left its window: the limit, what remains of it, and when the window ends."""

    limit: int
    remaining: int
    until: datetime

    def headers(self) -> dict[str, str]:
        """The ``X-RateLimit-Resource-*`` headers every charged answer carries (protocol.md, "Limits")."""
        return {
            "X-RateLimit-Resource-Limit": str(self.limit),
            "X-RateLimit-Resource-Until": _http_date(self.until),
            "X-RateLimit-Resource-Remaining": str(self.remaining),
        }

    def raw_headers(self) -> tuple[tuple[bytes, bytes], ...]:
        """`headers` as ASGI sends them: lower-case names and values in bytes."""
        return _raw_headers(self)


@lru_cache(maxsize=1024)
def _raw_headers(window: Window) -> tuple[tuple[bytes, bytes], ...]:
    """Many answers in a row end in the same window: its headers are encoded once."""
    return tuple((name.lower().encode(), value.encode("latin-1")) for name, value in window.headers().items())


@lru_cache(maxsize=1024)
def _http_date(moment: datetime) -> str:
    """Windows end on the same few moments over and over: format each once."""
    return format_datetime(moment, usegmt=True)


def make_storage(redis_url: str | None) -> Storage:
    """Counters in Redis (shared by every process) when `redis_url` is set, else in this process's memory."""
    if redis_url:
        uri = redis_url if redis_url.startswith("async+") else "async+" + redis_url
        # Short timeouts: with Redis away, a request is answered 503 at once instead of hanging.
        return RedisStorage(uri, implementation="redispy", key_prefix="market-api", wrap_exceptions=True,
                            socket_connect_timeout=1, socket_timeout=2)
    return MemoryStorage()


class RateLimiter:
    """Counts requests in `storage`. With `enabled` False (MARKET_API_RATE_LIMITS=off) it still counts, but
    never refuses, and its windows show the whole limit remaining (`hit`)."""

    def __init__(self, storage: Storage, clock: Clock, enabled: bool = True) -> None:
        self.storage = storage
        self.clock = clock
        self.enabled = enabled
        # With counters in this process's memory, the requests in flight are counted in a plain dict: a
        # request frees its slot when it ends, whatever happens, so nothing needs to expire, and each
        # request is spared two round trips through the storage's locks and expiry timer.
        self._in_flight: dict[str, int] | None = {} if isinstance(storage, MemoryStorage) else None

    async def hit(self, rule: Rule, resource: str, subject: int | str, epoch: str = "0") -> Window:
        """Count one request for `resource` (an operation id) against `subject` (the business, campaign or
        token `rule.per` names), in the counters of `epoch` (a new epoch starts them at zero). Raises
        RateLimited (420) past the limit, ApiError 503 when the counters cannot be reached. With limits off
        the window says the whole limit remains, however many requests were counted."""
        now = self.clock.now().timestamp()
        start = int(now // rule.period) * rule.period
        until = datetime.fromtimestamp(start + rule.period, UTC)
        key = f"rate:{resource}:{rule.per}:{subject}:{epoch}:{rule.period}:{start}"
        count = await self._incr(key, rule.period + 60)
        if not self.enabled:
            # Nothing will be refused, so nothing is used up: a client that slows down or waits as
            # X-RateLimit-Resource-Remaining falls (as it should against Market) never waits for nothing.
            return Window(rule.limit, rule.limit, until)
        window = Window(rule.limit, max(rule.limit - count, 0), until)
        if count > rule.limit:
            raise RateLimited(
                f"Hit rate limit of {rule.limit} requests per {rule.describe_period()} for resource {resource}",
                window,
            )
        return window

    def parallel_slot(self, caller: str, limit: int, epoch: str = "0") -> AbstractAsyncContextManager[None]:
        """Hold one of the caller's (`Principal.key`) `limit` parallel-request slots of `epoch` while a
        request runs; 420 ``Hit rate limit of N parallel requests`` when all are taken."""
        key = f"parallel:{caller}:{epoch}"
        return self._local_slot(key, limit) if self._in_flight is not None else self._shared_slot(key, limit)

    @asynccontextmanager
    async def _shared_slot(self, key: str, limit: int) -> AsyncIterator[None]:
        """`parallel_slot` with the counters in the storage (shared by every process)."""
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

    @asynccontextmanager
    async def _local_slot(self, key: str, limit: int) -> AsyncIterator[None]:
        """`parallel_slot` with the counters in `_in_flight` (one process)."""
        in_flight = self._in_flight
        assert in_flight is not None  # only with memory storage (see __init__)
        count = in_flight[key] = in_flight.get(key, 0) + 1
        try:
            if self.enabled and count > limit:
                raise RateLimited(f"Hit rate limit of {limit} parallel requests", None)
            yield
        finally:
            count = in_flight[key] - 1
            if count:
                in_flight[key] = count
            else:
                del in_flight[key]

    async def _incr(self, key: str, expiry: int) -> int:
        """Counters are shared by every API process; without them no limit can be kept, so a request
        is refused (503) rather than let through uncounted."""
        try:
            return await self.storage.incr(key, expiry)
        except StorageError as error:
            log.error("rate-limit storage unavailable: %s", error)
            raise ApiError(503, LIMITS_UNAVAILABLE) from None


class RateLimited(ApiError):
    """420 HIT_RATE_LIMIT; `window` (None for the parallel limit) goes into the answer's headers."""

    def __init__(self, message: str, window: Window | None) -> None:
        super().__init__(420, message)
        self.window = window
