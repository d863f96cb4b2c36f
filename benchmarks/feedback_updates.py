"""Benchmark of GET /campaigns/{campaignId}/feedback/updates on a store with 1,000,000 reviews.

One `market-api serve` process; the load comes from `wrk` (a second process, C, so the client is
not the bottleneck). For each backend it measures the first page and a page at ~90% of the feed,
20 reviews a page, as a client polling a feed is served (the reviews and the pages' positions kept:
feedback/pages.py), and `/health` as the floor of the HTTP stack in the same run (in rounds, medians
printed); then both pages
again on a server that keeps no rendered reviews (MARKET_API_FEED_CACHE_REVIEWS=0), where every
request reads its page's renderings stored with the reviews, as a first walk over a feed does, and a
page at ~50% whose reviews have no stored rendering (the benchmark removes them), read in full and
rendered on every request, as reviews written before renderings were stored are. Prints requests/s, p50
and p99, the server's CPU time per request (steadier than requests/s on a shared machine), and the
ratio of the deep page's p99 to the first page's.

    .venv/bin/python benchmarks/feedback_updates.py [--backend sqlite|postgres|both] [--reviews N]

`--request-log-cost` measures instead what the request log costs: two servers on the same data, one
with MARKET_API_REQUEST_LOG=on and one with it off, the first page of the feed on each in interleaved
rounds (on, off, on, off…); prints the medians of the server CPU time per request (counting the log's
writes, which follow a run by up to half a second), their ratio, and the median of each round's ratio.

The first page is also asked of Prism's mock of the same path (`@stoplight/prism-cli@5` serving the
official contract's example; installed with npm into /tmp/market-api-bench/prism on first use, left out
without npm or with `--no-prism`), in the same rounds: the ratio of requests/s is printed.
benchmarks/http_servers.py compares the HTTP servers themselves.

Needs `wrk` (Debian: apt-get install wrk). Data are generated once per backend and kept in
/tmp/market-api-bench (SQLite) or the database `market_api_bench` (PostgreSQL) for later runs.
Rate limits are switched off for the run (the counters still count).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from common import recreate_pg_database, start_prism, wait_http  # noqa: E402
from market_api.feedback.feed import FeedRequest  # noqa: E402
from market_api.platform.signing import Signer, derive_secret  # noqa: E402

CLI = [sys.executable, "-m", "market_api"]
STORE = 91000001
SECRET = "benchmark-page-token-key"
PG_SERVER = os.environ.get("MARKET_API_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
PG_DATABASE = "market_api_bench"
WORK = Path("/tmp/market-api-bench")
CONTRACT = ROOT / "src" / "market_api" / "spec" / "seed-endpoints.yaml"


def backend_env(backend: str, kept_reviews: int | None = None, request_log: str | None = None) -> dict[str, str]:
    env = {**os.environ, "MARKET_API_DATA_DIR": str(WORK / backend), "MARKET_API_RATE_LIMITS": "off",
           "MARKET_API_SECRET_KEY": SECRET, "MARKET_API_LOG_LEVEL": "warning"}
    if kept_reviews is not None:
        env["MARKET_API_FEED_CACHE_REVIEWS"] = str(kept_reviews)
    if request_log is not None:
        env["MARKET_API_REQUEST_LOG"] = request_log
    env.pop("MARKET_API_REDIS_URL", None)
    if backend == "postgres":
        env["MARKET_API_DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    else:
        env.pop("MARKET_API_DATABASE_URL", None)
    return env


def prepare(backend: str, reviews: int) -> dict:
    """Demo accounts plus `reviews` generated reviews in one store; reused when already there."""
    marker = WORK / f"{backend}.json"
    if marker.exists() and json.loads(marker.read_text()).get("reviews") == reviews:
        return json.loads(marker.read_text())
    if backend == "postgres":
        recreate_pg_database(PG_SERVER, PG_DATABASE)
    else:
        shutil.rmtree(WORK / backend, ignore_errors=True)
    (WORK / backend).mkdir(parents=True, exist_ok=True)
    env = backend_env(backend)
    demo = json.loads(subprocess.run([*CLI, "seed", "--demo", "--json"], env=env, check=True,
                                     capture_output=True, text=True).stdout)
    started = time.perf_counter()
    subprocess.run([*CLI, "seed", "--reviews", str(reviews), "--campaign-id", str(STORE)], env=env, check=True)
    print(f"[{backend}] generated {reviews:,} reviews in {time.perf_counter() - started:.0f} s")
    info = {"reviews": reviews, "apiKey": demo["apiKey"]}
    marker.write_text(json.dumps(info))
    return info


def settle(backend: str) -> None:
    """The state autovacuum leaves a table in, long before it holds a million reviews: without it,
    every read of freshly loaded rows visits the heap to check visibility (and sets hint bits)."""
    if backend == "postgres":
        subprocess.run(["psql", f"{PG_SERVER}/{PG_DATABASE}", "-qc", "VACUUM (ANALYZE) feedback_reviews"], check=True)


def start_server(backend: str, port: int, kept_reviews: int | None = None,
                 request_log: str | None = None) -> subprocess.Popen:
    log = (WORK / f"{backend}-server{'-log-' + request_log if request_log else ''}.log").open("w")
    server = subprocess.Popen([*CLI, "serve", "--port", str(port)],
                              env=backend_env(backend, kept_reviews, request_log),
                              stdout=log, stderr=subprocess.STDOUT, text=True)
    if wait_http(f"http://127.0.0.1:{port}/health"):
        return server
    server.kill()
    raise SystemExit(f"server did not start; see {log.name}")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of the process `pid` and every live process under it, from /proc:
    `serve` answers from a granian worker process of its own."""
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except FileNotFoundError:  # ended meanwhile
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        pending.extend(int(child) for child in children)
    return total


