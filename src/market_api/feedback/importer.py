"""Bulk import of reviews from NDJSON: every line is checked first; one bad line and nothing is written."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, Field
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts import service as accounts
from market_api.accounts.models import Campaign
from market_api.platform.schemas import CamelModel
from market_api.feedback.bulk import CommentRecord, ReviewRecord, write_reviews
from market_api.feedback.schemas import ReviewIn
from market_api.feedback.service import check_draft
from market_api.platform.clock import Clock
from market_api.platform.errors import ApiError
from market_api.platform.imports import parse


class CommentLine(CamelModel):
    author: Literal["USER", "SHOP"]
    body: str = Field(min_length=1)
    author_name: str | None = Field(default=None, max_length=255)
    created_at: AwareDatetime | None = None
    children: list[CommentLine] = Field(default_factory=list)


class ReviewLine(ReviewIn):
    campaign_id: int = Field(ge=1)
    comments: list[CommentLine] = Field(default_factory=list)


@dataclass
class ImportReport:
    lines: int = 0
    imported: int = 0
    errors: list[str] = field(default_factory=list)


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
    lines = list(lines)
    parsed = parse(lines, ReviewLine)
    report = ImportReport(lines=sum(1 for line in lines if line.strip()), errors=list(parsed.errors))
    records: list[ReviewRecord] = []
    campaigns: dict[int, Campaign | None] = {}
    now = clock.now()
    for number, line in parsed.records:
        try:
            records.append(await _record(session, now, line, campaigns))
        except ApiError as exc:
            report.errors.append(f"line {number}: {exc.message}")
    report.errors.sort(key=lambda e: int(e.split(":", 1)[0].removeprefix("line ")))
    if not report.errors:
        await write_reviews(session, records, advance)
        report.imported = len(records)
    return report
