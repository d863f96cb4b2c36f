"""Tables of the feedback domain: regions, reviews with versions, comment threads, feed positions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from market_api.platform.database import Base, BigId, UtcDateTime


class Region(Base):
    """A region of Market's tree (city → subject → federal district → country), by Market region id; filled
    by a migration from the reference data (feedback.regions)."""

    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(32))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))


class FeedCounter(Base):
    """The last feed position handed out in a campaign: the feed's order is this sequence, not the clock."""

    __tablename__ = "feedback_feed_counters"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    last_position: Mapped[int] = mapped_column(BigInteger, default=0)


class Review(Base):
    """One version of a shop review. An edit leaves the old version PREVIOUS and adds a LAST one; a removal
    makes it DELETED. Every change moves it to a new `feed_position`, the end of its campaign's feed.
    `factors`: the graded factors as feedback.factors.factor_grades makes them. `rendered`: the review's
    FeedbackDTO as JSON when it was at `rendered_position` (feedback.rendering), current only while the
    two positions are equal."""

    __tablename__ = "feedback_reviews"
    __table_args__ = (
        Index("ix_feedback_reviews_feed", "campaign_id", "feed_position", unique=True),
        # Where a from_date's changes begin in the feed (feedback/feed.py).
        Index("ix_feedback_reviews_updated", "campaign_id", "updated_at", "feed_position"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    feed_position: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(16), default="LAST")
    # The earlier version this one replaced (an edit leaves that one PREVIOUS).
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("feedback_reviews.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    text: Mapped[str | None] = mapped_column(Text)
    pro: Mapped[str | None] = mapped_column(Text)
    contra: Mapped[str | None] = mapped_column(Text)
    author_name: Mapped[str | None] = mapped_column(String(255))
    author_region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    grade: Mapped[int] = mapped_column(Integer)
    factors: Mapped[list[dict]] = mapped_column(JSON, default=list)
    agree_count: Mapped[int] = mapped_column(Integer, default=0)
    reject_count: Mapped[int] = mapped_column(Integer, default=0)
    recommend: Mapped[bool | None] = mapped_column(Boolean)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    shop_order_id: Mapped[str | None] = mapped_column(String(64))
    delivery: Mapped[str | None] = mapped_column(String(16))
    # Derived from the rest (feedback.rendering): left out of snapshots and made again on restore; read only
    # where asked for.
    rendered: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True, info={"derived": True})
    rendered_position: Mapped[int | None] = mapped_column(BigInteger, info={"derived": True})


class Comment(Base):
    """A comment in a review's thread (`parent_id`: the comment it answers). A removed one is kept, marked
    `removed`, and left out of the feed."""

    __tablename__ = "feedback_comments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("feedback_reviews.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("feedback_comments.id"))
    author_type: Mapped[str] = mapped_column(String(8))
    author_name: Mapped[str | None] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
