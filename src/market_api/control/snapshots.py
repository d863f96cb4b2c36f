"""Snapshots: the whole data of a deployment in one portable file, saved and restored all at once.

**What is in it.** Every table of the schema (`market_api.models.metadata`) except those that are not
data: admin tokens, the console's sessions and the signing keys (`service_secrets`) belong to the
deployment, `control_state` is shared process state (its clock goes in the header), the request log
and the fault rules are the integrator's test controls, and `regions` is reference data every
database at a schema revision holds alike. So: accounts (businesses, stores, keys, OAuth users), the
catalogue, reviews with their threads, feed positions and feed counters, quality facts and ratings,
report metadata, and the clock. Not the columns derived from the others (`snapshot_columns`: the reviews'
stored renderings), which a restore makes again.

**The file** (format ``market-api-snapshot``, version 1) is gzip-compressed NDJSON:

1. a header: ``{"format", "formatVersion", "revision" (the Alembic schema revision), "packageVersion",
   "dialect" ("sqlite" | "postgresql"), "savedAt", "clock": {"real", "now", "offsetUs"}, "rows" (in
   all), "tables": [{"name", "columns", "rows", "nextId"}]}`` — `nextId`: the id the table's sequence
   gives next, where the database keeps one (PostgreSQL), else null;
2. for each table of the header, in dependency order: ``{"table": NAME}``, then its rows in primary-key
   order, each a JSON array of its columns' values: numbers, strings and booleans as themselves;
   datetimes ISO 8601 with their offset; dates ``YYYY-MM-DD``; JSON columns as their JSON text (a
   string, so a JSON ``null`` stays apart from SQL NULL); non-finite floats as ``"nan"``/``"inf"``;
   decimals as strings; bytes in base64;
3. a trailer ``{"end": true, "rows": N}``: a file cut short is refused.

It restores on SQLite or PostgreSQL whichever it came from. Saving streams rows (constant memory at any
size) from one consistent read of the database; restoring reads the file as a stream and inserts in
batches (PostgreSQL: ``COPY``), in one transaction: everything of the snapshot's tables is deleted,
the file's rows inserted, sequences set as they were, the clock set and the data generation bumped
(`market_api.platform.shared_state`), so running processes drop their caches. A file of another schema
revision, not a snapshot, or cut short changes nothing (`SnapshotError`).
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import math
import os
import zlib
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterator
from contextlib import aclosing, asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import IO, Any, TypeVar

import orjson
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
    TypeDecorator,
    cast,
    func,
    select,
    text,
    type_coerce,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from market_api import __version__
from market_api.control.clock import check_instant
from market_api.feedback.rendering import render_all
from market_api.models import metadata
from market_api.platform.clock import moscow_iso
from market_api.platform.database import UtcDateTime
from market_api.platform.errors import ApiError
from market_api.platform.migrate import head_revision
from market_api.platform.shared_state import bump_generation, read_state, store_clock_offset

FORMAT = "market-api-snapshot"
FORMAT_VERSION = 1
DEPLOYMENT_TABLES = frozenset({"admin_tokens", "console_sessions", "service_secrets", "control_state",
                               "alembic_version"})
"""Kept by reset and restore, never in a snapshot: the deployment's credentials (admin tokens and the web
console's sessions signed in with them, the signing keys) and shared state."""
REFERENCE_TABLES = frozenset({"regions"})
"""Reference data a migration loads: the same in every database at a schema revision; kept."""
CONTROL_TABLES = frozenset({"request_log", "fault_rules"})
"""The integrator's test controls: not in a snapshot, left alone by restore, emptied by reset."""
BATCH = 2000
"""Rows per statement on restore (and per fetch on save)."""
READ_BYTES = 1 << 20
"""Text read from a snapshot at a time."""

Advance = Callable[[int], None]
T = TypeVar("T")


class SnapshotError(Exception):
    """A file that is not a snapshot, not one of this schema revision, cut short, or whose rows do not fit
    the tables; the message says which (and where). Nothing was changed."""


def snapshot_columns(table: Table) -> list[Column[Any]]:
    """The columns of `table` a snapshot holds: all but those derived from the others (``info["derived"]``:
    the reviews' stored renderings, made again on restore)."""
    return [column for column in table.columns if not column.info.get("derived")]


