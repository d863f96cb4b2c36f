"""A feed page as the JSON answer, put together from reviews already rendered where it can be.

Every change to a review (an edit, a comment, a vote...) gives it a new feed position; nothing in a
review's answer changes while its position stays. So a review rendered once at a position can be
kept and reused as is: the entry is never stale, it only stops being asked for. A page whose reviews
are all kept costs one index-only read of its positions; otherwise it is read in full, in one
statement, and its reviews are kept for next time.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import cast

import orjson

from market_api.feedback.dto import feedback_dto
from market_api.feedback.feed import Cursor, FeedRequest, page_tokens, read_page, read_positions
from market_api.platform.runtime import Runtime
from market_api.platform.signing import Signer


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


async def page_json(
    rt: Runtime, rendered: RenderedReviews, signer: Signer, request: FeedRequest, cursor: Cursor | None, shop_name: str,
) -> bytes:
    """The whole OK answer of one feed page."""
    kept: list[bytes | None] | None = None
    generation = rendered.generation  # what is read below belongs to it
    if rendered.enabled:
        positions = await read_positions(rt.reads, request, cursor)
        next_token, prev_token = page_tokens(signer, request, cursor, positions)
        shown = positions[: request.limit]
        if cursor is not None and cursor.before is not None:
            shown.reverse()
        kept = rendered.get_many(request.campaign_id, shown, shop_name)
    reviews: list[bytes]
    if kept is None or None in kept:
        # Read in full: one statement, so the page is one consistent view even if reviews moved since.
        page = await read_page(rt.reads, signer, request, cursor)
        next_token, prev_token = page.next_token, page.prev_token
        reviews = []
        for row in page.reviews:
            review = orjson.dumps(feedback_dto(row, page.comments.get(row["id"], []), shop_name))
            rendered.put(generation, (request.campaign_id, row["feed_position"], shop_name), review)
            reviews.append(review)
    else:
        reviews = cast("list[bytes]", kept)  # every review was kept: no None in it
    paging = {key: value for key, value in (("nextPageToken", next_token), ("prevPageToken", prev_token)) if value}
    return b"".join((b'{"status":"OK","result":{"paging":', orjson.dumps(paging), b',"feedbackList":[',
                     b",".join(reviews), b"]}}"))
