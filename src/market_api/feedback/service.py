"""Reviews and comments change here; every change moves the review to the end of its campaign's feed."""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy import Table, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts import service as accounts
from market_api.feedback.changes import mark_changed
from market_api.feedback.models import Comment, FeedCounter, Review
from market_api.feedback.rendering import store_rendered
from market_api.feedback.schemas import ReviewDraft, ReviewIn
from market_api.platform.clock import Clock
from market_api.platform.errors import ApiError
from market_api.platform.validation import describe_validation_error


async def reserve_positions(session: AsyncSession, campaign_id: int, count: int = 1) -> int:
    """Reserve `count` feed positions in a campaign; returns the last one. Atomic on both backends. The
    session must be bound to an engine. Its commit counts as a feed change (`changes.mark_changed`)."""
    assert session.bind is not None
    mark_changed(session)
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
    """Mark `review` changed now: it moves to the end of its campaign's feed (a new feed position). The
    change is complete once `feedback.rendering.store_rendered` has rendered it again."""
    review.feed_position = await reserve_positions(session, review.campaign_id)
    review.updated_at = clock.now()


async def post_review(session: AsyncSession, clock: Clock, campaign_id: int, draft: ReviewIn) -> Review:
    """A buyer writes a review of store `campaign_id`: a new LAST version at the end of the store's feed.
    `draft` is validated already (feedback.schemas); a missing store is a 404 ApiError."""
    await accounts.get_campaign(session, campaign_id)
    now = clock.now()
    review = Review(
        **draft.columns(), campaign_id=campaign_id, state="LAST", created_at=draft.created_at or now, updated_at=now,
        feed_position=await reserve_positions(session, campaign_id), agree_count=0, reject_count=0, resolved=False,
    )
    session.add(review)
    await session.flush()
    await store_rendered(session, [review.id])
    return review


async def get_review(session: AsyncSession, review_id: int) -> Review:
    """The review version `review_id`, whatever its state; a missing one is a 404 ApiError."""
    review = await session.get(Review, review_id)
    if review is None:
        raise ApiError(404, f"Review not found: '{review_id}'")
    return review


async def _locked_review(session: AsyncSession, review_id: int) -> Review | None:
    """The review `review_id` as stored now, its row held until the transaction ends (None: no such review),
    so changes to one review (edits, removal, votes, comments) happen one transaction at a time, each
    seeing what the one before it committed. PostgreSQL: ``SELECT ... FOR NO KEY UPDATE`` (comments that
    only refer to it are not held up); SQLite: a write to the row first, which takes the database's write
    lock before the row is read (a transaction that read first could not take it later without failing)."""
    assert session.bind is not None
    query = select(Review).where(Review.id == review_id).execution_options(populate_existing=True)
    if session.bind.dialect.name == "postgresql":
        return await session.scalar(query.with_for_update(key_share=True))
    table = Review.__table__
    assert isinstance(table, Table)
    await session.execute(update(table).where(table.c.id == review_id).values(state=table.c.state))
    return await session.scalar(query)


async def current_review(session: AsyncSession, review_id: int) -> Review:
    """The review `review_id` if it is the current (LAST) version, the only one that can change, locked
    for the rest of the transaction (`_locked_review`): a missing one is a 404 ApiError, a PREVIOUS or
    DELETED one a 409 (also for all but the first of edits of one version made at once)."""
    review = await _locked_review(session, review_id)
    if review is None:
        raise ApiError(404, f"Review not found: '{review_id}'")
    if review.state != "LAST":
        raise ApiError(409, f"Review {review_id} is {review.state}; only the current version can change")
    return review


def _revision(old: Review, edit: ReviewDraft) -> ReviewIn:
    """The next version of `old` after `edit`: the edit's grades, texts and delivery (the old delivery when
    the edit names none: factors are graded for how the order was received), the old authorship and order.
    Checked by the rules of a new review; a broken one is a 400 ApiError with the admin API's messages."""
    kept = {field.alias: getattr(old, name) for name, field in ReviewIn.model_fields.items()
            if name not in ReviewDraft.model_fields and name != "created_at"}
    try:
        delivery = {"delivery": edit.delivery or old.delivery}
        return ReviewIn.model_validate(kept | edit.model_dump(by_alias=True) | delivery)
    except ValidationError as exc:
        raise ApiError(400, describe_validation_error(exc.errors())) from None


