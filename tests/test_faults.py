"""Fault rules at run time (POST/GET/DELETE /admin/faults, `market-api faults`): what a client sees."""

from __future__ import annotations

import json
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from market_api.control import faults
from market_api.platform.database import make_engine, make_sessionmaker
from tests import test_scale_out as scale_out
from tests.contract import check, check_error
from tests.server import CLI, cli_env, running_server, running_worker, wait_for

BUSINESS, OTHER_BUSINESS = 90000001, 90000002
FBS, FBY, DBS = 91000001, 91000002, 91000003
FEED = "/campaigns/{}/feedback/updates"
OP = "getFeedbackAndCommentUpdates"
STOCKS = "/v2/reports/stocks-on-warehouses/generate"
GOODS = "/v2/reports/goods-feedback/generate"
LIMIT_MESSAGE = "Hit rate limit of 100 requests per hour for resource getFeedbackAndCommentUpdates"


async def add(api, **rule) -> dict:
    response = await api.client.post("/admin/faults", json=rule, headers=api.admin_headers)
    assert response.status_code == 201, response.text
    return response.json()["result"]


async def rules(api) -> list[dict]:
    return (await api.admin("GET", "/faults"))["faults"]


async def feed(api, campaign_id: int = FBS):
    return await api.client.get(FEED.format(campaign_id), headers=api.key)


async def test_a_rule_is_answered_with_its_id_and_every_field(api):
    rule = await add(api, operationId=OP, status=503, count=2, businessId=BUSINESS)
    assert len(rule["id"]) == 24
    assert rule == {
        "id": rule["id"], "operationId": OP, "businessId": BUSINESS, "campaignId": None, "status": 503,
        "latencyMs": None, "report": None, "count": 2, "remaining": 2, "probability": None, "seed": None,
        "expiresAt": None, "applied": 0, "createdAt": "2026-06-15T12:00:00+03:00",
    }
    assert await rules(api) == [rule]


@pytest.mark.parametrize(("status", "code", "message"), [
    (420, "HIT_RATE_LIMIT", LIMIT_MESSAGE),
    (500, "INTERNAL_ERROR", "Internal server error. Please, try again later"),
    (503, "SERVICE_UNAVAILABLE", "Service is temporarily unavailable. Please, try again later"),
])
async def test_each_status_answers_the_next_call_only(api, status, code, message):
    rule = await add(api, operationId=OP, status=status, count=1)
    faulted = await feed(api)
    assert faulted.status_code == status
    assert check(faulted, OP)["errors"] == [{"code": code, "message": message}]
    assert faulted.headers["X-Market-Api-Fault"] == rule["id"]
    if status == 420:  # as the limiter answers: the window's headers, nothing left in it
        assert faulted.headers["X-RateLimit-Resource-Limit"] == "100"
        assert faulted.headers["X-RateLimit-Resource-Remaining"] == "0"
        assert faulted.headers["X-RateLimit-Resource-Until"] == "Mon, 15 Jun 2026 10:00:00 GMT"
    normal = await feed(api)
    assert normal.status_code == 200 and "X-Market-Api-Fault" not in normal.headers
    # The faulted call was not counted against the limit.
    assert normal.headers["X-RateLimit-Resource-Remaining"] == "99"
    assert (await rules(api))[0] | {"remaining": 0, "applied": 1} == (await rules(api))[0]


async def test_latency_delays_the_answer_and_then_answers_normally(api):
    rule = await add(api, operationId=OP, latencyMs=150, count=1)
    started = time.monotonic()
    delayed = await feed(api)
    assert time.monotonic() - started >= 0.15
    assert delayed.status_code == 200 and delayed.headers["X-Market-Api-Fault"] == rule["id"]
    assert "X-Market-Api-Fault" not in (await feed(api)).headers


async def test_latency_and_status_of_one_rule(api):
    await add(api, operationId=OP, latencyMs=100, status=500)
    started = time.monotonic()
    assert (await feed(api)).status_code == 500
    assert time.monotonic() - started >= 0.1


