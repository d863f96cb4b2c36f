"""`market-api` command line: serve, migrate, seed, worker, and each domain's command group.

The one place that builds the Typer app (the `market-api` entry point); what commands share is in
`market_api.platform.commands`. Only `migrate`, `serve` and `seed` migrate the database; every other
command needs it migrated already.
"""

from __future__ import annotations

import errno
import shlex
import socket
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from market_api import __version__
from market_api.access.limits import rule_for
from market_api.accounts import cli as accounts_cli
from market_api.accounts import service as accounts
from market_api.catalog import cli as catalog_cli
from market_api.control import clock_cli, faults_cli, limits_cli, requests_cli, scenarios_cli, snapshot_cli
from market_api.control.reset import keep_demo_template, template_dir
from market_api.demo.seed import (
    DEMO_CAMPAIGNS,
    DEMO_REVIEWS_PER_STORE,
    OTHER_CAMPAIGNS,
    DemoCredentials,
    seed_demo,
    seed_store_reviews,
)
from market_api.feedback import cli as feedback_cli
from market_api.feedback.views import MAX_LIMIT as FEED_PAGE_MAX
from market_api.operations import OPERATIONS
from market_api.platform import tokens
from market_api.platform.clock import Clock
from market_api.platform.commands import (
    JsonFlag,
    console,
    emit,
    fail,
    prepare_data_dir,
    progress_bar,
    require_migrated,
    run_in_session,
    settings_from,
    settings_of,
)
from market_api.platform.config import Settings
from market_api.platform.http_server import ListenError, serve_http
from market_api.platform.logs import configure_logging
from market_api.platform.metrics import serve_metrics
from market_api.quality import cli as quality_cli
from market_api.reports.queue_worker import run_worker

# Help as plain text (click's): switches show no value, and nothing is boxed or coloured in a log file.
app = typer.Typer(rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="market-api: the Yandex Market Partner API seller-analytics methods, self-hosted.")
app.add_typer(accounts_cli.businesses, name="businesses")
app.add_typer(accounts_cli.campaigns, name="campaigns")
app.add_typer(accounts_cli.keys, name="keys")
app.add_typer(accounts_cli.users, name="users")
app.add_typer(accounts_cli.admin_tokens, name="admin-tokens")
app.add_typer(feedback_cli.reviews, name="reviews")
app.add_typer(catalog_cli.catalog, name="catalog")
app.add_typer(quality_cli.quality, name="quality")
app.add_typer(clock_cli.clock, name="clock")
app.add_typer(limits_cli.limits, name="limits")
app.add_typer(requests_cli.requests, name="requests")
app.add_typer(faults_cli.faults, name="faults")
app.add_typer(snapshot_cli.snapshot, name="snapshot")
app.command("reset")(snapshot_cli.reset)
app.command("load")(scenarios_cli.load)


def _print_version(asked: bool) -> None:
    """`--version`: print ``market-api <version>`` and stop."""
    if asked:
        typer.echo(f"market-api {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None, typer.Option(help="Data directory (env MARKET_API_DATA_DIR, default ./data)")] = None,
    database_url: Annotated[str | None, typer.Option(help="Database URL (env MARKET_API_DATABASE_URL)")] = None,
    redis_url: Annotated[str | None, typer.Option(help="Redis URL (env MARKET_API_REDIS_URL)")] = None,
    rate_limits: Annotated[str | None, typer.Option(help="on | off (env MARKET_API_RATE_LIMITS)")] = None,
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_print_version, help="Print the version and exit.")] = False,
) -> None:
    """Settings for every command: MARKET_API_* variables, overridden by these flags."""
    overrides = {"data_dir": data_dir, "database_url": database_url, "redis_url": redis_url, "rate_limits": rate_limits}
    # Flags left out are not passed at all, so the MARKET_API_* variables (and defaults) apply to them.
    ctx.ensure_object(dict)["settings"] = settings_from({k: v for k, v in overrides.items() if v is not None})


@app.command()
def migrate(ctx: typer.Context) -> None:
    """Apply the database migrations (every command but migrate, serve and seed needs them applied)."""
    run_in_session(settings_of(ctx), lambda _s, _clock: _noop(), migrate=True)
    console.print("database is up to date")


async def _noop() -> None:
    """Nothing: `migrate` only needs the migration `run_in_session` does first."""
    return None


