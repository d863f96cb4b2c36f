"""Bulk import of reviews from NDJSON: every line is checked first; one bad line and nothing is written."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Literal

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import Campaign
from market_api.feedback.bulk import CommentRecord, ReviewRecord, write_reviews
from market_api.feedback.schemas import MAX_TEXT, ReviewIn
from market_api.platform.clock import Clock
from market_api.platform.imports import LineErrors
from market_api.platform.schemas import CamelModel
from market_api.platform.validation import AwareInstant, Id64, Text


class CommentLine(CamelModel):
    """A comment of an imported review's thread, with its replies; `createdAt` (from 2000-01-01 up to
    2100-01-01, with an offset) defaults to the review's. A line nests at most
    `platform.imports.MAX_DEPTH` levels of JSON: threads about 30 replies deep."""

    author: Literal["USER", "SHOP"]
    body: Text = Field(min_length=1, max_length=MAX_TEXT)
    author_name: Text | None = Field(default=None, max_length=255)
    created_at: AwareInstant | None = None
    children: list[CommentLine] = Field(default_factory=list)


class ReviewLine(ReviewIn):
    """One line of a review import: a new review (its fields and rules: feedback.schemas.ReviewIn), the
    store it is about, and its thread."""

    campaign_id: Id64
    comments: list[CommentLine] = Field(default_factory=list)


def _comments(lines: list[CommentLine], written: datetime, shop_name: str) -> list[CommentRecord]:
    return [
        CommentRecord(
            author_type=c.author, body=c.body, created_at=c.created_at or written,
            author_name=c.author_name or (shop_name if c.author == "SHOP" else None),
            children=_comments(c.children, c.created_at or written, shop_name),
        )
        for c in lines
    ]


async def load_reviews(
    session: AsyncSession, clock: Clock, lines: Sequence[tuple[int, ReviewLine]],
    advance: Callable[[int], None] | None = None,
) -> int:
    """Write checked import lines ((line number, line)), in file order, each a LAST review at the end of its
    store's feed; returns how many. Raises LineErrors (``line N: Campaign not found: 'ID'``) for every line
    whose store does not exist, and then writes nothing."""
    ids = {line.campaign_id for _, line in lines}
    campaigns = {c.id: c for c in (await session.scalars(select(Campaign).where(Campaign.id.in_(ids)))).all()}
    missing = [f"line {number}: Campaign not found: '{line.campaign_id}'"
               for number, line in lines if line.campaign_id not in campaigns]
    if missing:
        raise LineErrors(missing)
    now = clock.now()
    records = [
        ReviewRecord(campaign_id=line.campaign_id, draft=line, created_at=line.created_at or now, updated_at=now,
                     comments=_comments(line.comments, line.created_at or now, campaigns[line.campaign_id].name))
        for _, line in lines
    ]
    await write_reviews(session, records, advance)
    return len(records)
