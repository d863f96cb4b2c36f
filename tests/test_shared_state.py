"""The shared control state as one process keeps it: read again when stale, once for all the requests
that find it stale together, and never set back by a read older than the one applied."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from market_api.platform.cache import Caches
from market_api.platform.clock import AdjustableClock
from market_api.platform.database import make_engine, make_sessionmaker
from market_api.platform.driver import DriverQuery, DriverReads, driver_reads
from market_api.platform.shared_state import SharedState, bump_generation, store_clock_offset


class CountedReads(DriverReads):
    """The database's own reads, counted; each read waits for `gate` (when set) before it runs."""

    def __init__(self, reads: DriverReads) -> None:
        super().__init__(reads.dialect)
        self.reads = reads
        self.count = 0
        self.gates: list[asyncio.Event] = []

    async def fetch(self, query: DriverQuery, params: dict[str, Any]) -> list[Any]:
        self.count += 1
        if self.gates:
            await self.gates.pop(0).wait()
        return await self.reads.fetch(query, params)

    async def close(self) -> None:
        await self.reads.close()


@pytest.fixture
async def state(settings) -> AsyncIterator[tuple[SharedState, CountedReads, Any]]:
    """A process's copy of the shared state on the test's database, its reads counted."""
    engine = make_engine(settings.effective_database_url)
    reads = CountedReads(driver_reads(engine))
    try:
        yield SharedState(reads, AdjustableClock(), Caches(5), refresh_seconds=3600), reads, engine
    finally:
        await reads.close()
        await engine.dispose()


async def _change(engine, *, generation: bool = False, offset: timedelta | None = None) -> None:
    async with make_sessionmaker(engine)() as session:
        if generation:
            await bump_generation(session)
        if offset is not None:
            await store_clock_offset(session, offset)
        await session.commit()


async def test_requests_that_find_the_state_stale_read_it_once(state):
    shared, reads, engine = state
    await shared.refresh(force=True)
    await _change(engine, generation=True)
    shared.refresh_seconds = 1e-9  # every copy is stale now (0 would read for each request)
    found = await asyncio.gather(*(shared.refresh() for _ in range(50)))
    assert reads.count == 2
    assert {snapshot.generation for snapshot in found} == {1}
    assert shared.caches.generation == 1


async def test_a_forced_read_reads_afresh_and_an_older_read_does_not_undo_it(state):
    shared, reads, engine = state
    await shared.refresh(force=True)
    shared.refresh_seconds = 1e-9
    older_gate = asyncio.Event()
    reads.gates.append(older_gate)
    older = asyncio.ensure_future(shared.refresh())  # due: begun before the change, held back
    await asyncio.sleep(0)
    await _change(engine, offset=timedelta(hours=5))
    forced = await shared.refresh(force=True)  # not joined to the read in flight
    assert forced.clock_offset == timedelta(hours=5)
    older_gate.set()
    await older
    assert reads.count == 3
    assert shared.current.clock_offset == timedelta(hours=5)
    assert shared.clock.offset == timedelta(hours=5)


async def test_with_no_refresh_interval_every_request_reads(state):
    shared, reads, engine = state
    shared.refresh_seconds = 0
    await asyncio.gather(*(shared.refresh() for _ in range(5)))
    assert reads.count == 5


async def test_a_failed_read_fails_its_waiters_and_the_next_one_reads_again(state):
    shared, reads, engine = state
    await shared.refresh(force=True)
    shared.refresh_seconds = 1e-9
    reads.reads, real = _Broken(reads.dialect), reads.reads
    outcomes = await asyncio.gather(*(shared.refresh() for _ in range(5)), return_exceptions=True)
    assert all(isinstance(outcome, ConnectionError) for outcome in outcomes)
    reads.reads = real
    assert (await shared.refresh()).generation == 0
    assert reads.count == 3


class _Broken(DriverReads):
    async def fetch(self, query: DriverQuery, params: dict[str, Any]) -> list[Any]:
        raise ConnectionError("the database is away")

    async def close(self) -> None:
        pass
