"""The ASGI application: platform middleware and error handling around every domain's routes."""

from __future__ import annotations

import gc
import hmac
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request, Response
from sqlalchemy import text
from starlette.types import ASGIApp

from market_api import __version__, contract
from market_api.access.admin import require_admin
from market_api.access.operations import routes as operation_routes
from market_api.accounts import admin_views as accounts_admin
from market_api.catalog import admin_views as catalog_admin
from market_api.console import views as console_views
from market_api.control import (
    clock_views,
    faults_views,
    limits_views,
    requests_views,
    reset_views,
    scenarios_views,
)
from market_api.control.clock import set_clock
from market_api.control.request_log import RequestLog
from market_api.feedback import admin_views as feedback_admin
from market_api.feedback.changes import FeedChanges
from market_api.feedback.pages import KeptPositions, RenderedReviews
from market_api.operations import OPERATIONS
from market_api.platform.cache import Caches
from market_api.platform.clock import Clock, clock_from
from market_api.platform.config import Settings
from market_api.platform.database import make_engine, make_sessionmaker
from market_api.platform.driver import driver_reads
from market_api.platform.errors import ApiError, install_error_handlers
from market_api.platform.http_server import served_settings
from market_api.platform.limits import RateLimiter, make_storage
from market_api.platform.logs import configure_logging
from market_api.platform.metrics import REPORT_QUEUE_DEPTH, exposition
from market_api.platform.middleware import RequestGuard, ResponseHeaders
from market_api.platform.responses import FastJSONResponse
from market_api.platform.routes import PlainRoute, PlainRoutesFirst, share_allowed_methods
from market_api.platform.runtime import Runtime
from market_api.platform.shared_state import SharedState
from market_api.platform.storage import make_storage as make_file_storage
from market_api.quality import admin_views as quality_admin
from market_api.quality.schedule import DailyRecompute
from market_api.reports import service as reports_service
from market_api.reports import views as reports_views
from market_api.reports.embedded_runner import ReportRunner
from market_api.reports.queue_worker import report_queue

log = logging.getLogger("market_api")