async def test_latency_rules_add_up_and_the_status_rule_after_them_still_answers(api):
    await add(api, operationId="*", latencyMs=60)
    status_rule = await add(api, operationId=OP, status=503, count=1)
    started = time.monotonic()
    faulted = await feed(api)
    assert faulted.status_code == 503 and faulted.headers["X-Market-Api-Fault"] == status_rule["id"]
    assert time.monotonic() - started >= 0.06


async def test_rules_match_by_store_and_by_business(api):
    await add(api, operationId=OP, campaignId=FBY, status=503)
    assert (await feed(api, FBS)).status_code == 200
    assert (await feed(api, FBY)).status_code == 503
    # A call naming several stores matches a rule of any of them.
    await add(api, operationId="getQualityRatings", campaignId=DBS, status=500)
    quality = f"/v2/businesses/{BUSINESS}/ratings/quality"
    assert (await api.client.post(quality, json={"campaignIds": [FBS]}, headers=api.key)).status_code == 200
    assert (await api.client.post(quality, json={"campaignIds": [FBS, DBS]}, headers=api.key)).status_code == 500
    await add(api, operationId="getCampaigns", businessId=OTHER_BUSINESS, status=500)
    assert (await api.client.get("/campaigns", headers=api.key)).status_code == 200
    await add(api, operationId="getCampaigns", businessId=BUSINESS, status=503)
    assert (await api.client.get("/campaigns", headers=api.key)).status_code == 503


async def test_a_star_rule_matches_every_operation(api):
    await add(api, operationId="*", status=500, count=2)
    assert (await feed(api)).status_code == 500
    assert (await api.client.get(f"/campaigns/{FBS}", headers=api.key)).status_code == 500
    assert (await api.client.get(f"/campaigns/{FBS}", headers=api.key)).status_code == 200


async def test_rules_added_by_another_process_apply_when_the_version_changes(api):
    """Another process (here: its own engine) adds a rule; this one loads it when it sees the new version."""
    assert (await feed(api)).status_code == 200
    engine = make_engine(api.settings.effective_database_url)
    try:
        async with make_sessionmaker(engine)() as session:
            asked = faults.FaultRuleIn.model_validate({"operationId": OP, "status": 503})
            await faults.add_rule(session, api.clock, asked)
    finally:
        await engine.dispose()
    await api.app.state.runtime.shared.refresh(force=True)  # what MARKET_API_CONTROL_REFRESH_SECONDS does
    assert (await feed(api)).status_code == 503


async def hits(api, calls: int) -> list[bool]:
    return [(await feed(api)).status_code == 503 for _ in range(calls)]


async def test_probability_with_a_seed_gives_the_same_hits_every_time(api):
    first = await add(api, operationId=OP, status=503, probability=0.5, seed=42)
    run = await hits(api, 30)
    assert 0 < sum(run) < 30
    assert [rule["applied"] for rule in await rules(api)] == [sum(run)]
    await api.admin("DELETE", f"/faults/{first['id']}")
    await add(api, operationId=OP, status=503, probability=0.5, seed=42)
    assert await hits(api, 30) == run
    await api.admin("DELETE", "/faults")
    await add(api, operationId=OP, status=503, probability=0.5, seed=7)
    assert await hits(api, 30) != run


async def test_a_probability_without_a_seed_gets_one_shown(api):
    rule = await add(api, operationId=OP, status=503, probability=1)
    assert isinstance(rule["seed"], int) and 0 <= rule["seed"] < 2**63
    assert (await feed(api)).status_code == 503


async def test_a_rule_stops_at_its_expiry_on_the_service_clock(api):
    rule = await add(api, operationId=OP, status=503, expiresAt="2026-06-15T12:01:00+03:00")
    assert rule["expiresAt"] == "2026-06-15T12:01:00+03:00"
    api.clock.advance(timedelta(seconds=59))
    assert (await feed(api)).status_code == 503
    api.clock.advance(timedelta(seconds=1))
    assert (await feed(api)).status_code == 200


