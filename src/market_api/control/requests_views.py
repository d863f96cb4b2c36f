"""Admin API of the request log: GET /admin/requests."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query, Request

from market_api.control.clock import EARLIEST, LATEST
from market_api.control.request_log import RequestFilter, RequestLog, newest, shown
from market_api.platform.errors import ApiError
from market_api.platform.responses import ok
from market_api.platform.runtime import runtime
from market_api.platform.validation import INT64_MAX, IntParam
from market_api.platform.validation import shown as shown_value

router = APIRouter(prefix="/admin", tags=["admin: control"])

_TOKEN_KEY = "requestLogBefore"  # what a page token of the request log holds: the row id to continue before


@router.get("/requests", response_model=None)
async def list_requests(
    request: Request,
    request_id: str | None = Query(default=None, alias="requestId", min_length=1, max_length=128),
    business_id: IntParam | None = Query(default=None, alias="businessId", ge=1, le=INT64_MAX),
    campaign_id: IntParam | None = Query(default=None, alias="campaignId", ge=1, le=INT64_MAX),
    operation_id: str | None = Query(default=None, alias="operationId", min_length=1, max_length=64),
    status: IntParam | None = Query(default=None, ge=100, le=599),
    since: str | None = Query(default=None, min_length=1, max_length=64),
    limit: IntParam = Query(default=50, ge=1, le=500),
    page_token: str | None = Query(default=None, alias="pageToken", min_length=1, max_length=512),
) -> dict:
    """GET /admin/requests: the request log, newest first.

    Filters (each optional, all must match): ``requestId`` (≤ 128 characters; the ``X-Request-Id`` a
    client sent, or the one the answer carried), ``businessId``, ``campaignId`` (1..2^63-1),
    ``operationId`` (≤ 64 characters), ``status`` (100..599), ``since`` (ISO 8601 with its offset, by
    the service clock; ``+`` URL-encoded as ``%2B``). ``limit``: 1..500 entries a page, default 50;
    ``pageToken``: the ``nextPageToken`` of the page before, with the same filters.

    Answers ``{"requests": [entry...], "nextPageToken": "..." | null}``; ``nextPageToken`` is null on
    the last page. An entry: `market_api.control.request_log` (every field present, null when unknown).
    This process's own waiting entries are written first, so a request it just answered is found at
    once; other processes' show within their flush interval (half a second). 400 for a filter out of
    its bounds, a ``since`` without an offset, or a page token this service did not give.
    """
    rt = runtime(request)
    where = RequestFilter(request_id, business_id, campaign_id, operation_id, status, _since(since))
    before = await _before(request, page_token) if page_token is not None else None
    request_log: RequestLog = request.app.state.request_log
    await request_log.flush()
    async with rt.read_connection() as connection:
        rows = await newest(connection, where, limit + 1, before)
    page = rows[:limit]
    next_token = None
    if len(rows) > limit:
        next_token = (await rt.signer("page-tokens")).dumps({_TOKEN_KEY: page[-1].id})
    return ok({"requests": [shown(row) for row in page], "nextPageToken": next_token})


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ApiError(400, f"Value of since ({shown_value(value)}) must be an ISO 8601 instant with an offset, "
                            "e.g. 2026-06-15T12:00:00+03:00")
    if not EARLIEST <= moment < LATEST:  # the instants the service clock may show, and a database holds
        raise ApiError(400, f"Value of since ({shown_value(value)}) must be from 2000-01-01T00:00:00Z up to "
                            "2100-01-01T00:00:00Z")
    return moment


async def _before(request: Request, token: str) -> int:
    found = (await runtime(request).signer("page-tokens")).loads(token)
    before = found.get(_TOKEN_KEY) if found else None
    if not isinstance(before, int) or isinstance(before, bool) or not 1 <= before <= INT64_MAX:
        raise ApiError(400, f"Value of pageToken ({shown_value(token)}) is not a page token of the request log")
    return before
