"""Benchmark of report generation: a 1,000,000-row stock report (variant A, an FBY store) in each format.

End to end, from the database to the finished file, through the same code a report worker runs
(`market_api.reports.build_file.build`). Each measurement runs in a fresh process so its peak RSS is its
own. The baseline, in the same run, writes the same rows from the same query with openpyxl's
write-only mode.

    .venv/bin/python benchmarks/reports.py [--backend sqlite|postgres|both] [--rows 1000000]

Data are generated once per backend (kept in /tmp/market-api-bench-reports or the PostgreSQL
database `market_api_bench_reports`) and reused by later runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import insert, select, text  # noqa: E402

from common import fresh_database  # noqa: E402
from market_api.accounts import service as accounts  # noqa: E402
from market_api.catalog.models import Offer, Stock, Warehouse  # noqa: E402
from market_api.platform.clock import FrozenClock  # noqa: E402
from market_api.platform.database import make_engine, make_sessionmaker  # noqa: E402
from market_api.platform.migrate import upgrade  # noqa: E402

WORK = Path("/tmp/market-api-bench-reports")
PG_SERVER = os.environ.get("MARKET_API_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
PG_DATABASE = "market_api_bench_reports"
CAMPAIGN, BUSINESS = 91000002, 90000001
DAY = date(2026, 6, 14)
WAREHOUSES = (171, 172, 147, 300, 301)


def database_url(backend: str) -> str:
    if backend == "postgres":
        return f"{PG_SERVER.replace('postgresql://', 'postgresql+asyncpg://')}/{PG_DATABASE}"
    return f"sqlite+aiosqlite:///{WORK / 'sqlite.db'}"


async def _generate(backend: str, rows: int) -> None:
    engine = make_engine(database_url(backend))
    await upgrade(engine)
    clock = FrozenClock(datetime(2026, 6, 15, 9, tzinfo=UTC))
    offers = rows // len(WAREHOUSES)
    async with make_sessionmaker(engine)() as session:
        await accounts.create_business(session, clock, "Бенчмарк", business_id=BUSINESS)
        await accounts.create_campaign(session, clock, BUSINESS, "Бенчмарк FBY", "FBY", campaign_id=CAMPAIGN)
        await session.execute(insert(Warehouse), [{"id": w, "name": f"Склад {w}"} for w in WAREHOUSES])
        for start in range(0, offers, 10_000):
            await session.execute(insert(Offer.__table__), [{
                "business_id": BUSINESS, "shop_sku": f"SKU-{n:07d}", "article": f"ART{n}", "market_sku": 10**11 + n,
                "model_id": 5 * 10**8 + n, "name": f"Смартфон Nova {n % 97} 8/256 ГБ, чёрный", "length_cm": 15,
                "width_cm": 8, "height_cm": 2, "weight_kg": 0.25, "category_id": None, "link": None,
            } for n in range(start, min(start + 10_000, offers))])
        ids = (await session.scalars(select(Offer.id).order_by(Offer.id))).all()
        for start in range(0, len(ids), 2_000):
            await session.execute(insert(Stock.__table__), [{
                "campaign_id": CAMPAIGN, "warehouse_id": w, "offer_id": offer_id, "day": DAY, "valid": offer_id % 50,
                "reserved": offer_id % 7, "available": offer_id % 43, "quarantine": 0, "utilization": 0,
                "defect": offer_id % 3, "expired": 0,
            } for offer_id in ids[start:start + 2_000] for w in WAREHOUSES])
        await session.commit()
    async with engine.connect() as connection:
        # Statistics as a running database has them (PostgreSQL's autovacuum would gather them soon):
        # without them it plans for 25 rows and sorts a million on disk.
        await connection.execute(text("ANALYZE"))
        await connection.commit()
    await engine.dispose()


def prepare(backend: str, rows: int) -> None:
    marker = WORK / f"{backend}.json"
    if marker.exists() and json.loads(marker.read_text()).get("rows") == rows:
        return
    fresh_database(backend, WORK / "sqlite.db", PG_SERVER, PG_DATABASE)
    started = time.perf_counter()
    asyncio.run(_generate(backend, rows))
    print(f"[{backend}] generated {rows:,} stock rows in {time.perf_counter() - started:.0f} s", flush=True)
    marker.write_text(json.dumps({"rows": rows}))


def measure_one(backend: str, report_format: str) -> dict:
    """In this (fresh) process: build the report once; rows, seconds and peak RSS."""
    from market_api.reports.build_file import Job, build

    storage = Path(tempfile.mkdtemp(dir=WORK))
    params = {"campaignId": CAMPAIGN, "day": DAY.isoformat()}
    started = time.perf_counter()
    if report_format == "openpyxl":
        rows = asyncio.run(_openpyxl_baseline(backend, params, storage))
    else:
        outcome = build(Job("bench", "stocks", report_format, params, database_url(backend), str(storage), 10**8))
        assert outcome.status == "DONE", outcome
        rows = outcome.rows
    seconds = time.perf_counter() - started
    shutil.rmtree(storage)
    return {"rows": rows, "seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


async def _openpyxl_baseline(backend: str, params: dict, storage: Path) -> int:
    import openpyxl

    from market_api.reports.builders import plan_report
    from market_api.reports.sheets import sheet

    engine = make_engine(database_url(backend))
    definition = sheet("stocks_fby")
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet(definition.sheet)
    worksheet.append([c.xlsx for c in definition.columns])
    count = 0
    async with engine.connect() as connection:
        plan = await plan_report(connection, "stocks", params)
        async for chunk in plan.chunks(connection):
            for row in chunk:
                worksheet.append(tuple(row))  # openpyxl takes lists and tuples only
            count += len(chunk)
    workbook.save(storage / "baseline.xlsx")
    await engine.dispose()
    return count


def run(backend: str) -> list[tuple[str, dict]]:
    results = []
    for report_format in ("openpyxl", "FILE", "CSV", "JSON"):
        output = subprocess.run([sys.executable, __file__, "--one", report_format, "--backend", backend],
                                check=True, capture_output=True, text=True).stdout
        results.append((report_format, json.loads(output.strip().splitlines()[-1])))
        print(f"[{backend}] {report_format}: {results[-1][1]}", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.backend, args.one)))
        return
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    table = []
    for backend in backends:
        prepare(backend, args.rows)
        table += [(backend, *row) for row in run(backend)]
    print(f"\n{'backend':<9} {'writer':<22} {'rows':>9} {'seconds':>8} {'rows/s':>9} {'peak RSS':>9} "
          f"{'vs openpyxl':>11}")
    names = {"openpyxl": "openpyxl write-only", "FILE": "FILE (XLSX)", "CSV": "CSV (ZIP)", "JSON": "JSON (ZIP)"}
    for backend in backends:
        rows = {fmt: r for b, fmt, r in table if b == backend}
        base = rows["openpyxl"]["rows"] / rows["openpyxl"]["seconds"]
        for fmt, r in rows.items():
            speed = r["rows"] / r["seconds"]
            print(f"{backend:<9} {names[fmt]:<22} {r['rows']:>9,} {r['seconds']:>8.1f} {speed:>9,.0f} "
                  f"{r['rss_mb']:>7.0f}MB {speed / base:>10.1f}x")


if __name__ == "__main__":
    main()