async def test_rules_are_listed_oldest_first_and_deleted_one_or_all(api):
    made = [await add(api, operationId=OP, status=500, count=5),
            await add(api, operationId="getCampaigns", latencyMs=0),
            await add(api, operationId="*", status=503, count=1)]
    assert [rule["id"] for rule in await rules(api)] == [rule["id"] for rule in made]
    assert await api.admin("DELETE", f"/faults/{made[0]['id']}") == {"deleted": [made[0]["id"]]}
    check_error(await api.client.delete(f"/admin/faults/{made[0]['id']}", headers=api.admin_headers), 404,
                f"Fault rule not found: '{made[0]['id']}'")
    check_error(await api.client.delete(f"/admin/faults/{'x' * 300}", headers=api.admin_headers), 404)
    assert [rule["id"] for rule in await rules(api)] == [made[1]["id"], made[2]["id"]]
    assert await api.admin("DELETE", "/faults") == {"deleted": [made[1]["id"], made[2]["id"]]}
    assert await rules(api) == []
    assert (await feed(api)).status_code == 200


async def test_the_admin_token_guards_the_rules(api):
    check_error(await api.client.get("/admin/faults"), 401, "Admin token is not specified")
    response = await api.client.post("/admin/faults", json={"operationId": OP, "status": 500}, headers=api.key)
    check_error(response, 401, "Admin token is not specified")
    assert await rules(api) == []


