"""Benchmark of the first report after `serve` starts, against the ones that follow.

Starts `market-api serve --demo` on a new SQLite data folder, waits until it is idle, then asks for the
demo business's goods-feedback report (FILE) and polls `GET /reports/info/{id}` every 10 ms until it is
DONE: the time from the request to DONE. Then the same report twice more (the following ones). Once with
the report worker processes started with the service (MARKET_API_REPORT_WORKERS_PRESTART=on, the
default) and once started by the first report (off, the baseline), in interleaved rounds; medians.

Every request goes through one HTTP client with one kept-alive connection, opened (by a `/health`
request) before the first report: the figures are the server's, not the client's. (A new client per
request, as `httpx.get` makes, costs some 60 ms of its own: each poll would add that much.)

    .venv/bin/python benchmarks/first_report.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import wait_http  # noqa: E402
from feedback_updates import cpu_seconds  # noqa: E402
from first_start import free_port  # noqa: E402

CLI = [sys.executable, "-m", "market_api"]


def _tree(pid: int) -> list[int]:
    """`pid` and every process below it."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").iterdir():
            pending += [int(child) for child in (task / "children").read_text().split()]
    return found


def wait_until_idle(pid: int, timeout: float = 120) -> None:
    """Until the server and its processes (the report workers it started) use no CPU for a second."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = sum(cpu_seconds(p) for p in _tree(pid))
        time.sleep(1)
        if sum(cpu_seconds(p) for p in _tree(pid)) - before < 0.05:
            return


def _report_seconds(client: httpx.Client, demo: dict) -> float:
    """Seconds from asking for the goods-feedback report to its DONE."""
    headers = {"Api-Key": demo["apiKey"]}
    started = time.perf_counter()
    answer = client.post("/v2/reports/goods-feedback/generate", headers=headers,
                         json={"businessId": demo["businessId"]})
    report_id = answer.json()["result"]["reportId"]
    while client.get(f"/v2/reports/info/{report_id}", headers=headers).json()["result"]["status"] != "DONE":
        time.sleep(0.01)
    return time.perf_counter() - started


def one_start(prestart: str) -> tuple[float, float]:
    """(first report's seconds, median of the next two) on a new server with PRESTART=`prestart`."""
    with tempfile.TemporaryDirectory(prefix="market-api-first-report-") as folder:
        port = free_port()
        env = {**os.environ, "MARKET_API_DATA_DIR": folder, "MARKET_API_RATE_LIMITS": "off",
               "MARKET_API_REPORT_WORKERS_PRESTART": prestart, "MARKET_API_LOG_LEVEL": "warning"}
        demo = json.loads(subprocess.run([*CLI, "seed", "--demo", "--json"], env=env, check=True,
                                         capture_output=True, text=True).stdout)
        server = subprocess.Popen([*CLI, "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            if not wait_http(f"{base}/health"):
                raise SystemExit("the server did not start")
            wait_until_idle(server.pid)
            with httpx.Client(base_url=base, timeout=30) as client:
                client.get("/health").raise_for_status()  # the connection is open before the first report
                first = _report_seconds(client, demo)
                following = statistics.median(_report_seconds(client, demo) for _ in range(2))
            return first, following
        finally:
            server.terminate()
            server.wait(timeout=60)


def main() -> None:
    """Run the rounds and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {"on": [], "off": []}
    for number in range(1, args.rounds + 1):
        for prestart in results:
            figures = one_start(prestart)
            results[prestart].append(figures)
            print(f"round {number} prestart={prestart}: first {figures[0] * 1000:.0f} ms, "
                  f"following {figures[1] * 1000:.0f} ms", flush=True)
    print("\nworkers started    first report (median)   following   first / following")
    for prestart, rows in results.items():
        first = statistics.median(r[0] for r in rows)
        following = statistics.median(r[1] for r in rows)
        label = "with the service" if prestart == "on" else "by the first one"
        print(f"{label:<18} {first * 1000:>10.0f} ms          {following * 1000:>6.0f} ms   {first / following:>8.1f}x")


if __name__ == "__main__":
    main()
