"""The shared clock (GET/PUT /admin/clock, `market-api clock`) and clearing limit counters
(DELETE /admin/limits, `market-api limits clear`)."""

from __future__ import annotations

import asyncio
import json
import subprocess
from datetime import UTC, datetime

import pytest

from market_api.demo.seed import seed_demo
from market_api.platform import tokens
from market_api.platform.clock import AdjustableClock
from tests.conftest import Api, start_api
from tests.contract import check, check_error
from tests.server import CLI, cli_env

FEED = "/campaigns/{}/feedback/updates"
FBS = 91000001
LIMIT_MESSAGE = "Hit rate limit of 100 requests per hour for resource getFeedbackAndCommentUpdates"


async def test_the_clock_answers_in_moscow_time_and_goes_back_to_real_time(api):
    moved = await api.admin("PUT", "/clock", {"now": "2026-07-01T07:00:00Z"})
    assert moved == {"now": "2026-07-01T10:00:00+03:00", "real": False}
    assert await api.admin("GET", "/clock") == moved  # the test's clock is frozen
    back = await api.admin("PUT", "/clock", {"now": None})
    assert back["real"] is True


@pytest.mark.parametrize(("value", "message"), [
    ("9999-12-31T23:59:58+00:00", "Value of now must be from 2000-01-01T00:00:00Z up to 2099-01-01T00:00:00Z"),
    ("0001-01-01T00:00:00+00:00", "Value of now must be from 2000-01-01T00:00:00Z up to 2099-01-01T00:00:00Z"),
    # A clock set near the end of what values may hold would soon stamp values past it (2100-01-01).
    ("2099-12-31T23:59:58+00:00", "Value of now must be from 2000-01-01T00:00:00Z up to 2099-01-01T00:00:00Z"),
    ("2026-07-01T10:00:00", "Value of now must carry a time zone offset"),
])
async def test_the_clock_refuses_what_it_cannot_hold_and_stays_where_it_was(api, value, message):
    before = await api.admin("GET", "/clock")
    response = await api.client.put("/admin/clock", json={"now": value}, headers=api.admin_headers)
    check_error(response, 400, message)
    assert await api.admin("GET", "/clock") == before


@pytest.mark.parametrize("body", [{}, {"nowx": "2026-07-01T10:00:00+03:00"}, {"now": None, "extra": 1}])
async def test_a_clock_body_without_its_now_is_refused_and_moves_nothing(api, body):
    moved = await api.admin("PUT", "/clock", {"now": "2026-07-01T10:00:00+03:00"})
    response = await api.client.put("/admin/clock", json=body, headers=api.admin_headers)
    assert response.status_code == 400 and response.json()["status"] == "ERROR"
    assert await api.admin("GET", "/clock") == moved


async def test_a_trailing_slash_is_another_path_never_a_redirect(api):
    await api.admin("POST", "/faults", {"operationId": "*", "status": 500, "count": 1})
    response = await api.client.delete("/admin/faults/", headers=api.admin_headers)
    assert response.status_code == 404 and response.json()["status"] == "ERROR"
    assert len((await api.admin("GET", "/faults"))["faults"]) == 1


@pytest.mark.parametrize("instant", ["2000-01-01T00:00:00+00:00", "2098-12-31T23:59:59+00:00"])
async def test_no_clock_value_it_accepts_makes_a_request_fail(api, instant):
    await api.admin("PUT", "/clock", {"now": instant})
    answers = [
        await api.client.get(FEED.format(FBS), headers=api.key),
        await api.client.post(f"/v2/businesses/{api.demo.business_id}/ratings/quality",
                              json={"campaignIds": [FBS]}, headers=api.key),
        await api.client.post("/v2/reports/goods-feedback/generate",
                              json={"businessId": api.demo.business_id}, headers=api.key),
        await api.client.post("/v2/reports/stocks-on-warehouses/generate",
                              json={"campaignId": FBS}, headers=api.key),
        await api.client.get("/admin/clock", headers=api.admin_headers),
    ]
    assert [response.status_code for response in answers] == [200, 200, 200, 200, 200]


