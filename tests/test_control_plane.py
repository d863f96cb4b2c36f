"""The control plane over real HTTP with two `market-api serve` processes on one database (SQLite, and
PostgreSQL + Redis): what is set through one process acts on the other, and on the CLI."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from market_api.demo.seed import DemoCredentials
from market_api.platform.config import Settings
from tests.conftest import seed_demo_into
from tests.server import CLI, Server, cli_env, running_server

FBS = 91000001
FEED = f"/campaigns/{FBS}/feedback/updates"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "scenarios"


@dataclass
class Deployment:
    """Two API processes on one database, the demo credentials, and the settings of the database."""

    first: Server
    second: Server
    demo: DemoCredentials
    settings: Settings

    @property
    def key(self) -> dict[str, str]:
        return {"Api-Key": self.demo.api_key}

    def admin(self, server: Server, method: str, path: str, **kwargs) -> httpx.Response:
        return httpx.request(method, f"{server.base_url}/admin{path}", timeout=30,
                             headers={"Authorization": f"Bearer {self.demo.admin_token}"}, **kwargs)

    def cli(self, *args: str) -> dict:
        """`market-api ARGS --json` on the deployment's database: its JSON output."""
        done = subprocess.run([*CLI, "--database-url", self.settings.effective_database_url, *args, "--json"],
                              capture_output=True, text=True, env=cli_env(self.settings.data_dir), timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)


def eventually(check: Callable[[], bool], what: str, seconds: float = 10) -> None:
    """Wait (bounded) until another process has acted: each reads the shared state every second."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not seen in {seconds} s: {what}")
        time.sleep(0.05)


@pytest.fixture
def deployment(settings, tmp_path) -> Iterator[Deployment]:
    demo = seed_demo_into(settings.effective_database_url, reviews_per_store=30)
    env = {"MARKET_API_DATABASE_URL": settings.effective_database_url, "MARKET_API_ADMIN_TOKEN": demo.admin_token,
           "MARKET_API_REPORT_DIR": str(tmp_path / "reports")}
    if settings.redis_url:
        env["MARKET_API_REDIS_URL"] = settings.redis_url
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
    with running_server(tmp_path / "first", **env) as first, running_server(tmp_path / "second", **env) as second:
        yield Deployment(first, second, demo, settings)


def _feed(server: Server, deployment: Deployment, **headers: str) -> httpx.Response:
    return httpx.get(f"{server.base_url}{FEED}", headers={**deployment.key, **headers}, timeout=30)


def test_a_fault_added_through_one_process_answers_on_the_other(deployment):
    added = deployment.admin(deployment.first, "POST", "/faults", json={
        "operationId": "getFeedbackAndCommentUpdates", "campaignId": FBS, "status": 503, "count": 1})
    assert added.status_code == 201, added.text
    rule = added.json()["result"]["id"]
    eventually(lambda: _feed(deployment.second, deployment).status_code == 503, "the fault on the second process")
    answered = [_feed(server, deployment).status_code for server in (deployment.first, deployment.second)]
    assert answered == [200, 200]  # count 1: spent once, whichever process answered it
    listed = deployment.admin(deployment.second, "GET", "/faults").json()["result"]["faults"]
    assert [(r["id"], r["remaining"], r["applied"]) for r in listed] == [(rule, 0, 1)]


def test_the_clock_moved_through_one_is_seen_by_the_other_and_by_the_cli(deployment):
    moved = deployment.admin(deployment.first, "PUT", "/clock", json={"now": "2030-01-02T03:04:05+03:00"})
    assert moved.status_code == 200

    def second_moved() -> bool:
        now = deployment.admin(deployment.second, "GET", "/clock").json()["result"]["now"]
        return now.startswith("2030-01-02T03:0")

    eventually(second_moved, "the clock on the second process")
    window = _feed(deployment.second, deployment).headers["X-RateLimit-Resource-Until"]
    assert window == "Wed, 02 Jan 2030 01:00:00 GMT"
    assert deployment.cli("clock", "show")["now"].startswith("2030-01-02T03:0")
    deployment.cli("clock", "real")
    eventually(lambda: deployment.admin(deployment.first, "GET", "/clock").json()["result"]["real"],
               "real time again on the first process")


def test_the_log_finds_a_request_made_on_the_other_process_by_its_id(deployment):
    assert _feed(deployment.first, deployment, **{"X-Request-Id": "two-process-check"}).status_code == 200

    def entries() -> list[dict]:
        found = deployment.admin(deployment.second, "GET", "/requests", params={"requestId": "two-process-check"})
        return found.json()["result"]["requests"]

    eventually(lambda: len(entries()) == 1, "the request in the log")
    (entry,) = entries()
    assert {key: entry[key] for key in ("requestId", "operationId", "method", "path", "status", "businessId",
                                        "campaignId", "caller", "errorCode", "fault")} == {
        "requestId": "two-process-check", "operationId": "getFeedbackAndCommentUpdates", "method": "GET",
        "path": FEED, "status": 200, "businessId": deployment.demo.business_id, "campaignId": FBS,
        "caller": entry["caller"], "errorCode": None, "fault": None}
    assert entry["caller"] and deployment.demo.api_key not in json.dumps(entry)


def _walk(server: Server, deployment: Deployment) -> list[dict]:
    """Every page of the store's feed, as answered."""
    pages, token = [], None
    while True:
        params = {"limit": 7, **({"page_token": token} if token else {})}
        response = httpx.get(f"{server.base_url}{FEED}", params=params, headers=deployment.key, timeout=30)
        assert response.status_code == 200, response.text
        pages.append(response.json())
        token = response.json()["result"]["paging"].get("nextPageToken")
        if not token:
            return pages