async def edit_review(session: AsyncSession, clock: Clock, review_id: int, edit: ReviewDraft) -> Review:
    """The author edits: the old version becomes PREVIOUS, a new LAST version takes its place and its thread.
    A review that is not the current version is a 409 ApiError."""
    old = await current_review(session, review_id)
    draft = _revision(old, edit)
    old.state = "PREVIOUS"
    await touch(session, clock, old)
    now = clock.now()
    new = Review(
        **draft.columns(), campaign_id=old.campaign_id, state="LAST", previous_id=old.id, created_at=now,
        updated_at=now, feed_position=await reserve_positions(session, old.campaign_id),
        agree_count=old.agree_count, reject_count=old.reject_count, resolved=old.resolved,
    )
    session.add(new)
    await session.flush()
    await session.execute(update(Comment).where(Comment.review_id == old.id).values(review_id=new.id))
    await store_rendered(session, [old.id, new.id])
    return new


async def remove_review(session: AsyncSession, clock: Clock, review_id: int) -> Review:
    """The author removes the review: it becomes DELETED and moves to the end of the feed (the feed keeps
    it, so readers learn of the removal). Errors as `current_review`."""
    review = await current_review(session, review_id)
    review.state = "DELETED"
    await touch(session, clock, review)
    await store_rendered(session, [review.id])
    return review


async def set_resolved(session: AsyncSession, clock: Clock, review_id: int, resolved: bool) -> Review:
    """Mark the buyer's problem in the review solved (or not); the review moves to the end of the feed.
    Errors as `current_review`."""
    review = await current_review(session, review_id)
    review.resolved = resolved
    await touch(session, clock, review)
    await store_rendered(session, [review.id])
    return review


async def vote(session: AsyncSession, clock: Clock, review_id: int, agree: int = 0, reject: int = 0) -> Review:
    """Add `agree` and `reject` votes (negative ones take votes away; a count stays >= 0); the review moves
    to the end of the feed. Errors as `current_review`."""
    review = await current_review(session, review_id)
    review.agree_count = max(review.agree_count + agree, 0)
    review.reject_count = max(review.reject_count + reject, 0)
    await touch(session, clock, review)
    await store_rendered(session, [review.id])
    return review


async def add_comment(
    session: AsyncSession, clock: Clock, review_id: int, author_type: str, body: str,
    author_name: str | None = None, parent_id: int | None = None,
) -> Comment:
    """Add a comment by `author_type` (USER or SHOP) to the review's thread, a reply when `parent_id` names
    a live comment of that thread; the review moves to the end of the feed. A SHOP comment without a name
    is signed with the store's name. A bad author, an empty body or a parent from elsewhere is a 400
    ApiError; the review's errors as `current_review`."""
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
    await store_rendered(session, [review.id])
    return comment


async def _live_comment(session: AsyncSession, comment_id: int) -> tuple[Comment, Review]:
    """A comment not removed, and its review (which must be current, and is locked: `current_review`); a
    missing one is a 404 ApiError. The comment is read again once its review is locked."""
    comment = await session.get(Comment, comment_id)
    if comment is None or comment.removed:
        raise ApiError(404, f"Comment not found: '{comment_id}'")
    review = await current_review(session, comment.review_id)
    comment = await session.get(Comment, comment_id, populate_existing=True)
    if comment is None or comment.removed or comment.review_id != review.id:
        raise ApiError(404, f"Comment not found: '{comment_id}'")
    return comment, review


async def edit_comment(session: AsyncSession, clock: Clock, comment_id: int, body: str) -> Comment:
    """Change a comment's text; its review moves to the end of the feed. A missing or removed comment is a
    404 ApiError; a review that is not current, a 409."""
    comment, review = await _live_comment(session, comment_id)
    comment.body = body
    comment.updated_at = clock.now()
    await touch(session, clock, review)
    await store_rendered(session, [review.id])
    return comment


async def remove_comment(session: AsyncSession, clock: Clock, comment_id: int) -> Comment:
    """Remove a comment (it is kept, marked removed, and left out of the feed); its review moves to the end
    of the feed. Errors as `edit_comment`."""
    comment, review = await _live_comment(session, comment_id)
    comment.removed = True
    comment.updated_at = clock.now()
    await touch(session, clock, review)
    await store_rendered(session, [review.id])
    return comment