def wait_until_idle(pid: int, timeout: float = 120) -> None:
    """Until the server's startup work (the day's quality index, among others) is done: measured
    while it runs, the feed would share the process with it, which a running service does not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = cpu_seconds(pid)
        time.sleep(1)
        if cpu_seconds(pid) - before < 0.05:
            return


def deep_token(backend: str, fraction: float) -> str:
    """A next-page token pointing `fraction` of the way into the store's feed."""
    last = asyncio.run(_last_position(backend))
    signer = Signer(derive_secret(SECRET, "page-tokens"), "page-tokens")
    return signer.dumps({**FeedRequest(STORE, 20, None).scope(), "a": int(last * fraction)})


async def _last_position(backend: str, unrendered_fraction: float | None = None) -> int:
    """The store's last feed position. With `unrendered_fraction`, the page of 20 reviews after that
    fraction of the feed also loses its stored renderings (feedback/rendering.py), so it is read and
    rendered afresh on every request, as a review written before renderings were stored would be."""
    from sqlalchemy import select, update

    from market_api.feedback.models import FeedCounter, Review
    from market_api.platform.config import Settings
    from market_api.platform.database import make_engine, make_sessionmaker

    env = backend_env(backend)
    settings = Settings(data_dir=env["MARKET_API_DATA_DIR"], database_url=env.get("MARKET_API_DATABASE_URL"))
    engine = make_engine(settings.effective_database_url)
    async with make_sessionmaker(engine)() as session:
        last = int(await session.scalar(select(FeedCounter.last_position).where(FeedCounter.campaign_id == STORE)))
        if unrendered_fraction is not None:
            after = int(last * unrendered_fraction)
            await session.execute(update(Review).where(
                Review.campaign_id == STORE, Review.feed_position.between(after + 1, after + 21),
            ).values(rendered=None, rendered_position=None))
            await session.commit()
    await engine.dispose()
    return last


def unrendered_token(backend: str, fraction: float) -> str:
    """A next-page token pointing `fraction` of the way into the store's feed, at a page whose reviews
    have no stored rendering (`_last_position`)."""
    last = asyncio.run(_last_position(backend, fraction))
    signer = Signer(derive_secret(SECRET, "page-tokens"), "page-tokens")
    return signer.dumps({**FeedRequest(STORE, 20, None).scope(), "a": int(last * fraction)})


