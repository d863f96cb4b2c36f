"""Reviews and comments change here; every change moves the review to the end of its campaign's feed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts import service as accounts
from market_api.feedback.factors import factor_grades
from market_api.feedback.models import Comment, FeedCounter, Review
from market_api.feedback.regions import region_rows
from market_api.platform.clock import Clock
from market_api.platform.errors import ApiError

DELIVERY_TYPES = ("DELIVERY", "PICKUP", "INSTORE")


async def reserve_positions(session: AsyncSession, campaign_id: int, count: int = 1) -> int:
    """Reserve `count` feed positions in a campaign; returns the last one. Atomic on both backends."""
    dialect = session.bind.dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(FeedCounter)
        .values(campaign_id=campaign_id, last_position=count)
        .on_conflict_do_update(
            index_elements=[FeedCounter.campaign_id],
            set_={"last_position": FeedCounter.last_position + count},
        )
        .returning(FeedCounter.last_position)
    )
    return (await session.execute(statement)).scalar_one()


async def touch(session: AsyncSession, clock: Clock, review: Review) -> None:
    review.feed_position = await reserve_positions(session, review.campaign_id)
    review.updated_at = clock.now()


@dataclass
class ReviewDraft:
    grade: int
    text: str | None = None
    pro: str | None = None
    contra: str | None = None
    author_name: str | None = None
    author_region_id: int | None = None
    factors: dict[int, int] = field(default_factory=dict)
    recommend: bool | None = None
    verified: bool = False
    shop_order_id: str | None = None
    delivery: str | None = None
    created_at: datetime | None = None


def check_draft(draft: ReviewDraft) -> list[dict]:
    """Validate a review as written; returns its graded factors."""
    if not 1 <= draft.grade <= 5:
        raise ApiError(400, f"Value of grade ({draft.grade}) must be between 1 and 5")
    if draft.delivery is not None and draft.delivery not in DELIVERY_TYPES:
        raise ApiError(400, f"Value of delivery ({draft.delivery}) must be one of: {', '.join(DELIVERY_TYPES)}")
    for factor_id, value in draft.factors.items():
        if not 1 <= value <= 5:
            raise ApiError(400, f"Value of factors[{factor_id}] ({value}) must be between 1 and 5")
    if draft.author_region_id is not None and draft.author_region_id not in region_rows():
        raise ApiError(400, f"Unknown region: {draft.author_region_id}")
    if draft.author_region_id is not None and draft.author_name is None:
        raise ApiError(400, "An anonymous review has no author region")
    try:
        return factor_grades(draft.delivery, draft.factors)
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None


async def post_review(session: AsyncSession, clock: Clock, campaign_id: int, draft: ReviewDraft) -> Review:
    await accounts.get_campaign(session, campaign_id)
    factors = check_draft(draft)
    now = clock.now()
    review = Review(
        campaign_id=campaign_id, state="LAST", created_at=draft.created_at or now, updated_at=now,
        feed_position=await reserve_positions(session, campaign_id),
        text=draft.text, pro=draft.pro, contra=draft.contra, author_name=draft.author_name,
        author_region_id=draft.author_region_id, grade=draft.grade, factors=factors,
        recommend=draft.recommend, verified=draft.verified, shop_order_id=draft.shop_order_id,
        delivery=draft.delivery, agree_count=0, reject_count=0, resolved=False,
    )
    session.add(review)
    await session.flush()
    return review


async def get_review(session: AsyncSession, review_id: int) -> Review:
    review = await session.get(Review, review_id)
    if review is None:
        raise ApiError(404, f"Review not found: '{review_id}'")
    return review


async def current_review(session: AsyncSession, review_id: int) -> Review:
    review = await get_review(session, review_id)
    if review.state != "LAST":
        raise ApiError(409, f"Review {review_id} is {review.state}; only the current version can change")
    return review


async def edit_review(session: AsyncSession, clock: Clock, review_id: int, draft: ReviewDraft) -> Review:
    """The author edits: the old version becomes PREVIOUS, a new LAST version takes its place."""
    old = await current_review(session, review_id)
    if draft.delivery is None:
        draft.delivery = old.delivery  # factors are graded for how the order was received
    factors = check_draft(draft)
    old.state = "PREVIOUS"
    await touch(session, clock, old)
    now = clock.now()
    new = Review(
        campaign_id=old.campaign_id, state="LAST", previous_id=old.id, created_at=now, updated_at=now,
        feed_position=await reserve_positions(session, old.campaign_id),
        text=draft.text, pro=draft.pro, contra=draft.contra, author_name=old.author_name,
        author_region_id=old.author_region_id, grade=draft.grade, factors=factors,
        recommend=draft.recommend, verified=old.verified, shop_order_id=old.shop_order_id,
        delivery=draft.delivery,
        agree_count=old.agree_count, reject_count=old.reject_count, resolved=old.resolved,
    )
    session.add(new)
    await session.flush()
    await session.execute(update(Comment).where(Comment.review_id == old.id).values(review_id=new.id))
    return new


async def remove_review(session: AsyncSession, clock: Clock, review_id: int) -> Review:
    review = await current_review(session, review_id)
    review.state = "DELETED"
    await touch(session, clock, review)
    return review


async def set_resolved(session: AsyncSession, clock: Clock, review_id: int, resolved: bool) -> Review:
    review = await current_review(session, review_id)
    review.resolved = resolved
    await touch(session, clock, review)
    return review


async def vote(session: AsyncSession, clock: Clock, review_id: int, agree: int = 0, reject: int = 0) -> Review:
    review = await current_review(session, review_id)
    review.agree_count = max(review.agree_count + agree, 0)
    review.reject_count = max(review.reject_count + reject, 0)
    await touch(session, clock, review)
    return review


async def add_comment(
    session: AsyncSession, clock: Clock, review_id: int, author_type: str, body: str,
    author_name: str | None = None, parent_id: int | None = None,
) -> Comment:
    review = await current_review(session, review_id)
    if author_type not in ("USER", "SHOP"):
        raise ApiError(400, f"Value of author ({author_type}) must be one of: USER, SHOP")
    if not body.strip():
        raise ApiError(400, "Missing field: body")
    if parent_id is not None:
        parent = await session.get(Comment, parent_id)
        if parent is None or parent.review_id != review.id or parent.removed:
            raise ApiError(400, f"Comment {parent_id} is not in the thread of review {review_id}")
    if author_type == "SHOP" and not author_name:
        author_name = (await accounts.get_campaign(session, review.campaign_id)).name
    now = clock.now()
    comment = Comment(
        review_id=review.id, parent_id=parent_id, author_type=author_type, author_name=author_name,
        body=body, removed=False, created_at=now, updated_at=now,
    )
    session.add(comment)
    await touch(session, clock, review)
    await session.flush()
    return comment


async def _live_comment(session: AsyncSession, comment_id: int) -> tuple[Comment, Review]:
    comment = await session.get(Comment, comment_id)
    if comment is None or comment.removed:
        raise ApiError(404, f"Comment not found: '{comment_id}'")
    return comment, await current_review(session, comment.review_id)


async def edit_comment(session: AsyncSession, clock: Clock, comment_id: int, body: str) -> Comment:
    comment, review = await _live_comment(session, comment_id)
    comment.body = body
    comment.updated_at = clock.now()
    await touch(session, clock, review)
    return comment


async def remove_comment(session: AsyncSession, clock: Clock, comment_id: int) -> Comment:
    comment, review = await _live_comment(session, comment_id)
    comment.removed = True
    comment.updated_at = clock.now()
    await touch(session, clock, review)
    return comment
