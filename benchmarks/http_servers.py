"""Which ASGI server `market-api serve` runs on, measured: the same app under each, against Prism.

One process per server on one SQLite data set (the store of benchmarks/feedback_updates.py, 1,000,000
reviews): `market-api serve` (granian, what ships: platform/http_server.py), `serve` on uvicorn
(`MARKET_API_HTTP_SERVER=uvicorn`: httptools, uvloop and the bounded request heads), stock uvicorn
(httptools, uvloop), stock granian (uvloop) and hypercorn (uvloop; its worker cannot start the report
builders' processes, so they are not prestarted there), each on `/health` and on the feed's first page
(`GET /campaigns/{id}/feedback/updates?limit=20`), plus the first page on a `serve` that keeps nothing
rendered (`MARKET_API_FEED_CACHE_REVIEWS=0`: each page from the renderings stored with its reviews, "cold"),
and Prism's mock
of the same path from the official contract (`@stoplight/prism-cli@5`, installed with npm on first use).
Rounds are interleaved (every server and Prism once per round, the machine's drift shared) and medians
printed: requests/s, p99, and the server's CPU µs per request (all its processes), which moves far less
than requests/s with what else the machine runs. Ratios: the feed's requests/s over Prism's in the same
rounds, and the feed's CPU over the same server's `/health` (the cold page: over `market-api serve`'s).

    .venv/bin/python benchmarks/http_servers.py [--rounds 5] [--seconds 5] [--reviews N]

Needs `wrk` (apt-get install wrk) and, for Prism, npm. The request log is on (its default); rate limits
are off (the counters still count).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import start_prism, wait_http  # noqa: E402
from feedback_updates import CONTRACT, STORE, WORK, backend_env, cpu_seconds, prepare, wait_until_idle, wrk  # noqa: E402

BIN = Path(sys.executable).parent
FEED = f"/campaigns/{STORE}/feedback/updates?limit=20"
SERVE = "market-api serve"


@dataclass
class Server:
    """One server under test: how it is started, and what it is asked."""

    name: str
    command: list[str]
    targets: tuple[str, ...] = ("/health", FEED)
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None


def servers(base_port: int) -> list[Server]:
    """The servers measured, each on a port of its own from `base_port` on."""
    target = "asgi_app:app"
    serve = [sys.executable, "-m", "market_api", "serve", "--port", "{port}"]
    found = [
        Server(SERVE, serve),
        Server("market-api serve on uvicorn", serve, env={"MARKET_API_HTTP_SERVER": "uvicorn"}),
        Server("uvicorn, stock", [str(BIN / "uvicorn"), target, "--port", "{port}", "--http", "httptools",
                                  "--loop", "uvloop", "--ws", "none", "--no-access-log", "--log-level", "warning"]),
        Server("granian, stock", [str(BIN / "granian"), "--interface", "asgi", "--port", "{port}", "--workers", "1",
                                  "--loop", "uvloop", "--no-ws", "--no-access-log", "--log-level", "warning", target]),
        Server("hypercorn", [str(BIN / "hypercorn"), target, "--bind", "127.0.0.1:{port}", "--workers", "1",
                             "--worker-class", "uvloop", "--log-level", "warning"],
               # Its worker is a daemonic process, which may not start the report builders' processes.
               env={"MARKET_API_REPORT_WORKERS_PRESTART": "off"}),
        Server("market-api serve, nothing kept", serve, targets=(FEED,), env={"MARKET_API_FEED_CACHE_REVIEWS": "0"}),
    ]
    for number, server in enumerate(found):
        server.port = base_port + number
        server.command = [part.replace("{port}", str(server.port)) for part in server.command]
    return found


def start(server: Server, api_key: str) -> None:
    """Start `server` and wait until it answers the feed and is idle."""
    env = {**backend_env("sqlite"), **server.env, "PYTHONPATH": str(ROOT / "benchmarks")}
    log = (WORK / f"server-{server.port}.log").open("w")
    server.process = subprocess.Popen(server.command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{server.port}"
    if not wait_http(f"{base}/health"):
        server.process.kill()
        raise SystemExit(f"{server.name} did not start; see {log.name}")
    answer = httpx.get(base + FEED, headers={"Api-Key": api_key})
    assert answer.status_code == 200 and len(answer.json()["result"]["feedbackList"]) == 20, answer.text[:200]
    wait_until_idle(server.process.pid)


def measure(server: Server, path: str, api_key: str, seconds: int, connections: int) -> dict:
    """One wrk run of `path` on `server`, with the CPU µs per request of all its processes."""
    assert server.process is not None
    headers = {} if path == "/health" else {"Api-Key": api_key}
    before = cpu_seconds(server.process.pid)
    found = wrk(f"http://127.0.0.1:{server.port}{path}", headers, seconds, connections)
    found["cpu_us"] = (cpu_seconds(server.process.pid) - before) / (found["rps"] * seconds) * 1e6
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=5, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8961, help="first of the servers' ports")
    parser.add_argument("--prism-port", type=int, default=4011)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    api_key = prepare("sqlite", args.reviews)["apiKey"]
    measured = servers(args.port)
    prism = start_prism(WORK / "prism", CONTRACT, args.prism_port)
    if prism is None:
        print("npm not found: Prism left out")
    prism_feed = f"http://127.0.0.1:{args.prism_port}/campaigns/{STORE}/feedback/updates?limit=20"
    runs: dict[tuple[str, str], list[dict]] = {}
    try:
        for server in measured:
            start(server, api_key)
            for path in server.targets:
                measure(server, path, api_key, 2, args.connections)  # warm-up
        for _ in range(args.rounds):
            for server in measured:
                for path in server.targets:
                    runs.setdefault((server.name, path), []).append(
                        measure(server, path, api_key, args.seconds, args.connections))
            if prism is not None:
                runs.setdefault(("Prism mock", FEED), []).append(
                    wrk(prism_feed, {"Api-Key": api_key}, args.seconds, args.connections))
    finally:
        for server in measured:
            if server.process is not None:
                server.process.terminate()
                server.process.wait(timeout=30)
        if prism is not None:
            prism.terminate()
            prism.wait(timeout=30)
    report(runs, args.rounds, os.getloadavg()[0])


def report(runs: dict[tuple[str, str], list[dict]], rounds: int, load: float) -> None:
    """The table of medians, and the ratios."""
    median = {key: {name: statistics.median(run[name] for run in found) for name in found[0]}
              for key, found in runs.items()}
    prism = median.get(("Prism mock", FEED))
    print(f"\nmedians of {rounds} interleaved rounds (load average at the end: {load:.1f})")
    print(f"{'server':<32} {'request':<9} {'req/s':>7} {'p99 ms':>7} {'CPU us/req':>11} {'x Prism':>8} "
          f"{'CPU / /health':>14}")
    for (name, path), found in median.items():
        request = "/health" if path == "/health" else "feed"
        versus_prism = f"{found['rps'] / prism['rps']:.2f}" if prism and request == "feed" else ""
        health = median.get((name, "/health")) or median.get((SERVE, "/health"))
        versus_health = (f"{found['cpu_us'] / health['cpu_us']:.2f}"
                         if request == "feed" and health and found.get("cpu_us") else "")
        cpu = f"{found['cpu_us']:.0f}" if found.get("cpu_us") else ""
        print(f"{name:<32} {request:<9} {found['rps']:>7.0f} {found['p99']:>7.2f} {cpu:>11} {versus_prism:>8} "
              f"{versus_health:>14}")


if __name__ == "__main__":
    main()
