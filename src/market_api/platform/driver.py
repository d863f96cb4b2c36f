"""Reads on the request path, run by the database driver itself.

Through SQLAlchemy's engine a feed page's read costs far more than the query: a pool checkout with
its liveness ping (PostgreSQL), hops to aiosqlite's thread and back (SQLite), a rollback on return,
the execution context. Here the statement is still built by SQLAlchemy, once, and its column types
still process what goes in and comes out, but the driver runs it:

- PostgreSQL: asyncpg connections kept idle between reads, one round trip per read; a connection
  the server dropped (a restart) is replaced and the read, which changes nothing, tried once more;
- SQLite: a read starts on the event loop with a budget of `LOOP_READ_BUDGET_SECONDS`; one that
  would take longer is interrupted there and run again in a small pool of threads with read-only
  connections of their own, so a slow read (a whole feed scanned) holds up other requests for at
  most the budget. Every read in a thread instead costs a feed request about 40% more CPU
  (`benchmarks/feedback_updates.py --sqlite-reads`: the hop to the thread and back, and the GIL
  passed between them while other requests run). In WAL mode a reader never waits for a writer.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import asyncpg  # type: ignore[import-untyped]  # asyncpg ships no type hints (no py.typed, no stubs)
import orjson
from sqlalchemy import ColumnElement, Dialect, Select
from sqlalchemy.ext.asyncio import AsyncEngine


@dataclass(frozen=True)
class _Compiled:
    """A statement compiled for one dialect, with the processors of its parameters and result columns."""

    sql: str
    params: tuple[str, ...]  # bound parameters in the order the SQL takes them
    bind: tuple[Callable[[Any], Any] | None, ...]
    defaults: dict[str, Any]  # values the statement fixed itself (SQLite's "OFFSET ?", say)
    typed: tuple[tuple[int, Callable[[Any], Any]], ...]  # (column index, result processor)


class DriverQuery:
    """A SELECT compiled once per dialect, with its column types' processing on both sides: parameters
    are stored and compared as SQLAlchemy would, and result values (dates, JSON, booleans) come back
    as SQLAlchemy would give them, except the `unprocessed` columns (as the driver gives them: a JSON
    column is then text on SQLite, decoded on PostgreSQL). `columns` are the names of its columns, in
    order; every column must have one (ValueError otherwise, and for an unknown unprocessed column)."""

    def __init__(self, statement: Select[Any], unprocessed: tuple[str, ...] = ()) -> None:
        self.statement = statement
        self.columns = tuple(_column_name(column) for column in statement.selected_columns)
        unknown = set(unprocessed) - set(self.columns)
        if unknown:
            raise ValueError(f"no such column to leave unprocessed: {sorted(unknown)}")
        self.unprocessed = unprocessed
        self._compiled: dict[str, _Compiled] = {}

    def bind(self, dialect: Dialect, params: dict[str, Any]) -> tuple[str, list[Any]]:
        """The SQL for `dialect` and its positional values."""
        compiled = self._compiled.get(dialect.name) or self._compile(dialect)
        params = {**compiled.defaults, **params}
        # `bind` has one entry per name of `params` (see _compile).
        return compiled.sql, [params[name] if process is None else process(params[name])
                              for name, process in zip(compiled.params, compiled.bind, strict=True)]

    def rows(self, dialect: Dialect, raw: list[Any]) -> list[Sequence[Any]]:
        """The driver's rows (asyncpg records, sqlite3 tuples) with each value typed as its column says;
        rows that needed no processing come back as the driver gave them. `bind` must have run first."""
        typed = self._compiled[dialect.name].typed
        if not typed:
            return raw
        rows: list[Sequence[Any]] = []
        for row in raw:
            values = list(row)
            for index, process in typed:
                values[index] = process(values[index])
            rows.append(tuple(values))
        return rows

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect)
        params = tuple(compiled.positiontup or ())
        bind = tuple(compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in params)
        defaults = {name: value for name, value in compiled.params.items() if value is not None}
        processors = (column.type.dialect_impl(dialect).result_processor(dialect, None)
                      for column in self.statement.selected_columns)
        typed = tuple((index, process) for index, process in enumerate(processors)
                      if process is not None and self.columns[index] not in self.unprocessed)
        found = self._compiled[dialect.name] = _Compiled(str(compiled), params, bind, defaults, typed)
        return found


def _column_name(column: ColumnElement[Any]) -> str:
    if column.key is None:
        raise ValueError(f"a column of a driver query has no name: {column}")
    return column.key


class DriverReads:
    """Reads run by the driver of one database (`dialect`): `PostgresReads` or `SqliteReads`."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect

    async def fetch(self, query: DriverQuery, params: dict[str, Any]) -> list[Sequence[Any]]:
        """The rows `query` finds with `params` (by bound parameter name), typed as its columns say."""
        raise NotImplementedError

    async def close(self) -> None:
        """Close the connections; no read may follow."""
        raise NotImplementedError


