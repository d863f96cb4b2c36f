"""Short-lived in-process caches whose misses share one load.

Entries live a few seconds (MARKET_API_ACCESS_CACHE_SECONDS). The admin API of this process clears
every cache on a change, so a change made elsewhere (the CLI, another process) is seen within that time.
Every key carries the data generation (`market_api.platform.shared_state`): after a reset, a restore or
a scenario load, nothing kept from before is found again, even a load that was under way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from cachetools import TTLCache

_LOADER_GONE = object()


class ExpiringCache:
    """Values by key for `seconds` (0: no caching, every lookup loads), at most `size` of them."""

    def __init__(self, seconds: float, size: int = 50_000) -> None:
        self.enabled = seconds > 0
        self._entries: TTLCache[Hashable, Any] = TTLCache(size, max(seconds, 0.001))
        self._loading: dict[Hashable, asyncio.Future[Any]] = {}
        self.generation = 0  # the data generation, part of every key (set by `Caches`)

    async def lookup(self, key: Hashable, load: Callable[[], Awaitable[Any]]) -> Any:
        """The entry of `key`, or what `load()` finds (None included), kept for the cache's lifetime.
        When an entry expires under load, the requests that miss it share one load instead of each
        querying the database (which would slow every one of them down at once). A load that fails
        fails its waiters too and is not kept."""
        if not self.enabled:
            return await load()
        key = (self.generation, key)
        try:  # one lookup: between `in` and `[]` an entry could expire, and `[]` raise
            return self._entries[key]
        except KeyError:
            pass
        pending = self._loading.get(key)
        if pending is not None:
            found = await asyncio.shield(pending)
            return await load() if found is _LOADER_GONE else found
        pending = self._loading[key] = asyncio.get_running_loop().create_future()
        try:
            found = self._entries[key] = await load()
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
            del self._loading[key]

    def clear(self) -> None:
        """Forget every entry (loads in progress still answer their waiters)."""
        self._entries.clear()


class Caches:
    """The named caches of one process, made on first use and cleared together."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._caches: dict[str, ExpiringCache] = {}
        self._generation = 0

    @property
    def generation(self) -> int:
        """The data generation every key of these caches carries."""
        return self._generation

    @generation.setter
    def generation(self, value: int) -> None:
        self._generation = value
        for cache in self._caches.values():
            cache.generation = value

    def get(self, name: str) -> ExpiringCache:
        """The cache called `name`."""
        found = self._caches.get(name)
        if found is None:
            found = self._caches[name] = ExpiringCache(self.seconds)
            found.generation = self._generation
        return found

    def clear(self) -> None:
        """Empty every cache: after a change through the admin API the change applies at once here."""
        for cache in self._caches.values():
            cache.clear()