def snapshot_tables() -> list[Table]:
    """The tables a snapshot holds, parents before children (`metadata.sorted_tables`)."""
    skipped = DEPLOYMENT_TABLES | REFERENCE_TABLES | CONTROL_TABLES
    return [table for table in metadata.sorted_tables if table.name not in skipped]


def data_tables() -> list[Table]:
    """The tables a reset empties: the snapshot's tables and the test controls (request log, fault rules)."""
    kept = DEPLOYMENT_TABLES | REFERENCE_TABLES
    return [table for table in metadata.sorted_tables if table.name not in kept]


# --- the header ---------------------------------------------------------------------------------------


@dataclass
class TableHeader:
    """One table of a snapshot: its columns in file order, how many rows, and its sequence's next id
    (None: the database keeps no sequence for it, or it has no single integer key)."""

    name: str
    columns: list[str]
    rows: int
    next_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        """The entry of the header's ``tables``."""
        return {"name": self.name, "columns": self.columns, "rows": self.rows, "nextId": self.next_id}


@dataclass
class Header:
    """The first line of a snapshot file."""

    revision: str
    dialect: str
    saved_at: datetime
    clock_now: datetime  # what the service clock showed at the save
    clock_offset: timedelta | None  # None: the clock showed real time
    tables: list[TableHeader] = field(default_factory=list)
    package_version: str = __version__

    @property
    def rows(self) -> int:
        """Rows in all tables."""
        return sum(table.rows for table in self.tables)

    @property
    def restore_steps(self) -> int:
        """What a restore counts as it goes: each row loaded, then each row of a table with derived columns
        (`snapshot_columns`: the reviews) made again."""
        derived = {table.name for table in snapshot_tables() if len(snapshot_columns(table)) < len(table.columns)}
        return self.rows + sum(table.rows for table in self.tables if table.name in derived)

    def as_json(self) -> dict[str, Any]:
        """The header line's JSON object."""
        offset = None if self.clock_offset is None else self.clock_offset // timedelta(microseconds=1)
        return {
            "format": FORMAT, "formatVersion": FORMAT_VERSION, "revision": self.revision,
            "packageVersion": self.package_version, "dialect": self.dialect, "savedAt": self.saved_at.isoformat(),
            "clock": {"real": self.clock_offset is None, "now": self.clock_now.isoformat(), "offsetUs": offset},
            "rows": self.rows, "tables": [table.as_json() for table in self.tables],
        }

    @classmethod
    def parse(cls, line: bytes, source: str) -> Header:
        """The header in `line`, the first line of `source` (a file name, for messages). Raises
        SnapshotError for anything but a snapshot header of this format version and schema revision."""
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError:
            data = None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SnapshotError(f"{source} is not a market-api snapshot")
        if data.get("formatVersion") != FORMAT_VERSION:
            raise SnapshotError(f"{source} is a snapshot of format version {data.get('formatVersion')}; this "
                                f"version of market-api reads version {FORMAT_VERSION}")
        head = head_revision()
        if data.get("revision") != head:
            raise SnapshotError(
                f"{source} was saved at schema revision {data.get('revision')} (market-api "
                f"{data.get('packageVersion')}); this version is at revision {head}: restore it with the version "
                "that saved it, or seed anew")
        try:
            clock = data["clock"]
            offset = None if clock["offsetUs"] is None else timedelta(microseconds=int(clock["offsetUs"]))
            tables = [TableHeader(str(t["name"]), [str(c) for c in t["columns"]], int(t["rows"]),
                                  None if t["nextId"] is None else int(t["nextId"])) for t in data["tables"]]
            clock_now = datetime.fromisoformat(clock["now"])
            if offset is not None:
                check_instant(clock_now)  # the clock a restore sets must be one the service can run on
            return cls(str(data["revision"]), str(data["dialect"]), datetime.fromisoformat(data["savedAt"]),
                       clock_now, offset, tables, str(data.get("packageVersion")))
        except ApiError as exc:
            raise SnapshotError(f"{source}: the snapshot's clock cannot be set ({exc.message})") from None
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise SnapshotError(f"{source}: the snapshot's header is damaged ({exc!r})") from None


# --- values: how each column's values are written and read -------------------------------------------


def _kind(table: Table, name: str) -> str:
    """How a column's values are written: json, datetime, date, float, decimal, bytes or plain."""
    kind = table.c[name].type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    for base, found in ((JSON, "json"), (DateTime, "datetime"), (Date, "date"), (Float, "float"),
                        (Numeric, "decimal"), (LargeBinary, "bytes")):
        if isinstance(kind, base):
            return found
    return "plain"


