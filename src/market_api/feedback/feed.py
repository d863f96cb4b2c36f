"""The updates feed: keyset pages over a campaign's feed positions, with signed page tokens.

A token names a position and a direction: "after N" (the next page) or "before N" (the previous
page), and the request it belongs to (campaign, limit, from_date). A page costs one index range
scan whatever its depth; with a from_date, one index probe more finds where its changes begin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, Select, and_, bindparam, select
from sqlalchemy.orm import InstrumentedAttribute

from market_api.feedback.models import Comment, Review
from market_api.platform.clock import MOSCOW
from market_api.platform.driver import DriverQuery, DriverReads
from market_api.platform.errors import ApiError
from market_api.platform.signing import Signer

INVALID_TOKEN = "Invalid page_token: it was not issued for this request"


@dataclass(frozen=True)
class FeedRequest:
    """What a feed page is asked for: the store, the page size (reviews) and the first Moscow day whose
    changes it shows (None: all of them)."""

    campaign_id: int
    limit: int
    from_date: date | None

    def since(self) -> datetime | None:
        """The start of `from_date` in Moscow, as a UTC instant (None without `from_date`)."""
        if self.from_date is None:
            return None
        return datetime.combine(self.from_date, time(), MOSCOW).astimezone(UTC)

    def scope(self) -> dict[str, int | str | None]:
        """The request as a page token records it (``c``, ``l``, ``f``): a token serves only its own request."""
        return {"c": self.campaign_id, "l": self.limit, "f": self.from_date.isoformat() if self.from_date else None}


@dataclass(frozen=True)
class Cursor:
    """Where a page starts, from its token: after feed position `after` (the next page) or before
    `before` (the previous one); exactly one of them is set."""

    after: int | None = None
    before: int | None = None


@dataclass
class FeedPage:
    """A page read in full: its reviews and their comments as rows, and the tokens of the pages around it."""

    reviews: list[dict[str, Any]]  # rows of feedback_reviews, in feed order
    comments: dict[int, list[dict[str, Any]]]  # live comments by review id, oldest first
    next_token: str | None
    prev_token: str | None


# Tokens are checked and made once per distinct value: clients that poll ask with the same token
# again and again, and get the same tokens back until something changes.
@lru_cache(maxsize=4096)
def read_token(signer: Signer, token: str, request: FeedRequest) -> Cursor:
    """The cursor of a page token. Raises ApiError 400 (``Invalid page_token...``) for a token this
    service did not sign, one issued for another store, limit or from_date, or one without exactly one
    position."""
    data = signer.loads(token)
    if data is None or any(data.get(k) != v for k, v in request.scope().items()):
        raise ApiError(400, INVALID_TOKEN)
    after, before = data.get("a"), data.get("b")
    if not (isinstance(after, int) ^ isinstance(before, int)):
        raise ApiError(400, INVALID_TOKEN)
    return Cursor(after=after, before=before)


@lru_cache(maxsize=4096)
def _token(signer: Signer, request: FeedRequest, **position: int) -> str:
    return signer.dumps({**request.scope(), **position})


COMMENT_COLUMNS = ("id", "parent_id", "author_type", "author_name", "body", "created_at", "updated_at")


def _first_position_since() -> ScalarSelect[Any]:
    """The feed position where the changes since `:since` begin: that of the campaign's earliest change
    (by update time, then position) on or after it, found by one probe of ix_feedback_reviews_updated.

    Every change moves a review to the end of its feed, so the changes on or after an instant are a
    suffix of the feed, and a from_date page is a keyset range over positions like any other page. When
    the clock was moved backwards, update times and positions disagree; the suffix from this position
    is what the feed shows then (README, "Shop reviews feed")."""
    earliest = Review.__table__.alias("earliest")
    return (
        select(earliest.c.feed_position)
        .where(earliest.c.campaign_id == bindparam("campaign_id"),
               earliest.c.updated_at >= bindparam("since", type_=Review.updated_at.type))
        .order_by(earliest.c.updated_at, earliest.c.feed_position)
        .limit(1)
        .scalar_subquery()
    )


def _page_range(
    direction: str, with_since: bool, *columns: ColumnElement[Any] | InstrumentedAttribute[Any],
) -> Select[Any]:
    """The page's rows of feedback_reviews (one extra to tell whether more follow), in reading order.
    Keyset over (campaign_id, feed_position): the index range starts at the cursor.
    direction: "first" (no cursor), "after" or "before"."""
    reviews = select(*columns).where(Review.campaign_id == bindparam("campaign_id"))
    if with_since:
        reviews = reviews.where(Review.feed_position >= _first_position_since())
    if direction == "before":
        reviews = reviews.where(Review.feed_position < bindparam("position")).order_by(Review.feed_position.desc())
    elif direction == "after":
        reviews = reviews.where(Review.feed_position > bindparam("position")).order_by(Review.feed_position)
    else:
        reviews = reviews.order_by(Review.feed_position)
    return reviews.limit(bindparam("rows"))


# The columns a page read in full renders from: all but those derived from them (the stored rendering).
READ_COLUMNS = tuple(column for column in Review.__table__.c if not column.info.get("derived"))


def _page_statement(direction: str, with_since: bool) -> Select[Any]:
    """One round trip: the page of reviews and their live comments, joined, in no particular order
    (`read_page` puts them in order: sorting 21 rows in SQL costs SQLite a temporary B-tree, a third of
    the read). Built once per shape with bound parameters; building SQL per request would cost more
    than running it."""
    page = _page_range(direction, with_since, *READ_COLUMNS).cte("page")
    comment = Comment.__table__
    return (
        select(page, *(comment.c[name].label(f"c_{name}") for name in COMMENT_COLUMNS))
        .select_from(page.outerjoin(comment, and_(comment.c.review_id == page.c.id, comment.c.removed.is_(False))))
    )


def _params(request: FeedRequest, cursor: Cursor | None) -> tuple[str, dict[str, Any]]:
    """The statement shape ("first", "after" or "before") and its parameters."""
    backwards = cursor is not None and cursor.before is not None
    direction = "first" if cursor is None else "before" if backwards else "after"
    params = {"campaign_id": request.campaign_id, "rows": request.limit + 1, "since": request.since(),
              "position": None if cursor is None else cursor.before if backwards else cursor.after}
    return direction, {k: v for k, v in params.items() if v is not None}


_UNPROCESSED = ("factors", "created_at", "updated_at", "c_created_at", "c_updated_at")


@cache
def _full_page_query(direction: str, with_since: bool) -> DriverQuery:
    # Left as the driver gives them, for feedback.dto: `factors` (SQLite: the JSON text, put in the answer as
    # is) and the times (SQLite: UTC text, written as Moscow time without a datetime: clock.moscow_iso_of).
    return DriverQuery(_page_statement(direction, with_since), unprocessed=_UNPROCESSED)


@cache
def _positions_query(direction: str, with_since: bool) -> DriverQuery:
    """The page's feed positions alone: an index-only range scan, for pages whose reviews are cached."""
    return DriverQuery(_page_range(direction, with_since, Review.feed_position))


