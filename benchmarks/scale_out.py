"""Load run of a scaled-out deployment on this machine: two API processes, two report workers,
PostgreSQL, Redis (shared rate limits), RabbitMQ (report jobs) and an S3-compatible server (moto)
for report files.

20 businesses each send 10 report requests (5 stock reports of their store, which allows one per
2 minutes, and 5 goods-feedback reports, 100 per hour) spread over both API processes, while
feed traffic runs beside them. Then it checks that every accepted job was built exactly once
(one attempt, one file in S3), that none is missing or extra, and that the rate limits were kept
exactly across the two processes (one stock report per store). Prints throughput and latency per
method.

    python benchmarks/scale_out.py [--businesses 20] [--feed-seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

import boto3
import httpx
from benchmarks import common
from benchmarks.common import recreate_pg_database

from market_api.demo.seed import seed_store_reviews
from market_api.platform.clock import SystemClock
from market_api.platform.database import make_engine, make_sessionmaker
from market_api.platform.migrate import upgrade

CLI = [sys.executable, "-m", "market_api"]
PG_SERVER = os.environ.get("MARKET_API_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
PG_DATABASE = "market_api_scale"
REDIS_URL = os.environ.get("MARKET_API_BENCH_REDIS", "redis://127.0.0.1:6379/14")
RABBITMQ_URL = os.environ.get("MARKET_API_TEST_RABBITMQ", "amqp://guest:guest@127.0.0.1:5672/%2F")
ADMIN_TOKEN = "scale-out-admin-token"
WORK = Path("/tmp/market-api-scale")
BUCKET = "scale-out"
STOCKS = "/v2/reports/stocks-on-warehouses/generate"
GOODS = "/v2/reports/goods-feedback/generate"
STOCK_WINDOW = 120  # seconds: one stock report per store per 2 minutes
REVIEWS_PER_STORE = 200
FEED_LIMIT = 100  # feed pages per store per hour; the feed traffic asks for more than that


def env_for(s3_port: int, queue: str) -> dict[str, str]:
    return {
        **os.environ, "MARKET_API_DATA_DIR": str(WORK), "MARKET_API_DATABASE_URL": f"{PG_SERVER}/{PG_DATABASE}",
        "MARKET_API_REDIS_URL": REDIS_URL, "MARKET_API_BROKER_URL": RABBITMQ_URL, "MARKET_API_REPORT_QUEUE": queue,
        "MARKET_API_STORAGE_URL": f"s3://{BUCKET}/files", "MARKET_API_S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
        "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1",
        "MARKET_API_ADMIN_TOKEN": ADMIN_TOKEN, "MARKET_API_SECRET_KEY": "scale-out-secret",
        "MARKET_API_LOG_LEVEL": "warning",
    }


def spawn(name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen:
    log = (WORK / f"{name}.log").open("w")
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)


def wait_http(url: str, seconds: float = 60) -> None:
    if not common.wait_http(url, seconds):
        raise SystemExit(f"{url} did not answer; see the logs in {WORK}")


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


async def migrate() -> None:
    engine = make_engine(f"{PG_SERVER}/{PG_DATABASE}".replace("postgresql://", "postgresql+asyncpg://"))
    await upgrade(engine)
    await engine.dispose()


def admin(base: str, path: str, body: object) -> dict:
    response = httpx.post(f"{base}/admin{path}", json=body, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
                          timeout=60)
    response.raise_for_status()
    return response.json()["result"]


def create_sellers(base: str, count: int) -> list[dict]:
    """Businesses with one FBS store each, a small catalogue with stock and a reviews-for-points
    program; two keys each (reports and feed), since a key may run two requests at a time."""
    admin(base, "/catalog/categories", [{"id": 1, "name": "Электроника"}])
    sellers = []
    for n in range(count):
        business = admin(base, "/businesses", {"name": f"Продавец {n + 1}"})
        campaign = admin(base, "/campaigns", {"businessId": business["id"], "name": f"Магазин {n + 1}",
                                              "placement": "FBS"})
        warehouse = 800_000 + n
        admin(base, "/catalog/warehouses", [{"id": warehouse, "name": f"Склад {n + 1}", "campaignId": campaign["id"]}])
        skus = [f"SKU-{n}-{i}" for i in range(200)]
        admin(base, "/catalog/offers", [{"businessId": business["id"], "shopSku": sku, "name": f"Товар {sku}",
                                         "categoryId": 1} for sku in skus])
        today = time.strftime("%Y-%m-%d")
        admin(base, "/catalog/stocks", [{"campaignId": campaign["id"], "warehouseId": warehouse, "shopSku": sku,
                                         "day": today, "valid": i % 7, "available": i % 5}
                                        for i, sku in enumerate(skus)])
        admin(base, "/catalog/programs", [{"campaignId": campaign["id"], "shopSku": sku, "maxCharge": 100,
                                           "targetCount": 10} for sku in skus[:50]])
        keys = [admin(base, "/api-keys", {"businessId": business["id"], "scopes": ["all-methods"]})["token"]
                for _ in range(2)]
        sellers.append({"business": business["id"], "campaign": campaign["id"], "report_key": keys[0],
                        "feed_key": keys[1]})
    return sellers


async def seed_reviews(sellers: list[dict]) -> None:
    engine = make_engine(f"{PG_SERVER}/{PG_DATABASE}".replace("postgresql://", "postgresql+asyncpg://"))
    async with make_sessionmaker(engine)() as session:
        for seller in sellers:
            await seed_store_reviews(session, SystemClock(), seller["campaign"], REVIEWS_PER_STORE,
                                     seed=seller["campaign"])
        await session.commit()
    await engine.dispose()


class Recorder:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))

    async def call(self, name: str, request) -> httpx.Response:
        started = time.perf_counter()
        response = await request
        self.latency[name].append(time.perf_counter() - started)
        self.statuses[name][response.status_code] += 1
        return response


async def report_traffic(clients: list[httpx.AsyncClient], seller: dict, index: int, recorder: Recorder) -> list:
    accepted = []
    headers = {"Api-Key": seller["report_key"]}
    for n in range(10):
        client = clients[(index + n) % len(clients)]  # alternate between the API processes
        if n % 2 == 0:
            request = client.post(STOCKS, params={"format": "CSV"}, json={"campaignId": seller["campaign"]},
                                  headers=headers)
            name = "stocks generate"
        else:
            request = client.post(GOODS, params={"format": "JSON"}, json={"businessId": seller["business"]},
                                  headers=headers)
            name = "goods-feedback generate"
        response = await recorder.call(name, request)
        if response.status_code == 200:
            accepted.append((name, response.json()["result"]["reportId"]))
        else:
            assert response.status_code == 420, response.text
    return accepted


async def feed_traffic(clients: list[httpx.AsyncClient], seller: dict, index: int, recorder: Recorder,
                       until: float) -> int:
    """Feed pages until `until`; returns how many were answered 200."""
    headers = {"Api-Key": seller["feed_key"]}
    path = f"/campaigns/{seller['campaign']}/feedback/updates"
    n = answered = 0
    while time.monotonic() < until:
        client = clients[(index + n) % len(clients)]
        response = await recorder.call("feedback updates", client.get(path, params={"limit": 20}, headers=headers))
        assert response.status_code in (200, 420), response.text
        answered += response.status_code == 200
        n += 1
    return answered


async def wait_for_reports(clients, sellers, accepted, recorder: Recorder) -> dict[str, dict]:
    keys = {seller["business"]: seller["report_key"] for seller in sellers}
    results: dict[str, dict] = {}
    while len(results) < len(accepted):
        for business, (_name, report_id) in accepted:
            if report_id in results:
                continue
            response = await recorder.call("report info", clients[0].get(
                f"/v2/reports/info/{report_id}", headers={"Api-Key": keys[business]}))
            result = response.json()["result"]
            if result["status"] in ("DONE", "FAILED"):
                results[report_id] = result
        await asyncio.sleep(0.5)
    return results


async def load(bases: list[str], sellers: list[dict], feed_seconds: float) -> tuple[Recorder, list, dict, float]:
    recorder = Recorder()
    limits = httpx.Limits(max_connections=100)
    clients = [httpx.AsyncClient(base_url=base, timeout=60, limits=limits) for base in bases]
    started = time.monotonic()
    until = started + feed_seconds
    feeds = [feed_traffic(clients, seller, i, recorder, until) for i, seller in enumerate(sellers)]
    reports = [report_traffic(clients, seller, i, recorder) for i, seller in enumerate(sellers)]
    outcome = await asyncio.gather(*reports, *feeds)
    accepted = [(seller["business"], item)
                for seller, items in zip(sellers, outcome[:len(sellers)], strict=True) for item in items]
    for seller, pages in zip(sellers, outcome[len(sellers):], strict=True):
        seller["feed_pages"] = pages
    results = await wait_for_reports(clients, sellers, accepted, recorder)
    elapsed = time.monotonic() - started
    for client in clients:
        await client.aclose()
    return recorder, accepted, results, elapsed


def check(sellers: list[dict], accepted: list, results: dict, s3_port: int) -> dict:
    """No job lost or built twice; the rate limits held across the two API processes."""
    import asyncpg

    async def jobs() -> list:
        connection = await asyncpg.connect(f"{PG_SERVER}/{PG_DATABASE}")
        try:
            return await connection.fetch("SELECT id, status, attempts, file_key FROM reports")
        finally:
            await connection.close()

    rows = {row["id"]: row for row in asyncio.run(jobs())}
    accepted_ids = {report_id for _business, (_name, report_id) in accepted}
    assert set(rows) == accepted_ids, "a job was lost, or one exists that no request accepted"
    assert len(results) == len(accepted_ids)
    assert all(row["status"] == "DONE" for row in rows.values()), {r["id"]: r["status"] for r in rows.values()}
    twice = [row["id"] for row in rows.values() if row["attempts"] != 1]
    assert not twice, f"built more than once: {twice}"
    s3 = s3_client(s3_port)
    for report_id in accepted_ids:
        listed = s3.list_objects_v2(Bucket=BUCKET, Prefix=f"files/reports/{report_id}/")
        assert listed.get("KeyCount") == 1, f"{report_id}: {listed.get('KeyCount')} files"
    per_business = defaultdict(lambda: defaultdict(int))
    for business, (name, _report_id) in accepted:
        per_business[business][name] += 1
    for seller in sellers:
        counts = per_business[seller["business"]]
        assert counts["stocks generate"] == 1, f"stock limit not exact for {seller['business']}: {counts}"
        assert counts["goods-feedback generate"] == 5, counts
        assert seller["feed_pages"] == FEED_LIMIT, f"feed limit not exact for {seller['campaign']}"
    return {"jobs": len(rows), "files": len(accepted_ids)}


def s3_client(port: int):
    return boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", aws_access_key_id="bench",
                        aws_secret_access_key="bench", region_name="us-east-1")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--businesses", type=int, default=20)
    parser.add_argument("--feed-seconds", type=float, default=20)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    recreate_pg_database(PG_SERVER, PG_DATABASE)
    asyncio.run(migrate())
    flush_redis()
    queue = f"reports-scale-{uuid.uuid4().hex[:8]}"
    s3_port, api_ports = 9411, [9401, 9402]
    processes = [spawn("s3", [sys.executable, "-m", "moto.server", "-p", str(s3_port)], dict(os.environ))]
    try:
        wait_http(f"http://127.0.0.1:{s3_port}/")
        s3_client(s3_port).create_bucket(Bucket=BUCKET)
        env = env_for(s3_port, queue)
        for n, port in enumerate(api_ports):
            processes.append(spawn(f"api-{n}", [*CLI, "serve", "--port", str(port)], env))
        for port in api_ports:
            wait_http(f"http://127.0.0.1:{port}/health")
        for n in range(2):
            processes.append(spawn(f"worker-{n}", [*CLI, "worker"], env))
        bases = [f"http://127.0.0.1:{port}" for port in api_ports]
        sellers = create_sellers(bases[0], args.businesses)
        asyncio.run(seed_reviews(sellers))
        # Start just after a stock-limit window opens, so every store's burst falls in one window.
        wait = (STOCK_WINDOW - time.time() % STOCK_WINDOW) % STOCK_WINDOW
        if wait > STOCK_WINDOW - 60:
            time.sleep(wait + 1)
        recorder, accepted, results, elapsed = asyncio.run(load(bases, sellers, args.feed_seconds))
        counts = check(sellers, accepted, results, s3_port)
        print(f"{args.businesses} businesses, 2 API processes, 2 workers; "
              f"{elapsed:.1f} s until the last report was done")
        print(f"jobs accepted {counts['jobs']}, built once each, one file each; lost 0, duplicated 0")
        print(f"{'method':<26}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}  statuses")
        for name, values in recorder.latency.items():
            statuses = ", ".join(f"{s}×{c}" for s, c in sorted(recorder.statuses[name].items()))
            print(f"{name:<26}{len(values):>9}{len(values) / elapsed:>8.1f}{percentile(values, 0.5):>9.1f}"
                  f"{percentile(values, 0.99):>9.1f}  {statuses}")
        durations = asyncio.run(_job_durations())
        print(f"report jobs: {len(durations)} built, request→done p50 {percentile(durations, 0.5):.0f} ms, "
              f"p99 {percentile(durations, 0.99):.0f} ms; "
              f"build p50 {percentile(asyncio.run(_build_times()), 0.5):.0f} ms")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()


async def _job_durations() -> list[float]:
    return await _seconds("finished_at - requested_at")


async def _build_times() -> list[float]:
    return await _seconds("finished_at - started_at")


async def _seconds(expression: str) -> list[float]:
    import asyncpg

    connection = await asyncpg.connect(f"{PG_SERVER}/{PG_DATABASE}")
    try:
        rows = await connection.fetch(f"SELECT EXTRACT(EPOCH FROM {expression}) AS s FROM reports")
        return [float(row["s"]) for row in rows]
    finally:
        await connection.close()


if __name__ == "__main__":
    main()