@app.command()
def seed(
    ctx: typer.Context,
    demo: Annotated[bool, typer.Option("--demo", help="Seed the deterministic demo data set.")] = False,
    seed_number: Annotated[int, typer.Option("--seed", help="Seed of the generated data (same seed, same data).")] = 1,
    reviews: Annotated[int, typer.Option(help="Generate this many reviews (with --campaign-id).")] = 0,
    campaign_id: Annotated[int | None, typer.Option(help="Store that gets the generated reviews.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Migrate the database, then seed the demo data set, or generated reviews into one store (for benchmarks)."""
    settings = settings_of(ctx)
    if reviews and campaign_id:
        with progress_bar(f"reviews for {campaign_id}", total=reviews) as advance:
            written = run_in_session(settings, lambda s, clock: seed_store_reviews(
                s, clock, campaign_id, reviews, seed_number, advance), migrate=True)
        emit({"campaignId": campaign_id, "reviews": written}, as_json,
             f"{reviews} reviews written ({written} review versions with the earlier versions of edits)")
        return
    if not demo:
        console.print("nothing to do: pass --demo, or --reviews N --campaign-id C")
        raise typer.Exit(2)
    credentials = _seed_with_progress(settings, seed_number)
    emit(credentials.as_json(), as_json, _demo_banner(credentials, settings, seed_number))


def _seed_with_progress(settings: Settings, seed_number: int) -> DemoCredentials:
    """Migrate, then seed the demo data set (`seed_demo`) with a progress bar of the reviews written; a new
    database's demo set is also kept as the day's reset template (`keep_demo_template`)."""
    stores = len(DEMO_CAMPAIGNS) + len(OTHER_CAMPAIGNS)
    # Shown only when the set is written: a restart that finds it there prints no bar.
    with progress_bar("demo reviews", total=DEMO_REVIEWS_PER_STORE * stores, eager=False) as advance:
        credentials = run_in_session(settings, lambda s, clock: seed_demo(
            s, clock, seed_number, settings.admin_token, DEMO_REVIEWS_PER_STORE, advance), migrate=True)
    if credentials.created and settings.clock_start is None:

        async def keep(session: AsyncSession, clock: Clock) -> None:
            await keep_demo_template(await session.connection(), clock, seed_number, template_dir(settings.data_dir))

        run_in_session(settings, keep)
    return credentials


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Listen address (env MARKET_API_HOST, default 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(min=1, max=65535, help="Port (env MARKET_API_PORT, default 8080)")] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Seed the demo data set into an empty database first.")] = False,
    seed_number: Annotated[int, typer.Option("--seed", help="Seed of the demo data (with --demo).")] = 1,
) -> None:
    """Migrate the database and serve the API."""
    settings = settings_of(ctx).model_copy(update={k: v for k, v in {"host": host, "port": port}.items() if v})
    # Before anything is migrated, seeded or printed: a second demo on a taken port ends with one line.
    _require_listen_address(settings.host, settings.port)
    prepare_data_dir(settings)
    configure_logging(settings.log_level, settings.log_format)
    if demo:
        credentials = _seed_with_progress(settings, seed_number)
        typer.echo(_demo_banner(credentials, settings, seed_number))  # stdout, never wrapped: its lines are copied
    else:
        new_admin = run_in_session(settings, lambda s, clock: _ensure_admin_token(s, clock, settings), migrate=True)
        if new_admin:
            typer.echo(f"admin token (shown once, keep it): {new_admin}")
    # granian (or uvicorn) with request heads bounded in time and size (platform.http_server).
    try:
        serve_http("market_api.app:served_app", settings)
    except ListenError as exc:  # the port taken after the check above
        fail(str(exc))


def _require_listen_address(host: str, port: int) -> None:
    """End the command (``error:`` line, exit 2) when `serve` could not listen on `host`:`port` (the port
    taken, say by another demo). A port taken in the moment between this and the server's own bind still
    ends the server: on granian with the same kind of line (`serve`), on uvicorn with its own (exit 3)."""
    try:
        _bind_and_release(host, port)
    except socket.gaierror as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror}")
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
        free = next((p for p in range(port + 1, min(port + 20, 65535) + 1) if _port_free(host, p)), None)
        fail(f"port {port} on {host} is already in use (another market-api or ./scripts/demo?); serve on "
             f"another port with --port" + (f", e.g. --port {free}" if free else ""))


def _bind_and_release(host: str, port: int) -> None:
    """Bind a socket to each address of `host`:`port` as the server's event loop binds them (address reuse
    on, IPv6 sockets IPv6 only), and close it at once; OSError when one cannot be bound."""
    for family, kind, protocol, _name, address in socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE):
        with socket.socket(family, kind, protocol) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            probe.bind(address)


def _port_free(host: str, port: int) -> bool:
    """Whether `serve` could listen on `host`:`port` now (for the port an error suggests instead)."""
    try:
        _bind_and_release(host, port)
    except OSError:
        return False
    return True