@cache
def _stored_query(direction: str, with_since: bool) -> DriverQuery:
    """The page's feed positions with the stored renderings and the positions they were rendered at."""
    return DriverQuery(_page_range(direction, with_since, Review.feed_position, Review.rendered,
                                   Review.rendered_position), unprocessed=("rendered",))


async def read_stored(reads: DriverReads, request: FeedRequest, cursor: Cursor | None) -> list[Sequence[Any]]:
    """Rows (feed position, stored rendering or None, position it was rendered at or None) of the page
    and one more when more follow, in the order they are read (as `read_positions`)."""
    direction, params = _params(request, cursor)
    return await reads.fetch(_stored_query(direction, "since" in params), params)


async def read_positions(reads: DriverReads, request: FeedRequest, cursor: Cursor | None) -> list[int]:
    """Feed positions of the page (and one more, when more follow), in the order they are read."""
    direction, params = _params(request, cursor)
    rows = await reads.fetch(_positions_query(direction, "since" in params), params)
    return [row[0] for row in rows]


def page_tokens(
    signer: Signer, request: FeedRequest, cursor: Cursor | None, positions: list[int],
) -> tuple[str | None, str | None]:
    """(next, prev) page tokens for a page read at `cursor`; `positions` as `read_positions` gives them."""
    more = len(positions) > request.limit
    positions = positions[: request.limit]
    if cursor is not None and cursor.before is not None:
        positions = positions[::-1]
        return (_token(signer, request, a=positions[-1]) if positions else None,
                _token(signer, request, b=positions[0]) if more else None)
    after = cursor.after if cursor else 0
    assert after is not None  # a forward cursor names the position it reads after (see Cursor)
    last_seen = positions[-1] if positions else after
    return (_token(signer, request, a=last_seen) if more else None,
            None if cursor is None else _token(signer, request, b=positions[0] if positions else last_seen + 1))


def _feed_position(review: dict[str, Any]) -> int:
    return int(review["feed_position"])


def _comment_id(comment: dict[str, Any]) -> int:
    return int(comment["id"])


async def read_page(reads: DriverReads, signer: Signer, request: FeedRequest, cursor: Cursor | None) -> FeedPage:
    """The page at `cursor` (None: the first page) in one statement: its reviews in feed order, their
    live comments, and the tokens of the next and previous pages."""
    direction, params = _params(request, cursor)
    query = _full_page_query(direction, "since" in params)
    by_id: dict[int, dict[str, Any]] = {}
    comments: dict[int, list[dict[str, Any]]] = {}
    split = len(query.columns) - len(COMMENT_COLUMNS)
    # A row has one value per column of the query: the review's `split`, then the comment's.
    for row in await reads.fetch(query, params):
        if row[0] not in by_id:
            by_id[row[0]] = dict(zip(query.columns[:split], row[:split], strict=True))
        if row[split] is not None:
            comments.setdefault(row[0], []).append(dict(zip(COMMENT_COLUMNS, row[split:], strict=True)))
    # In reading order (see _page_range), comments oldest first.
    reviews = sorted(by_id.values(), key=_feed_position, reverse=direction == "before")
    for listed in comments.values():
        listed.sort(key=_comment_id)
    next_token, prev_token = page_tokens(signer, request, cursor, [review["feed_position"] for review in reviews])
    reviews = reviews[: request.limit]
    if cursor is not None and cursor.before is not None:
        reviews.reverse()
    return FeedPage(reviews, comments, next_token, prev_token)
