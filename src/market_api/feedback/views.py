"""GET /campaigns/{campaignId}/feedback/updates — new and updated shop reviews, paged by token.

The busiest method of the service, so it is a plain Starlette route: it checks its few parameters
itself (with the same pydantic rules and messages as every other method) instead of going through
FastAPI's dependency resolution, which would cost more than the page.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, Field, ValidationError
from starlette.requests import Request
from starlette.responses import Response

from market_api.feedback.feed import FeedRequest, read_token
from market_api.feedback.pages import page_json
from market_api.platform.auth import authorized
from market_api.platform.errors import ApiError
from market_api.platform.routes import PlainRoute
from market_api.platform.runtime import runtime
from market_api.platform.validation import INT32_MAX, INT64_MAX, describe_validation_error

OPERATION = "getFeedbackAndCommentUpdates"
MAX_LIMIT = 20

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class FeedQuery(BaseModel):
    """The path and query parameters, in the order the contract lists them."""

    campaign_id: int = Field(alias="campaignId", ge=1, le=INT64_MAX)
    page_token: str | None = None
    limit: int = Field(default=MAX_LIMIT, ge=1, le=INT32_MAX)
    from_date: str | None = None

    @classmethod
    def of(cls, request: Request) -> FeedQuery:
        try:
            return cls.model_validate({**request.query_params, "campaignId": request.path_params["campaignId"]})
        except ValidationError as error:
            raise ApiError(400, describe_validation_error(error.errors())) from None

    def feed_request(self) -> FeedRequest:
        if self.limit > MAX_LIMIT:  # past the int32 range the parameter is malformed; up to it, "Limit exceeded"
            raise ApiError(400, "Limit exceeded")
        return FeedRequest(self.campaign_id, self.limit, _parse_from_date(self.from_date))


def _parse_from_date(raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        if _DATE.fullmatch(raw) and date.fromisoformat(raw).year > 1:
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise ApiError(400, f"Value of from_date ({raw}) must match the pattern: 'YYYY-MM-DD'")


async def feedback_updates(request: Request) -> Response:
    rt = runtime(request)
    async with authorized(request, OPERATION) as caller:
        query = FeedQuery.of(request)
        feed_request = query.feed_request()
        campaign = await caller.campaign(query.campaign_id)
        signer = await rt.signer()
        cursor = read_token(signer, query.page_token, feed_request) if query.page_token is not None else None
        body = await page_json(rt, request.app.state.rendered_reviews, signer, feed_request, cursor, campaign.name)
    return Response(body, media_type="application/json")


routes = [PlainRoute(path, feedback_updates, methods=["GET"], name=OPERATION)
          for path in ("/campaigns/{campaignId}/feedback/updates", "/campaigns/{campaignId}/feedback/updates.json")]