async def test_a_clock_moved_through_one_app_is_seen_by_another_and_by_the_cli(settings):
    shared = settings.model_copy(update={"control_refresh_seconds": 0})
    first, first_client, first_life = await start_api(shared, AdjustableClock())
    second, second_client, second_life = await start_api(shared, AdjustableClock())
    try:
        async with first.state.runtime.sessions() as session:
            demo = await seed_demo(session, first.state.runtime.clock, reviews_per_store=0, catalog=False)
            await session.commit()
        admin = {"Authorization": f"Bearer {demo.admin_token}"}
        moved = await first_client.put("/admin/clock", json={"now": "2030-01-02T03:04:05+03:00"}, headers=admin)
        assert moved.json()["result"]["now"].startswith("2030-01-02T03:04")
        seen = (await second_client.get("/admin/clock", headers=admin)).json()["result"]
        assert seen["now"].startswith("2030-01-02T03:04") and seen["real"] is False
        # A Partner API request on the other process runs on the moved clock too: its window ends then.
        response = await second_client.get(FEED.format(FBS), headers={"Api-Key": demo.api_key})
        assert response.headers["X-RateLimit-Resource-Until"] == "Wed, 02 Jan 2030 01:00:00 GMT"
        shown = await _cli(settings, "clock", "show", "--json")
        assert shown["now"].startswith("2030-01-02T03:04") and shown["real"] is False
        await _cli(settings, "clock", "real", "--json")
        back = (await first_client.get("/admin/clock", headers=admin)).json()["result"]
        assert back["real"] is True
        assert datetime.fromisoformat(back["now"]).year == datetime.now(UTC).year
    finally:
        for client, lifespan in ((first_client, first_life), (second_client, second_life)):
            await client.aclose()
            await lifespan.__aexit__(None, None, None)


async def _cli(settings, *args: str) -> dict:
    """Run `market-api ARGS` on the test's database; its JSON output. Run in a thread: the app in this
    process keeps serving meanwhile, and a write it began must be able to finish (or it holds the lock)."""
    command = [*CLI, "--database-url", settings.effective_database_url, *args]
    done = await asyncio.to_thread(subprocess.run, command, capture_output=True, text=True,
                                   env=cli_env(settings.data_dir), timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


async def _exhaust_feed(api: Api, campaign_id: int = FBS) -> None:
    for _ in range(100):
        assert (await api.client.get(FEED.format(campaign_id), headers=api.key)).status_code == 200
    refused = await api.client.get(FEED.format(campaign_id), headers=api.key)
    assert check(refused, "getFeedbackAndCommentUpdates")["errors"][0]["message"] == LIMIT_MESSAGE


async def test_clearing_a_stores_counters_lets_its_next_request_through(api):
    await _exhaust_feed(api)
    cleared = await api.admin("DELETE", f"/limits?campaignId={FBS}")
    assert cleared == {"cleared": [f"c:{FBS}"]}
    response = await api.client.get(FEED.format(FBS), headers=api.key)
    assert response.status_code == 200
    assert response.headers["X-RateLimit-Resource-Remaining"] == "99"


async def test_clearing_a_business_clears_its_stores_windows_and_its_tokens_parallel_slots(api):
    await _exhaust_feed(api)
    runtime = api.app.state.runtime
    token = "api-key:" + tokens.hash_token(api.demo.api_key)
    epoch = runtime.shared.current.limit_epoch(f"b:{api.demo.business_id}")
    async with runtime.limiter.parallel_slot(token, 2, epoch), runtime.limiter.parallel_slot(token, 2, epoch):
        assert (await api.admin("DELETE", f"/limits?businessId={api.demo.business_id}")) == {
            "cleared": [f"b:{api.demo.business_id}"]}
        response = await api.client.get(FEED.format(FBS), headers=api.key)
        assert response.status_code == 200  # the window and the two slots held above are both new


@pytest.mark.parametrize(("query", "status", "message"), [
    ("", 400, "Give exactly one of businessId and campaignId"),
    ("?businessId=90000001&campaignId=91000001", 400, "Give exactly one of businessId and campaignId"),
    ("?businessId=12345", 404, "Business not found: '12345'"),
    ("?campaignId=12345", 404, "Campaign not found: '12345'"),
    ("?campaignId=abc", 400, None),
    ("?campaignId=9223372036854775808", 400, None),
    ("?businessId=0", 400, None),
])
async def test_clearing_counters_refuses_bad_input(api, query, status, message):
    response = await api.client.delete(f"/admin/limits{query}", headers=api.admin_headers)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == "ERROR"
    if message:
        assert body["errors"][0]["message"] == message


async def test_the_cli_clears_counters_a_running_app_keeps(api):
    await _exhaust_feed(api)
    assert await _cli(api.settings, "limits", "clear", "--campaign-id", str(FBS), "--json") == {"cleared": [f"c:{FBS}"]}
    await api.app.state.runtime.shared.refresh(force=True)  # what the app does within a second by itself
    assert (await api.client.get(FEED.format(FBS), headers=api.key)).status_code == 200
