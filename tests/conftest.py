"""Test backends: every test that takes `api` runs on SQLite and on PostgreSQL + Redis.

With CI=true a missing PostgreSQL or Redis fails the run; elsewhere those tests are skipped.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from market_api.app import create_app
from market_api.demo.seed import DemoCredentials, seed_demo
from market_api.platform.clock import FrozenClock, SystemClock
from market_api.platform.config import Settings
from market_api.platform.database import make_engine, make_sessionmaker
from market_api.platform.migrate import upgrade
from tests.contract import check_every_answer
from tests.services import OwnRedis, Unavailable, discard, temporary_folder

IN_CI = os.environ.get("CI", "").lower() == "true"
PG_SERVER = os.environ.get("MARKET_API_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
_own_redis: OwnRedis | None = None


def redis_url() -> str:
    """The tests' own Redis (started on first use, stopped when the run ends): the tests empty it
    between tests, which they must never do to the machine's shared Redis."""
    global _own_redis
    if _own_redis is None:
        try:
            server = OwnRedis(temporary_folder("market-api-test-redis-"))
        except Unavailable as exc:
            if IN_CI:
                pytest.fail(str(exc))
            pytest.skip(str(exc))
        server.start()
        atexit.register(discard, server)
        _own_redis = server
    return _own_redis.url
START = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)
# Reference data stays; everything else is emptied between tests.
KEEP_TABLES = {"regions", "alembic_version", "service_secrets"}


async def _migrate(url: str) -> None:
    engine = make_engine(url)
    await upgrade(engine)
    await engine.dispose()


async def _postgres_ready() -> str | None:
    import asyncpg
    import redis.asyncio as redis

    try:
        connection = await asyncpg.connect(f"{PG_SERVER}/postgres", timeout=5)
        await connection.close()
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        return f"PostgreSQL at {PG_SERVER} is not available: {exc}"
    try:
        client = redis.from_url(redis_url())
        await client.ping()
        await client.aclose()
    except Exception as exc:  # noqa: BLE001
        return f"Redis at {redis_url()} is not available: {exc}"
    return None


async def flush_test_redis() -> None:
    """Empty the tests' own Redis (`redis_url`)."""
    import redis.asyncio as redis

    client = redis.from_url(redis_url())
    try:
        await client.flushdb()
    finally:
        await client.aclose()


def seed_demo_into(url: str, reviews_per_store: int = 0, catalog: bool = True, migrate: bool = False
                   ) -> DemoCredentials:
    """The demo data set written into the database at `url` (SQLAlchemy URL; migrated first with `migrate`)
    by this process, for tests whose servers run in processes of their own; its credentials."""
    async def seed() -> DemoCredentials:
        engine = make_engine(url)
        try:
            if migrate:
                await upgrade(engine)
            async with make_sessionmaker(engine)() as session:
                demo = await seed_demo(session, SystemClock(), reviews_per_store=reviews_per_store, catalog=catalog)
                await session.commit()
            return demo
        finally:
            await engine.dispose()

    return asyncio.run(seed())


async def _admin_sql(statement: str, server: str = PG_SERVER) -> None:
    import asyncpg

    connection = await asyncpg.connect(f"{server}/postgres")
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


class SqliteBackend:
    name = "sqlite"

    def __init__(self, template: Path) -> None:
        self.template = template

    async def fresh(self, tmp_path: Path) -> Settings:
        target = tmp_path / "market-api.db"
        shutil.copyfile(self.template, target)
        return Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{target}")


class PostgresBackend:
    name = "postgres"

    def __init__(self, url: str) -> None:
        self.url = url

    async def fresh(self, tmp_path: Path) -> Settings:
        engine = make_engine(self.url)
        async with engine.begin() as connection:
            names = await connection.run_sync(lambda c: c.dialect.get_table_names(c))
            emptied = ", ".join(f'"{n}"' for n in names if n not in KEEP_TABLES)
            await connection.execute(text(f"TRUNCATE {emptied} RESTART IDENTITY CASCADE"))
        await engine.dispose()
        await flush_test_redis()
        return Settings(data_dir=tmp_path, database_url=self.url, redis_url=redis_url())


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def backend(request, tmp_path_factory):
    if request.param == "sqlite":
        template = tmp_path_factory.mktemp("template") / "template.db"
        asyncio.run(_migrate(f"sqlite+aiosqlite:///{template}"))
        yield SqliteBackend(template)
        return
    problem = asyncio.run(_postgres_ready())
    if problem:
        if IN_CI:
            pytest.fail(problem)
        pytest.skip(problem)
    name = f"market_api_test_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin_sql(f'CREATE DATABASE "{name}"'))
    url = f"{PG_SERVER.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"
    asyncio.run(_migrate(url))
    yield PostgresBackend(url)
    asyncio.run(_admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@dataclass
class Api:
    """A running app on a fresh database with the demo data set, and a client speaking HTTP to it."""

    app: object
    client: httpx.AsyncClient
    clock: FrozenClock
    demo: DemoCredentials
    settings: Settings

    @property
    def key(self) -> dict[str, str]:
        return {"Api-Key": self.demo.api_key}

    @property
    def admin_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.demo.admin_token}"}

    async def admin(self, method: str, path: str, json: object = None, status: int | None = None) -> dict:
        response = await self.client.request(method, f"/admin{path}", json=json, headers=self.admin_headers)
        assert response.status_code == (status or response.status_code) and response.status_code < 300, response.text
        return response.json()["result"]

    async def new_key(self, *scopes: str, business_id: int | None = None) -> dict[str, str]:
        body = {"businessId": business_id or self.demo.business_id, "scopes": list(scopes)}
        return {"Api-Key": (await self.admin("POST", "/api-keys", body))["token"]}


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


async def start_api(settings: Settings, clock: FrozenClock):
    app = create_app(settings, clock)
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    # The startup run of the daily index would race the facts a test loads next.
    await app.state.daily.first_run_done.wait()
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    client = httpx.AsyncClient(transport=transport, base_url="http://market-api.test",
                               event_hooks={"response": [check_every_answer]})
    return app, client, lifespan


@pytest.fixture
async def settings(backend, tmp_path) -> Settings:
    # Report worker processes start when a test's first report needs them, not with every app a test makes
    # (tests/test_processes.py checks that `serve` starts them with itself).
    return (await backend.fresh(tmp_path)).model_copy(update={"report_workers_prestart": False})


@asynccontextmanager
async def api_with(settings, clock, **changes: object) -> AsyncIterator[Api]:
    """An app on the test's database with settings changed as given, and the demo data set."""
    changed = settings.model_copy(update=changes)
    app, client, lifespan = await start_api(changed, clock)
    async with app.state.runtime.sessions() as session:
        demo = await seed_demo(session, clock, reviews_per_store=0, catalog=False)
        await session.commit()
    try:
        yield Api(app, client, clock, demo, changed)
    finally:
        await client.aclose()
        await lifespan.__aexit__(None, None, None)


@pytest.fixture
async def api(settings, clock):
    async with api_with(settings, clock) as made:
        yield made