def test_restore_and_reset_bring_back_the_earlier_answers_on_a_process_that_kept_pages(deployment, tmp_path):
    before = _walk(deployment.second, deployment)  # the second process now keeps these pages rendered
    saved = tmp_path / "state.snapshot.gz"
    assert deployment.cli("snapshot", "save", str(saved))["rows"] > 0
    review = before[-1]["result"]["feedbackList"][-1]["id"]
    changed = deployment.admin(deployment.first, "POST", f"/reviews/{review}/comments",
                               json={"author": "SHOP", "body": "changed before the restore"})
    assert changed.status_code < 300, changed.text
    eventually(lambda: _walk(deployment.second, deployment) != before, "the change on the second process")
    deployment.cli("snapshot", "restore", str(saved))
    eventually(lambda: _walk(deployment.second, deployment) == before, "the restored feed on the second process")
    reset = deployment.admin(deployment.first, "POST", "/reset", json={"to": "empty"})
    assert reset.status_code == 200, reset.text
    eventually(lambda: _feed(deployment.second, deployment).status_code == 401, "no key after the reset")
    deployment.cli("snapshot", "restore", str(saved))
    eventually(lambda: _feed(deployment.second, deployment).status_code == 200, "the key again")
    assert _walk(deployment.second, deployment) == before


def test_a_scenario_loads_twice_with_the_same_answers(deployment):
    scenario = EXAMPLES / "fby-three-warehouses.yaml"
    first = deployment.cli("load", str(scenario))
    key = {"Api-Key": "ACMA:FbyThreeWarehousesScenarioKey00000000001:82d2b52b"}

    def warehouses() -> httpx.Response:
        return httpx.get(f"{deployment.second.base_url}/businesses/70000001/warehouses", headers=key, timeout=30)

    eventually(lambda: warehouses().status_code == 200, "the scenario's key on the second process")
    answered = warehouses().json()
    assert deployment.cli("load", str(scenario)) == first
    assert warehouses().json() == answered


def test_limit_counters_cleared_through_one_process_free_the_other(deployment):
    for _ in range(100):
        assert _feed(deployment.first, deployment).status_code == 200
    assert _feed(deployment.first, deployment).status_code == 420
    cleared = deployment.admin(deployment.second, "DELETE", "/limits", params={"campaignId": FBS})
    assert cleared.json()["result"] == {"cleared": [f"c:{FBS}"]}
    eventually(lambda: _feed(deployment.first, deployment).status_code == 200, "a new window on the first process")