@pytest.mark.parametrize(("rule", "message"), [
    ({"operationId": "getEverything", "status": 500}, "Value of operationId (getEverything) must be \"*\" or one of: "),
    ({"operationId": "", "status": 500}, "Length of operationId (0) must be greater than or equal to 1"),
    ({"operationId": 5, "status": 500}, "Value of operationId (5) must be a string"),
    ({"status": 500}, "Missing field: operationId"),
    ({"operationId": OP, "status": 404}, "Value of status (404) must be one of: 420, 500 or 503"),
    ({"operationId": OP, "status": "500"}, "Value of status (500) must be one of: 420, 500 or 503"),
    ({"operationId": OP, "latencyMs": 60001}, "Value of latencyMs (60001) must be less than or equal to 60000"),
    ({"operationId": OP, "latencyMs": -1}, "Value of latencyMs (-1) must be greater than or equal to 0"),
    ({"operationId": OP, "latencyMs": 1.5}, "Value of latencyMs (1.5) must be an integer"),
    ({"operationId": OP, "status": 500, "count": 0}, "Value of count (0) must be greater than or equal to 1"),
    ({"operationId": OP, "status": 500, "count": 1000001},
     "Value of count (1000001) must be less than or equal to 1000000"),
    ({"operationId": OP, "status": 500, "count": True}, "Value of count (true) must be an integer"),
    ({"operationId": OP, "status": 500, "probability": 0}, "Value of probability (0) must be greater than 0"),
    ({"operationId": OP, "status": 500, "probability": 1.5},
     "Value of probability (1.5) must be less than or equal to 1"),
    ({"operationId": OP, "status": 500, "probability": 0.5, "seed": -1},
     "Value of seed (-1) must be greater than or equal to 0"),
    ({"operationId": OP, "status": 500, "probability": 0.5, "seed": 2**63},
     "Value of seed (9223372036854775808) must be less than or equal to 9223372036854775807"),
    ({"operationId": OP, "status": 500, "seed": 1}, "seed goes with probability"),
    ({"operationId": OP, "status": 500, "count": 1, "probability": 0.5},
     "A rule has either count or probability, not both"),
    ({"operationId": OP}, "A rule needs status, latencyMs or report"),
    ({"operationId": OP, "status": 500, "businessId": 0}, "Value of businessId (0) must be greater than or equal to 1"),
    ({"operationId": OP, "status": 500, "campaignId": 2**63},
     "Value of campaignId (9223372036854775808) must be less than or equal to 9223372036854775807"),
    ({"operationId": OP, "status": 500, "retries": 1}, "Invalid value of retries: Extra inputs are not permitted"),
    ({"operationId": OP, "report": {"status": "FAILED", "subStatus": "NO_DATA"}},
     "report applies only to operationId generateGoodsFeedbackReport or generateStocksOnWarehousesReport"),
    ({"operationId": "*", "report": {"status": "FAILED", "subStatus": "NO_DATA"}},
     "report applies only to operationId generateGoodsFeedbackReport or generateStocksOnWarehousesReport"),
    ({"operationId": "generateGoodsFeedbackReport", "status": 500,
      "report": {"status": "FAILED", "subStatus": "NO_DATA"}},
     "A rule has either report, or status and/or latencyMs"),
    ({"operationId": "generateGoodsFeedbackReport", "report": {"status": "FAILED"}},
     "A FAILED report outcome takes subStatus (and no forSeconds)"),
    ({"operationId": "generateGoodsFeedbackReport", "report": {"status": "FAILED", "subStatus": "BROKEN"}},
     "Value of report.subStatus (BROKEN) must be one of: 'NO_DATA', 'TOO_LARGE' or 'RESOURCE_NOT_FOUND'"),
    ({"operationId": "generateGoodsFeedbackReport", "report": {"status": "PROCESSING"}},
     "A PROCESSING report outcome takes forSeconds (and no subStatus)"),
    ({"operationId": "generateGoodsFeedbackReport", "report": {"status": "PROCESSING", "forSeconds": 0}},
     "Value of report.forSeconds (0) must be greater than or equal to 1"),
    ({"operationId": "generateGoodsFeedbackReport", "report": {"status": "DONE"}},
     "Value of report.status (DONE) must be one of: 'FAILED' or 'PROCESSING'"),
    ({"operationId": OP, "status": 500, "expiresAt": "2026-07-01T10:00:00"},
     "Value of expiresAt (2026-07-01T10:00:00) must be a date-time with a time zone offset"),
    ({"operationId": OP, "status": 500, "expiresAt": "soon"},
     "Value of expiresAt (soon) must be a date-time in ISO 8601"),
    ({"operationId": OP, "status": 500, "expiresAt": "2200-01-01T00:00:00+00:00"},
     "Value of expiresAt must be from 2000-01-01T00:00:00Z up to 2100-01-01T00:00:00Z"),
    ({"operationId": OP, "status": 500, "expiresAt": "2026-06-15T12:00:00+03:00"},
     "Value of expiresAt (2026-06-15T12:00:00+03:00) must be later than the service clock's now "
     "(2026-06-15T12:00:00+03:00)"),
])
async def test_a_bad_rule_is_refused_and_adds_nothing(api, rule, message):
    response = await api.client.post("/admin/faults", json=rule, headers=api.admin_headers)
    data = check_error(response, 400)
    assert data["errors"][0]["message"].startswith(message), data
    assert await rules(api) == []


async def test_a_body_that_is_not_a_rule_is_refused(api):
    for body in ([], "x", None):
        response = await api.client.post("/admin/faults", json=body, headers=api.admin_headers)
        check_error(response, 400)
    assert await rules(api) == []


# Report outcomes: a store with stock on its own warehouse, so that a report without a fault is DONE.
@pytest.fixture
async def stocked(api):
    await api.admin("POST", "/catalog/categories", [{"id": 1, "name": "Электроника"}])
    await api.admin("POST", "/catalog/warehouses", [{"id": 50001, "name": "Склад на Лесной", "campaignId": FBS}])
    await api.admin("POST", "/catalog/offers", [{"businessId": BUSINESS, "shopSku": "A-1", "name": "Смартфон",
                                                 "categoryId": 1}])
    await api.admin("POST", "/catalog/stocks", [{"campaignId": FBS, "warehouseId": 50001, "shopSku": "A-1",
                                                 "day": "2026-06-15", "valid": 6, "available": 5}])
    return api


async def generate(api, path: str = STOCKS, body: dict | None = None) -> str:
    response = await api.client.post(path, json=body or {"campaignId": FBS}, headers=api.key)
    data = check(response, "generateStocksOnWarehousesReport" if path == STOCKS else "generateGoodsFeedbackReport")
    assert response.status_code == 200, data  # the generate call answers as usual
    return data["result"]["reportId"]


