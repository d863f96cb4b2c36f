"""Feed-page reads on PostgreSQL: asyncpg's own pool (the baseline) against `PostgresReads`, which
keeps its connections idle in a list (`platform/driver.py`).

Both run the feed's positions query (21 positions of the first page) from 8 tasks at once, in
rounds that alternate between the two; medians of the rounds are printed.

    .venv/bin/python benchmarks/driver_reads.py [--rounds 5] [--reads 8000]

Reads the database `market_api_bench` that `feedback_updates.py` fills; run that first.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

import asyncpg
import uvloop
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from market_api.feedback.feed import FeedRequest, _params, _positions_query  # noqa: E402
from market_api.platform.driver import driver_reads  # noqa: E402

PG_SERVER = os.environ.get("MARKET_API_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
DSN = f"{PG_SERVER}/market_api_bench"
STORE = 91000001
TASKS = 8


async def _nothing_to_reset(_connection: asyncpg.Connection) -> None:
    return None


async def reads_per_second(read, reads: int) -> float:
    async def task() -> None:
        for _ in range(reads // TASKS):
            await read()

    started = time.perf_counter()
    await asyncio.gather(*(task() for _ in range(TASKS)))
    return reads / (time.perf_counter() - started)


async def main(rounds: int, reads: int) -> None:
    engine = create_async_engine(DSN.replace("postgresql://", "postgresql+asyncpg://"))
    driver = driver_reads(engine, size=TASKS)
    direction, params = _params(FeedRequest(STORE, 20, None), None)
    query = _positions_query(direction, False)
    sql, values = query.bind(engine.dialect, params)
    pool = await asyncpg.create_pool(DSN, min_size=TASKS, max_size=TASKS, reset=_nothing_to_reset)
    contenders = {
        "asyncpg pool (baseline)": lambda: pool.fetch(sql, *values),
        "idle list (PostgresReads)": lambda: driver.fetch(query, params),
    }
    results: dict[str, list[float]] = {name: [] for name in contenders}
    for read in contenders.values():
        await reads_per_second(read, 800)  # warm-up: connections and prepared statements
    for _ in range(rounds):
        for name, read in contenders.items():
            results[name].append(await reads_per_second(read, reads))
    baseline = statistics.median(results["asyncpg pool (baseline)"])
    print(f"{'':<28} {'reads/s (median)':>16} {'vs baseline':>12}")
    for name, runs in results.items():
        print(f"{name:<28} {statistics.median(runs):>16,.0f} {statistics.median(runs) / baseline:>11.2f}x")
    await pool.close()
    await driver.close()
    await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reads", type=int, default=8000)
    args = parser.parse_args()
    uvloop.run(main(args.rounds, args.reads))
