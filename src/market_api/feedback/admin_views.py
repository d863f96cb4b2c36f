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

router = APIRouter(prefix="/admin", tags=["admin: feedback"])


async def _saved(session: AsyncSession, result: ReviewRef | CommentRef) -> dict:
    await session.commit()
    return ok(result)


@router.post("/campaigns/{campaign_id}/reviews", status_code=201)
async def post_review(
    campaign_id: int, body: ReviewIn, request: Request, session: AsyncSession = Depends(db_session)
) -> dict:
    review = await service.post_review(session, runtime(request).clock, campaign_id, body)
    return await _saved(session, ReviewRef.model_validate(review))


@router.put("/reviews/{review_id}")
async def edit_review(review_id: int, body: ReviewDraft, request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    review = await service.edit_review(session, runtime(request).clock, review_id, body)
    return await _saved(session, ReviewRef.model_validate(review))


@router.delete("/reviews/{review_id}")
async def remove_review(review_id: int, request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    review = await service.remove_review(session, runtime(request).clock, review_id)
    return await _saved(session, ReviewRef.model_validate(review))


@router.put("/reviews/{review_id}/resolved")
async def set_resolved(
    review_id: int, body: ResolvedIn, request: Request, session: AsyncSession = Depends(db_session)
) -> dict:
    review = await service.set_resolved(session, runtime(request).clock, review_id, body.resolved)
    return await _saved(session, ReviewRef.model_validate(review))


@router.post("/reviews/{review_id}/votes")
async def vote(review_id: int, body: VotesIn, request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    review = await service.vote(session, runtime(request).clock, review_id, body.agree, body.reject)
    return await _saved(session, ReviewRef.model_validate(review))


@router.post("/reviews/{review_id}/comments", status_code=201)
async def add_comment(
    review_id: int, body: CommentIn, request: Request, session: AsyncSession = Depends(db_session)
) -> dict:
    comment = await service.add_comment(
        session, runtime(request).clock, review_id, body.author, body.body, body.author_name, body.parent_id
    )
    return await _saved(session, CommentRef.model_validate(comment))


@router.put("/comments/{comment_id}")
async def edit_comment(
    comment_id: int, body: CommentEdit, request: Request, session: AsyncSession = Depends(db_session)
) -> dict:
    comment = await service.edit_comment(session, runtime(request).clock, comment_id, body.body)
    return await _saved(session, CommentRef.model_validate(comment))


@router.delete("/comments/{comment_id}")
async def remove_comment(comment_id: int, request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    comment = await service.remove_comment(session, runtime(request).clock, comment_id)
    return await _saved(session, CommentRef.model_validate(comment))
