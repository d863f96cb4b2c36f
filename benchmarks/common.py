"""What the benchmarks share."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import httpx


def recreate_pg_database(server: str, name: str) -> None:
    """Drop and create a PostgreSQL database on `server` (postgresql://user@host:port)."""
    for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", f"{server}/postgres", "-qc", sql], check=True)


def fresh_database(backend: str, sqlite_file: Path, server: str, name: str) -> None:
    """An empty database for generated data: a new PostgreSQL database, or no SQLite file yet."""
    sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    if backend == "postgres":
        recreate_pg_database(server, name)
    else:
        sqlite_file.unlink(missing_ok=True)


def wait_http(url: str, seconds: float = 60) -> bool:
    """Until `url` answers (anything but a 5xx); False if it did not within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    return False


PRISM_PACKAGE = "@stoplight/prism-cli@5"


def start_prism(folder: Path, contract: Path, port: int) -> subprocess.Popen | None:
    """Prism's mock server (`PRISM_PACKAGE`, installed with npm into `folder` once) serving the examples of
    `contract` on `port`, its log in `folder`; None when npm is not installed."""
    prism = folder / "node_modules" / ".bin" / "prism"
    if not prism.exists():
        if not shutil.which("npm"):
            return None
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", PRISM_PACKAGE],
                       check=True, capture_output=True)
    log = (folder / "prism.log").open("w")
    server = subprocess.Popen([str(prism), "mock", "--host", "127.0.0.1", "-p", str(port), str(contract)],
                              stdout=log, stderr=subprocess.STDOUT)
    if wait_http(f"http://127.0.0.1:{port}/campaigns/1/feedback/updates", seconds=120):
        return server
    server.kill()
    raise SystemExit(f"Prism did not start; see {log.name}")
