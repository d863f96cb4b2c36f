"""Benchmark of reset and snapshots, on SQLite and on PostgreSQL.

- **reset**: POST /admin/reset ``{"to": "demo"}`` on a running `market-api serve` holding the demo set:
  the first reset of the day (which seeds the demo set and keeps it as the day's template, see
  `market_api.control.reset`), then `--rounds` more (restored from the template), and as many resets
  to empty. Prints the median of the time the answer reports (the transaction) and of the request's
  wall time.
- **snapshots**: `market-api snapshot save FILE` and `market-api snapshot restore FILE` of the demo set
  plus 1,000,000 generated reviews in one store, as child processes: wall time, the child's peak RSS
  (its own rusage, from wait4), rows and file size.

    .venv/bin/python benchmarks/snapshot.py [--backend sqlite|postgres|both] [--reviews N] [--rounds N]

Data are generated once per backend and kept in /tmp/market-api-bench-snapshot (SQLite) or the
database `market_api_bench_snapshot` (PostgreSQL) for later runs; the reset runs on a database of its
own. The PostgreSQL data are made by restoring the SQLite snapshot when there is one (it is the same
state), else generated.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import recreate_pg_database, wait_http  # noqa: E402

CLI = [sys.executable, "-m", "market_api"]
STORE = 91000001
PG_SERVER = os.environ.get("MARKET_API_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
PG_DATABASES = {"data": "market_api_bench_snapshot", "reset": "market_api_bench_snapshot_reset"}
WORK = Path("/tmp/market-api-bench-snapshot")


def env_of(backend: str, purpose: str) -> dict[str, str]:
    """The environment of a `market-api` command on the benchmark's database for `purpose` (data, reset)."""
    env = {**os.environ, "MARKET_API_DATA_DIR": str(WORK / f"{backend}-{purpose}"), "MARKET_API_LOG_LEVEL": "warning"}
    env.pop("MARKET_API_REDIS_URL", None)
    if backend == "postgres":
        env["MARKET_API_DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASES[purpose]}".replace(
            "postgresql://", "postgresql+asyncpg://")
    else:
        env.pop("MARKET_API_DATABASE_URL", None)
    return env


def fresh(backend: str, purpose: str) -> None:
    """An empty database (and data directory) for `purpose`."""
    shutil.rmtree(WORK / f"{backend}-{purpose}", ignore_errors=True)
    (WORK / f"{backend}-{purpose}").mkdir(parents=True)
    if backend == "postgres":
        recreate_pg_database(PG_SERVER, PG_DATABASES[purpose])


def cli(backend: str, purpose: str, *args: str) -> str:
    """Run `market-api ARGS`; its standard output."""
    return subprocess.run([*CLI, *args], env=env_of(backend, purpose), check=True, capture_output=True,
                          text=True).stdout


def measured(backend: str, purpose: str, *args: str) -> tuple[float, float, str]:
    """Run `market-api ARGS` as a child process: (wall seconds, its peak RSS in MiB, its stdout)."""
    started = time.perf_counter()
    child = subprocess.Popen([*CLI, *args], env=env_of(backend, purpose), stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    output = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"market-api {' '.join(args)} failed ({child.returncode})")
    return time.perf_counter() - started, usage.ru_maxrss / 1024, output


def prepare(backend: str, reviews: int) -> None:
    """The demo set plus `reviews` generated reviews in one store; reused when already there."""
    marker = WORK / f"{backend}-data.json"
    if marker.exists() and json.loads(marker.read_text()).get("reviews") == reviews:
        return
    fresh(backend, "data")
    source = WORK / f"sqlite-{reviews}.snapshot.gz"
    started = time.perf_counter()
    if backend == "postgres" and source.exists():
        cli(backend, "data", "migrate")
        cli(backend, "data", "snapshot", "restore", str(source))
        how = "restored from the SQLite snapshot"
    else:
        cli(backend, "data", "seed", "--demo")
        cli(backend, "data", "seed", "--reviews", str(reviews), "--campaign-id", str(STORE))
        how = "generated"
    print(f"[{backend}] {reviews:,} reviews {how} in {time.perf_counter() - started:.0f} s", flush=True)
    marker.write_text(json.dumps({"reviews": reviews}))


def snapshots(backend: str, reviews: int, runs: int) -> dict[str, float]:
    """Save and restore of the prepared data, `runs` times each; medians."""
    prepare(backend, reviews)
    file = WORK / f"{backend}-{reviews}.snapshot.gz"
    saves, restores = [], []
    for _ in range(runs):
        saves.append(measured(backend, "data", "snapshot", "save", str(file), "--json"))
        restores.append(measured(backend, "data", "snapshot", "restore", str(file), "--json"))
    rows = json.loads(saves[-1][2])["rows"]  # the SQLite file is where the PostgreSQL data come from next time
    return {"rows": rows, "MB": file.stat().st_size / 1e6,
            "save s": statistics.median(s[0] for s in saves), "save RSS MiB": max(s[1] for s in saves),
            "restore s": statistics.median(r[0] for r in restores),
            "restore RSS MiB": max(r[1] for r in restores)}


def resets(backend: str, rounds: int, port: int) -> dict[str, float]:
    """Resets of a running server: the first of the day (seeding the demo set), then `rounds` from the
    day's template, and `rounds` to empty; medians."""
    fresh(backend, "reset")
    admin = json.loads(cli(backend, "reset", "seed", "--demo", "--json"))["adminToken"]
    log = (WORK / f"{backend}-reset-server.log").open("w")
    server = subprocess.Popen([*CLI, "serve", "--port", str(port)], env=env_of(backend, "reset"), stdout=log,
                              stderr=subprocess.STDOUT, text=True)
    try:
        if not wait_http(f"http://127.0.0.1:{port}/health"):
            raise SystemExit(f"server did not start; see {log.name}")
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {admin}"},
                              timeout=120)

        def reset(to: str) -> tuple[float, float]:
            started = time.perf_counter()
            response = client.post("/admin/reset", json={"to": to})
            response.raise_for_status()
            return response.json()["result"]["seconds"], time.perf_counter() - started

        first = reset("demo")
        warm = [reset("demo") for _ in range(rounds)]
        empty = []
        for _ in range(rounds):
            empty.append(reset("empty"))
            reset("demo")
        return {"first demo s": first[0], "demo s": statistics.median(w[0] for w in warm),
                "demo request s": statistics.median(w[1] for w in warm),
                "empty s": statistics.median(e[0] for e in empty)}
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5, help="warm resets to take the median of")
    parser.add_argument("--runs", type=int, default=1, help="saves and restores to take the median of")
    parser.add_argument("--skip-snapshots", action="store_true", help="only the reset")
    parser.add_argument("--port", type=int, default=8961)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
        figures = resets(backend, args.rounds, args.port)
        print(f"[{backend}] reset: " + ", ".join(f"{k} {v:.2f}" for k, v in figures.items()), flush=True)
        if not args.skip_snapshots:
            figures = snapshots(backend, args.reviews, args.runs)
            print(f"[{backend}] snapshot of {figures.pop('rows'):,} rows: "
                  + ", ".join(f"{k} {v:.1f}" for k, v in figures.items()), flush=True)


if __name__ == "__main__":
    main()
