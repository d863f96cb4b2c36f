"""The request log (GET /admin/requests, `market-api requests tail`): every Partner API request, as an
integrator's test finds it."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import subprocess
from datetime import timedelta

import pytest

from tests.conftest import Api, api_with
from tests.contract import check, check_error
from tests.server import CLI, cli_env

FBS, FBY = 91000001, 91000002
FEED = "/campaigns/{}/feedback/updates"
FEED_OP = "getFeedbackAndCommentUpdates"
GOODS = "/v2/reports/goods-feedback/generate"
GOODS_OP = "generateGoodsFeedbackReport"
BUSINESS = 90000001
FIELDS = {"requestId", "time", "operationId", "method", "path", "query", "status", "durationMs", "businessId",
          "campaignId", "caller", "errorCode", "errorMessage", "fault", "body"}


async def requests_log(api: Api, **params: object) -> dict:
    """GET /admin/requests with `params`: its result."""
    response = await api.client.get("/admin/requests", params=params, headers=api.admin_headers)
    assert response.status_code == 200, response.text
    return response.json()["result"]


async def logged(api: Api, request_id: str) -> dict:
    """The one entry of a request id."""
    found = (await requests_log(api, requestId=request_id))["requests"]
    assert len(found) == 1, found
    return found[0]


async def test_a_request_is_found_by_its_request_id_with_every_field_and_never_the_token(api):
    response = await api.client.get(FEED.format(FBS), params={"limit": 5},
                                    headers={**api.key, "X-Request-Id": "sync-run-1"})
    assert response.status_code == 200
    result = await requests_log(api, requestId="sync-run-1")
    assert result["nextPageToken"] is None
    [entry] = result["requests"]
    assert entry.pop("durationMs") > 0
    assert entry == {
        "requestId": "sync-run-1", "time": "2026-06-15T12:00:00.000+03:00", "operationId": FEED_OP,
        "method": "GET", "path": f"/campaigns/{FBS}/feedback/updates", "query": {"limit": "5"}, "status": 200,
        "businessId": BUSINESS, "campaignId": FBS, "caller": "demo", "errorCode": None, "errorMessage": None,
        "fault": None, "body": None,
    }
    assert api.demo.api_key not in json.dumps(entry)


async def test_the_id_the_answer_carries_finds_the_request(api):
    response = await api.client.get(FEED.format(FBY), headers=api.key)
    entry = await logged(api, response.headers["X-Request-Id"])
    assert set(entry) == FIELDS
    assert (entry["operationId"], entry["campaignId"], entry["status"]) == (FEED_OP, FBY, 200)


async def test_a_body_is_kept_as_text(api):
    body = '{"businessId": 90000001}'
    response = await api.client.post(GOODS, params={"format": "CSV"}, content=body,
                                     headers={**api.key, "Content-Type": "application/json", "X-Request-Id": "goods"})
    assert response.status_code == 200, response.text
    entry = await logged(api, "goods")
    assert (entry["operationId"], entry["method"], entry["path"]) == (GOODS_OP, "POST", GOODS)
    assert (entry["body"], entry["query"]) == (body, {"format": "CSV"})
    assert (entry["businessId"], entry["campaignId"], entry["caller"]) == (BUSINESS, None, "demo")


async def test_a_body_refused_for_a_nul_is_kept_readable(api):
    # PostgreSQL text holds no NUL: the log keeps the body the service refused with U+FFFD in its place.
    response = await api.client.post(GOODS, content=b'{"businessId": 1\x00}', headers={
        **api.key, "Content-Type": "application/json", "X-Request-Id": "nul"})
    message = check_error(response, 400)["errors"][0]["message"]
    entry = await logged(api, "nul")
    assert (entry["body"], entry["errorMessage"]) == ('{"businessId": 1\ufffd}', message)
    assert entry["operationId"] == GOODS_OP


async def test_an_unauthorized_request_keeps_its_error_and_the_store_its_path_names(api):
    # And the store's business: filtering by business finds the requests that failed on its stores.
    response = await api.client.get(FEED.format(FBS), headers={"Api-Key": "ACMA:not-a-key", "X-Request-Id": "bad"})
    error = check_error(response, 401)["errors"][0]
    entry = await logged(api, "bad")
    assert (entry["status"], entry["errorCode"], entry["errorMessage"]) == (401, "UNAUTHORIZED", error["message"])
    assert (entry["caller"], entry["campaignId"], entry["businessId"]) == (None, FBS, BUSINESS)
    assert entry["operationId"] == FEED_OP
    assert "not-a-key" not in json.dumps(entry)


async def test_a_bad_request_keeps_the_first_error_and_every_value_of_a_repeated_parameter(api):
    response = await api.client.get(f"{FEED.format(FBS)}?limit=5&limit=6&page_token=", headers={
        **api.key, "X-Request-Id": "twice"})
    errors = check_error(response, 400)["errors"]
    entry = await logged(api, "twice")
    assert entry["query"] == {"limit": ["5", "6"], "page_token": ""}
    assert (entry["status"], entry["errorCode"], entry["errorMessage"]) == (400, "BAD_REQUEST", errors[0]["message"])
    assert entry["errorMessage"] == "Parameter limit must be given once"


async def test_a_request_refused_before_its_operation_ran_is_logged_under_it(api):
    response = await api.client.post(GOODS, content="businessId=1", headers={
        **api.key, "Content-Type": "application/x-www-form-urlencoded", "X-Request-Id": "form"})
    check_error(response, 415)
    entry = await logged(api, "form")
    assert (entry["operationId"], entry["status"], entry["errorCode"]) == (GOODS_OP, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert (entry["caller"], entry["body"]) == (None, None)
    # A method the path does not take: no operation was asked for.
    check_error(await api.client.delete(FEED.format(FBS), headers={**api.key, "X-Request-Id": "delete"}), 405)
    entry = await logged(api, "delete")
    assert (entry["operationId"], entry["method"], entry["status"], entry["campaignId"]) == (None, "DELETE", 405, FBS)


async def test_an_answer_a_fault_rule_produced_names_the_rule(api):
    added = await api.client.post("/admin/faults", json={"operationId": FEED_OP, "status": 503, "count": 1},
                                  headers=api.admin_headers)
    assert added.status_code == 201, added.text
    rule = added.json()["result"]["id"]
    check_error(await api.client.get(FEED.format(FBS), headers={**api.key, "X-Request-Id": "faulted"}), 503)
    assert (await api.client.get(FEED.format(FBS), headers={**api.key, "X-Request-Id": "fine"})).status_code == 200
    faulted, fine = await logged(api, "faulted"), await logged(api, "fine")
    assert (faulted["status"], faulted["errorCode"], faulted["fault"]) == (503, "SERVICE_UNAVAILABLE", rule)
    assert (fine["status"], fine["fault"]) == (200, None)


async def test_only_partner_api_requests_are_logged(api):
    await api.client.get("/health", headers={"X-Request-Id": "health"})
    await api.client.get("/metrics", headers={"X-Request-Id": "metrics"})
    await api.client.get("/admin/clock", headers={**api.admin_headers, "X-Request-Id": "admin"})
    await api.client.get("/campaigns/91000001/nothing-here", headers={**api.key, "X-Request-Id": "unknown"})
    await api.client.get(FEED.format(FBS), headers={**api.key, "X-Request-Id": "feed"})
    assert [entry["requestId"] for entry in (await requests_log(api))["requests"]] == ["feed"]


async def test_filters(api):
    other = await api.new_key("all-methods", business_id=api.demo.other_business_id)
    await api.client.get(FEED.format(FBS), headers={**api.key, "X-Request-Id": "fbs"})
    await api.client.get(FEED.format(FBY), headers={**api.key, "X-Request-Id": "fby"})
    api.clock.advance(timedelta(minutes=10))
    await api.client.get(FEED.format(FBY), params={"limit": 0}, headers={**api.key, "X-Request-Id": "fby-400"})
    await api.client.post(GOODS, json={"businessId": BUSINESS}, headers={**api.key, "X-Request-Id": "goods"})
    await api.client.post(GOODS, json={"businessId": api.demo.other_business_id},
                          headers={**other, "X-Request-Id": "other"})

    async def ids(**params: object) -> list[str]:
        return [entry["requestId"] for entry in (await requests_log(api, **params))["requests"]]

    assert await ids() == ["other", "goods", "fby-400", "fby", "fbs"]
    assert await ids(campaignId=FBY) == ["fby-400", "fby"]
    assert await ids(businessId=BUSINESS) == ["goods", "fby-400", "fby", "fbs"]
    assert await ids(businessId=api.demo.other_business_id) == ["other"]
    assert await ids(operationId=GOODS_OP) == ["other", "goods"]
    assert await ids(status=400) == ["fby-400"]
    assert await ids(status=200, campaignId=FBY) == ["fby"]
    assert await ids(since="2026-06-15T12:05:00+03:00") == ["other", "goods", "fby-400"]
    assert await ids(since="2026-06-15T09:10:00Z", operationId=FEED_OP) == ["fby-400"]
    assert await ids(requestId="fbs") == ["fbs"]
    assert await ids(requestId="nothing") == []


async def test_pages_walk_newest_first(api):
    for number in range(5):
        await api.client.get(FEED.format(FBS), headers={**api.key, "X-Request-Id": f"r{number}"})
    seen, token, pages = [], None, 0
    while True:
        params: dict[str, object] = {"limit": 2, **({"pageToken": token} if token else {})}
        result = await requests_log(api, **params)
        seen += [entry["requestId"] for entry in result["requests"]]
        pages += 1
        token = result["nextPageToken"]
        if token is None:
            break
    assert (seen, pages) == (["r4", "r3", "r2", "r1", "r0"], 3)
    assert [e["requestId"] for e in (await requests_log(api))["requests"]] == seen  # limit defaults to 50


@pytest.mark.parametrize(("params", "message"), [
    ({"limit": 0}, "Value of limit (0) must be greater than or equal to 1"),
    ({"limit": 501}, "Value of limit (501) must be less than or equal to 500"),
    ({"limit": "ten"}, "Value of limit (ten) must be an integer"),
    ({"businessId": 0}, "Value of businessId (0) must be greater than or equal to 1"),
    ({"campaignId": 2**63}, None),
    ({"status": 99}, "Value of status (99) must be greater than or equal to 100"),
    ({"status": 600}, "Value of status (600) must be less than or equal to 599"),
    ({"operationId": "x" * 65}, None),
    ({"requestId": "x" * 129}, None),
    ({"since": "2026-06-15T12:00:00"}, "Value of since (2026-06-15T12:00:00) must be an ISO 8601 instant with an "
                                       "offset, e.g. 2026-06-15T12:00:00+03:00"),
    ({"since": "yesterday"}, None),
    ({"pageToken": "abc"}, "Value of pageToken (abc) is not a page token of the request log"),
])
async def test_bad_filters_are_400(api, params, message):
    response = await api.client.get("/admin/requests", params=params, headers=api.admin_headers)
    check_error(response, 400, message)


async def test_a_page_token_of_another_list_is_400(api):
    for _ in range(2):
        await api.client.get(FEED.format(FBS), params={"limit": 1}, headers=api.key)
    feed = check(await api.client.get(FEED.format(FBS), params={"limit": 1}, headers=api.key), FEED_OP)
    token = feed["result"]["paging"].get("nextPageToken")
    if token:  # a feed token is signed by this service too, but holds no place in the log
        response = await api.client.get("/admin/requests", params={"pageToken": token}, headers=api.admin_headers)
        check_error(response, 400)


async def test_the_admin_api_needs_the_admin_token(api):
    check_error(await api.client.get("/admin/requests", headers=api.key), 401)


async def test_a_body_is_cut_at_the_configured_bytes_without_splitting_a_character(settings, clock):
    body = '{"a":"ёё"}'  # `{"a":"` is 6 bytes, each ё 2
    for limit, kept in ((7, '{"a":"'), (8, '{"a":"ё'), (64, body)):
        async with api_with(settings, clock, request_log_body_bytes=limit) as api:
            response = await api.client.post(GOODS, content=body.encode(), headers={
                **api.key, "Content-Type": "application/json", "X-Request-Id": f"cut-{limit}"})
            check_error(response, 400)
            assert (await logged(api, f"cut-{limit}"))["body"] == kept


async def test_the_log_keeps_the_newest_entries_and_none_past_the_retention(settings, clock):
    async with api_with(settings, clock, request_log_keep=3, request_log_retention_hours=1) as api:
        wall = [1_000_000.0]  # real time, which ages entries (the service clock does not)
        api.app.state.request_log.wall = lambda: wall[0]
        for number in range(5):
            await api.client.get(FEED.format(FBS), headers={**api.key, "X-Request-Id": f"r{number}"})
        await requests_log(api)  # written
        await api.app.state.request_log.trim()  # what the writer does every minute
        assert [e["requestId"] for e in (await requests_log(api))["requests"]] == ["r4", "r3", "r2"]
        api.clock.advance(timedelta(days=400))  # an integrator moves the clock: nothing is older for it
        wall[0] += 10
        await api.client.get(FEED.format(FBS), headers={**api.key, "X-Request-Id": "later"})
        await requests_log(api)
        await api.app.state.request_log.trim()
        assert [e["requestId"] for e in (await requests_log(api))["requests"]] == ["later", "r4", "r3"]
        wall[0] += 3600 - 5  # an hour after the first entries were written, not yet after "later"
        await api.app.state.request_log.trim()
        assert [e["requestId"] for e in (await requests_log(api))["requests"]] == ["later"]


async def test_requests_answered_before_a_reset_do_not_come_back_after_it(api):
    await api.client.get(FEED.format(FBS), headers={**api.key, "X-Request-Id": "before-reset"})
    await api.admin("POST", "/reset", {"to": "empty"})  # the entry is still waiting to be written
    await api.admin("POST", "/businesses", {"name": "After"})
    assert (await requests_log(api))["requests"] == []


def dropped_total(metrics_text: str) -> float:
    found = re.search(r"^market_api_request_log_dropped_total ([0-9.e+]+)$", metrics_text, re.M)
    assert found, metrics_text
    return float(found.group(1))


async def test_entries_past_a_full_buffer_are_dropped_and_counted(api):
    request_log = api.app.state.request_log
    await request_log.stop()  # the writer stands still: nothing leaves the buffer but what a query writes
    request_log.capacity = 2
    before = dropped_total((await api.client.get("/metrics")).text)
    for number in range(5):
        assert (await api.client.get(FEED.format(FBS), headers={**api.key, "X-Request-Id": f"r{number}"})
                ).status_code == 200
    assert dropped_total((await api.client.get("/metrics")).text) == before + 3
    assert [e["requestId"] for e in (await requests_log(api))["requests"]] == ["r1", "r0"]


async def test_entries_waiting_at_shutdown_are_written(settings, clock):
    async with api_with(settings, clock) as api:
        assert (await api.client.get(FEED.format(FBS), headers={**api.key, "X-Request-Id": "last"})).status_code == 200
    async with api_with(settings, clock) as restarted:
        assert [e["requestId"] for e in (await requests_log(restarted))["requests"]] == ["last"]


async def test_nothing_is_logged_when_the_log_is_off(settings, clock):
    async with api_with(settings, clock, request_log="off") as api:
        assert (await api.client.get(FEED.format(FBS), headers=api.key)).status_code == 200
        assert await requests_log(api) == {"requests": [], "nextPageToken": None}


def tail_env(api: Api) -> dict[str, str]:
    return cli_env(api.settings.data_dir, MARKET_API_DATABASE_URL=api.settings.effective_database_url)


async def test_tail_prints_the_newest_entries_oldest_first(api):
    for number in range(3):
        await api.client.get(FEED.format(FBS), headers={**api.key, "X-Request-Id": f"r{number}"})
    await api.client.get(FEED.format(91000101), headers={**api.key, "X-Request-Id": "other-business"})
    await api.app.state.request_log.flush()
    as_json = await asyncio.to_thread(
        subprocess.run, [*CLI, "requests", "tail", "--json", "--limit", "2", "--business-id", str(BUSINESS)],
        env=tail_env(api), capture_output=True, text=True, timeout=120)
    assert as_json.returncode == 0, as_json.stderr
    entries = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [(e["requestId"], e["status"]) for e in entries] == [("r1", 200), ("r2", 200)]
    assert entries == list(reversed((await requests_log(api, businessId=BUSINESS, limit=2))["requests"]))
    text = await asyncio.to_thread(subprocess.run, [*CLI, "requests", "tail"], env=tail_env(api),
                                   capture_output=True, text=True, timeout=120)
    lines = text.stdout.splitlines()
    assert len(lines) == 4 and lines[0].split() == [
        "2026-06-15T12:00:00.000+03:00", "200", "GET", f"/campaigns/{FBS}/feedback/updates", FEED_OP, "demo", "r0"]
    assert lines[-1].split()[-1] == "other-business"


async def test_tail_follow_prints_new_entries_until_interrupted(api):
    await api.client.get(FEED.format(FBS), headers={**api.key, "X-Request-Id": "before"})
    await api.app.state.request_log.flush()
    process = await asyncio.create_subprocess_exec(
        *CLI, "requests", "tail", "--follow", "--json", env=tail_env(api),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        assert process.stdout is not None
        first = json.loads(await asyncio.wait_for(process.stdout.readline(), 60))
        assert first["requestId"] == "before"
        await api.client.get(FEED.format(FBY), headers={**api.key, "X-Request-Id": "after"})
        # Written by this app's writer within half a second, seen by the poll within another.
        followed = json.loads(await asyncio.wait_for(process.stdout.readline(), 30))
        assert (followed["requestId"], followed["campaignId"]) == ("after", FBY)
        process.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(process.wait(), 30) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