def _float_out(value: float) -> float | str:
    return value if math.isfinite(value) else str(value)


def _bytes_out(value: bytes) -> str:
    return base64.b64encode(value).decode()


_WRITERS: dict[str, Callable[[Any], Any]] = {"float": _float_out, "decimal": str, "bytes": _bytes_out}
# datetimes and dates: orjson writes them as ISO 8601 itself; JSON columns are read as their text.


def _json_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a JSON column's value must be its JSON text")
    orjson.loads(value)  # raises ValueError (JSONDecodeError) for text that is not JSON
    return value


def _datetime_in(value: Any) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is None else moment.astimezone(UTC)


_READERS: dict[str, Callable[[Any], Any]] = {
    "datetime": _datetime_in, "date": date.fromisoformat, "float": float, "decimal": Decimal,
    "bytes": base64.b64decode,
}


# --- saving -------------------------------------------------------------------------------------------


def _quoted(connection: AsyncConnection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)


def _serial_key(table: Table) -> str | None:
    """The table's single integer primary-key column (the one a sequence may feed), or None."""
    keys = list(table.primary_key.columns)
    if len(keys) != 1:
        return None
    try:
        return keys[0].name if keys[0].type.python_type is int else None
    except NotImplementedError:
        return None


async def _next_ids(connection: AsyncConnection, tables: list[Table]) -> dict[str, int]:
    """The id each table's sequence gives next, where the database keeps sequences (PostgreSQL); on
    SQLite, tables with AUTOINCREMENT keep their high-water mark in sqlite_sequence."""
    found: dict[str, int] = {}
    if connection.dialect.name == "postgresql":
        for table in tables:
            key = _serial_key(table)
            if key is None:
                continue
            sequence = (await connection.execute(select(func.pg_get_serial_sequence(table.name, key)))).scalar()
            if sequence:
                # the name comes from the catalogue, quoted as needed
                last, called = (await connection.execute(text(f"SELECT last_value, is_called FROM {sequence}"))).one()
                found[table.name] = last + 1 if called else last
    elif await _has_sqlite_sequence(connection):
        rows = await connection.execute(text("SELECT name, seq FROM sqlite_sequence"))
        names = {table.name for table in tables}
        found = {name: seq + 1 for name, seq in rows.all() if name in names}
    return found


async def _has_sqlite_sequence(connection: AsyncConnection) -> bool:
    return bool((await connection.execute(
        text("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"))).scalar())


async def plan_snapshot(connection: AsyncConnection) -> Header:
    """The header of a snapshot of what `connection` sees now: row counts, sequences and the clock. Call
    it in the transaction `write_snapshot` then reads in (see `consistent_read`)."""
    tables = snapshot_tables()
    state = await read_state(connection)
    now = datetime.now(UTC)
    header = Header(head_revision(), connection.dialect.name, now, now + (state.clock_offset or timedelta(0)),
                    state.clock_offset)
    next_ids = await _next_ids(connection, tables)
    for table in tables:
        count = (await connection.execute(select(func.count()).select_from(table))).scalar_one()
        header.tables.append(TableHeader(table.name, [c.name for c in snapshot_columns(table)], count,
                                         next_ids.get(table.name)))
    return header


def _utc_text(raw: str) -> str:
    """A UtcDateTime as SQLite stores it (naive UTC text, ``YYYY-MM-DD HH:MM:SS[.ffffff]``; see
    `market_api.platform.database.UtcDateTime`) in ISO 8601 with its offset, without parsing it, as
    orjson writes an aware datetime (no fraction when it is zero): the same text on either backend."""
    if raw[10:11] == " " and (len(raw) == 19 or (len(raw) == 26 and raw.endswith(".000000"))):
        return f"{raw[:10]}T{raw[11:19]}+00:00"
    if raw[10:11] == " " and len(raw) == 26:
        return f"{raw[:10]}T{raw[11:]}+00:00"
    moment = datetime.fromisoformat(raw)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _selected(table: Table, dialect: str) -> list[ColumnElement[Any]]:
    """The columns as a snapshot reads them: JSON columns as their stored text; UTC datetimes as SQLite
    stores them (`_utc_text` writes them) or as PostgreSQL's driver gives them (aware, in UTC)."""
    selected: list[ColumnElement[Any]] = []
    for column in snapshot_columns(table):
        if _kind(table, column.name) == "json":
            selected.append(cast(column, Text).label(column.name))
        elif isinstance(column.type, UtcDateTime):
            stored = String() if dialect == "sqlite" else DateTime(timezone=True)
            selected.append(type_coerce(column, stored).label(column.name))
        else:
            selected.append(column)
    return selected


