"""Benchmark of the web console's read pages on the demo data set.

One `market-api serve --demo` process (SQLite); after a log-in, each read page is fetched `--requests`
times, one at a time, in rounds; printed per page: the median latency, and the server's CPU time per
request (from /proc, steadier than latency on a shared machine), with `/health` as the floor of the
HTTP stack in the same run. The goal is under 200 ms of server time per page.

    .venv/bin/python benchmarks/console_pages.py [--requests 20] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import re
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

CLI = [sys.executable, "-m", "market_api"]
ADMIN_TOKEN = "benchmark-console-admin-token-0123456789"
STORE = 91000001
PAGES = ("/health", "/console/requests", "/console/stores", f"/console/stores/{STORE}/reviews", "/console/reports",
         f"/console/quality/{STORE}", "/console/control")


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used (user + system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def log_in(client: httpx.Client) -> None:
    """Open a console session on `client` (its cookies), as a browser does."""
    form = client.get("/console").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token, "no login form"
    answer = client.post("/console/login", data={"token": ADMIN_TOKEN, "csrf_token": token.group(1)})
    assert answer.status_code == 303, answer.text


def measure(client: httpx.Client, pid: int, path: str, requests: int) -> tuple[float, float]:
    """(median latency, server CPU per request), both in ms, of `requests` sequential GETs of `path`."""
    latencies = []
    cpu_before = cpu_seconds(pid)
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        latencies.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    cpu = (cpu_seconds(pid) - cpu_before) / requests
    return statistics.median(latencies) * 1000, cpu * 1000


def main() -> None:
    """Serve the demo set, log in, and print each read page's figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20, help="requests per page and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over every page; medians are printed")
    parser.add_argument("--port", type=int, default=8941)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "MARKET_API_DATA_DIR": data_dir, "MARKET_API_ADMIN_TOKEN": ADMIN_TOKEN,
               "MARKET_API_LOG_LEVEL": "warning"}
        env.pop("MARKET_API_DATABASE_URL", None)
        server = subprocess.Popen([*CLI, "serve", "--demo", "--port", str(args.port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{args.port}"
            assert wait_http(f"{base}/health", 120), "server did not start"
            with httpx.Client(base_url=base, timeout=30) as client:
                log_in(client)
                for path in PAGES:  # warm up: first renders compile templates
                    client.get(path)
                results: dict[str, list[tuple[float, float]]] = {path: [] for path in PAGES}
                for _ in range(args.rounds):
                    for path in PAGES:
                        results[path].append(measure(client, server.pid, path, args.requests))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{'page':45} {'median ms':>10} {'server CPU ms':>14}")
    for path, figures in results.items():
        latency = statistics.median(f[0] for f in figures)
        cpu = statistics.median(f[1] for f in figures)
        print(f"{path:45} {latency:10.1f} {cpu:14.1f}")


if __name__ == "__main__":
    main()
