"""Bulk import of reviews from NDJSON: every line is checked first; one bad line and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from pydantic import Field, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts import service as accounts
from market_api.accounts.models import Campaign
from market_api.accounts.schemas import CamelModel
from market_api.feedback.bulk import CommentRecord, ReviewRecord, write_reviews
from market_api.feedback.schemas import ReviewIn
from market_api.feedback.service import check_draft
from market_api.platform.clock import Clock
from market_api.platform.errors import ApiError
from market_api.platform.validation import describe_validation_error


class CommentLine(CamelModel):
    author: Literal["USER", "SHOP"]
    body: str = Field(min_length=1)
    author_name: str | None = None
    created_at: datetime | None = None
    children: list[CommentLine] = Field(default_factory=list)


class ReviewLine(ReviewIn):
    campaign_id: int = Field(ge=1)
    comments: list[CommentLine] = Field(default_factory=list)


@dataclass
class ImportReport:
    lines: int = 0
    imported: int = 0
    errors: list[str] = field(default_factory=list)


def _parse(number: int, line: str) -> tuple[ReviewLine | None, list[str]]:
    try:
        data = json.loads(line)
    except ValueError as exc:
        return None, [f"line {number}: JSON: {exc}"]
    try:
        return ReviewLine.model_validate(data), []
    except ValidationError as exc:
        return None, [f"line {number}: {message}" for message in describe_validation_error(exc.errors())]


def _comments(lines: list[CommentLine], written: datetime, shop_name: str) -> list[CommentRecord]:
    return [
        CommentRecord(
            author_type=c.author, body=c.body, created_at=c.created_at or written,
            author_name=c.author_name or (shop_name if c.author == "SHOP" else None),
            children=_comments(c.children, c.created_at or written, shop_name),
        )
        for c in lines
    ]


async def _record(session: AsyncSession, now: datetime, line: ReviewLine, campaigns: dict[int, Campaign | None]) -> ReviewRecord:
    if line.campaign_id not in campaigns:
        campaigns[line.campaign_id] = await accounts.find_campaign(session, line.campaign_id)
    campaign = campaigns[line.campaign_id]
    if campaign is None:
        raise ApiError(404, f"Campaign not found: '{line.campaign_id}'")
    draft = line.draft()
    factors = check_draft(draft)
    written = line.created_at or now
    return ReviewRecord(
        campaign_id=campaign.id, grade=draft.grade, created_at=written, updated_at=now, text=draft.text,
        pro=draft.pro, contra=draft.contra, author_name=draft.author_name, author_region_id=draft.author_region_id,
        factors=factors, recommend=draft.recommend, verified=draft.verified, shop_order_id=draft.shop_order_id,
        delivery=draft.delivery, comments=_comments(line.comments, written, campaign.name),
    )


async def import_reviews(
    session: AsyncSession, clock: Clock, lines: Iterable[str], advance: Callable[[int], None] | None = None
) -> ImportReport:
    """Check every line, then write all of them, in file order, or none."""
    report = ImportReport()
    records: list[ReviewRecord] = []
    campaigns: dict[int, Campaign | None] = {}
    now = clock.now()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        report.lines += 1
        parsed, errors = _parse(number, line)
        if parsed is not None:
            try:
                records.append(await _record(session, now, parsed, campaigns))
            except ApiError as exc:
                errors = [f"line {number}: {exc.message}"]
        report.errors += errors
    if not report.errors:
        await write_reviews(session, records, advance)
        report.imported = len(records)
    return report
