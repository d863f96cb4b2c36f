"""A feed page as the JSON answer, put together from reviews already rendered where it can be.

Every change to a review (an edit, a comment, a vote...) gives it a new feed position; nothing in a
review's answer changes while its position stays. So a review rendered once at a position can be
kept and reused as is: the entry is never stale, it only stops being asked for. A page's positions are
kept too, with the feed version they were read at (`changes.FeedChanges`): while it holds, a page whose
reviews are all kept is answered without reading the database; after a change, one index-only read of
its positions. Otherwise the renderings stored with the reviews when they last changed
(feedback.rendering) are read, and only a page with one that is not current is read in full, in one
statement; either way its reviews are kept for next time.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import TypeVar, cast

import orjson
from cachetools import LRUCache

from market_api.feedback.changes import FeedChanges
from market_api.feedback.dto import feedback_dto
from market_api.feedback.feed import Cursor, FeedRequest, page_tokens, read_page, read_positions, read_stored
from market_api.feedback.rendering import with_shop_name
from market_api.platform.driver import DriverReads
from market_api.platform.runtime import Runtime
from market_api.platform.signing import Signer

T = TypeVar("T")


class RenderedReviews:
    """Reviews as JSON, by (data generation, campaign, feed position, shop name): the shop's name is part
    of the answer, and a reset or restore rewinds feed positions, so the generation is too. The least
    recently used go first when it is full. (An OrderedDict rather than a cache library's LRU: a page
    looks up twenty entries, and these are C calls.)"""

    def __init__(self, size: int) -> None:
        self.enabled = size > 0
        self.size = size
        self.generation = 0
        self._entries: OrderedDict[tuple[int, int, int, str], bytes] = OrderedDict()

    def start_generation(self, generation: int) -> None:
        """Key what is kept from now on by `generation`, and drop what was kept before it."""
        self.generation = generation
        self._entries.clear()

    def get_many(self, campaign_id: int, positions: list[int], shop_name: str) -> list[bytes | None]:
        """The kept JSON of the store's reviews at `positions`, in order (None where not kept); the ones
        found count as just used."""
        entries = self._entries
        generation = self.generation
        keys = [(generation, campaign_id, position, shop_name) for position in positions]
        found = [entries.get(key) for key in keys]
        for key, review in zip(keys, found, strict=True):  # `found` has one entry per key
            if review is not None:
                entries.move_to_end(key)
        return found

    def put(self, generation: int, key: tuple[int, int, str], rendered: bytes) -> None:
        """Keep `rendered` (a review's JSON) under `key` (campaign, feed position, shop name) of the data
        `generation` it was read in, dropping the least recently used entry past `size`; nothing is
        kept when the size is 0 or the generation is over."""
        if self.enabled and generation == self.generation:
            kept = (generation, *key)
            self._entries[kept] = rendered
            self._entries.move_to_end(kept)
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)


# Pages whose positions a process keeps (each a list of up to 21 integers).
KEPT_PAGES = 4096


class KeptPositions:
    """The feed positions read for a page (`read_positions`), by (data generation, request, cursor), with
    the feed version (`FeedChanges.version`) taken before they were read: good while the version holds.
    The least recently used go first when `size` pages are kept."""

    def __init__(self, changes: FeedChanges, size: int = KEPT_PAGES) -> None:
        self.changes = changes
        self.generation = 0
        self._entries: LRUCache[tuple[int, FeedRequest, Cursor | None], tuple[tuple[int, int], list[int]]] = (
            LRUCache(size))

    def start_generation(self, generation: int) -> None:
        """Key what is kept from now on by `generation`, and drop what was kept before it."""
        self.generation = generation
        self._entries.clear()

    async def read(self, reads: DriverReads, request: FeedRequest, cursor: Cursor | None) -> list[int]:
        """The page's positions as `read_positions` gives them: kept ones while the feed version holds."""
        if not self.changes.enabled:
            return await read_positions(reads, request, cursor)
        key = (self.generation, request, cursor)
        version = await self.changes.version()
        kept = self._entries.get(key)
        if kept is not None and kept[0] == version:
            return kept[1]
        positions = await read_positions(reads, request, cursor)
        if key[0] == self.generation:  # read in the generation it is keyed by
            self._entries[key] = (version, positions)
        return positions


async def page_json(
    rt: Runtime, rendered: RenderedReviews, kept_positions: KeptPositions, signer: Signer, request: FeedRequest,
    cursor: Cursor | None, shop_name: str,
) -> bytes:
    """The whole OK answer of one feed page: from the reviews kept rendered in memory when all are (at the
    positions `kept_positions` keeps or reads), else from the renderings stored with them when all are
    current, else read and rendered afresh."""
    generation = rendered.generation  # what is read below belongs to it
    if rendered.enabled:
        positions = await kept_positions.read(rt.reads, request, cursor)
        kept = rendered.get_many(request.campaign_id, _in_feed_order(request, cursor, positions), shop_name)
        if None not in kept:
            return _answer(cast("list[bytes]", kept), *page_tokens(signer, request, cursor, positions))
    stored = await read_stored(rt.reads, request, cursor)
    shown = _in_feed_order(request, cursor, stored)
    if all(row[1] is not None and row[0] == row[2] for row in shown):
        served = [with_shop_name(row[1], shop_name) for row in shown]
        for row, review in zip(shown, served, strict=True):
            rendered.put(generation, (request.campaign_id, row[0], shop_name), review)
        return _answer(served, *page_tokens(signer, request, cursor, [row[0] for row in stored]))
    # Read in full: one statement, so the page is one consistent view even if reviews moved since.
    page = await read_page(rt.reads, signer, request, cursor)
    reviews = []
    for read in page.reviews:
        review = orjson.dumps(feedback_dto(read, page.comments.get(read["id"], []), shop_name))
        rendered.put(generation, (request.campaign_id, read["feed_position"], shop_name), review)
        reviews.append(review)
    return _answer(reviews, page.next_token, page.prev_token)


def _in_feed_order(request: FeedRequest, cursor: Cursor | None, read: Sequence[T]) -> list[T]:
    """What a page shows of the rows (or positions) read for it (`read_positions`, `read_stored`: in
    reading order, one more when more follow), in feed order."""
    shown = list(read[: request.limit])
    if cursor is not None and cursor.before is not None:
        shown.reverse()
    return shown


def _answer(reviews: list[bytes], next_token: str | None, prev_token: str | None) -> bytes:
    """The OK answer of a page of `reviews` (each one's JSON, in feed order)."""
    paging = {key: value for key, value in (("nextPageToken", next_token), ("prevPageToken", prev_token)) if value}
    return b"".join((b'{"status":"OK","result":{"paging":', orjson.dumps(paging), b',"feedbackList":[',
                     b",".join(reviews), b"]}}"))
