"""The command line as a user runs it: seed, tokens, and `serve --demo` answering real HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.contract import check

CLI = [sys.executable, "-m", "market_api"]


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MARKET_API_DATA_DIR": str(data_dir)}
    env.pop("MARKET_API_DATABASE_URL", None)
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=120)


def test_seed_demo_json_prints_what_scripts_need(tmp_path):
    result = run_cli(tmp_path, "seed", "--demo", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"apiKey", "adminToken", "businessId", "campaigns"}
    assert {c["placement"] for c in data["campaigns"]} >= {"FBS", "FBY", "DBS", "EXPRESS"}
    again = json.loads(run_cli(tmp_path, "seed", "--demo", "--json").stdout)
    assert again == data  # deterministic: the same ids and credentials on every run


def test_keys_and_users_from_the_cli(tmp_path):
    demo = json.loads(run_cli(tmp_path, "seed", "--demo", "--json").stdout)
    created = run_cli(tmp_path, "keys", "create", "--business-id", str(demo["businessId"]),
                      "--scope", "communication", "--scope", "pricing", "--json")
    assert created.returncode == 0, created.stderr
    key = json.loads(created.stdout)
    assert key["scopes"] == ["communication", "pricing"] and key["token"].startswith("ACMA:")
    listed = json.loads(run_cli(tmp_path, "keys", "list", "--json").stdout)
    assert key["id"] in [k["id"] for k in listed] and all("token" not in k for k in listed)
    bad = run_cli(tmp_path, "keys", "create", "--business-id", str(demo["businessId"]), "--scope", "everything")
    assert bad.returncode == 2 and "Unknown scopes: everything" in bad.stderr
    missing = run_cli(tmp_path, "campaigns", "create", "--business-id", "5", "--name", "x", "--placement", "FBS")
    assert missing.returncode == 2 and "Business not found: '5'" in missing.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_demo_answers_over_http(tmp_path):
    port = _free_port()
    env = {**os.environ, "MARKET_API_DATA_DIR": str(tmp_path)}
    env.pop("MARKET_API_DATABASE_URL", None)
    server = subprocess.Popen([*CLI, "serve", "--demo", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"server did not start: {server.stderr.read() if server.poll() is not None else ''}")
            time.sleep(0.1)  # waiting for a real process to listen, not for time to pass
        demo = json.loads(run_cli(tmp_path, "seed", "--demo", "--json").stdout)
        response = httpx.get(f"{base}/campaigns/{demo['campaigns'][0]['id']}/feedback/updates",
                             headers={"Api-Key": demo["apiKey"]})
        assert response.status_code == 200
        assert check(response, "getFeedbackAndCommentUpdates")["status"] == "OK"
        assert response.headers["X-RateLimit-Resource-Limit"] == "100"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)
    assert demo["apiKey"] in output[1]  # the banner printed the key and a ready curl line
    assert "curl -H 'Api-Key:" in output[1]