class PostgresReads(DriverReads):
    """Connections kept idle in a list: taking one and putting it back costs next to nothing. (asyncpg's
    pool guards each release with a task of its own: 7,275 page reads/s against 10,000 this way, 8 at
    a time, in benchmarks/driver_reads.py.) A connection whose read failed or was cancelled is closed,
    never reused; when the server dropped one (a restart), all idle ones go and the read is tried once
    more on a new connection."""

    def __init__(self, dialect: Dialect, dsn: str, size: int) -> None:
        super().__init__(dialect)
        self._dsn = dsn
        self._idle: list[asyncpg.Connection] = []
        self._slots = asyncio.Semaphore(size)

    async def fetch(self, query: DriverQuery, params: dict[str, Any]) -> list[Sequence[Any]]:
        """The rows of `query`, on an idle connection or a new one (at most `size` reads at a time); tried
        once more on a new connection when the server dropped the one used."""
        sql, values = query.bind(self.dialect, params)
        async with self._slots:
            try:
                rows = await self._fetch(sql, values)
            except (asyncpg.ConnectionDoesNotExistError, asyncpg.InterfaceError, ConnectionError):
                self._close_idle()
                rows = await self._fetch(sql, values)
        return query.rows(self.dialect, rows)

    async def _fetch(self, sql: str, values: list[Any]) -> list[Any]:
        connection = self._idle.pop() if self._idle else await self._connect()
        try:
            rows = await connection.fetch(sql, *values)
        except BaseException:
            connection.terminate()
            raise
        self._idle.append(connection)
        return rows

    async def _connect(self) -> asyncpg.Connection:
        connection = await asyncpg.connect(self._dsn, timeout=10)
        try:
            # JSON arrives decoded, as with SQLAlchemy's asyncpg dialect (its JSON type leaves that to the driver).
            for name in ("json", "jsonb"):
                await connection.set_type_codec(name, encoder=_json_text, decoder=orjson.loads, schema="pg_catalog")
        except BaseException:
            connection.terminate()
            raise
        return connection

    def _close_idle(self) -> None:
        while self._idle:
            self._idle.pop().terminate()

    async def close(self) -> None:
        """Close the idle connections (waiting up to 5 seconds for each)."""
        idle, self._idle = self._idle, []
        for connection in idle:
            await connection.close(timeout=5)


# The longest a SQLite read may hold the event loop before it is moved to a thread, unless set
# (MARKET_API_SQLITE_LOOP_READ_MS). A feed page's read takes 0.02-0.1 ms; the budget is what a request
# may wait behind another one's read.
LOOP_READ_BUDGET_SECONDS = 0.002
# How often SQLite asks whether the budget is spent, in virtual machine steps (a few microseconds).
_BUDGET_CHECK_STEPS = 1000


