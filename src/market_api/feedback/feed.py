"""The updates feed: keyset pages over a campaign's feed positions, with signed page tokens.

A token names a position and a direction: "after N" (the next page) or "before N" (the previous
page), and the request it belongs to (campaign, limit, from_date). A page costs one index range
scan whatever its depth.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.feedback.models import Review
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
    reviews: list[Review]
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


async def read_page(session: AsyncSession, signer: Signer, request: FeedRequest, cursor: Cursor | None) -> FeedPage:
    query = select(Review).where(Review.campaign_id == request.campaign_id)
    since = request.since()
    if since is not None:
        query = query.where(Review.updated_at >= since)
    backwards = cursor is not None and cursor.before is not None
    if backwards:
        query = query.where(Review.feed_position < cursor.before).order_by(Review.feed_position.desc())
    else:
        if cursor is not None:
            query = query.where(Review.feed_position > cursor.after)
        query = query.order_by(Review.feed_position)
    rows = list((await session.scalars(query.limit(request.limit + 1))).all())
    more = len(rows) > request.limit
    rows = rows[: request.limit]
    if backwards:
        rows.reverse()
        return FeedPage(
            rows,
            next_token=_token(signer, request, a=rows[-1].feed_position) if rows else None,
            prev_token=_token(signer, request, b=rows[0].feed_position) if more else None,
        )
    first_page = cursor is None
    last_seen = rows[-1].feed_position if rows else (cursor.after if cursor else 0)
    return FeedPage(
        rows,
        next_token=_token(signer, request, a=last_seen) if more else None,
        prev_token=None if first_page else _token(signer, request, b=rows[0].feed_position if rows else last_seen + 1),
    )
