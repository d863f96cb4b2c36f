"""GET /campaigns/{campaignId}/feedback/updates — new and updated shop reviews, paged by token (seed 001).

The busiest method of the service: its page is put together from reviews kept rendered where it can
be (`pages`), and its parameters are checked by one small model.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field, model_validator
from pydantic_core import PydanticCustomError
from starlette.responses import Response

from market_api.access.operations import Call, Resources
from market_api.feedback.feed import FeedRequest, read_token
from market_api.feedback.pages import page_json
from market_api.platform.validation import INT32_MAX, INT64_MAX, IntParam, IsoDate

MAX_LIMIT = 20


class FeedParams(BaseModel):
    """The path and query parameters, in the order the contract lists them."""

    campaign_id: IntParam = Field(alias="campaignId", ge=1, le=INT64_MAX)
    page_token: str | None = None
    limit: IntParam = Field(default=MAX_LIMIT, ge=1, le=INT32_MAX)
    from_date: IsoDate | None = None

    @model_validator(mode="after")
    def _within_page_size(self) -> FeedParams:
        # Past the int32 range the parameter is malformed; up to it, "Limit exceeded" (protocol.md).
        if self.limit > MAX_LIMIT:
            raise PydanticCustomError("message", "Limit exceeded")
        return self

    def feed_request(self) -> FeedRequest:
        """The page the parameters ask for, as the feed reads it."""
        from_date: date | None = self.from_date
        return FeedRequest(self.campaign_id, self.limit, from_date)


async def feed_resources(call: Call[FeedParams, Any]) -> Resources:
    """The feed names one store (its limit is counted per store)."""
    return Resources(campaign_ids=(call.params.campaign_id,))


async def feedback_updates(call: Call[FeedParams, Any]) -> Response:
    """One page of the store's feed: ``{"status": "OK", "result": {"paging", "feedbackList"}}``. A
    page token must come from a page of the same store, limit and from_date (400 otherwise)."""
    rt, params = call.runtime, call.params
    feed_request = params.feed_request()
    signer = await rt.signer("page-tokens")
    cursor = read_token(signer, params.page_token, feed_request) if params.page_token is not None else None
    state = call.request.app.state
    body = await page_json(rt, state.rendered_reviews, state.kept_positions, signer, feed_request, cursor,
                           call.campaign.name)
    return Response(body, media_type="application/json")