async def info(api, report_id: str) -> dict:
    response = await api.client.get(f"/v2/reports/info/{report_id}", headers=api.key)
    assert response.status_code == 200, response.text
    return check(response, "getReportInfo")["result"]


async def finished(api, report_id: str) -> dict:
    await api.app.state.runner.wait_idle()
    return await info(api, report_id)


@pytest.mark.parametrize("sub_status", ["NO_DATA", "TOO_LARGE", "RESOURCE_NOT_FOUND"])
async def test_a_report_fault_fails_the_next_report_with_its_sub_status(stocked, sub_status):
    api = stocked
    await add(api, operationId="generateStocksOnWarehousesReport", count=1,
              report={"status": "FAILED", "subStatus": sub_status})
    failed = await finished(api, await generate(api))
    assert (failed["status"], failed["subStatus"]) == ("FAILED", sub_status)
    assert "file" not in failed and failed["generationFinishedAt"] == "2026-06-15T12:00:00+03:00"
    api.clock.advance(timedelta(minutes=2))  # the stock report's limit: one per 2 minutes
    done = await finished(api, await generate(api))
    assert done["status"] == "DONE" and "file" in done


async def test_a_report_fault_of_the_goods_feedback_report(stocked):
    api = stocked
    rule = await add(api, operationId="generateGoodsFeedbackReport",
                     report={"status": "FAILED", "subStatus": "TOO_LARGE"})
    response = await api.client.post(GOODS, json={"businessId": BUSINESS}, headers=api.key)
    assert response.status_code == 200 and response.headers["X-Market-Api-Fault"] == rule["id"]
    failed = await finished(api, check(response, "generateGoodsFeedbackReport")["result"]["reportId"])
    assert (failed["status"], failed["subStatus"]) == ("FAILED", "TOO_LARGE")
    # The stock report is not the rule's operation.
    assert (await finished(api, await generate(api)))["status"] == "DONE"


async def test_a_processing_report_fault_holds_the_report_for_its_seconds_then_it_is_built(stocked):
    api = stocked
    await add(api, operationId="generateStocksOnWarehousesReport", count=1,
              report={"status": "PROCESSING", "forSeconds": 600})
    report_id = await generate(api)
    held = await finished(api, report_id)  # no builder takes it
    assert held["status"] == "PROCESSING" and "file" not in held and "subStatus" not in held
    assert held["estimatedGenerationTime"] >= 600_000
    api.clock.advance(timedelta(seconds=599))
    held = await finished(api, report_id)
    assert held["status"] == "PROCESSING" and "file" not in held and held["estimatedGenerationTime"] >= 1000
    api.clock.advance(timedelta(seconds=1))
    assert (await info(api, report_id))["status"] == "PROCESSING"  # now handed to the builders
    done = await finished(api, report_id)
    assert done["status"] == "DONE" and "file" in done
    assert done["generationFinishedAt"] == "2026-06-15T12:10:00+03:00"
    # The rule was used once: the next report is built at once.
    api.clock.advance(timedelta(minutes=2))
    assert (await finished(api, await generate(api)))["status"] == "DONE"


# The command line.
def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env=cli_env(data_dir), capture_output=True, text=True, timeout=300)