def _writers(table: Table, columns: list[str], dialect: str) -> list[tuple[int, Callable[[Any], Any]]]:
    """(index, writer) of the columns whose values are not written as the driver gives them."""
    found: list[tuple[int, Callable[[Any], Any]]] = []
    for i, name in enumerate(columns):
        if dialect == "sqlite" and isinstance(table.c[name].type, UtcDateTime):
            found.append((i, _utc_text))
        elif (kind := _kind(table, name)) in _WRITERS:
            found.append((i, _WRITERS[kind]))
    return found


async def _ahead(batches: AsyncIterator[T]) -> AsyncGenerator[T, None]:
    """The items of `batches`, each fetched while the one before is being used (the database driver reads
    in its own thread or the server meanwhile)."""
    pending: asyncio.Future[T | None] = asyncio.ensure_future(anext(batches, None))
    try:
        while (item := await pending) is not None:
            pending = asyncio.ensure_future(anext(batches, None))
            await asyncio.sleep(0)  # the fetch starts before the caller works on `item`
            yield item
    finally:
        if not pending.done():
            with suppress(Exception):
                await pending


async def write_snapshot(connection: AsyncConnection, header: Header, target: IO[bytes],
                         advance: Advance | None = None) -> int:
    """Write the snapshot planned in `header` (`plan_snapshot`) to `target` (a binary file; gzip is
    applied here), streaming each table's rows: the next rows are read, and the last ones compressed
    (in a thread), while a batch is turned into lines. Returns the rows written. Raises SnapshotError
    when a table's rows changed under the read (call it in a consistent read)."""
    dialect = connection.dialect.name
    with gzip.GzipFile(fileobj=target, mode="wb", compresslevel=3, mtime=0) as out:
        out.write(orjson.dumps(header.as_json()) + b"\n")
        written = 0
        compressing: asyncio.Future[Any] | None = None
        for entry in header.tables:
            table = metadata.tables[entry.name]
            out.write(orjson.dumps({"table": entry.name}) + b"\n")
            writers = _writers(table, entry.columns, dialect)
            query = select(*_selected(table, dialect)).order_by(*table.primary_key.columns)
            result = await connection.stream(query.execution_options(yield_per=BATCH))
            count = 0
            async with aclosing(_ahead(result.partitions())) as partitions:
                async for rows in partitions:
                    lines = []
                    for row in rows:
                        values = list(row)
                        for i, write in writers:
                            if values[i] is not None:
                                values[i] = write(values[i])
                        lines.append(orjson.dumps(values))
                    lines.append(b"")
                    if compressing is not None:
                        await compressing
                    compressing = asyncio.ensure_future(asyncio.to_thread(out.write, b"\n".join(lines)))
                    count += len(rows)
                    if advance:
                        advance(len(rows))
            if compressing is not None:
                await compressing
                compressing = None
            if count != entry.rows:
                raise SnapshotError(
                    f"{entry.name} changed while it was saved ({entry.rows} rows counted, {count} read)")
            written += count
        out.write(orjson.dumps({"end": True, "rows": written}) + b"\n")
    return written


