"""The console's pages (/console/...): server-rendered with Jinja2, usable without JavaScript; only the
request log's live rows come over server-sent events."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import Field
from sqlalchemy.ext.asyncio import AsyncSession
from sse_starlette.sse import EventSourceResponse
from starlette.staticfiles import StaticFiles

from market_api.accounts.models import Campaign
from market_api.console import auth, chart, control, pages
from market_api.console.models import ConsoleSession
from market_api.console.rendering import page, templates
from market_api.control import request_log
from market_api.control.request_log import RequestFilter
from market_api.platform.clock import today
from market_api.platform.errors import ApiError
from market_api.platform.runtime import db_session, runtime
from market_api.platform.validation import INT64_MAX, IntParam
from market_api.reports.models import Report
from market_api.reports.views import download_link

router = APIRouter(prefix="/console", include_in_schema=False)
REQUESTS_SHOWN = 100
STREAM_POLL_SECONDS = 0.5

QueryId = Annotated[IntParam, Field(ge=1, le=INT64_MAX)] | None
PathId = Annotated[int, Path(ge=1, le=INT64_MAX)]


async def session_of(request: Request, session: AsyncSession = Depends(db_session)) -> ConsoleSession:
    """FastAPI dependency of every page behind the login: the console session, or a redirect to the form."""
    return await auth.require_session(request, session)


Console = Annotated[ConsoleSession, Depends(session_of)]
Db = Annotated[AsyncSession, Depends(db_session)]


@router.get("")
async def login_form(request: Request, session: Db) -> Response:
    """GET /console: the login form (one field, the admin token); with a session, the request log."""
    if await auth.current_session(request, session):
        return RedirectResponse("/console/requests", status_code=303)
    return await _login_page(request)


async def _login_page(request: Request, error: str | None = None) -> Response:
    nonce, token = await auth.login_form_token(request)
    response = page(request, "login.html", None, status_code=401 if error else 200, error=error, login_token=token)
    auth.set_login_cookie(request, response, nonce)
    return response


@router.post("/login")
async def login(request: Request, session: Db) -> Response:
    """POST /console/login (form: token, csrf_token): a correct admin token opens a session and goes to the
    request log; a wrong one shows the form again (401). 403 without the form's CSRF token."""
    form = await request.form()
    await auth.check_login_form(request, form)
    token = form.get("token")
    token_id = await auth.admin_token_id(session, token if isinstance(token, str) else "")
    if token_id is None:
        return await _login_page(request, "Admin token is invalid")
    redirect = RedirectResponse("/console/requests", status_code=303)
    if not await auth.open_session(request, session, token_id, redirect):
        return await _login_page(request, "Admin token is invalid")  # revoked as the session was opened
    return redirect


@router.post("/logout")
async def logout(request: Request, console: Console, session: Db) -> Response:
    """POST /console/logout (form: csrf_token): end the session, back to the login form."""
    await auth.check_csrf(console, await request.form())
    redirect = RedirectResponse("/console", status_code=303)
    await auth.end_session(session, console, redirect)
    return redirect


def _filter(business_id: int | None, campaign_id: int | None, operation_id: str | None,
            status: int | None) -> RequestFilter:
    return RequestFilter(business_id=business_id, campaign_id=campaign_id, operation_id=operation_id or None,
                         status=status)


RequestFilters = dict[str, Any]


def _filters(
    business_id: QueryId = Query(default=None, alias="businessId"),
    campaign_id: QueryId = Query(default=None, alias="campaignId"),
    operation_id: str | None = Query(default=None, alias="operationId", max_length=64),
    status: Annotated[IntParam, Field(ge=100, le=599)] | None = Query(default=None),
) -> RequestFilters:
    return {"business_id": business_id, "campaign_id": campaign_id, "operation_id": operation_id, "status": status}


@router.get("/requests")
async def requests_page(request: Request, console: Console, session: Db,
                        filters: RequestFilters = Depends(_filters)) -> Response:
    """GET /console/requests: the newest REQUESTS_SHOWN entries of the request log (filters: businessId,
    campaignId, operationId, status), newest first; new ones arrive live."""
    log = getattr(request.app.state, "request_log", None)
    if log is not None:
        await log.flush()
    rows = await request_log.newest(session, _filter(**filters), REQUESTS_SHOWN)
    entries = [request_log.shown(row) | {"id": row.id} for row in rows]
    return page(request, "requests.html", console, entries=entries, filters=filters,
                last_id=rows[0].id if rows else 0)


