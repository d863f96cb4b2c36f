"""What operators see: readiness, Prometheus metrics, structured logs with the request id."""

from __future__ import annotations

import json

import httpx

from tests.server import running_server


async def test_ready_checks_the_database(api):
    response = await api.client.get("/ready")
    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks["database"] == "OK"
    assert checks.get("redis", "OK") == "OK"  # only checked where Redis is configured


ROUTE = 'route="/campaigns/{campaignId}/feedback/updates"'


async def _scrape(api) -> list[str]:
    response = await api.client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return response.text.splitlines()


def _requests_counted(lines: list[str], status: str) -> float:
    """The feed's request counter for `status` (0 before its first request: the registry is the
    process's, shared with earlier tests, so only differences count)."""
    counted = [line for line in lines if line.startswith("market_api_requests_total{")
               and ROUTE in line and f'status="{status}"' in line]
    return float(counted[0].rsplit(" ", 1)[1]) if counted else 0.0


async def test_metrics_count_requests_by_route_and_status(api):
    before = await _scrape(api)
    await api.client.get("/campaigns/91000001/feedback/updates", headers=api.key)
    await api.client.get("/campaigns/91000001/feedback/updates", headers={"Api-Key": "wrong"})
    await api.client.get("/campaigns/91000001/feedback/updates", headers={"Api-Key": "wrong"})
    lines = await _scrape(api)
    assert _requests_counted(lines, "200") - _requests_counted(before, "200") == 1
    assert _requests_counted(lines, "401") - _requests_counted(before, "401") == 2
    assert any(line.startswith("market_api_request_seconds_bucket{") and ROUTE in line for line in lines)
    assert "market_api_report_jobs_waiting 0.0" in lines


def test_json_logs_carry_the_request_id(tmp_path):
    with running_server(tmp_path, MARKET_API_LOG_FORMAT="json") as server:
        response = httpx.get(f"{server.base_url}/campaigns/1/feedback/updates", headers={"X-Request-Id": "req-42"})
        assert response.status_code == 401
        assert response.headers["X-Request-Id"] == "req-42"
    records = [json.loads(line) for line in server.output.splitlines() if line.startswith("{")]
    access = [r for r in records if r["logger"] == "market_api.access" and r["request_id"] == "req-42"]
    assert len(access) == 1
    assert access[0]["message"].startswith("GET /campaigns/1/feedback/updates 401")
    assert {"time", "level"} <= access[0].keys()


def test_text_logs_escape_control_characters(tmp_path):
    with running_server(tmp_path) as server:
        response = httpx.get(f"{server.base_url}/campaigns/1%0aFORGED%07x/feedback/updates")
        assert response.status_code == 401
        refused = httpx.get(f"{server.base_url}/campaigns/1%0aFORGED%00x/feedback/updates")
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["message"] == "The request must not contain NUL characters"
    assert not any(line.startswith("FORGED") for line in server.output.splitlines())
    assert "/campaigns/1\\x0aFORGED\\x07x/feedback/updates 401" in server.output
    assert "/campaigns/1\\x0aFORGED\\x00x/feedback/updates 400" in server.output