PRISM = "Prism mock, first page"
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, headers: dict[str, str], seconds: int, connections: int, server_pid: int | None = None,
        settle_seconds: float = 0.0) -> dict:
    """One wrk run. With `server_pid`, also the server's CPU time per request: unlike requests/s, it
    does not move with what else the machine runs, so it is what to compare between runs.
    `settle_seconds`: CPU time is counted this long after the run too (work the server does after the
    answers, such as writing the request log)."""
    cpu_before = cpu_seconds(server_pid) if server_pid else 0.0
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for name, value in headers.items():
        command[1:1] = ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    percentiles = {m[0]: float(m[1]) * _UNITS[m[2]] for m in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)$",
                                                                         output, re.M)}
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    time.sleep(settle_seconds)
    cpu = (cpu_seconds(server_pid) - cpu_before) / requests * 1e6 if server_pid else 0.0
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p50": percentiles["50"], "p99": percentiles["99"], "errors": int(non_2xx.group(1)) if non_2xx else 0,
            "cpu_us": cpu}


def run(backend: str, reviews: int, seconds: int, rounds: int, connections: int, port: int,
        prism: str | None = None) -> list[tuple]:
    """The two pages as served (reviews kept rendered between requests), then again with nothing kept:
    every request reads its page's stored renderings, as on a first walk of a feed, plus a page whose
    reviews have none, read in full and rendered on every request. With
    `prism` (the base URL of Prism's mock), the same first page from Prism too, in the same rounds."""
    info = prepare(backend, reviews)
    settle(backend)
    headers = {"Api-Key": info["apiKey"]}
    feed = f"http://127.0.0.1:{port}/campaigns/{STORE}/feedback/updates?limit=20"
    deep = f"{feed}&page_token={deep_token(backend, 0.9)}"
    afresh = f"{feed}&page_token={unrendered_token(backend, 0.5)}"
    rows = []
    for kept, suffix in ((None, ""), (0, ", nothing kept")):
        server = start_server(backend, port, kept)
        try:
            wait_until_idle(server.pid)
            assert len(httpx.get(deep, headers=headers).json()["result"]["feedbackList"]) == 20
            for url in (feed, deep):
                wrk(url, headers, 2, connections)  # warm-up
            targets = (("first page", feed, headers), ("page at ~90%", deep, headers))
            if kept == 0:
                targets = (*targets, ("page at ~50%, rendered afresh", afresh, headers))
            if kept is None:
                targets = (("/health (floor)", f"http://127.0.0.1:{port}/health", {}), *targets)
                if prism:
                    targets = (*targets, (PRISM, f"{prism}/campaigns/{STORE}/feedback/updates?limit=20", headers))
            # Rounds over all targets, medians of the rounds: the machine's speed drifts over a run.
            runs = {name: [] for name, _, _ in targets}
            for _ in range(rounds):
                for name, url, extra in targets:
                    runs[name].append(wrk(url, extra, seconds, connections, None if name == PRISM else server.pid))
            for name, results in runs.items():
                rows.append((backend, name + suffix, {key: statistics.median(r[key] for r in results)
                                                      for key in results[0]}))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return rows


def request_log_cost(backend: str, reviews: int, seconds: int, rounds: int, connections: int,
                     port: int) -> dict[str, float]:
    """Server CPU µs per request of the feed's first page with the request log on and off (medians of
    interleaved rounds), and requests/s."""
    info = prepare(backend, reviews)
    settle(backend)
    headers = {"Api-Key": info["apiKey"]}
    servers = {mode: start_server(backend, port + offset, request_log=mode)
               for offset, mode in enumerate(("on", "off"))}
    try:
        for server in servers.values():
            wait_until_idle(server.pid)
        urls = {mode: f"http://127.0.0.1:{port + offset}/campaigns/{STORE}/feedback/updates?limit=20"
                for offset, mode in enumerate(("on", "off"))}
        for url in urls.values():
            assert httpx.get(url, headers=headers).status_code == 200
            wrk(url, headers, 2, connections)  # warm-up
        runs: dict[str, list[dict]] = {"on": [], "off": []}
        for _ in range(rounds):
            for mode in ("on", "off"):
                runs[mode].append(wrk(urls[mode], headers, seconds, connections, servers[mode].pid, settle_seconds=1.0))
        for mode in ("on", "off"):
            print(f"[{backend}] log {mode}: CPU us/req by round " + ", ".join(f"{r['cpu_us']:.0f}" for r in runs[mode]))
        logged = httpx.get(f"http://127.0.0.1:{port}/admin/requests", params={"limit": 1},
                           headers={"Authorization": f"Bearer {admin_token(backend)}"}).json()["result"]["requests"]
        assert logged and logged[0]["operationId"] == "getFeedbackAndCommentUpdates", logged  # the log did log
    finally:
        for server in servers.values():
            server.terminate()
            server.wait(timeout=30)
    found = {f"{key}_{mode}": statistics.median(r[key] for r in runs[mode])
             for mode in ("on", "off") for key in ("cpu_us", "rps", "p99")}
    # Each round's pair ran back to back, on the machine as it was then: the median of their ratios
    # moves less with what else the machine runs than the ratio of the medians.
    paired = statistics.median(on["cpu_us"] / off["cpu_us"] for on, off in zip(runs["on"], runs["off"], strict=True))
    return {**found, "ratio": found["cpu_us_on"] / found["cpu_us_off"], "paired": paired}


