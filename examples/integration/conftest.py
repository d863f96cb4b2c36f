"""Fixtures of a client's test suite that runs its sync code against market-api.

`market_api` starts one `market-api serve` for the whole session on a throwaway data directory (SQLite, no
other services); `market` gives each test the same starting point: the data reset to empty and the
scenario file loaded (which also sets the clock), no fault rules, an empty request log.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "fby-three-warehouses.yaml"
ADMIN_TOKEN = "integration-tests-admin-token-0123456789"
MARKET_API = [sys.executable, "-m", "market_api"]  # or just "market-api" where it is installed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def market_api(tmp_path_factory) -> Iterator[str]:
    """The base URL of a market-api serving for this test session."""
    port = _free_port()
    env = {**os.environ, "MARKET_API_DATA_DIR": str(tmp_path_factory.mktemp("market-api")),
           "MARKET_API_ADMIN_TOKEN": ADMIN_TOKEN,
           # Read the shared clock and fault rules on every request: no waiting for the next second.
           "MARKET_API_CONTROL_REFRESH_SECONDS": "0"}
    env.pop("MARKET_API_DATABASE_URL", None)
    server = subprocess.Popen([*MARKET_API, "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            raise RuntimeError("market-api did not start")
        time.sleep(0.1)
    yield base_url
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture
def market(market_api) -> Iterator[httpx.Client]:
    """The admin API of market-api, on the scenario's data, fresh for each test."""
    admin = httpx.Client(base_url=f"{market_api}/admin", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    admin.post("/reset", json={"to": "empty"}).raise_for_status()
    admin.post("/scenarios", json=yaml.safe_load(SCENARIO.read_text("utf-8"))).raise_for_status()
    yield admin
    admin.close()