@router.get("/requests/stream")
async def requests_stream(request: Request, console: Console, filters: RequestFilters = Depends(_filters),
                          after: Annotated[int, Query(ge=0, le=INT64_MAX)] = 0) -> Response:
    """GET /console/requests/stream?after=ID: server-sent events, one ``request`` event per new entry of
    the log (its JSON, with ``id``), as they are written."""
    where = _filter(**filters)
    rt = runtime(request)

    async def events() -> AsyncIterator[dict[str, str]]:
        last = after
        while True:
            async with rt.sessions() as session:
                if await auth.current_session(request, session) is None:
                    return  # logged out, expired or revoked: the stream ends with the session
                rows = await request_log.written_after(session, where, last, 100)
                if not rows and await request_log.newest_id(session) < last:
                    last = 0  # a reset emptied the log: its ids start again
            for row in rows:
                last = row.id
                yield {"event": "request", "id": str(row.id),
                       "data": templates.env.get_template("request_row.html").render(entry=request_log.shown(row))}
            if not rows:
                await asyncio.sleep(STREAM_POLL_SECONDS)

    return EventSourceResponse(events(), ping=15)


@router.get("/requests/{request_id}")
async def request_page(request: Request, console: Console, session: Db,
                       request_id: Annotated[str, Path(max_length=128)]) -> Response:
    """GET /console/requests/{requestId}: one entry of the log, whole."""
    rows = await request_log.newest(session, RequestFilter(request_id=request_id), 1)
    if not rows:
        return page(request, "missing.html", console, status_code=404, what=f"Request {request_id}")
    return page(request, "request.html", console, entry=request_log.shown(rows[0]))


@router.get("/stores")
async def stores_page(request: Request, console: Console, session: Db) -> Response:
    """GET /console/stores: businesses, their stores, keys (name, scopes, last use) and OAuth users."""
    return page(request, "stores.html", console, trees=await pages.store_trees(session))


async def _campaign(session: AsyncSession, campaign_id: int) -> Campaign:
    campaign = await session.get(Campaign, campaign_id)
    if campaign is None:
        raise ApiError(404, f"Campaign not found: '{campaign_id}'")
    return campaign


@router.get("/stores/{campaign_id}/reviews")
async def reviews_page(request: Request, console: Console, session: Db, campaign_id: PathId,
                       before: Annotated[int | None, Query(ge=1, le=INT64_MAX)] = None,
                       after: Annotated[int | None, Query(ge=0, le=INT64_MAX)] = None) -> Response:
    """GET /console/stores/{campaignId}/reviews: the store's feed in order, every version, with threads;
    ``before``/``after`` page it by feed position."""
    campaign = await _campaign(session, campaign_id)
    found = await pages.review_page(session, campaign_id, before, after)
    return page(request, "reviews.html", console, campaign=campaign, feed=found)


@router.get("/reports")
async def reports_page(request: Request, console: Console, session: Db) -> Response:
    """GET /console/reports: the newest reports with kind, format, status, rows, duration and a link."""
    return page(request, "reports.html", console, reports=await pages.recent_reports(session))


@router.get("/reports/{report_id}/file")
async def report_file(request: Request, console: Console, session: Db,
                      report_id: Annotated[str, Path(max_length=64)]) -> Response:
    """GET /console/reports/{reportId}/file: the finished report's file (a redirect to its download link)."""
    report = await session.get(Report, report_id)
    if report is None or report.status != "DONE":
        return page(request, "missing.html", console, status_code=404, what=f"A file of report {report_id}")
    return RedirectResponse(await download_link(runtime(request), report), status_code=303)


@router.get("/quality/{campaign_id}")
async def quality_page(request: Request, console: Console, session: Db, campaign_id: PathId) -> Response:
    """GET /console/quality/{campaignId}: the daily index and its components over 30 days (an SVG chart,
    bands shaded) and the orders that affected the latest day."""
    campaign = await _campaign(session, campaign_id)
    view = await pages.quality_view(session, campaign, today(runtime(request).clock))
    svg = chart.render(chart.series_of(view.ratings, view.first, pages.CHART_DAYS), view.first, pages.CHART_DAYS)
    return page(request, "quality.html", console, campaign=campaign, view=view, chart=svg)


@router.get("/control")
async def control_page(request: Request, console: Console, session: Db, done: str | None = None) -> Response:
    """GET /console/control: fault rules (add, clear), the clock (move, real time), reset, limit counters."""
    return page(request, "control.html", console, done=done, **await control.overview(request, session))


router.include_router(control.router)



def install(app: FastAPI) -> None:
    """Serve the console on `app`: its pages, its static files (shipped in the package, no CDN), the
    redirect to the login form of a page without a session, and ``/`` leading to the console."""
    app.include_router(router)
    static = resources.files("market_api.console").joinpath("static")
    app.mount("/console/static", StaticFiles(directory=str(static)), name="console-static")

    async def to_login(_request: Request, _error: Exception) -> Response:
        return RedirectResponse("/console", status_code=303)

    app.add_exception_handler(auth.LoginRequired, to_login)

    @app.get("/", include_in_schema=False)
    async def home() -> Response:
        """The service's root leads to the console."""
        return RedirectResponse("/console", status_code=307)
