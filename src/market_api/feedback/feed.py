"""The updates feed: keyset pages over a campaign's feed positions, with signed page tokens.

A token names a position and a direction: "after N" (the next page) or "before N" (the previous
page), and the request it belongs to (campaign, limit, from_date). A page costs one index range
scan whatever its depth.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import RowMapping, and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from market_api.feedback.models import Comment, Review
from market_api.platform.errors import ApiError
from market_api.platform.signing import Signer

# Market counts days in Moscow time (UTC+3 all year since 2014).
MOSCOW = timezone(timedelta(hours=3), "MSK")
INVALID_TOKEN = "Invalid page_token: it was not issued for this request"


@dataclass(frozen=True)
class FeedRequest:
    campaign_id: int
    limit: int
    from_date: date | None

    def since(self) -> datetime | None:
        if self.from_date is None:
            return None
        return datetime.combine(self.from_date, time(), MOSCOW).astimezone(timezone.utc)

    def scope(self) -> dict:
        return {"c": self.campaign_id, "l": self.limit, "f": self.from_date.isoformat() if self.from_date else None}


@dataclass(frozen=True)
class Cursor:
    after: int | None = None
    before: int | None = None


@dataclass
class FeedPage:
    reviews: list[RowMapping]  # rows of feedback_reviews, in feed order
    comments: dict[int, list[dict]]  # live comments by review id, oldest first
    next_token: str | None
    prev_token: str | None


def read_token(signer: Signer, token: str, request: FeedRequest) -> Cursor:
    data = signer.loads(token)
    if data is None or any(data.get(k) != v for k, v in request.scope().items()):
        raise ApiError(400, INVALID_TOKEN)
    after, before = data.get("a"), data.get("b")
    if not (isinstance(after, int) ^ isinstance(before, int)):
        raise ApiError(400, INVALID_TOKEN)
    return Cursor(after=after, before=before)


def _token(signer: Signer, request: FeedRequest, **position: int) -> str:
    return signer.dumps({**request.scope(), **position})


_COMMENT_COLUMNS = ("id", "parent_id", "author_type", "author_name", "body", "created_at", "updated_at")


@cache
def _page_statement(direction: str, with_since: bool):
    """One round trip: the page of reviews (one extra row to tell whether more follow) and their live
    comments, joined. Keyset over (campaign_id, feed_position): the index range starts at the cursor.
    Built once per shape with bound parameters; building SQL per request would cost more than running it.
    direction: "first" (no cursor), "after" or "before"."""
    reviews = select(Review.__table__).where(Review.campaign_id == bindparam("campaign_id"))
    if with_since:
        reviews = reviews.where(Review.updated_at >= bindparam("since", type_=Review.updated_at.type))
    if direction == "before":
        reviews = reviews.where(Review.feed_position < bindparam("position")).order_by(Review.feed_position.desc())
    elif direction == "after":
        reviews = reviews.where(Review.feed_position > bindparam("position")).order_by(Review.feed_position)
    else:
        reviews = reviews.order_by(Review.feed_position)
    page = reviews.limit(bindparam("rows")).cte("page")
    comment = Comment.__table__
    position = page.c.feed_position.desc() if direction == "before" else page.c.feed_position
    return (
        select(page, *(comment.c[name].label(f"c_{name}") for name in _COMMENT_COLUMNS))
        .select_from(page.outerjoin(comment, and_(comment.c.review_id == page.c.id, comment.c.removed.is_(False))))
        .order_by(position, comment.c.id)
    )


async def read_page(connection: AsyncConnection, signer: Signer, request: FeedRequest, cursor: Cursor | None) -> FeedPage:
    backwards = cursor is not None and cursor.before is not None
    direction = "first" if cursor is None else "before" if backwards else "after"
    since = request.since()
    params = {"campaign_id": request.campaign_id, "rows": request.limit + 1, "since": since,
              "position": None if cursor is None else cursor.before if backwards else cursor.after}
    statement = _page_statement(direction, since is not None)
    rows: list[RowMapping] = []
    comments: dict[int, list[dict]] = {}
    for row in (await connection.execute(statement, {k: v for k, v in params.items() if v is not None})).mappings():
        if not rows or rows[-1]["id"] != row["id"]:
            rows.append(row)
        if row["c_id"] is not None:
            comments.setdefault(row["id"], []).append({name: row[f"c_{name}"] for name in _COMMENT_COLUMNS})
    more = len(rows) > request.limit
    rows = rows[: request.limit]
    if backwards:
        rows.reverse()
        return FeedPage(
            rows, comments,
            next_token=_token(signer, request, a=rows[-1]["feed_position"]) if rows else None,
            prev_token=_token(signer, request, b=rows[0]["feed_position"]) if more else None,
        )
    first_page = cursor is None
    last_seen = rows[-1]["feed_position"] if rows else (cursor.after if cursor else 0)
    return FeedPage(
        rows, comments,
        next_token=_token(signer, request, a=last_seen) if more else None,
        prev_token=None if first_page else _token(
            signer, request, b=rows[0]["feed_position"] if rows else last_seen + 1),
    )
