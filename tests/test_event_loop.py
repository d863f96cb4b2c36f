"""No database read holds the event loop: while a slow read runs, the loop goes on serving others.

The check counts the steps a busy task gets during one read. A read done in place on the loop never
lets it run (the count stays where it was); a read that waits in a thread or on a socket does. (On
SQLite a read starts on the loop with a budget of 2 ms and is moved to a thread past it:
`market_api.platform.driver`.)
"""

from __future__ import annotations

import asyncio

from sqlalchemy import func, literal, select

from market_api.platform.database import make_engine
from market_api.platform.driver import DriverQuery, driver_reads


def slow_query() -> DriverQuery:
    """A read that keeps the database busy for a good fraction of a second (counting to 3,000,000)."""
    numbers = select(literal(1).label("n")).cte("numbers", recursive=True)
    numbers = numbers.union_all(select((numbers.c.n + 1).label("n")).where(numbers.c.n < 3_000_000))
    return DriverQuery(select(func.count().label("count")).select_from(numbers))


async def test_a_slow_read_leaves_the_event_loop_to_other_work(settings):
    engine = make_engine(settings.effective_database_url)
    reads = driver_reads(engine)
    steps = 0

    async def other_work() -> None:
        nonlocal steps
        while True:
            steps += 1
            await asyncio.sleep(0)

    running = asyncio.create_task(other_work())
    try:
        await asyncio.sleep(0)  # the other task is under way
        before = steps
        rows = await reads.fetch(slow_query(), {})
        during = steps - before
    finally:
        running.cancel()
        await reads.close()
        await engine.dispose()
    assert [tuple(row) for row in rows] == [(3_000_000,)]
    assert during > 0, "the read held the event loop from start to end"


async def test_quick_reads_stay_on_the_loop_and_slow_ones_move(settings):
    """On SQLite, a read within the budget costs no hop to a thread; one past it is moved (and counted)."""
    engine = make_engine(settings.effective_database_url)
    reads = driver_reads(engine)
    try:
        quick = DriverQuery(select(literal(7).label("seven")))
        assert [tuple(row) for row in await reads.fetch(quick, {})] == [(7,)]
        moved_before = getattr(reads, "moved_to_threads", None)
        rows = await reads.fetch(slow_query(), {})
        moved_after = getattr(reads, "moved_to_threads", None)
    finally:
        await reads.close()
        await engine.dispose()
    assert [tuple(row) for row in rows] == [(3_000_000,)]
    if engine.dialect.name == "sqlite":
        assert (moved_before, moved_after) == (0, 1)
