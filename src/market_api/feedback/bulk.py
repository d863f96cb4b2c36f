"""Writing many reviews at once (imports, demo and benchmark data): a few statements per chunk, not per row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from itertools import groupby
from typing import Any

from sqlalchemy import TableClause, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.feedback.models import Comment, Review
from market_api.feedback.rendering import store_rendered
from market_api.feedback.schemas import ReviewIn
from market_api.feedback.service import reserve_positions

CHUNK = 2000
ANALYZE_AFTER = 10_000


@dataclass
class CommentRecord:
    """One comment of a thread written in bulk, with its replies (`children`); `updated_at` defaults to
    `created_at`."""

    author_type: str
    body: str
    created_at: datetime
    author_name: str | None = None
    updated_at: datetime | None = None
    children: list[CommentRecord] = field(default_factory=list)


@dataclass
class ReviewRecord:
    """One review version written in bulk: the author's validated `draft` (feedback.schemas.ReviewIn, its
    own `created_at` unused) and what the service keeps beside it. `comments`: its thread; `previous`:
    index, in the same batch, of the version this one replaced."""

    campaign_id: int
    draft: ReviewIn
    created_at: datetime
    updated_at: datetime
    state: str = "LAST"
    agree_count: int = 0
    reject_count: int = 0
    resolved: bool = False
    comments: list[CommentRecord] = field(default_factory=list)
    previous: int | None = None

    def row(self) -> dict[str, Any]:
        """The `feedback_reviews` row, without its id and feed position."""
        return self.draft.columns() | {name: getattr(self, name) for name in _RECORD_COLUMNS}


_RECORD_COLUMNS = tuple(f.name for f in fields(ReviewRecord) if f.name not in ("draft", "comments", "previous"))


async def write_reviews(
    session: AsyncSession, records: Sequence[ReviewRecord], advance: Callable[[int], None] | None = None
) -> list[int]:
    """Insert `records`; each campaign's feed gets them in order of their update time. Returns their ids.
    `advance` hears how many reviews each chunk completed: records that are a review's final version (an
    edit's earlier versions, PREVIOUS, are not counted), so a bar of N reviews ends at N."""
    reviews = Review.__table__
    # A mapped class's __table__ is typed as any FromClause; an insert writes to a table.
    assert isinstance(reviews, TableClause)
    positions = await _positions(session, records)
    ids: list[int] = [0] * len(records)
    for start in range(0, len(records), CHUNK):
        chunk = range(start, min(start + CHUNK, len(records)))
        # A plain executemany, then the ids read back by the (campaign, feed position) key: far cheaper
        # than RETURNING over thousands of rows.
        await session.execute(insert(reviews), [records[i].row() | {"feed_position": positions[i]} for i in chunk])
        await _read_back_ids(session, records, positions, chunk, ids)
        await _write_comments(session, [(ids[i], records[i].comments) for i in chunk if records[i].comments])
        await store_rendered(session, [ids[i] for i in chunk])
        if advance:
            advance(sum(1 for i in chunk if records[i].state != "PREVIOUS"))
    links = [{"id": ids[i], "previous_id": ids[r.previous]} for i, r in enumerate(records) if r.previous is not None]
    if links:
        await session.execute(update(Review), links)
    if len(records) >= ANALYZE_AFTER:
        # Fresh statistics, or the planner may scan whole tables on the next feed reads.
        await session.execute(text("ANALYZE feedback_reviews"))
        await session.execute(text("ANALYZE feedback_comments"))
    return ids


async def _read_back_ids(
    session: AsyncSession, records: Sequence[ReviewRecord], positions: list[int], chunk: range, ids: list[int]
) -> None:
    """Fill `ids` at the indexes in `chunk` with the ids of the rows just written, found by their
    (campaign, feed position)."""
    by_campaign: dict[int, list[int]] = {}
    for i in chunk:
        by_campaign.setdefault(records[i].campaign_id, []).append(i)
    for campaign_id, members in by_campaign.items():
        wanted = [positions[i] for i in members]
        rows = await session.execute(
            select(Review.feed_position, Review.id).where(
                Review.campaign_id == campaign_id, Review.feed_position.between(min(wanted), max(wanted))
            )
        )
        found = dict(rows.all())
        for i in members:
            ids[i] = found[positions[i]]


async def _positions(session: AsyncSession, records: Sequence[ReviewRecord]) -> list[int]:
    """A feed position for each record (by index), reserved per campaign in order of update time."""
    order = sorted(range(len(records)), key=lambda i: (records[i].campaign_id, records[i].updated_at, i))
    positions = [0] * len(records)
    for campaign_id, group in groupby(order, key=lambda i: records[i].campaign_id):
        members = list(group)
        last = await reserve_positions(session, campaign_id, len(members))
        for offset, i in enumerate(members):
            positions[i] = last - len(members) + 1 + offset
    return positions


async def _write_comments(session: AsyncSession, threads: list[tuple[int, list[CommentRecord]]]) -> None:
    """Comments level by level. Those without replies go in one executemany; the few that have replies
    are inserted one by one, so their replies learn the parent's id. `threads`: (review id, its comments)."""
    comments = Comment.__table__
    assert isinstance(comments, TableClause)  # as in write_reviews
    # (review id, parent comment id or None, comment)
    level: list[tuple[int, int | None, CommentRecord]] = [
        (review_id, None, c) for review_id, thread in threads for c in thread
    ]
    while level:
        leaves = [_comment_row(*entry) for entry in level if not entry[2].children]
        if leaves:
            await session.execute(insert(comments), leaves)
        replies: list[tuple[int, int | None, CommentRecord]] = []
        for review_id, parent_id, comment in (entry for entry in level if entry[2].children):
            result = await session.execute(
                insert(comments).returning(Comment.id), _comment_row(review_id, parent_id, comment))
            new_id = result.scalar_one()
            replies += [(review_id, new_id, child) for child in comment.children]
        level = replies


def _comment_row(review_id: int, parent_id: int | None, comment: CommentRecord) -> dict[str, Any]:
    """The `feedback_comments` row of `comment`, without its id."""
    return {
        "review_id": review_id, "parent_id": parent_id, "author_type": comment.author_type,
        "author_name": comment.author_name, "body": comment.body, "removed": False,
        "created_at": comment.created_at, "updated_at": comment.updated_at or comment.created_at,
    }
