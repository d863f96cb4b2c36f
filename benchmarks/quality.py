"""Benchmark of the store quality index: 2,000 stores and 5,000,000 orders over 60 days.

Prints the time of a full recompute (every store, the last 30 days), the time to absorb one new day
of orders (loaded through the same path as the admin API and CLI, which recomputes the days they
affect), and p50/p99 of POST /v2/businesses/{id}/ratings/quality for 50 stores × 30 days (in-process
HTTP, rate limits off). The baseline in the same run: the method answering for one store.

    .venv/bin/python benchmarks/quality.py [--backend sqlite|postgres|both] [--campaigns 2000] [--orders 5000000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import httpx  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from common import fresh_database  # noqa: E402
from market_api.accounts import service as accounts  # noqa: E402
from market_api.accounts.models import Campaign  # noqa: E402
from market_api.app import create_app  # noqa: E402
from market_api.platform.clock import MOSCOW, FrozenClock  # noqa: E402
from market_api.platform.config import Settings  # noqa: E402
from market_api.platform.database import make_engine, make_sessionmaker  # noqa: E402
from market_api.platform.migrate import upgrade  # noqa: E402
from market_api.quality import service  # noqa: E402
from market_api.quality.facts import OrderIn, load_facts  # noqa: E402
from market_api.quality.models import Order  # noqa: E402

WORK = Path("/tmp/market-api-bench-quality")
PG_SERVER = os.environ.get("MARKET_API_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
PG_DATABASE = "market_api_bench_quality"
BUSINESS = 1
NOW = datetime(2026, 6, 15, 9, tzinfo=UTC)
TODAY = NOW.astimezone(MOSCOW).date()
DAYS = 60
PLACEMENTS = ("FBS", "FBS", "DBS", "EXPRESS")


def database_url(backend: str) -> str:
    if backend == "postgres":
        return f"{PG_SERVER.replace('postgresql://', 'postgresql+asyncpg://')}/{PG_DATABASE}"
    return f"sqlite+aiosqlite:///{WORK / 'sqlite.db'}"


def _order_row(rng: random.Random, campaign: int, day: date, n: int) -> dict:
    noon = datetime.combine(day, day_time(12), MOSCOW)
    roll = rng.random()
    done = noon + timedelta(days=1 if roll < 0.08 else 0)
    return {"campaign_id": campaign, "order_number": f"{day:%m%d}-{n}", "created_at": noon - timedelta(days=2),
            "scheduled_date": day, "shipped_at": done, "delivered_at": done,
            "status": "CANCELLED" if roll > 0.97 else "DELIVERED", "cancelled_by_seller": roll > 0.98,
            "items_removed_by_seller": 0, "late": roll < 0.08}


async def _generate(backend: str, campaigns: int, orders: int) -> None:
    engine = make_engine(database_url(backend))
    await upgrade(engine)
    clock = FrozenClock(NOW)
    rng = random.Random(5)
    per_day = orders // campaigns // DAYS
    async with make_sessionmaker(engine)() as session:
        await accounts.create_business(session, clock, "Бенчмарк", business_id=BUSINESS)
        for c in range(1, campaigns + 1):
            await accounts.create_campaign(session, clock, BUSINESS, f"Магазин {c}", PLACEMENTS[c % 4], campaign_id=c)
        await session.commit()
        batch = []
        for c in range(1, campaigns + 1):
            for back in range(1, DAYS + 1):
                day = TODAY - timedelta(days=back)
                batch += [_order_row(rng, c, day, n) for n in range(per_day)]
            if len(batch) >= 20_000:
                await session.execute(insert(Order.__table__), batch)
                batch = []
        if batch:
            await session.execute(insert(Order.__table__), batch)
        await session.commit()
    await engine.dispose()


def prepare(backend: str, campaigns: int, orders: int) -> None:
    marker = WORK / f"{backend}-{campaigns}-{orders}"
    if marker.exists():
        return
    fresh_database(backend, WORK / "sqlite.db", PG_SERVER, PG_DATABASE)
    started = time.perf_counter()
    asyncio.run(_generate(backend, campaigns, orders))
    print(f"[{backend}] generated {orders:,} orders for {campaigns:,} stores in {time.perf_counter() - started:.0f} s")
    for old in WORK.glob(f"{backend}-*"):
        old.unlink()
    marker.touch()


async def measure(backend: str, campaigns: int, orders: int) -> dict:
    engine = make_engine(database_url(backend))
    sessions = make_sessionmaker(engine)
    clock = FrozenClock(NOW)
    async with sessions() as session:
        ids = (await session.scalars(select(Campaign.id))).all()
        started = time.perf_counter()
        written = await service.recompute(session, ids, TODAY - timedelta(days=30), TODAY)
        await session.commit()
        full = time.perf_counter() - started
    # One new day: the orders scheduled today arrive; tomorrow's index is what they change.
    clock.set(NOW + timedelta(days=1))
    rng = random.Random(7)
    per_day = orders // campaigns // DAYS
    new = [(i, OrderIn.model_validate({k: v for k, v in _order_row(rng, c, TODAY, 10_000 + n).items() if k != "late"}))
           for i, (c, n) in enumerate(((c, n) for c in ids for n in range(per_day)), start=1)]
    async with sessions() as session:
        started = time.perf_counter()
        await load_facts(session, clock, "orders", new)
        await session.commit()
        new_day = time.perf_counter() - started
    await engine.dispose()
    return {"ratings": written, "full": full, "new_day": new_day, "new_orders": len(new),
            **await _method_latency(backend, ids)}


async def _method_latency(backend: str, ids) -> dict:
    settings = Settings(database_url=database_url(backend), rate_limits="off", data_dir=WORK)
    app = create_app(settings, FrozenClock(NOW))
    async with app.router.lifespan_context(app):
        # The server's own startup work (the day's index, if not computed yet) is not the method's cost.
        await app.state.daily.first_run_done.wait()
        async with app.state.runtime.sessions() as session:
            _key, token = await accounts.create_api_key(session, FrozenClock(NOW), BUSINESS, "bench", ["all-methods"])
            await session.commit()
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")
        url, headers = f"/v2/businesses/{BUSINESS}/ratings/quality", {"Api-Key": token}
        timings = {}
        for name, body in (("one store", {"campaignIds": [ids[0]]}), ("50 stores", {"campaignIds": list(ids[:50])})):
            samples = []
            for _ in range(220):
                started = time.perf_counter()
                response = await client.post(url, json=body, headers=headers)
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.text
            samples = sorted(samples[20:])
            timings[name] = (statistics.median(samples), samples[int(len(samples) * 0.99) - 1])
        await client.aclose()
    return {"method": timings}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--campaigns", type=int, default=2000)
    parser.add_argument("--orders", type=int, default=5_000_000)
    args = parser.parse_args()
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    results = {}
    for backend in backends:
        prepare(backend, args.campaigns, args.orders)
        results[backend] = asyncio.run(measure(backend, args.campaigns, args.orders))
    print(f"\n{'backend':<9} {'full recompute':>15} {'one new day':>12} {'method':<10} {'p50 ms':>7} {'p99 ms':>7}")
    for backend, r in results.items():
        for n, (name, (p50, p99)) in enumerate(r["method"].items()):
            head = (f"{backend:<9} {r['full']:>13.1f} s {r['new_day']:>10.1f} s" if n == 0 else " " * 39)
            print(f"{head} {name:<10} {p50:>7.1f} {p99:>7.1f}")
        print(f"{'':9} ({r['ratings']:,} ratings; the new day brought {r['new_orders']:,} orders)")


if __name__ == "__main__":
    main()