def admin_token(backend: str) -> str:
    """The demo admin token (the demo set is deterministic: `seed --demo` prints it again)."""
    return json.loads(subprocess.run([*CLI, "seed", "--demo", "--json"], env=backend_env(backend), check=True,
                                     capture_output=True, text=True).stdout)["adminToken"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=10, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per target; medians are printed")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--prism-port", type=int, default=4010)
    parser.add_argument("--no-prism", action="store_true", help="leave out Prism's mock (run when npm is installed)")
    parser.add_argument("--request-log-cost", action="store_true",
                        help="measure the request log's CPU cost per request (log on vs off) instead")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    if args.request_log_cost:
        costs = {b: request_log_cost(b, args.reviews, args.seconds, args.rounds, args.connections, args.port)
                 for b in backends}
        print(f"\n{'backend':<9} {'log on us/req':>14} {'log off us/req':>15} {'on/off':>7} {'paired':>7} "
              f"{'req/s on':>9} {'req/s off':>10} {'p99 ms on':>10} {'p99 ms off':>11}")
        for backend, c in costs.items():
            print(f"{backend:<9} {c['cpu_us_on']:>14.0f} {c['cpu_us_off']:>15.0f} {c['ratio']:>7.3f} "
                  f"{c['paired']:>7.3f} {c['rps_on']:>9.0f} {c['rps_off']:>10.0f} {c['p99_on']:>10.2f} "
                  f"{c['p99_off']:>11.2f}")
        print("on/off: ratio of the medians; paired: median of each round's on/off ratio")
        return
    prism = None if args.no_prism else start_prism(WORK / "prism", CONTRACT, args.prism_port)
    if prism is None:
        print("Prism left out (--no-prism, or npm not installed)")
    prism_base = f"http://127.0.0.1:{args.prism_port}" if prism else None
    try:
        rows = [row for b in backends
                for row in run(b, args.reviews, args.seconds, args.rounds, args.connections, args.port, prism_base)]
    finally:
        if prism is not None:
            prism.terminate()
            prism.wait(timeout=30)
    print(f"\n{'backend':<9} {'request':<44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} "
          f"{'server CPU us/req':>18}")
    for backend, name, r in rows:
        print(f"{backend:<9} {name:<44} {r['rps']:>8.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {r['errors']:>8} "
              f"{r['cpu_us']:>18.0f}")
    for backend in backends:
        measured = {name: r for b, name, r in rows if b == backend}
        first, deep, floor = measured["first page"], measured["page at ~90%"], measured["/health (floor)"]
        cold = measured["first page, nothing kept"]
        afresh = measured["page at ~50%, rendered afresh, nothing kept"]
        print(f"{backend}: deep-page p99 / first-page p99 = {deep['p99'] / first['p99']:.2f}; "
              f"first page at {first['rps'] / floor['rps']:.0%} of the /health floor; "
              f"CPU of a first page / /health: kept {first['cpu_us'] / floor['cpu_us']:.2f}, "
              f"nothing kept {cold['cpu_us'] / floor['cpu_us']:.2f}; "
              f"CPU of a page rendered afresh / /health: {afresh['cpu_us'] / floor['cpu_us']:.2f}")
        if PRISM in measured:
            print(f"{backend}: first page req/s / Prism's = {first['rps'] / measured[PRISM]['rps']:.2f}")


if __name__ == "__main__":
    main()