def test_faults_from_the_cli(tmp_path):
    assert run_cli(tmp_path, "seed", "--demo", "--json").returncode == 0
    added = run_cli(tmp_path, "faults", "add", "--operation-id", "getReportInfo", "--status", "503", "--count", "2",
                    "--business-id", str(BUSINESS), "--json")
    assert added.returncode == 0, added.stderr
    rule = json.loads(added.stdout)
    assert rule | {"operationId": "getReportInfo", "status": 503, "count": 2, "remaining": 2,
                   "businessId": BUSINESS, "applied": 0} == rule
    report = run_cli(tmp_path, "faults", "add", "--operation-id", "generateStocksOnWarehousesReport",
                     "--report-status", "PROCESSING", "--for-seconds", "30", "--probability", "0.25", "--seed", "9")
    assert report.returncode == 0, report.stderr
    assert report.stdout.startswith("fault rule ") and "report PROCESSING 30" in report.stdout
    listed = json.loads(run_cli(tmp_path, "faults", "list", "--json").stdout)["faults"]
    assert [r["operationId"] for r in listed] == ["getReportInfo", "generateStocksOnWarehousesReport"]
    assert listed[1]["report"] == {"status": "PROCESSING", "forSeconds": 30} and listed[1]["seed"] == 9
    text = run_cli(tmp_path, "faults", "list").stdout
    assert f"{rule['id']}\tgetReportInfo business={BUSINESS}\tstatus 503\t2 of 2 left\tapplied 0" in text
    bad = run_cli(tmp_path, "faults", "add", "--operation-id", "getReportInfo", "--status", "404")
    assert bad.returncode == 2 and "Value of status (404) must be one of: 420, 500 or 503" in bad.stderr
    bad = run_cli(tmp_path, "faults", "add", "--operation-id", "getReportInfo", "--report-status", "FAILED",
                  "--report-sub-status", "NO_DATA")
    assert bad.returncode == 2 and "report applies only to operationId" in bad.stderr
    cleared = run_cli(tmp_path, "faults", "clear", rule["id"], "--json")
    assert json.loads(cleared.stdout) == {"deleted": [rule["id"]]}
    missing = run_cli(tmp_path, "faults", "clear", rule["id"])
    assert missing.returncode == 2 and f"Fault rule not found: '{rule['id']}'" in missing.stderr
    assert run_cli(tmp_path, "faults", "clear").stdout.strip() == "deleted 1 fault rule(s)"
    assert run_cli(tmp_path, "faults", "list").stdout.strip() == "no fault rules"


# Real processes: `serve` with a broker, a `market-api worker`, and the CLI, on PostgreSQL and RabbitMQ.
deployment = scale_out.deployment


def test_report_faults_with_broker_workers_and_rules_from_the_cli(deployment):
    data_dir = deployment.data_dir
    env = deployment.env(MARKET_API_CONTROL_REFRESH_SECONDS="0")

    def cli(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([*CLI, *args], env=cli_env(data_dir, **env), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done

    def report_info(base_url: str, report_id: str) -> dict:
        response = httpx.get(f"{base_url}/v2/reports/info/{report_id}", headers={"Api-Key": deployment.api_key})
        return check(response, "getReportInfo")["result"]

    with running_server(data_dir, **env) as server, running_worker(data_dir, "worker", **env) as worker:
        cli("faults", "add", "--operation-id", "generateGoodsFeedbackReport", "--report-status", "FAILED",
            "--report-sub-status", "RESOURCE_NOT_FOUND", "--count", "1")
        failed_id = scale_out.generate(server.base_url, deployment.api_key)
        wait_for(lambda: report_info(server.base_url, failed_id)["status"] == "FAILED", 60,
                 "the faulted report did not fail", worker.process, worker.log)
        failed = report_info(server.base_url, failed_id)
        assert failed["subStatus"] == "RESOURCE_NOT_FOUND" and "file" not in failed
        assert deployment.files(failed_id) == []

        cli("faults", "add", "--operation-id", "generateGoodsFeedbackReport", "--report-status", "PROCESSING",
            "--for-seconds", "600", "--count", "1")
        held_id = scale_out.generate(server.base_url, deployment.api_key)
        assert report_info(server.base_url, held_id)["status"] == "PROCESSING"
        assert deployment.files(held_id) == []
        # Ten minutes on the shared clock, moved by the CLI: the report is built and finishes.
        cli("clock", "set", (datetime.now(UTC) + timedelta(minutes=11)).isoformat())
        wait_for(lambda: report_info(server.base_url, held_id)["status"] == "DONE", 60,
                 "the held report was not built", worker.process, worker.log)
        assert "file" in report_info(server.base_url, held_id)
        scale_out.assert_built_once(deployment, held_id, attempts=1)