@app.command()
def worker(
    ctx: typer.Context,
    threads: Annotated[int, typer.Option(help="Jobs built at once by this process.")] = 1,
    metrics_port: Annotated[int | None, typer.Option(help="Serve Prometheus metrics on this port.")] = None,
) -> None:
    """Build report jobs from the task queue (MARKET_API_BROKER_URL); run as many as you need."""
    settings = settings_of(ctx)
    if not settings.broker_url:
        fail("set MARKET_API_BROKER_URL (amqp://… or redis://…) to run workers")
    require_migrated(settings)
    configure_logging(settings.log_level, settings.log_format)
    if metrics_port:
        serve_metrics(metrics_port)
    run_worker(settings, threads)


async def _ensure_admin_token(session: AsyncSession, clock: Clock, settings: Settings) -> str | None:
    """The configured admin token, or a generated one on first start (returned so it can be printed)."""
    if settings.admin_token:
        await accounts.add_admin_token(session, clock, settings.admin_token)
        return None
    if await accounts.has_admin_token(session):
        return None
    token = tokens.new_admin_token()
    await accounts.add_admin_token(session, clock, token)
    return token


def _demo_banner(credentials: DemoCredentials, settings: Settings, seed_number: int) -> str:
    """What `seed --demo` and `serve --demo` print for people: the demo ids, credentials, curl lines to
    try, and how the rate limits stand (the feed's hourly limit against a demo store's feed) and how to
    lift them or start over. Plain text: every line can be copied as printed."""
    base = f"http://{settings.host}:{settings.port}"
    first = credentials.campaigns[0]["id"]
    stores = ", ".join(f"{c['id']} ({c['placement']})" for c in credentials.campaigns)
    admin = f"-H 'Authorization: Bearer {credentials.admin_token}'"
    return "\n".join([
        "demo data " + ("seeded" if credentials.created else "already present"),
        f"  business:    {credentials.business_id} (another business, {credentials.other_business_id}, is not yours)",
        f"  campaigns:   {stores}",
        f"  Api-Key:     {credentials.api_key}",
        f"  admin token: {credentials.admin_token}",
        "try:",
        f"  curl -H 'Api-Key: {credentials.api_key}' '{base}/campaigns/{first}/feedback/updates?limit=20'",
        f"  curl {admin} '{base}/admin/campaigns'",
        *_limits_lines(credentials, settings, seed_number, base, admin),
        "start over (the demo data as first seeded):",
        f"  curl -X POST {admin} -H 'Content-Type: application/json' -d '{{\"to\": \"demo\"}}' '{base}/admin/reset'",
    ])


def _limits_lines(credentials: DemoCredentials, settings: Settings, seed_number: int, base: str, admin: str
                  ) -> list[str]:
    """The banner's lines on rate limits: whether they are on, whether a demo store's whole feed fits in
    the feed's window (access/limits.toml), and the commands that lift or clear them."""
    if not settings.rate_limits_enabled:
        return ["rate limits: off (MARKET_API_RATE_LIMITS=off): nothing is refused, and "
                "X-RateLimit-Resource-Remaining always shows the whole limit."]
    feed = next(o for o in OPERATIONS if o.operation_id == "getFeedbackAndCommentUpdates")
    rule = rule_for(feed.operation_id, per=feed.limit_per)
    pages = -(-credentials.largest_feed // FEED_PAGE_MAX)
    window = {3600: "hour", 60: "minute"}.get(rule.period, f"{rule.period} seconds")
    fits = "fits in" if pages <= rule.limit else "does NOT fit in"
    subject = "store" if feed.limit_per == "campaign" else "business"
    return [
        f"rate limits: on, as on Market. The feed allows {rule.limit} requests per {window} per {subject}; the "
        f"largest demo feed is {pages} pages of {FEED_PAGE_MAX} and {fits} one window.",
        f"  serve without limits:  MARKET_API_RATE_LIMITS=off {_demo_command(settings, seed_number)}",
        f"  clear the counters:    curl -X DELETE {admin} '{base}/admin/limits?businessId={credentials.business_id}'",
    ]


def _demo_command(settings: Settings, seed_number: int) -> str:
    """`./scripts/demo` with the options this demo was started with where they are not the defaults (listen
    address, port, seed), so that the printed command serves the same demo again."""
    defaults = Settings.model_fields
    options = [*(["--host", settings.host] if settings.host != defaults["host"].default else []),
               *(["--port", str(settings.port)] if settings.port != defaults["port"].default else []),
               *(["--seed", str(seed_number)] if seed_number != 1 else [])]
    return shlex.join(["./scripts/demo", *options])