@asynccontextmanager
async def consistent_read(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection that reads one unchanging state of the database, however long it reads (PostgreSQL:
    a REPEATABLE READ transaction; SQLite: one read transaction)."""
    async with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = await connection.execution_options(isolation_level="REPEATABLE READ")
            await connection.begin()
        else:
            await connection.exec_driver_sql("BEGIN")
        try:
            yield connection
        finally:
            await connection.rollback()


async def save_snapshot(engine: AsyncEngine, path: Path, advance_for: Callable[[int], Any] | None = None) -> Header:
    """Save the database of `engine` to the snapshot file `path` (replaced only when complete).
    `advance_for(total rows)` may return a callback that hears rows as they are written (a progress bar).
    Raises SnapshotError when `path` cannot be written."""
    partial = path.with_name(path.name + ".partial")
    try:
        target = partial.open("wb")
    except OSError as exc:
        raise SnapshotError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with target:
            async with consistent_read(engine) as connection:
                header = await plan_snapshot(connection)
                advance = advance_for(header.rows) if advance_for else None
                await write_snapshot(connection, header, target, advance)
            target.flush()
            os.fsync(target.fileno())
        partial.replace(path)
    except OSError as exc:
        raise SnapshotError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return header


# --- reading ------------------------------------------------------------------------------------------


class SnapshotReader:
    """A snapshot file read as a stream: `header` first, then `rows(table)` for each table in order, then
    `finish()`. Every problem (not gzip, cut short, a row that does not fit) raises SnapshotError.
    Lines are read a megabyte of text at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.source = path.name
        try:
            self._file: gzip.GzipFile = gzip.open(path, "rb")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise SnapshotError(f"{path}: {exc.strerror or exc}") from None
        self.line_number = 0
        self._lines: list[bytes] = []
        self._next = 0
        self._rest = b""
        self._ended = False
        self.header = Header.parse(self._line() or b"", self.source)
        self._check_tables()

    def _read(self) -> bytes:
        try:
            return self._file.read(READ_BYTES)
        except (gzip.BadGzipFile, zlib.error, OSError) as exc:
            if self.line_number == 0:
                raise SnapshotError(f"{self.source} is not a market-api snapshot") from None
            raise SnapshotError(f"{self.source} is damaged after line {self.line_number} ({exc})") from None
        except EOFError:
            raise SnapshotError(f"{self.source} is cut short after line {self.line_number}") from None

    def _fill(self) -> bool:
        """Lines ready to read (False: the file has no more)."""
        while self._next >= len(self._lines):
            if self._ended:
                return False
            text = self._read()
            if text:
                self._lines = (self._rest + text).split(b"\n")
                self._rest = self._lines.pop()
            else:
                self._ended = True
                self._lines = [self._rest] if self._rest else []
            self._next = 0
        return True

    def _line(self) -> bytes | None:
        if not self._fill():
            return None
        self._next += 1
        self.line_number += 1
        return self._lines[self._next - 1]

    def _check_tables(self) -> None:
        """The header's tables are this schema's, with the same columns."""
        expected = {table.name: [c.name for c in snapshot_columns(table)] for table in snapshot_tables()}
        named = [entry.name for entry in self.header.tables]
        if sorted(named) != sorted(expected):
            raise SnapshotError(f"{self.source} holds the tables {', '.join(named)}; this schema's snapshot "
                                f"holds {', '.join(expected)}")
        for entry in self.header.tables:
            if sorted(entry.columns) != sorted(expected[entry.name]):
                raise SnapshotError(f"{self.source}: the columns of {entry.name} are not this schema's")

    def _json(self, what: str) -> Any:
        line = self._line()
        if line is None:
            raise SnapshotError(f"{self.source} is cut short after line {self.line_number} (expected {what})")
        try:
            return orjson.loads(line)
        except orjson.JSONDecodeError:
            raise SnapshotError(f"{self.source} line {self.line_number}: not JSON (expected {what})") from None

    def rows(self, entry: TableHeader) -> Iterator[list[Any]]:
        """The rows of the header's table `entry` (the next in the file), as lists of the file's values."""
        opened = self._json(f"the rows of {entry.name}")
        if opened != {"table": entry.name}:
            raise SnapshotError(f"{self.source} line {self.line_number}: expected the rows of {entry.name}")
        width = len(entry.columns)
        left = entry.rows
        loads = orjson.loads
        while left:
            if not self._fill():
                raise SnapshotError(f"{self.source} is cut short after line {self.line_number} (expected a row "
                                    f"of {entry.name})")
            lines, start = self._lines, self._next
            end = min(len(lines), start + left)
            for i in range(start, end):
                self._next = i + 1
                self.line_number += 1
                try:
                    row = loads(lines[i])
                except orjson.JSONDecodeError:
                    row = None
                if type(row) is not list or len(row) != width:
                    raise SnapshotError(f"{self.source} line {self.line_number}: a row of {entry.name} must be a "
                                        f"list of {width} values")
                yield row
            left -= end - start

    def finish(self) -> None:
        """Check the trailer: the file is complete and holds nothing more."""
        end = self._json("the end of the snapshot")
        if end != {"end": True, "rows": self.header.rows}:
            raise SnapshotError(f"{self.source} line {self.line_number}: expected the end of the snapshot")
        if self._line() is not None:
            raise SnapshotError(f"{self.source} line {self.line_number}: more after the end of the snapshot")

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def read_header(path: Path) -> Header:
    """The header of the snapshot at `path`, checked: SnapshotError for a file that is not a snapshot
    of this format version and schema revision."""
    reader = SnapshotReader(path)
    reader.close()
    return reader.header


# --- restoring ----------------------------------------------------------------------------------------


@asynccontextmanager
async def bulk_transaction(engine: AsyncEngine) -> AsyncIterator[tuple[AsyncConnection, AsyncSession]]:
    """One transaction for changing the data wholesale (reset, restore): committed when the block ends,
    rolled back when it raises. Yields the connection and a session on it.

    SQLite checks foreign keys row by row, and deleting a table's rows looks up every row that refers to
    each one (a review's previous version is not indexed: minutes for the demo set), so this connection
    checks them all at once before it commits instead (``PRAGMA foreign_key_check``; a violation raises
    SnapshotError and nothing is changed), and checks them again row by row afterwards."""
    async with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            await connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # outside a transaction, or a no-op
            await connection.commit()
        try:
            await connection.begin()
            session = AsyncSession(bind=connection, expire_on_commit=False)
            try:
                yield connection, session
                await session.flush()
                if sqlite:
                    await _check_foreign_keys(connection)
                await connection.commit()
            except BaseException:
                await connection.rollback()
                raise
            finally:
                await session.close()
        finally:
            if sqlite:
                await connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                await connection.commit()


async def _check_foreign_keys(connection: AsyncConnection) -> None:
    problems: list[Any] = list((await connection.exec_driver_sql("PRAGMA foreign_key_check")).all())
    if problems:
        table, row, parent = problems[0][:3]
        raise SnapshotError(f"{len(problems)} row(s) refer to rows that do not exist, e.g. {table} row {row} "
                            f"refers to a missing {parent} row")


async def delete_rows(connection: AsyncConnection, tables: list[Table]) -> None:
    """Delete every row of `tables` (children after parents in `tables`' order), sequences starting
    anew: PostgreSQL truncates them (RESTART IDENTITY); on SQLite the tables are emptied and their
    AUTOINCREMENT high-water marks, if any, dropped. Needs `bulk_transaction` on SQLite."""
    if not tables:
        return
    if connection.dialect.name == "postgresql":
        await connection.exec_driver_sql(
            f"TRUNCATE {', '.join(_quoted(connection, t.name) for t in tables)} RESTART IDENTITY")
        return
    for table in reversed(tables):
        await connection.execute(table.delete())
    if await _has_sqlite_sequence(connection):
        names = ", ".join(f"'{t.name}'" for t in tables)  # names from the schema
        await connection.exec_driver_sql(f"DELETE FROM sqlite_sequence WHERE name IN ({names})")


def _bool_in(value: Any) -> bool:
    if value is True or value is False:
        return value
    raise ValueError(f"{value!r} is not a boolean")


def _sqlite_utc(value: Any) -> str:
    """A file's datetime as SQLite keeps a UtcDateTime: naive UTC text with microseconds."""
    return _datetime_in(value).replace(tzinfo=None).isoformat(" ", "microseconds")


_UTC_SAMPLES = (datetime(2026, 6, 15, 9, 0, 0, 123456, tzinfo=UTC), datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC))


