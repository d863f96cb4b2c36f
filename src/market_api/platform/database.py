"""Engine, sessions and the declarative base shared by every domain's models."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import BigInteger, DateTime, Dialect, FromClause, Integer, MetaData, TableClause, TypeDecorator, event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import ConnectionPoolEntry

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL ids are 64-bit like the real API's.
BigId = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The declarative base of every model; constraint and index names follow `NAMING`."""

    metadata = MetaData(naming_convention=NAMING)


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """An aware datetime as stored: in UTC, naive on SQLite. Raises ValueError for a naive one."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """A stored datetime as an aware one in UTC (a naive value is read as UTC)."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def make_engine(url: str) -> AsyncEngine:
    """The async engine of the database at `url` (PostgreSQL or an SQLite file): a pool of 20 connections
    (and 30 more under load), JSON through orjson; SQLite in WAL mode with foreign keys on."""
    # A request may hold two connections at once (its session, and a read-only connection for the page).
    # JSON columns go through orjson: the feed and the ratings decode many of them per answer.
    pool = {"pool_size": 20, "max_overflow": 30, "json_serializer": _json_dumps, "json_deserializer": orjson.loads}
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30}, **pool)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(url, pool_pre_ping=True, **pool)


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


async def upsert(
    session: AsyncSession, table: FromClause, rows: Sequence[Mapping[str, Any]], keys: list[str],
    advance: Callable[[int], None] | None = None,
) -> None:
    """Insert rows, or update the ones whose `keys` already exist (PostgreSQL and SQLite alike), 2,000
    rows per statement; `advance` hears how many rows each statement wrote. `table` is a model's
    ``__table__``; the session must be bound to an engine."""
    if not rows:
        return
    # A mapped class's __table__ is typed as any FromClause; an upsert writes to a table.
    assert isinstance(table, TableClause)
    assert session.bind is not None
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    statement = insert(table)
    changed = {c: statement.excluded[c] for c in rows[0] if c not in keys}
    statement = statement.on_conflict_do_update(index_elements=keys, set_=changed) if changed \
        else statement.on_conflict_do_nothing(index_elements=keys)
    for start in range(0, len(rows), 2000):
        chunk = rows[start:start + 2000]
        await session.execute(statement, chunk)
        if advance:
            advance(len(chunk))


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions on `engine` whose objects stay readable after a commit (no expiry on commit)."""
    return async_sessionmaker(engine, expire_on_commit=False)
