"""State every process of one deployment shares through the database: the clock's offset, the data
generation and the version of the fault rules.

An integrator moves the clock, resets the data or adds a fault rule through one process (or the CLI);
every API process, report worker and CLI command must act on it. Each process keeps a copy of the
one `control_state` row and reads it again when its copy is older than
MARKET_API_CONTROL_REFRESH_SECONDS (default 1: "within a second"; 0 reads it on every request).

- **clock offset**: the service clock is real time plus this offset (null: real time);
- **generation**: bumped by reset, snapshot restore and scenario loads; it is part of every in-process
  cache key, so no process serves what it kept from before (`Caches.generation`);
- **faults version**: bumped by every change to the fault rules, which processes then load again;
- **limit epochs**: a number per business (``b:ID``) and store (``c:ID``), part of their rate-limit
  counters' keys: clearing the counters (DELETE /admin/limits) starts new ones, in memory or in Redis.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, Select, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from market_api.platform.cache import Caches
from market_api.platform.clock import AdjustableClock, Clock
from market_api.platform.database import Base, UtcDateTime
from market_api.platform.driver import DriverQuery, DriverReads

_ROW = 1
log = logging.getLogger("market_api.control")


class ControlState(Base):
    """The one row (id 1) of shared control state."""

    __tablename__ = "control_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    generation: Mapped[int] = mapped_column(BigInteger, default=0)
    clock_offset_us: Mapped[int | None] = mapped_column(BigInteger)  # None: real time
    faults_version: Mapped[int] = mapped_column(BigInteger, default=0)
    limit_epochs: Mapped[dict] = mapped_column(JSON, default=dict)  # "b:ID" | "c:ID" -> epoch
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


@dataclass(frozen=True)
class Snapshot:
    """What a process last read of the shared state."""

    generation: int = 0
    clock_offset: timedelta | None = None
    faults_version: int = 0
    limit_epochs: dict[str, int] = field(default_factory=dict)

    def limit_epoch(self, *subjects: str) -> str:
        """The part of a rate-limit key that changes when the counters of `subjects` (``b:ID``,
        ``c:ID``) are cleared, or when the data is reset."""
        return ".".join([str(self.generation), *(str(self.limit_epochs.get(s, 0)) for s in subjects)])


def _state_statement() -> Select[Any]:
    return select(ControlState.generation, ControlState.clock_offset_us, ControlState.faults_version,
                  ControlState.limit_epochs).where(ControlState.id == _ROW)


def _snapshot(row: Sequence[Any] | None) -> Snapshot:
    if row is None:
        return Snapshot()
    generation, offset_us, faults_version, limit_epochs = row
    offset = None if offset_us is None else timedelta(microseconds=offset_us)
    return Snapshot(generation, offset, faults_version, dict(limit_epochs or {}))


async def read_state(connection: AsyncConnection | AsyncSession) -> Snapshot:
    """The shared state as stored now (all defaults when the row was never written)."""
    return _snapshot((await connection.execute(_state_statement())).first())


# The same read through the driver (`SharedState.refresh`): about 15 us where the engine costs about 1 ms.
_STATE_QUERY = DriverQuery(_state_statement())


async def read_state_held(connection: AsyncConnection) -> Snapshot:
    """The shared state as stored now, its row held until the caller's transaction ends, so that a reset or
    restore (which bumps the generation) cannot commit between this read and the caller's writes: on
    PostgreSQL a share lock on the row; on SQLite the database's write lock, taken first by a write that
    changes nothing (a transaction that read first could not take it later once another had written)."""
    if connection.dialect.name == "postgresql":
        # A row that is not there holds nothing: made first (a reset making it too is waited for).
        await _ensure_row(connection)
        await connection.execute(select(ControlState.id).where(ControlState.id == _ROW).with_for_update(read=True))
    else:
        await connection.execute(update(ControlState).where(ControlState.id == _ROW).values(id=ControlState.id))
    return await read_state(connection)


async def _ensure_row(session: AsyncSession | AsyncConnection) -> None:
    """Make the one row if it is missing, in one statement that cannot clash with another process making
    it at the same moment (a check, then an insert, could)."""
    bind = session.bind if isinstance(session, AsyncSession) else session
    assert bind is not None
    insert = pg_insert if bind.dialect.name == "postgresql" else sqlite_insert
    await session.execute(insert(ControlState).values(id=_ROW, generation=0, faults_version=0, limit_epochs={})
                          .on_conflict_do_nothing(index_elements=[ControlState.id]))


async def bump_generation(session: AsyncSession) -> None:
    """Count one more data generation (after reset, restore, load), in the caller's transaction: every
    process drops what it keeps from earlier generations."""
    await _ensure_row(session)
    await session.execute(update(ControlState).where(ControlState.id == _ROW).values(
        generation=ControlState.generation + 1, updated_at=datetime.now(UTC)))


async def bump_faults_version(session: AsyncSession) -> None:
    """Mark the fault rules changed (in the caller's transaction): every process loads them again."""
    await _ensure_row(session)
    await session.execute(update(ControlState).where(ControlState.id == _ROW).values(
        faults_version=ControlState.faults_version + 1, updated_at=datetime.now(UTC)))


async def store_clock_offset(session: AsyncSession, offset: timedelta | None) -> None:
    """Make the service clock real time plus `offset` in every process (None: real time), in the caller's
    transaction."""
    await _ensure_row(session)
    micros = None if offset is None else offset // timedelta(microseconds=1)
    await session.execute(update(ControlState).where(ControlState.id == _ROW).values(
        clock_offset_us=micros, updated_at=datetime.now(UTC)))


async def bump_limit_epochs(session: AsyncSession, subjects: list[str]) -> None:
    """Start new rate-limit counters for `subjects` (``b:ID``, ``c:ID``) in every process, in the caller's
    transaction."""
    await _ensure_row(session)
    # Write first, read after: the write takes SQLite's write lock (PostgreSQL's row lock) for the rest of
    # the transaction, so two processes clearing counters at once cannot both read the same epochs.
    await session.execute(update(ControlState).where(ControlState.id == _ROW).values(updated_at=datetime.now(UTC)))
    row = (await session.execute(select(ControlState).where(ControlState.id == _ROW).with_for_update()
                                 .execution_options(populate_existing=True))).scalar_one()
    epochs = dict(row.limit_epochs or {})
    for subject in subjects:
        epochs[subject] = epochs.get(subject, 0) + 1
    row.limit_epochs = epochs
    row.updated_at = datetime.now(UTC)
    await session.flush()


def apply_clock(clock: Clock, offset: timedelta | None) -> None:
    """Give a movable clock (`AdjustableClock`) the shared offset; any other clock (a test's frozen one)
    keeps its own time."""
    if isinstance(clock, AdjustableClock):
        clock.offset = offset or timedelta(0)


class SharedState:
    """A process's copy of the shared state, read again (through `reads`, the driver's) when older than
    `refresh_seconds`.

    `refresh()` applies what changed: the clock's offset to `clock`, a new generation to `caches`, and
    calls the listeners of what changed (`faults_listeners`, `generation_listeners`)."""

    def __init__(self, reads: DriverReads, clock: Clock, caches: Caches, refresh_seconds: float) -> None:
        self.reads = reads
        self.clock = clock
        self.caches = caches
        self.refresh_seconds = refresh_seconds
        self.current = Snapshot()
        self._read_at: float | None = None
        self.faults_listeners: list[Callable[[], None]] = []
        self.generation_listeners: list[Callable[[int], None]] = []
        self._task: asyncio.Task[None] | None = None
        self._reading: asyncio.Future[Snapshot] | None = None  # the read due requests wait on together
        self._reads_started = 0
        self._applied = 0  # the number of the latest read applied

    def start(self) -> None:
        """Read the shared state every `refresh_seconds` (at least every second) in a task of the running
        loop, so that what runs without requests (report builds, the daily index) sees the clock too."""
        self._task = asyncio.create_task(self._keep_fresh(), name="shared-state")

    async def stop(self) -> None:
        """Stop the task `start` began."""
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _keep_fresh(self) -> None:
        while True:
            await asyncio.sleep(min(max(self.refresh_seconds, 0.1), 1.0))
            try:
                await self.refresh()
            except Exception as error:  # the database away for a moment: the next round tries again
                log.warning("could not read the shared control state: %s", error)

    async def refresh(self, force: bool = False) -> Snapshot:
        """The shared state, read from the database when this copy is stale, or `force` (after a change
        this process made: a read of its own, begun after the change). The requests that find the copy
        stale together wait on one read: each would otherwise read it, all at the same moment. With
        `refresh_seconds` 0 each request reads it itself (a read begun before it arrived may miss a
        change it was sent after)."""
        if not force and self._read_at is not None and time.monotonic() - self._read_at < self.refresh_seconds:
            return self.current
        if force or self.refresh_seconds <= 0:
            return await self._read()
        if self._reading is None:
            self._reading = asyncio.ensure_future(self._read())
            self._reading.add_done_callback(self._read_done)
        return await asyncio.shield(self._reading)

    def _read_done(self, reading: asyncio.Future[Snapshot]) -> None:
        self._reading = None
        if not reading.cancelled():
            reading.exception()  # retrieved: the waiters got it; an unwaited failure is not logged twice

    async def _read(self) -> Snapshot:
        self._reads_started += 1
        number, started = self._reads_started, time.monotonic()
        rows = await self.reads.fetch(_STATE_QUERY, {})
        found = _snapshot(rows[0] if rows else None)
        # Reads overlap (a forced one during a due one): an older read never undoes a newer one's state.
        if number > self._applied:
            self._applied = number
            self.apply(found)
            self._read_at = started
        return self.current

    def apply(self, found: Snapshot) -> None:
        """Take `found` as the shared state: move the clock, and tell the caches and listeners what
        changed (the first read tells them too, so a process starting late catches up)."""
        previous, self.current = self.current, found
        apply_clock(self.clock, found.clock_offset)
        if found.generation != self.caches.generation:
            self.caches.generation = found.generation
            self.caches.clear()
            for on_generation in self.generation_listeners:
                on_generation(found.generation)
        if found.faults_version != previous.faults_version or self._read_at is None:
            for on_faults in self.faults_listeners:
                on_faults()
