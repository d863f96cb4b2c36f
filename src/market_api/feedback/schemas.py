"""Admin API bodies of the feedback domain."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, Field

from market_api.platform.schemas import CamelModel
from market_api.feedback.service import ReviewDraft

Grade = Field(ge=1, le=5)
DRAFT_FIELDS = {f.name for f in fields(ReviewDraft)}


class ReviewIn(CamelModel):
    grade: int = Grade
    text: str | None = None
    pro: str | None = None
    contra: str | None = None
    author_name: str | None = Field(default=None, max_length=255, description="Leave out for an anonymous review.")
    author_region_id: int | None = None
    factors: dict[int, int] = Field(default_factory=dict, description="Factor id -> grade 1..5.")
    recommend: bool | None = None
    verified: bool = False
    shop_order_id: str | None = Field(default=None, max_length=64)
    delivery: Literal["DELIVERY", "PICKUP", "INSTORE"] | None = None
    created_at: AwareDatetime | None = None

    def draft(self) -> ReviewDraft:
        return ReviewDraft(**self.model_dump(include=DRAFT_FIELDS))


class ReviewEdit(CamelModel):
    grade: int = Grade
    text: str | None = None
    pro: str | None = None
    contra: str | None = None
    factors: dict[int, int] = Field(default_factory=dict)
    recommend: bool | None = None
    delivery: Literal["DELIVERY", "PICKUP", "INSTORE"] | None = None

    def draft(self) -> ReviewDraft:
        return ReviewDraft(**self.model_dump(include=DRAFT_FIELDS))


class CommentIn(CamelModel):
    author: Literal["USER", "SHOP"]
    body: str = Field(min_length=1)
    author_name: str | None = Field(default=None, max_length=255)
    parent_id: int | None = None


class CommentEdit(CamelModel):
    body: str = Field(min_length=1)


class ResolvedIn(CamelModel):
    resolved: bool


class VotesIn(CamelModel):
    agree: int = Field(default=0, ge=-1000, le=1000)
    reject: int = Field(default=0, ge=-1000, le=1000)


class ReviewRef(CamelModel):
    id: int
    campaign_id: int
    state: str
    feed_position: int
    updated_at: datetime


class CommentRef(CamelModel):
    id: int
    review_id: int
    parent_id: int | None = None
    author_type: str
    body: str
