"""Admin API of the feedback domain: buyers write, edit and remove reviews; threads; votes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.feedback import service
from market_api.feedback.schemas import (
    CommentEdit,
    CommentIn,
    CommentRef,
    ResolvedIn,
    ReviewDraft,
    ReviewIn,
    ReviewRef,
    VotesIn,
)
from market_api.platform.responses import ok
from market_api.platform.runtime import db_session, runtime
from market_api.platform.validation import PathId64

router = APIRouter(prefix="/admin", tags=["admin: feedback"])


async def _saved(session: AsyncSession, result: ReviewRef | CommentRef) -> dict:
    """Commit, and answer `result` as ``{"status": "OK", "result": ...}``."""
    await session.commit()
    return ok(result)


@router.post("/campaigns/{campaign_id}/reviews", status_code=201)
async def post_review(
    campaign_id: PathId64, body: ReviewIn, request: Request, session: AsyncSession = Depends(db_session)
) -> dict:
    """POST /admin/campaigns/{campaign_id}/reviews: a buyer writes a review of the store, a new LAST version
    at the end of its feed; 201 with the ReviewRef. 404 for an unknown store, 400 for a broken body."""
    review = await service.post_review(session, runtime(request).clock, campaign_id, body)
    return await _saved(session, ReviewRef.model_validate(review))


@router.put("/reviews/{review_id}")
async def edit_review(
    review_id: PathId64, body: ReviewDraft, request: Request, session: AsyncSession = Depends(db_session)
) -> dict:
    """PUT /admin/reviews/{review_id}: the author edits; the old version becomes PREVIOUS, the answer is the
    new LAST one (it takes over the thread). 404 for an unknown review, 409 for one that is not current,
    400 for a broken edit."""
    review = await service.edit_review(session, runtime(request).clock, review_id, body)
    return await _saved(session, ReviewRef.model_validate(review))


@router.delete("/reviews/{review_id}")
async def remove_review(
    review_id: PathId64, request: Request, session: AsyncSession = Depends(db_session)
) -> dict:
    """DELETE /admin/reviews/{review_id}: the author removes the review; it stays in the feed as DELETED.
    404 for an unknown review, 409 for one that is not current."""
    review = await service.remove_review(session, runtime(request).clock, review_id)
    return await _saved(session, ReviewRef.model_validate(review))


@router.put("/reviews/{review_id}/resolved")
async def set_resolved(
    review_id: PathId64, body: ResolvedIn, request: Request, session: AsyncSession = Depends(db_session)
) -> dict:
    """PUT /admin/reviews/{review_id}/resolved: mark the buyer's problem solved, or not. 404 for an unknown
    review, 409 for one that is not current."""
    review = await service.set_resolved(session, runtime(request).clock, review_id, body.resolved)
    return await _saved(session, ReviewRef.model_validate(review))


@router.post("/reviews/{review_id}/votes")
async def vote(
    review_id: PathId64, body: VotesIn, request: Request, session: AsyncSession = Depends(db_session)
) -> dict:
    """POST /admin/reviews/{review_id}/votes: other buyers vote on the review's usefulness (counts stay
    >= 0). 404 for an unknown review, 409 for one that is not current."""
    review = await service.vote(session, runtime(request).clock, review_id, body.agree, body.reject)
    return await _saved(session, ReviewRef.model_validate(review))


@router.post("/reviews/{review_id}/comments", status_code=201)
async def add_comment(
    review_id: PathId64, body: CommentIn, request: Request, session: AsyncSession = Depends(db_session)
) -> dict:
    """POST /admin/reviews/{review_id}/comments: add a comment, or a reply, to the review's thread; 201 with
    the CommentRef. 404 for an unknown review, 409 for one that is not current, 400 for a parent comment
    from elsewhere."""
    comment = await service.add_comment(
        session, runtime(request).clock, review_id, body.author, body.body, body.author_name, body.parent_id
    )
    return await _saved(session, CommentRef.model_validate(comment))


@router.put("/comments/{comment_id}")
async def edit_comment(
    comment_id: PathId64, body: CommentEdit, request: Request, session: AsyncSession = Depends(db_session)
) -> dict:
    """PUT /admin/comments/{comment_id}: change a comment's text. 404 for an unknown or removed comment, 409
    when its review is not current."""
    comment = await service.edit_comment(session, runtime(request).clock, comment_id, body.body)
    return await _saved(session, CommentRef.model_validate(comment))


@router.delete("/comments/{comment_id}")
async def remove_comment(
    comment_id: PathId64, request: Request, session: AsyncSession = Depends(db_session)
) -> dict:
    """DELETE /admin/comments/{comment_id}: remove a comment from its thread (and from the feed). 404 for an
    unknown or removed comment, 409 when its review is not current."""
    comment = await service.remove_comment(session, runtime(request).clock, comment_id)
    return await _saved(session, CommentRef.model_validate(comment))