def _converters(table: Table, entry: TableHeader, dialect: Dialect) -> list[tuple[int, Callable[[Any], Any]]]:
    """(index, converter) of the columns whose file values the driver does not take as they are: JSON
    columns stay their text (checked to be a string), which both backends store as it is. On SQLite the
    values are then made what SQLAlchemy stores (its bind processors), UTC datetimes and booleans by
    shortcuts checked against those processors."""
    found: list[tuple[int, Callable[[Any], Any]]] = []
    for i, name in enumerate(entry.columns):
        kind = _kind(table, name)
        decode = _json_text if kind == "json" else _bool_in if isinstance(table.c[name].type, Boolean) \
            else _READERS.get(kind)
        process = None if kind == "json" or dialect.name == "postgresql" else \
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is None:
            if decode is not None:
                found.append((i, decode))
        elif decode is _bool_in and process(True) == 1 and process(False) == 0:
            found.append((i, _bool_in))  # the driver stores True and False as 1 and 0 itself
        elif kind == "datetime" and all(process(m) == _sqlite_utc(m.isoformat()) for m in _UTC_SAMPLES):
            found.append((i, _sqlite_utc))
        else:
            found.append((i, _then(decode, process)))
    return found


def _then(decode: Callable[[Any], Any] | None, process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    if decode is None:
        return process
    return lambda value: process(decode(value))


def _converted(reader: SnapshotReader, entry: TableHeader, dialect: Dialect) -> Iterator[tuple[Any, ...]]:
    """The rows of `entry` with values converted for the database driver."""
    converters = _converters(metadata.tables[entry.name], entry, dialect)
    for row in reader.rows(entry):
        try:
            for i, convert in converters:
                if row[i] is not None:
                    row[i] = convert(row[i])
        except (ValueError, TypeError, OverflowError) as exc:
            raise SnapshotError(f"{reader.source} line {reader.line_number}: a value of {entry.name} cannot be "
                                f"read ({exc})") from None
        yield tuple(row)


async def _batches(rows: Iterator[tuple[Any, ...]]) -> AsyncGenerator[list[tuple[Any, ...]], None]:
    """`rows` in lists of `BATCH`, each read and converted in a worker thread while the one before is
    being written (the database driver writes in its own thread, or the server does)."""

    def take() -> list[tuple[Any, ...]]:
        return list(islice(rows, BATCH))

    pending = asyncio.ensure_future(asyncio.to_thread(take))
    try:
        while batch := await pending:
            pending = asyncio.ensure_future(asyncio.to_thread(take))
            yield batch
    finally:
        if not pending.done():
            with suppress(Exception):
                await pending  # a thread cannot be stopped; let it finish its batch


async def _copy_rows(connection: AsyncConnection, reader: SnapshotReader, entry: TableHeader,
                     advance: Advance | None) -> None:
    """PostgreSQL: the file's rows of one table in one COPY, streamed (the driver encodes the values)."""
    rows = _converted(reader, entry, connection.dialect)
    if not entry.rows:
        for _ in rows:  # checks the table's opening line
            pass
        return
    driver = (await connection.get_raw_connection()).driver_connection
    assert driver is not None  # an open connection

    async def records() -> AsyncIterator[tuple[Any, ...]]:
        async with aclosing(_batches(rows)) as batches:
            async for batch in batches:
                for record in batch:
                    yield record
                if advance:
                    advance(len(batch))

    try:
        await driver.copy_records_to_table(entry.name, records=records(), columns=entry.columns)
    except SnapshotError:
        raise
    except Exception as exc:  # noqa: BLE001 - the driver's own errors: the rows do not fit
        raise SnapshotError(f"{reader.source} does not fit the database: {exc}") from None


async def _insert_batches(connection: AsyncConnection, reader: SnapshotReader, entry: TableHeader,
                          advance: Advance | None) -> None:
    """SQLite: the file's rows of one table in batches of `BATCH`, each one executemany of the driver."""
    columns = ", ".join(_quoted(connection, name) for name in entry.columns)
    sql = f"INSERT INTO {_quoted(connection, entry.name)} ({columns}) VALUES ({', '.join('?' * len(entry.columns))})"
    async with aclosing(_batches(_converted(reader, entry, connection.dialect))) as batches:
        async for batch in batches:
            await connection.exec_driver_sql(sql, batch)
            if advance:
                advance(len(batch))


async def _set_sequences(connection: AsyncConnection, header: Header) -> None:
    """Sequences as the snapshot's database had them where it kept them alike (same backend), else just
    past the restored ids."""
    same = header.dialect == connection.dialect.name
    if connection.dialect.name == "postgresql":
        for entry in header.tables:
            table = metadata.tables[entry.name]
            key = _serial_key(table)
            if key is None:
                continue
            highest = (await connection.execute(select(func.max(table.c[key])))).scalar() or 0
            wanted = entry.next_id if same and entry.next_id is not None else highest + 1
            await connection.execute(select(func.setval(func.pg_get_serial_sequence(entry.name, key), wanted, False)))
    elif await _has_sqlite_sequence(connection):
        for entry in header.tables:
            table = metadata.tables[entry.name]
            key = _serial_key(table)
            if key is None:
                continue
            highest = (await connection.execute(select(func.max(table.c[key])))).scalar() or 0
            wanted = max(highest, (entry.next_id or 0) - 1 if same else 0)
            await connection.execute(text("UPDATE sqlite_sequence SET seq = :seq WHERE name = :name"),
                                     {"seq": wanted, "name": entry.name})


async def _drop_foreign_keys(connection: AsyncConnection, tables: list[str]) -> list[tuple[str, str, str]]:
    """PostgreSQL: drop the foreign keys of `tables` in this transaction, and return them (table, name,
    definition) for `_put_back_foreign_keys`. Checking each row as it is copied costs five times the
    copy itself (a million reviews: 40 s against 7 s); put back, each key is checked in one pass over
    its table, as pg_restore does."""
    found = await connection.execute(text(
        "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
        "WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(:tables) ORDER BY c.conrelid, c.conname"),
        {"tables": tables})
    keys = [(table, name, definition) for table, name, definition in found.all()]
    for table, name, _definition in keys:
        await connection.exec_driver_sql(f"ALTER TABLE {table} DROP CONSTRAINT {_quoted(connection, name)}")
    return keys


async def _put_back_foreign_keys(connection: AsyncConnection, keys: list[tuple[str, str, str]]) -> None:
    """Add the foreign keys `_drop_foreign_keys` dropped again, each checked against every row."""
    for table, name, definition in keys:
        await connection.exec_driver_sql(f"ALTER TABLE {table} ADD CONSTRAINT {_quoted(connection, name)} {definition}")


async def load_rows(connection: AsyncConnection, reader: SnapshotReader, advance: Advance | None = None) -> None:
    """Insert every row of the snapshot `reader` reads into the (emptied) tables, set the sequences,
    check the file's end and the rows' references, and render the reviews again (their renderings are
    not in the file: `snapshot_columns`); `advance` hears of each row loaded and each review rendered.
    Raises SnapshotError for a file that does not fit; the caller rolls back (on PostgreSQL the foreign
    keys are dropped while the rows are copied, and put back, checked, in the same transaction)."""
    postgres = connection.dialect.name == "postgresql"
    try:
        keys = await _drop_foreign_keys(connection, [t.name for t in reader.header.tables]) if postgres else []
        insert_rows = _copy_rows if postgres else _insert_batches
        for entry in reader.header.tables:
            await insert_rows(connection, reader, entry, advance)
        reader.finish()
        await _put_back_foreign_keys(connection, keys)
    except DBAPIError as exc:
        raise SnapshotError(f"{reader.source} does not fit the database: {exc.orig}") from None
    await _set_sequences(connection, reader.header)
    if not postgres:
        # Before rendering, which reads the references (a review's region): SQLite's keys are off meanwhile.
        await _check_foreign_keys(connection)
    async with AsyncSession(bind=connection) as session:
        await render_all(session, advance)
        # Within the caller's transaction (a savepoint of the session's own when the caller holds one, as a
        # reset from a template does: closed without this, the session would roll it back).
        await session.commit()


@dataclass
class Restored:
    """What a restore did: the snapshot's header, the data generation it started, and its clock."""

    header: Header
    generation: int
    clock_now: datetime | None  # None: the clock shows real time

    def as_json(self, seconds: float) -> dict[str, Any]:
        """`snapshot restore --json`: rows, tables (name → rows), generation, clock, seconds."""
        return {
            "rows": self.header.rows, "tables": {t.name: t.rows for t in self.header.tables},
            "generation": self.generation, "savedAt": moscow_iso(self.header.saved_at),
            "clock": {"real": self.clock_now is None,
                      "now": moscow_iso(self.clock_now or datetime.now(UTC))}, "seconds": round(seconds, 3),
        }


async def restore_snapshot(engine: AsyncEngine, path: Path, advance: Advance | None = None) -> Restored:
    """Make the database of `engine` hold exactly the snapshot at `path`, in one transaction: the
    snapshot's tables emptied and filled from the file, sequences set, then the clock and the data
    generation (every process drops its caches). The clock shows again what it showed at the save,
    flowing on from there (real time if it was real). Raises SnapshotError (nothing changed) for a file
    that is not a snapshot of this schema revision, is cut short, or does not fit."""
    reader = SnapshotReader(path)
    try:
        async with bulk_transaction(engine) as (connection, session):
            await delete_rows(connection, snapshot_tables())
            await load_rows(connection, reader, advance)
            header = reader.header
            moved = header.clock_offset is not None
            await store_clock_offset(session, header.clock_now - datetime.now(UTC) if moved else None)
            await bump_generation(session)
            generation = (await read_state(session)).generation
    finally:
        reader.close()
    return Restored(header, generation, header.clock_now if moved else None)
