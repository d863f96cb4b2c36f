"""Reviews rendered when they change: each review's FeedbackDTO kept as JSON in its own row.

A feed page read afresh would otherwise read every review with its comments and build its JSON. Every
change to a review gives it a new feed position (feedback.service.touch), so the JSON is rendered
after each change and stored with the position it was rendered at; a stored rendering is current
while that position is the review's position. One that is not (a rendering a migration cleared, or
a change made by a path that does not render) is read and rendered afresh by the feed, never shown.

The store's name is part of the answer but can change without the review changing: the JSON keeps a
placeholder in its place, and `with_shop_name` puts the name in when the page is served. Anything else
a review's answer is made of changes only with the review, or with a new version of the service: a
release that changes how a review is rendered (feedback.dto, the regions) must clear the stored
renderings in a migration (``rendered_position = NULL``), and they are made again as reviews change.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

import orjson
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.feedback.dto import feedback_dto
from market_api.feedback.feed import COMMENT_COLUMNS, READ_COLUMNS
from market_api.feedback.models import Comment, Review

# In orjson's output this is `"shop":{"name":"\u0000"}`. No review text can hold it: a quote inside a
# JSON string is always escaped, so only the object's own key can be followed by `":`.
_SHOP_SLOT = "\x00"
_RENDERED_SHOP = b'"shop":{"name":"\\u0000"}'
_BATCH = 500


def with_shop_name(rendered: bytes, shop_name: str) -> bytes:
    """A stored rendering (`renderings`) with the store's name in its place: the review's JSON as the
    feed answers it."""
    return rendered.replace(_RENDERED_SHOP, b'"shop":{"name":' + orjson.dumps(shop_name) + b"}", 1)


def renderings(
    reviews: Sequence[Mapping[Any, Any]], comments: Iterable[Mapping[Any, Any]],
) -> list[tuple[int, int, bytes]]:
    """(id, feed position, rendering) of each of `reviews` (feedback_reviews rows): its FeedbackDTO as JSON
    with the store's name left as a placeholder (`with_shop_name`). `comments`: the reviews' live comments
    as rows with their ``review_id``, oldest first. Also used by migration 0012."""
    threads: dict[int, list[Mapping[Any, Any]]] = {}
    for comment in comments:
        threads.setdefault(comment["review_id"], []).append(comment)
    return [(review["id"], review["feed_position"],
             orjson.dumps(feedback_dto(review, threads.get(review["id"], []), _SHOP_SLOT))) for review in reviews]


async def store_rendered(session: AsyncSession, review_ids: Collection[int]) -> None:
    """Render the reviews `review_ids` as they are now in `session` (flushed first) and store each
    rendering with its feed position; 500 reviews a statement. Called after every change to a review
    (feedback.service, feedback.bulk, control.scenarios); ids of reviews that do not exist are skipped."""
    await session.flush()
    ids = sorted(set(review_ids))
    for start in range(0, len(ids), _BATCH):
        batch = ids[start:start + _BATCH]
        reviews = (await session.execute(select(*READ_COLUMNS).where(Review.id.in_(batch)))).mappings().all()
        comments = await session.execute(
            select(*(Comment.__table__.c[name] for name in COMMENT_COLUMNS), Comment.review_id)
            .where(Comment.review_id.in_(batch), Comment.removed.is_(False)).order_by(Comment.id))
        if reviews:
            await session.execute(update(Review), [
                {"id": review_id, "rendered_position": position, "rendered": rendering}
                for review_id, position, rendering in renderings(reviews, comments.mappings())])


async def render_all(session: AsyncSession, advance: Callable[[int], None] | None = None) -> int:
    """Render every review again (`store_rendered`), in id order, 500 at a time; `advance` hears how many
    each batch rendered. Returns how many there were. For a restore, whose files leave renderings out
    (control.snapshots)."""
    done, last = 0, 0
    while True:
        ids = list((await session.scalars(
            select(Review.id).where(Review.id > last).order_by(Review.id).limit(_BATCH))).all())
        if not ids:
            return done
        await store_rendered(session, ids)
        done, last = done + len(ids), ids[-1]
        if advance:
            advance(len(ids))