class MarketApi(FastAPI):
    """FastAPI (the admin API and the service's own endpoints), with the Partner API's operations run
    as plain routes ahead of FastAPI's own layers."""

    plain_routes: list[PlainRoute]

    def build_middleware_stack(self) -> ASGIApp:
        """The full stack, behind a short lane for the plain routes (`PlainRoutesFirst`)."""
        return PlainRoutesFirst(self, self.plain_routes, super().build_middleware_stack())


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> FastAPI:
    """The ASGI app: the Partner API operations from the operations table, the admin API behind the
    admin token, the contract and docs (`contract.install`), downloads, health, readiness and metrics.
    `clock` defaults to real time, movable through the admin API."""
    settings = settings or Settings()
    clock = clock or clock_from(settings.clock_start)
    request_log = RequestLog(settings, clock)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.effective_database_url)
        storage = make_storage(settings.redis_url)
        caches = Caches(settings.access_cache_seconds)
        reads = driver_reads(engine, sqlite_loop_budget_seconds=settings.sqlite_loop_read_ms / 1000)
        app.state.runtime = Runtime(
            settings=settings, clock=clock, engine=engine, sessions=make_sessionmaker(engine),
            limiter=RateLimiter(storage, clock, enabled=settings.rate_limits_enabled),
            caches=caches, reads=reads, shared=SharedState(reads, clock, caches, settings.control_refresh_seconds),
            storage=make_file_storage(settings.storage_url, settings.report_storage_dir, settings.s3_endpoint_url,
                                      settings.s3_public_endpoint_url),
        )
        app.state.rendered_reviews = RenderedReviews(settings.feed_cache_reviews)
        app.state.kept_positions = KeptPositions(FeedChanges(reads, settings.control_refresh_seconds))
        app.state.runtime.shared.generation_listeners += [app.state.rendered_reviews.start_generation,
                                                          app.state.kept_positions.start_generation]
        if settings.clock_start is not None:  # MARKET_API_CLOCK_START: every process's clock starts there
            async with app.state.runtime.sessions() as session:
                await set_clock(session, clock, settings.clock_start)
        await app.state.runtime.shared.refresh(force=True)
        if settings.request_log == "on":
            request_log.start(engine, lambda: app.state.runtime.shared.current.generation)
        app.state.runtime.shared.start()
        settings.report_storage_dir.mkdir(parents=True, exist_ok=True)
        # With a broker, `market-api worker` processes build the reports; without one, this process does.
        app.state.report_queue = report_queue(settings) if settings.broker_url else None
        app.state.runner = None if settings.broker_url else ReportRunner(app.state.runtime, settings.report_workers,
                                                                         prestart=settings.report_workers_prestart)
        if app.state.runner:
            app.state.runner.start()
        daily = app.state.daily = DailyRecompute(app.state.runtime)
        daily.start()
        # Everything loaded so far lives as long as the process: keep it out of the collector's
        # full passes, which otherwise show up as latency spikes on busy requests.
        gc.freeze()
        try:
            yield
        finally:
            await app.state.runtime.shared.stop()
            await daily.stop()
            if app.state.runner:
                await app.state.runner.stop()
            if app.state.report_queue:
                app.state.report_queue.close()
            await request_log.stop()
            await app.state.runtime.reads.close()
            await engine.dispose()
            log.info("shutdown complete: report builders, background work and connections stopped")

    app = MarketApi(
        title="market-api", version=__version__, lifespan=lifespan,
        # A path with a trailing slash is another path (404), never a redirect: a client that follows it
        # would send `DELETE /admin/faults/` (an empty id) to `DELETE /admin/faults` (every rule).
        redirect_slashes=False,
        # Prometheus /metrics is this service's telemetry; FastAPI's OpenTelemetry bridge would only
        # cost every request its checks.
        telemetry={"tracing": False, "metrics": False, "logs": False},
        # The admin API's description and docs are served behind the admin token (`contract.install`).
        docs_url=None, redoc_url=None, openapi_url=None,
    )
    app.state.request_log = request_log
    install_error_handlers(app)
    app.plain_routes = operation_routes(OPERATIONS)
    share_allowed_methods(app.plain_routes)
    app.router.routes.extend(app.plain_routes)  # for the 405 of a method they do not take
    app.include_router(reports_views.router)
    for admin in (accounts_admin, feedback_admin, catalog_admin, quality_admin, clock_views,
                  limits_views, requests_views, faults_views, reset_views, scenarios_views):
        app.include_router(admin.router, dependencies=[Depends(require_admin)])
    contract.install(app, settings.base_url)
    console_views.install(app)

    @app.get("/health", include_in_schema=False)
    async def health() -> dict:
        """Liveness: the process answers."""
        return {"status": "OK"}

    @app.get("/ready", include_in_schema=False)
    async def ready(request: Request) -> Response:
        """Readiness: the database (and Redis, when configured) answer; a load balancer sends traffic
        only to a process that is ready."""
        checks = await readiness(request.app.state.runtime)
        healthy = all(value == "OK" for value in checks.values())
        return FastJSONResponse({"status": "OK" if healthy else "ERROR", "checks": checks},
                                status_code=200 if healthy else 503)

    @app.get("/metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        """Prometheus metrics of this process: internal telemetry, behind MARKET_API_METRICS_TOKEN when set."""
        check_metrics_token(settings.metrics_token, request.headers.get("Authorization", ""))
        async with request.app.state.runtime.sessions() as session:
            REPORT_QUEUE_DEPTH.set(await reports_service.pending_count(session))
        body, content_type = exposition()
        return Response(body, media_type=content_type)

    # Outermost first: headers are added to every answer, including the guard's rejections.
    app.add_middleware(RequestGuard, max_body_bytes=settings.max_body_bytes, form_prefixes=("/console/",))
    app.add_middleware(ResponseHeaders, recorder=request_log if settings.request_log == "on" else None)
    return app


def served_app() -> FastAPI:
    """The app `market-api serve` runs (`platform.http_server.serve_http` calls it in the serving process):
    made with the settings `serve` was given, logging as they say."""
    settings = served_settings()
    configure_logging(settings.log_level, settings.log_format)
    return create_app(settings)


def check_metrics_token(expected: str | None, authorization: str) -> None:
    """Let a /metrics request through when no metrics token is configured, or when `authorization` (the
    request's header) is ``Bearer <the token>``, as a Prometheus scrape config sends it; else raise ApiError
    401 ``Metrics token is not specified`` or 403 ``Metrics token is invalid``."""
    if not expected:
        return
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "Metrics token is not specified")
    if not hmac.compare_digest(token.strip().encode(), expected.encode()):
        raise ApiError(403, "Metrics token is invalid")


async def readiness(rt: Runtime) -> dict[str, str]:
    """Check name -> "OK" or why it failed: the database, and Redis when configured."""
    checks = {}
    try:
        async with rt.read_connection() as connection:
            await connection.execute(text("SELECT 1"))
        checks["database"] = "OK"
    except Exception as error:
        checks["database"] = f"unavailable: {type(error).__name__}"
    if rt.settings.redis_url:
        checks["redis"] = "OK" if await rt.limiter.storage.check() else "unavailable"
    return checks
