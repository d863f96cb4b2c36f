"""GET /campaigns/{campaignId}/feedback/updates — new and updated shop reviews, paged by token."""

from __future__ import annotations

import re
from datetime import date

from fastapi import APIRouter, Depends, Path, Query, Response

from market_api.feedback.dto import feedback_dto
from market_api.feedback.feed import FeedRequest, read_page, read_token
from market_api.platform.auth import Caller, operation
from market_api.platform.errors import ApiError
from market_api.platform.validation import INT32_MAX, INT64_MAX
from market_api.platform.responses import json_ok

router = APIRouter(tags=["feedback"])

MAX_LIMIT = 20


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_from_date(raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        if _DATE.fullmatch(raw) and date.fromisoformat(raw).year > 1:
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise ApiError(400, f"Value of from_date ({raw}) must match the pattern: 'YYYY-MM-DD'")


async def feedback_updates(
    campaign_id: int = Path(alias="campaignId", ge=1, le=INT64_MAX),
    page_token: str | None = Query(default=None),
    limit: int = Query(default=MAX_LIMIT, ge=1, le=INT32_MAX),
    from_date: str | None = Query(default=None),
    caller: Caller = Depends(operation("getFeedbackAndCommentUpdates")),
) -> Response:
    if limit > MAX_LIMIT:  # past the int32 range the parameter is malformed; up to it, "Limit exceeded"
        raise ApiError(400, "Limit exceeded")
    request = FeedRequest(campaign_id, limit, _parse_from_date(from_date))
    campaign = await caller.campaign(campaign_id)
    signer = await caller.runtime.signer()
    cursor = read_token(signer, page_token, request) if page_token is not None else None
    async with caller.runtime.read_connection() as connection:
        page = await read_page(connection, signer, request, cursor)
    paging = {key: value for key, value in (("nextPageToken", page.next_token), ("prevPageToken", page.prev_token)) if value}
    return json_ok({
        "paging": paging,
        "feedbackList": [feedback_dto(r, page.comments.get(r["id"], []), campaign.name) for r in page.reviews],
    })


for _path in ("/campaigns/{campaignId}/feedback/updates", "/campaigns/{campaignId}/feedback/updates.json"):
    router.add_api_route(_path, feedback_updates, methods=["GET"], name="getFeedbackAndCommentUpdates")