class SqliteReads(DriverReads):
    """Read-only, autocommit sqlite3 connections to the database file at `path`: one for reads on the
    event loop, and one per thread of a small pool (`size` threads) for the reads that outgrow
    `loop_budget_seconds` there (interrupted and run again in a thread, where sqlite3 lets go
    of the GIL while SQLite works). A busy database is waited on for at most a second."""

    def __init__(self, dialect: Dialect, path: str, size: int = 4,
                 loop_budget_seconds: float = LOOP_READ_BUDGET_SECONDS) -> None:
        super().__init__(dialect)
        self._path = path
        self._loop_budget = loop_budget_seconds  # 0: every read in a thread
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._pool = ThreadPoolExecutor(max_workers=size, thread_name_prefix="sqlite-reads")
        self._deadline = 0.0  # of the read running on the loop (perf_counter seconds)
        self._loop_connection: sqlite3.Connection | None = None
        self.moved_to_threads = 0  # reads that outgrew the budget on the loop

    def _open(self, busy_timeout_ms: int = 1000) -> sqlite3.Connection:
        # Closed by `close` once the pool's threads have ended.
        connection = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA query_only = ON")
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        self._opened.append(connection)
        return connection

    def _connection(self) -> sqlite3.Connection:
        """The calling pool thread's connection, opened on its first read."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = self._open()
        return connection

    def _read(self, sql: str, values: list[Any]) -> list[Any]:
        return self._connection().execute(sql, values).fetchall()

    def _read_on_loop(self, sql: str, values: list[Any]) -> list[Any] | None:
        """The rows, or None when the read outgrew the budget (SQLite interrupted it) or the database was busy."""
        connection = self._loop_connection
        if connection is None:
            # A busy database is not waited on here: the read is moved to a thread, which waits.
            connection = self._loop_connection = self._open(busy_timeout_ms=0)
            # A true answer interrupts the statement running (sqlite3.OperationalError "interrupted").
            connection.set_progress_handler(lambda: time.perf_counter() > self._deadline, _BUDGET_CHECK_STEPS)
        self._deadline = time.perf_counter() + self._loop_budget
        try:
            return connection.execute(sql, values).fetchall()
        except sqlite3.OperationalError as error:
            if str(error) not in ("interrupted", "database is locked"):
                raise
            return None

    async def fetch(self, query: DriverQuery, params: dict[str, Any]) -> list[Sequence[Any]]:
        """The rows of `query`: read on the loop within the budget, else again in one of the pool's threads
        (a read changes nothing: reading it twice is safe)."""
        sql, values = query.bind(self.dialect, params)
        raw = self._read_on_loop(sql, values) if self._loop_budget > 0 else None
        if raw is None:
            self.moved_to_threads += 1
            raw = await asyncio.get_running_loop().run_in_executor(self._pool, self._read, sql, values)
        return query.rows(self.dialect, raw)

    async def close(self) -> None:
        """Let running reads finish, end the threads, close their connections."""
        await asyncio.get_running_loop().run_in_executor(None, self._pool.shutdown)
        for connection in self._opened:
            connection.close()
        self._opened.clear()
        self._loop_connection = None


def _json_text(value: Any) -> str:
    return orjson.dumps(value).decode()


def driver_reads(engine: AsyncEngine, size: int = 10,
                 sqlite_loop_budget_seconds: float = LOOP_READ_BUDGET_SECONDS) -> DriverReads:
    """Reads on the same database as `engine`, at most `size` at a time on PostgreSQL; on SQLite, reads
    run on the event loop for at most `sqlite_loop_budget_seconds` each (0: none). PostgreSQL
    connections are made when first needed, so a server that is down at start is reported by the first
    read, as the engine would. Raises ValueError for an in-memory SQLite database."""
    url = engine.url
    if url.get_backend_name() == "postgresql":
        dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        return PostgresReads(engine.dialect, dsn, size)
    if not url.database or url.database == ":memory:":
        raise ValueError("the SQLite database must be a file")
    return SqliteReads(engine.dialect, url.database, loop_budget_seconds=sqlite_loop_budget_seconds)
