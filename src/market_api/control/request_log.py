"""The request log: every Partner API request a process answered, as GET /admin/requests and
`market-api requests tail` show it.

Recording costs the request almost nothing: `RequestLog.record` (the recorder of
`market_api.platform.middleware.ResponseHeaders`) keeps a tuple of references in a bounded in-process
buffer; the writer, a task of the app's lifespan, turns them into rows and inserts them in batches
(every `FLUSH_SECONDS`, or as soon as `BATCH` are waiting). When the buffer is full, or the database
refuses a batch, the entries are dropped and counted in ``market_api_request_log_dropped_total``. On
shutdown the buffer is written out. Every `TRIM_SECONDS` the writer keeps the newest
MARKET_API_REQUEST_LOG_KEEP entries and none written longer ago than MARKET_API_REQUEST_LOG_RETENTION_HOURS
(real time: moving the service clock never empties the log). Entries answered before a reset or restore
(an older data generation) are not written after it.

An entry as shown (`shown`), every field present, null when unknown::

    {"requestId": "3f1c…", "time": "2026-06-15T12:00:00.000+03:00", "operationId": "getFeedbackAndCommentUpdates",
     "method": "GET", "path": "/campaigns/91000001/feedback/updates", "query": {"limit": "20"},
     "status": 200, "durationMs": 3.412, "businessId": 90000001, "campaignId": 91000001, "caller": "demo",
     "errorCode": null, "errorMessage": null, "fault": null, "body": null}
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import functools
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast
from urllib.parse import parse_qsl

import orjson
from sqlalchemy import ColumnElement, Dialect, Row, Table, bindparam, delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from starlette.types import Scope

from market_api.accounts.models import Campaign
from market_api.control.models import RequestLogEntry
from market_api.platform.clock import MOSCOW, Clock
from market_api.platform.config import Settings
from market_api.platform.metrics import REQUEST_LOG_DROPPED
from market_api.platform.shared_state import read_state_held
from market_api.platform.validation import INT64_MAX

log = logging.getLogger("market_api.control")

TABLE = cast(Table, RequestLogEntry.__table__)
FLUSH_SECONDS = 0.5  # other processes' entries show within this (plus the query's own time)
TRIM_SECONDS = 60.0
BATCH = 1000  # entries waiting that start a write before the interval is over
CAPACITY = 10_000  # entries a process keeps waiting at most; more are dropped (and counted)
MESSAGE_CHARACTERS = 4096  # an error message is kept up to this many characters

# The columns a row gives, in order (`_row`), and the places of those other steps read or change.
_ROW = ("request_id", "time", "operation_id", "method", "path", "query", "status", "duration_ms", "business_id",
        "campaign_id", "caller", "error_code", "error_message", "fault", "body")
_TIME, _BUSINESS, _CAMPAIGN = _ROW.index("time"), _ROW.index("business_id"), _ROW.index("campaign_id")
# Column lengths of the table (migration 0009): longer values are cut to fit.
_LENGTHS = {"request_id": 128, "operation_id": 64, "method": 16, "caller": 255, "error_code": 64, "fault": 32}
_COLUMNS = (TABLE.c.id, TABLE.c.request_id, TABLE.c.time, TABLE.c.operation_id, TABLE.c.method, TABLE.c.path,
            TABLE.c.query, TABLE.c.status, TABLE.c.duration_ms, TABLE.c.business_id, TABLE.c.campaign_id,
            TABLE.c.caller, TABLE.c.error_code, TABLE.c.error_message, TABLE.c.fault, TABLE.c.body)


class RequestLog:
    """The request log of one process: records answered requests (`record`) and writes them (`start`,
    `flush`, `stop`).

    `capacity`: entries kept waiting at most (more are dropped and counted); `body_bytes`: request bodies
    are kept up to this many bytes (MARKET_API_REQUEST_LOG_BODY_BYTES); `keep` and `retention` bound the
    table (MARKET_API_REQUEST_LOG_KEEP, MARKET_API_REQUEST_LOG_RETENTION_HOURS)."""

    def __init__(self, settings: Settings, clock: Clock, capacity: int = CAPACITY) -> None:
        self.clock = clock
        self.capacity = capacity
        self.body_bytes = settings.request_log_body_bytes
        self.keep = settings.request_log_keep
        self.retention = timedelta(hours=settings.request_log_retention_hours)
        self._pending: list[tuple[Any, ...]] = []
        self._engine: AsyncEngine | None = None
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self.generation: Callable[[], int] = lambda: 0  # the data generation a request was answered in
        self._written: deque[tuple[float, int]] = deque()  # (real time, newest row id then), for retention
        self.wall: Callable[[], float] = time.time  # real time, in seconds (a test's own, to age entries)

    # The recorder (`market_api.platform.middleware.RequestRecorder`): on the request path, kept cheap.

    def now(self) -> datetime:
        """The service clock's time: when a request arrived."""
        return self.clock.now()

    def record(self, scope: Scope, arrived: datetime, status: int, seconds: float, error_body: bytes | None) -> None:
        """Keep what the log needs of an answered Partner API request (`scope` routed to an operation's
        route; `status` the HTTP code sent; `seconds` the time to answer; `error_body` the error envelope
        sent, for a status of 400 and above). Dropped and counted when `capacity` entries are waiting."""
        pending = self._pending
        if len(pending) >= self.capacity:
            REQUEST_LOG_DROPPED.inc()
            return
        state = scope["state"]
        body = state.get("request_body")
        if body is not None and len(body) > self.body_bytes:
            body = body[:self.body_bytes + 1]  # enough to cut at `body_bytes` and to know it was cut
        pending.append((arrived, state.get("request_id"), state.get("operation_id"), scope["method"], scope["path"],
                        scope["query_string"], status, seconds, state.get("business_id"), state.get("campaign_id"),
                        state.get("caller"), state.get("fault_id"), body, error_body,
                        scope.get("path_params"), scope.get("route"), self.generation()))
        if len(pending) == BATCH:
            self._wake.set()

    # The writer.

    def start(self, engine: AsyncEngine, generation: Callable[[], int] | None = None) -> None:
        """Start writing to `engine`'s database in a task of the running loop; `generation` tells the data
        generation (`SharedState.current`) a request is answered in."""
        self._engine = engine
        if generation is not None:
            self.generation = generation
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="request-log")

    async def stop(self) -> None:
        """Stop the writer and write what is waiting (the app's shutdown). Safe to call twice."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.flush()

    def discard_pending(self) -> None:
        """Forget the entries waiting to be written (a reset clears the log: `clear`). Other processes
        write what they have waiting within `FLUSH_SECONDS`."""
        self._pending = []

    async def _run(self) -> None:
        next_trim = 0.0
        while not self._stopping:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), FLUSH_SECONDS)
            self._wake.clear()
            await self.flush()
            if time.monotonic() >= next_trim and not self._stopping:
                next_trim = time.monotonic() + TRIM_SECONDS
                try:
                    await self.trim()
                except Exception as error:  # the database away for a moment: the next round trims
                    log.warning("could not trim the request log: %s", error)

    async def flush(self) -> int:
        """Write every waiting entry now, in one transaction; the number written. A batch the database
        refuses is dropped (counted, and logged as a warning). A no-op before `start`."""
        if self._engine is None:
            return 0
        async with self._lock:
            batch, self._pending = self._pending, []
            if not batch:
                return 0
            try:
                async with self._engine.begin() as connection:
                    # Requests answered before a reset or restore belong to the data it replaced: the
                    # log it emptied does not get them back, whichever process answered them.
                    current = (await read_state_held(connection)).generation
                    rows = [_row(entry, self.body_bytes) for entry in batch if entry[-1] == current]
                    if rows:
                        await _fill_businesses(connection, rows)
                        await _insert(connection, rows)
                        newest = await connection.scalar(select(func.max(TABLE.c.id)))
                        self._written.append((self.wall(), int(newest or 0)))
            except Exception as error:
                REQUEST_LOG_DROPPED.inc(len(batch))
                log.warning("request log: %d entries dropped, the database refused them: %s", len(batch), error)
                return 0
            return len(rows)

    async def trim(self) -> int:
        """Delete all but the newest `keep` entries and those written longer than `retention` ago; the
        number deleted.

        Age is real time, not the service clock (which an integrator moves, and an entry's `time` follows):
        this process remembers, after each write, the newest row id then, and deletes up to the newest id
        it saw `retention` ago — rows are numbered in the order they were written, by every process."""
        if self._engine is None:
            return 0
        cutoff, horizon = 0, self.wall() - self.retention.total_seconds()
        while self._written and self._written[0][0] <= horizon:
            cutoff = self._written.popleft()[1]
        async with self._engine.begin() as connection:
            return await trim(connection, self.keep, cutoff)


async def _fill_businesses(connection: AsyncConnection, rows: list[list[Any]]) -> None:
    """The business of each row that names a store but was refused before the store was resolved (a 400,
    a 401), so that filtering by business finds it too."""
    unresolved = {row[_CAMPAIGN] for row in rows if row[_BUSINESS] is None and row[_CAMPAIGN] is not None}
    if not unresolved:
        return
    found = await connection.execute(select(Campaign.id, Campaign.business_id).where(Campaign.id.in_(unresolved)))
    owners = {campaign_id: business_id for campaign_id, business_id in found}
    for row in rows:
        if row[_BUSINESS] is None and row[_CAMPAIGN] is not None:
            row[_BUSINESS] = owners.get(row[_CAMPAIGN])


@dataclass(frozen=True)
class _Insert:
    """The INSERT of a row (`_ROW` order) compiled for one dialect, with what its values need first."""

    sql: str
    order: tuple[int, ...] | None  # index in a row of each parameter the SQL takes, in turn; None: as they are
    time: Any  # the time column's bind processor (a string on SQLite), or None


_INSERTS: dict[str, _Insert] = {}


def _compiled_insert(dialect: Dialect) -> _Insert:
    found = _INSERTS.get(dialect.name)
    if found is None:
        compiled = insert(TABLE).values({name: bindparam(name) for name in _ROW}).compile(dialect=dialect)
        positions = tuple(_ROW.index(name) for name in compiled.positiontup or ())
        if sorted(positions) != list(range(len(_ROW))):
            raise RuntimeError(f"the request log's INSERT takes named parameters on {dialect.name}")
        time_type = TABLE.c.time.type.dialect_impl(dialect)
        found = _INSERTS[dialect.name] = _Insert(
            compiled.string, None if positions == tuple(range(len(_ROW))) else positions,
            time_type.bind_processor(dialect))
    return found


async def _insert(connection: AsyncConnection, rows: list[list[Any]]) -> None:
    """Insert `rows` (`_ROW` order, the query as JSON text), run by the driver: SQLAlchemy's per-row
    parameter handling would cost more than the database's insert.

    PostgreSQL: one executemany (asyncpg sends the rows in one pipelined run). SQLite: one statement that
    takes the whole batch as one JSON array (`_SQLITE_INSERT`). Not executemany: it steps its statement
    once a row, and each step hands Python's lock between the driver's thread and the event loop's, which
    costs the requests answered meanwhile several times what the insert itself costs."""
    compiled = _compiled_insert(connection.dialect)
    if compiled.time is not None:
        for row in rows:
            row[_TIME] = compiled.time(row[_TIME])
    if connection.dialect.name == "sqlite":
        try:
            batch = orjson.dumps(rows)
        except orjson.JSONEncodeError:  # text no UTF-8 can hold (a lone surrogate): written as U+FFFD
            batch = orjson.dumps([[_utf8(value) for value in row] for row in rows])
        await connection.exec_driver_sql(_SQLITE_INSERT, (batch.decode(),))
        return
    params = rows if compiled.order is None else [[row[i] for i in compiled.order] for row in rows]
    await connection.exec_driver_sql(compiled.sql, [tuple(row) for row in params])


def _utf8(value: Any) -> Any:
    return value.encode("utf-8", "replace").decode("utf-8") if isinstance(value, str) else value


_SQLITE_INSERT = (f"INSERT INTO {TABLE.name} (" + ", ".join(f'"{name}"' for name in _ROW) + ") SELECT "
                  + ", ".join(f"json_extract(value, '$[{index}]')" for index in range(len(_ROW)))
                  + " FROM json_each(?)")


async def trim(connection: AsyncConnection, keep: int, up_to: int) -> int:
    """Delete the entries of row id `up_to` and before, and all but the newest `keep`; the number deleted."""
    deleted = (await connection.execute(delete(TABLE).where(TABLE.c.id <= up_to))).rowcount or 0 if up_to else 0
    if keep == 0:
        return deleted + ((await connection.execute(delete(TABLE))).rowcount or 0)
    oldest_kept = await connection.scalar(select(TABLE.c.id).order_by(TABLE.c.id.desc()).offset(keep - 1).limit(1))
    if oldest_kept is not None:
        deleted += (await connection.execute(delete(TABLE).where(TABLE.c.id < oldest_kept))).rowcount or 0
    return deleted


async def clear(connection: AsyncConnection | AsyncSession) -> None:
    """Delete every entry (a reset of the data), in the caller's transaction; with it, the process's own
    waiting entries should be forgotten (`RequestLog.discard_pending`)."""
    await connection.execute(delete(TABLE))


# From a recorded entry to a row, off the request path.


def _row(entry: tuple[Any, ...], body_bytes: int) -> list[Any]:
    """A recorded entry as the values of a row, in `_ROW` order."""
    (arrived, request_id, operation_id, method, path, query_string, status, seconds, business_id, campaign_id,
     caller, fault, body, error_body, path_params, route, _generation) = entry
    if operation_id is None and route is not None and method in (route.methods or ()):
        operation_id = route.name  # refused before the operation ran (a body too big, a wrong Content-Type)
    # The resolved business and store; a call refused before that: the ones its path names (and the
    # business of that store, `_fill_businesses`).
    if business_id is None and path_params:
        business_id = _id(path_params.get("businessId"))
    if campaign_id is None and path_params:
        campaign_id = _id(path_params.get("campaignId"))
    error_code = error_message = None
    if error_body is not None:
        error_code, error_message = _first_error(error_body)
        error_code = _text(error_code, _LENGTHS["error_code"])
        error_message = _text(error_message, MESSAGE_CHARACTERS)
    return [
        _text(request_id or "", _LENGTHS["request_id"]),
        arrived,
        _text(operation_id, _LENGTHS["operation_id"]),
        _text(method, _LENGTHS["method"]),
        _text(path),
        _query_json(query_string),
        status,
        round(seconds * 1000, 3),
        business_id,
        campaign_id,
        _text(caller, _LENGTHS["caller"]),
        error_code,
        error_message,
        _text(fault, _LENGTHS["fault"]),
        _body(body, body_bytes) if body else None,
    ]


def _text(value: str | None, characters: int | None = None) -> str | None:
    """Text as stored: cut to `characters`, NUL (which PostgreSQL text cannot hold) as U+FFFD."""
    if value is None:
        return None
    value = value if characters is None else value[:characters]
    return value.replace("\x00", "\ufffd") if "\x00" in value else value


def _id(value: object) -> int | None:
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        number = int(value)
        return number if 1 <= number <= INT64_MAX else None
    return None


def _query_json(query_string: bytes) -> str:
    """`_query` as JSON text; the same query strings come again and again (short ones are remembered)."""
    if not query_string:
        return "{}"
    if len(query_string) <= 256:
        return _short_query_json(query_string)
    return orjson.dumps(_query(query_string)).decode()


@functools.lru_cache(maxsize=4096)
def _short_query_json(query_string: bytes) -> str:
    return orjson.dumps(_query(query_string)).decode()


def _query(query_string: bytes) -> dict[str, str | list[str]]:
    """Parameter -> value; a parameter given more than once -> the list of its values, in order."""
    found: dict[str, str | list[str]] = {}
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        name, value = _text(name) or "", _text(value) or ""
        before = found.get(name)
        if before is None:
            found[name] = value
        elif isinstance(before, list):
            before.append(value)
        else:
            found[name] = [before, value]
    return found


def _body(body: bytes | None, limit: int) -> str | None:
    """The body as text, cut at `limit` bytes without splitting a character (bytes that are not UTF-8
    read as U+FFFD); None for no body, or when bodies are not kept (`limit` 0)."""
    if not body or limit == 0:
        return None
    complete = len(body) <= limit
    # Not final when cut: the decoder holds back the start of a character the cut split, instead of
    # showing it as a broken one.
    return _text(codecs.getincrementaldecoder("utf-8")("replace").decode(body[:limit], final=complete))


def _first_error(error_body: bytes | None) -> tuple[str | None, str | None]:
    """The code and message of the first entry of an error envelope (None, None for anything else)."""
    if not error_body:
        return None, None
    try:
        first = orjson.loads(error_body)["errors"][0]
        code, message = first.get("code"), first.get("message")
    except (orjson.JSONDecodeError, KeyError, IndexError, TypeError, AttributeError):
        return None, None
    return (code if isinstance(code, str) else None), (message if isinstance(message, str) else None)


# Reading.


@dataclass(frozen=True)
class RequestFilter:
    """Which entries a query wants; a field left None does not filter. `since`: entries at or after this
    instant (aware)."""

    request_id: str | None = None
    business_id: int | None = None
    campaign_id: int | None = None
    operation_id: str | None = None
    status: int | None = None
    since: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        """The WHERE conditions of this filter."""
        found: list[ColumnElement[bool]] = []
        for column, value in ((TABLE.c.request_id, self.request_id), (TABLE.c.business_id, self.business_id),
                              (TABLE.c.campaign_id, self.campaign_id), (TABLE.c.operation_id, self.operation_id),
                              (TABLE.c.status, self.status)):
            if value is not None:
                found.append(column == value)
        if self.since is not None:
            found.append(TABLE.c.time >= self.since)
        return found


async def newest(connection: AsyncConnection | AsyncSession, where: RequestFilter, limit: int,
                 before: int | None = None) -> list[Row[Any]]:
    """Up to `limit` entries matching `where`, newest (last written) first; `before`: only entries
    written before the entry of that row id. Rows have the table's columns (`shown` makes them JSON)."""
    conditions = where.conditions()
    if before is not None:
        conditions.append(TABLE.c.id < before)
    query = select(*_COLUMNS).where(*conditions).order_by(TABLE.c.id.desc()).limit(limit)
    return list(await connection.execute(query))


async def written_after(connection: AsyncConnection | AsyncSession, where: RequestFilter, after: int,
                        limit: int) -> list[Row[Any]]:
    """Up to `limit` entries matching `where` written after the entry of row id `after`, oldest first
    (what `requests tail --follow` prints next)."""
    query = (select(*_COLUMNS).where(TABLE.c.id > after, *where.conditions())
             .order_by(TABLE.c.id).limit(limit))
    return list(await connection.execute(query))


async def newest_id(connection: AsyncConnection | AsyncSession) -> int:
    """The row id of the newest entry (0 when the log is empty). Ids grow with every entry written, and
    start again after a reset empties the log: a follower that finds the newest id below the last one it
    saw starts again from 0."""
    return int(await connection.scalar(select(func.max(TABLE.c.id))) or 0)


def moscow_iso_ms(moment: datetime) -> str:
    """An aware instant in Moscow time with milliseconds (``2026-06-15T12:00:00.000+03:00``)."""
    return moment.astimezone(MOSCOW).isoformat(timespec="milliseconds")


def shown(row: Row[Any]) -> dict[str, Any]:
    """An entry as the admin API and ``requests tail --json`` show it (see the module's docstring)."""
    return {
        "requestId": row.request_id, "time": moscow_iso_ms(row.time), "operationId": row.operation_id,
        "method": row.method, "path": row.path, "query": row.query, "status": row.status,
        "durationMs": row.duration_ms, "businessId": row.business_id, "campaignId": row.campaign_id,
        "caller": row.caller, "errorCode": row.error_code, "errorMessage": row.error_message, "fault": row.fault,
        "body": row.body,
    }
