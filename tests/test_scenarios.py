"""Scenario files (`market-api load FILE.yaml`, POST /admin/scenarios): the shipped examples load and the API
answers with their data, a second load changes nothing, and a bad scenario names every problem and loads
nothing."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import zipfile
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from sqlalchemy import select

from market_api.control.scenarios import ScenarioErrors, read_document, read_scenario, schema_text, shipped_schema_text
from market_api.demo.seed import seed_demo
from market_api.platform.clock import AdjustableClock
from market_api.platform.database import Base
from tests.conftest import start_api
from tests.contract import check, check_error
from tests.server import CLI, cli_env

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "scenarios"
FBY_KEY = {"Api-Key": "ACMA:FbyThreeWarehousesScenarioKey00000000001:82d2b52b"}
FBY_OAUTH = {"Authorization": "Bearer y0_severny-veter-scenario-oauth-token"}
FBY_BUSINESS, FBY_STORE = 70000001, 71000001
QUALITY_KEY = {"Api-Key": "ACMA:QualityDropScenarioKey000000000000000001:917336f1"}
QUALITY_BUSINESS, QUALITY_STORE = 70000002, 71000002
# What a scenario writes: their rows must be the same after a second load of the same file.
TABLES = ("businesses", "campaigns", "api_keys", "oauth_users", "oauth_user_businesses", "oauth_user_campaigns",
          "categories", "warehouses", "offers", "offer_placements", "stocks", "paid_opinion_programs",
          "feedback_reviews", "feedback_comments", "feedback_feed_counters", "quality_orders", "quality_supplies",
          "quality_ratings")


def example(name: str) -> dict:
    """A shipped example as the JSON body of POST /admin/scenarios."""
    return read_document((EXAMPLES / name).read_text(encoding="utf-8"))


async def contents(api) -> dict[str, list[tuple]]:
    """Every row of the tables a scenario writes, in key order."""
    found = {}
    async with api.app.state.runtime.sessions() as session:
        for name in TABLES:
            table = Base.metadata.tables[name]
            rows = await session.execute(select(table).order_by(*table.primary_key.columns))
            found[name] = [tuple(row) for row in rows]
    return found


async def post_scenario(api, document: object):
    return await api.client.post("/admin/scenarios", json=document, headers=api.admin_headers)


async def stock_rows(api, campaign_id: int, key: dict) -> list[dict]:
    """The rows of the store's stock report (JSON format), once its build is done."""
    response = await api.client.post("/v2/reports/stocks-on-warehouses/generate", params={"format": "JSON"},
                                      json={"campaignId": campaign_id}, headers=key)
    report_id = check(response, "generateStocksOnWarehousesReport")["result"]["reportId"]
    await api.app.state.runner.wait_idle()
    info = check(await api.client.get(f"/v2/reports/info/{report_id}", headers=key), "getReportInfo")["result"]
    assert info["status"] == "DONE", info
    link = urlsplit(info["file"])
    archive = zipfile.ZipFile(io.BytesIO((await api.client.get(f"{link.path}?{link.query}")).content))
    (name,) = archive.namelist()
    return json.loads(archive.read(name))


async def fby_answers(api) -> dict[str, dict]:
    """What a client of the FBY example reads: its stores, warehouses and feed."""
    answers = {
        "campaigns": await api.client.get("/v2/campaigns", headers=FBY_KEY),
        "warehouses": await api.client.get("/v2/warehouses", params={"campaignId": FBY_STORE}, headers=FBY_KEY),
        "feed": await api.client.get(f"/campaigns/{FBY_STORE}/feedback/updates", params={"limit": 1},
                                     headers=FBY_KEY),
        "oauth": await api.client.get("/v2/campaigns", headers=FBY_OAUTH),
    }
    assert all(r.status_code == 200 for r in answers.values()), {k: r.text for k, r in answers.items()}
    return {name: response.json() for name, response in answers.items()}


async def test_the_fby_example_loads_and_the_api_answers_with_its_data(api):
    loaded = await api.admin("POST", "/scenarios", example("fby-three-warehouses.yaml"))
    assert loaded["clock"] == "2026-03-02T10:00:00+03:00"
    assert {k: v for k, v in loaded["loaded"].items() if v} == {
        "businesses": 1, "campaigns": 1, "apiKeys": 1, "oauthUsers": 1, "categories": 4, "warehouses": 3,
        "offers": 3, "placements": 3, "stocks": 6, "reviews": 2, "comments": 2}
    assert (await api.admin("GET", "/clock"))["now"] == "2026-03-02T10:00:00+03:00"

    answers = await fby_answers(api)
    (store,) = answers["campaigns"]["campaigns"]
    assert (store["id"], store["placementType"], store["business"]["id"]) == (FBY_STORE, "FBY", FBY_BUSINESS)
    assert answers["oauth"]["campaigns"] == answers["campaigns"]["campaigns"]
    warehouses = answers["warehouses"]["result"]["warehouses"]
    assert [(w["id"], w["name"]) for w in warehouses] == [(147, "Ростов-на-Дону"), (171, "Томилино"), (172, "Софьино")]
    assert warehouses[0]["address"]["city"] == "Аксай"
    (first,) = answers["feed"]["result"]["feedbackList"]
    assert first["id"] == 72000001 and first["author"]["region"]["id"] == 213
    assert [f["value"] for f in first["grades"]["factors"]] == [5, 5]
    following = await api.client.get(f"/campaigns/{FBY_STORE}/feedback/updates", headers=FBY_KEY, params={
        "limit": 1, "page_token": answers["feed"]["result"]["paging"]["nextPageToken"]})
    (second,) = following.json()["result"]["feedbackList"]
    (answer,) = second["comments"]
    assert (second["id"], answer["id"], answer["author"]) == (72000002, 73000001, {
        "type": "SHOP", "name": "Северный ветер — склады Маркета"})
    assert [(c["id"], c["parentId"], c["body"]) for c in answer["children"]] == [(73000002, 73000001,
                                                                                "Спасибо, написал.")]

    rows = await stock_rows(api, FBY_STORE, FBY_KEY)  # the day before the clock's today: 1 March
    assert [(r["warehouse"], r["shopSku"], r["availableForOrder"]) for r in rows] == [
        ("Ростов-на-Дону", "SV-BUDS-02", 3), ("Ростов-на-Дону", "SV-MAX-01", 9), ("Томилино", "SV-BUDS-01", 114),
        ("Томилино", "SV-MAX-01", 28), ("Софьино", "SV-BUDS-01", 80), ("Софьино", "SV-BUDS-02", 60)]
    assert rows[1]["productName"] == "Наушники Северный ветер Max, полноразмерные"
    assert rows[3]["defect"] == 1 and rows[5]["sellingStatus"] == "Продаётся"

    stored = await contents(api)
    assert await api.admin("POST", "/scenarios", example("fby-three-warehouses.yaml")) == loaded
    assert await contents(api) == stored
    assert await fby_answers(api) == answers  # the same feed positions, so the same page tokens


async def test_the_quality_example_falls_below_80_over_a_week(api):
    loaded = await api.admin("POST", "/scenarios", example("quality-drop.yaml"))
    assert loaded["loaded"]["orders"] == 63 and loaded["ratingsWritten"] == 18

    async def ratings() -> dict[str, int]:
        response = await api.client.post(f"/v2/businesses/{QUALITY_BUSINESS}/ratings/quality",
                                         json={"campaignIds": [QUALITY_STORE]}, headers=QUALITY_KEY)
        (store,) = check(response, "getQualityRatings")["result"]["campaignRatings"]
        return {r["calculationDate"]: r["rating"] for r in store["ratings"]}

    found = await ratings()
    assert min(found) == "2026-02-13" and max(found) == "2026-03-02"  # the clock's last 30 days
    assert {day: found[day] for day in sorted(found)[-8:]} == {
        "2026-02-23": 100, "2026-02-24": 100, "2026-02-25": 100, "2026-02-26": 95, "2026-02-27": 90,
        "2026-02-28": 86, "2026-03-01": 76, "2026-03-02": 69}
    details = await api.client.post(f"/v2/campaigns/{QUALITY_STORE}/ratings/quality/details", headers=QUALITY_KEY)
    affected = check(details, "getQualityRatingDetails")["result"]["affectedOrders"]
    assert {(a["orderId"], a["componentType"]) for a in affected} == {
        (5260301001, "FBS_LATE_SHIP_RATE"), (5260301002, "FBS_LATE_SHIP_RATE"),
        (5260228001, "FBS_LATE_SHIP_RATE"), (5260228002, "FBS_LATE_SHIP_RATE"),
        (5260227001, "FBS_LATE_SHIP_RATE"), (5260226001, "FBS_LATE_SHIP_RATE"),
        (5260225001, "FBS_LATE_SHIP_RATE"), (5260227003, "FBS_CANCELLATION_RATE")}

    stored = await contents(api)
    assert await api.admin("POST", "/scenarios", example("quality-drop.yaml")) == loaded
    assert await contents(api) == stored
    assert await ratings() == found


async def test_a_changed_review_moves_to_the_end_of_the_feed_and_an_unchanged_one_stays(api):
    async def feed() -> list[dict]:
        response = await api.client.get(f"/campaigns/{FBY_STORE}/feedback/updates", headers=FBY_KEY)
        return response.json()["result"]["feedbackList"]

    scenario = example("fby-three-warehouses.yaml")
    await api.admin("POST", "/scenarios", scenario)
    assert [r["id"] for r in await feed()] == [72000001, 72000002]
    scenario["reviews"][0]["text"] = "Дополню: через месяц всё ещё работают."
    await api.admin("POST", "/scenarios", scenario)
    assert [(r["id"], r["text"][:7]) for r in await feed()] == [(72000002, "Коробка"), (72000001, "Дополню")]
    scenario["reviews"][1]["comments"][0]["children"] = []  # the buyer's reply is gone from the thread
    await api.admin("POST", "/scenarios", scenario)
    reviews = await feed()
    assert [r["id"] for r in reviews] == [72000001, 72000002]
    assert [c["id"] for c in reviews[1]["comments"]] == [73000001] and "children" not in reviews[1]["comments"][0]


async def test_a_scenario_with_bad_values_names_each_with_its_place_and_changes_nothing(api):
    before = await contents(api)
    scenario = example("fby-three-warehouses.yaml")
    scenario["clock"] = "2026-03-02T10:00:00"
    scenario["campaigns"][0]["placement"] = "FBX"
    scenario["businesses"][0]["subscripton"] = "none"
    scenario["apiKeys"][0]["token"] = scenario["apiKeys"][0]["token"][:-1] + "c"
    scenario["apiKeys"][0]["scopes"] = ["everything"]
    scenario["stocks"][2]["day"] = "2026-02-30"
    scenario["reviews"][1]["comments"][0]["children"][0]["author"] = "ME"
    scenario["orders"] = [{"campaignId": FBY_STORE, "orderNumber": 1}]
    response = await post_scenario(api, scenario)
    assert [e["message"] for e in check_error(response, 400)["errors"]] == [
        "clock: Input should have timezone info",
        "businesses[0].subscripton: Extra inputs are not permitted",
        "campaigns[0].placement: Input should be 'FBY', 'FBS', 'EXPRESS', 'DBS' or 'LAAS'",
        "apiKeys[0].token: Api-Key token format invalid: its last 8 characters must be 82d2b52b, the CRC-32 of "
        "the rest",
        "apiKeys[0].scopes: Unknown scopes: everything; known: all-methods, all-methods:read-only, communication, "
        "finance-and-accounting, inventory-and-order-processing, inventory-and-order-processing:read-only, "
        "offers-and-cards-management, offers-and-cards-management:read-only, pricing, pricing:read-only, "
        "promotion, promotion:read-only, settings-management, supplies-management:read-only",
        "stocks[2].day: must match the pattern: 'YYYY-MM-DD'",
        "reviews[1].comments[0].children[0].author: Input should be 'USER' or 'SHOP'",
        "orders[0].orderNumber: Input should be a valid string",
        "orders[0].createdAt: Field required",
        "orders[0].scheduledDate: Field required",
    ]
    assert await contents(api) == before


async def test_a_scenario_whose_references_miss_names_each_and_changes_nothing(api):
    await api.admin("POST", "/scenarios", example("fby-three-warehouses.yaml"))
    before = await contents(api)
    scenario = example("fby-three-warehouses.yaml")
    scenario["businesses"].append({"id": FBY_BUSINESS, "name": "Ещё раз"})
    scenario["campaigns"] += [{"id": 71000009, "businessId": 5, "name": "Чужой", "placement": "FBS"},
                              {"id": 91000001, "businessId": FBY_BUSINESS, "name": "Демо", "placement": "DBS"}]
    scenario["stocks"] += [
        {"campaignId": FBY_STORE, "warehouseId": 999, "shopSku": "SV-BUDS-01", "day": "2026-03-01"},
        {"campaignId": FBY_STORE, "warehouseId": 171, "shopSku": "NO-SUCH", "day": "2026-03-02"}]
    scenario["reviews"][0]["campaignId"] = 71000777
    scenario["supplies"] = [{"campaignId": 91000001, "supplyNumber": "S-1", "plannedDate": "2026-03-01",
                             "itemsPlanned": 10}]
    scenario["oauthUsers"][0]["campaignIds"] = [71000777]
    response = await post_scenario(api, scenario)
    assert [e["message"] for e in check_error(response, 400)["errors"]] == [
        "businesses[1].id: Business 70000001 is given already at businesses[0]",
        "campaigns[1].businessId: Business not found: '5'",
        "campaigns[2].businessId: Campaign 91000001 is stored in business 90000001; a campaign cannot move to "
        "another business",
        "campaigns[2].placement: Campaign 91000001 is stored with placement FBS; a campaign's placement cannot "
        "change",
        "oauthUsers[0].campaignIds[0]: Campaign not found: '71000777'",
        "stocks[6].warehouseId: Warehouse not found: '999'",
        "stocks[7].shopSku: Offer not found in business 70000001: 'NO-SUCH'",
        "reviews[0].campaignId: Campaign not found: '71000777'",
        "reviews[0].id: Review 72000001 is stored in campaign 71000001",
        "supplies[0].campaignId: Supplies belong to FBY stores; campaign 91000001 is DBS",
    ]
    assert await contents(api) == before


async def test_a_scenario_that_fails_while_it_is_written_leaves_nothing_behind(api):
    before = await contents(api)
    key = "ACMA:QualityDropScenarioKey000000000000000001:917336f1"
    scenario = {"businesses": [{"id": 5, "name": "Тридцать один ключ"}],
                "campaigns": [{"id": 6, "businessId": 5, "name": "Магазин", "placement": "DBS"}],
                # One more than a business may hold: found only when the keys are written.
                "apiKeys": [{"businessId": 5, "token": key if n == 0 else _api_key(n), "scopes": ["pricing"]}
                            for n in range(31)]}
    response = await post_scenario(api, scenario)
    check_error(response, 400, "apiKeys[30]: Business 5 already has 30 Api-Key tokens")
    assert await contents(api) == before


def _api_key(n: int) -> str:
    body = f"ACMA:{n:040d}"
    return f"{body}:{zlib.crc32(body.encode()):08x}"


async def test_ids_a_scenario_gives_are_not_handed_out_again(api):
    scenario = {"clock": "2026-03-02T10:00:00+03:00",
                "businesses": [{"id": 1, "name": "Первый"}],
                "campaigns": [{"id": 1, "businessId": 1, "name": "Первый магазин", "placement": "DBS"}],
                "reviews": [{"id": 1, "campaignId": 1, "grade": 4, "comments": [{"id": 1, "author": "USER",
                                                                                  "body": "Всё хорошо"}]}]}
    await api.admin("POST", "/scenarios", scenario)
    business = await api.admin("POST", "/businesses", {"name": "Следующий"}, status=201)
    campaign = await api.admin("POST", "/campaigns", {"businessId": 1, "name": "Ещё один", "placement": "FBS"},
                               status=201)
    review = await api.admin("POST", "/campaigns/1/reviews", {"grade": 5}, status=201)
    comment = await api.admin("POST", "/reviews/1/comments", {"author": "SHOP", "body": "Спасибо"}, status=201)
    assert 1 not in (business["id"], campaign["id"], review["id"], comment["id"])


async def test_a_document_that_is_not_a_scenario_is_refused(api):
    check_error(await post_scenario(api, ["businesses"]), 400)
    check_error(await post_scenario(api, {"businesses": {"id": 1}}), 400,
                "businesses: Input should be a valid list")
    check_error(await post_scenario(api, {"reviews": [{"id": 9, "campaignId": 1, "grade": 5}]}), 400,
                "scenario: a review without createdAt takes the scenario's clock: give the clock, or each "
                "review's createdAt")
    check_error(await post_scenario(api, {"clock": "2099-01-01T00:00:00+00:00"}), 400,
                "clock: must be from 2000-01-01T00:00:00Z up to 2099-01-01T00:00:00Z")


@pytest.mark.parametrize(("text", "message"), [
    ('{"reviews": [{"id": 9, "campaignId": 1, "grade": 5, "text": "a\\u0000b"}]}',
     "scenario: Value of reviews[0].text must not contain the NUL character"),
    ('{"reviews": ' + "[" * 100 + "]" * 100 + "}", "scenario: JSON: nested more than 64 levels deep"),
])
def test_a_scenario_file_with_what_no_database_stores_is_refused_as_a_whole(text, message):
    # The CLI reads files the HTTP edge never sees: a NUL would reach PostgreSQL, which cannot store it.
    with pytest.raises(ScenarioErrors) as refused:
        read_scenario(text)
    assert refused.value.errors == [message]


async def test_a_load_through_one_process_reaches_another(settings):
    """The other process moves its clock and drops what it cached: an Api-Key it found unknown before the
    load works at once, and its feed shows the scenario's reviews."""
    shared = settings.model_copy(update={"control_refresh_seconds": 0})
    first, first_client, first_life = await start_api(shared, AdjustableClock())
    second, second_client, second_life = await start_api(shared, AdjustableClock())
    try:
        async with first.state.runtime.sessions() as session:
            demo = await seed_demo(session, first.state.runtime.clock, reviews_per_store=0, catalog=False)
            await session.commit()
        admin = {"Authorization": f"Bearer {demo.admin_token}"}
        check_error(await second_client.get("/v2/campaigns", headers=FBY_KEY), 401, "Api-Key token is invalid")
        loaded = await first_client.post("/admin/scenarios", json=example("fby-three-warehouses.yaml"), headers=admin)
        assert loaded.status_code == 200, loaded.text
        clock = (await second_client.get("/admin/clock", headers=admin)).json()["result"]
        assert clock["now"].startswith("2026-03-02T10:0") and clock["real"] is False
        feed = await second_client.get(f"/campaigns/{FBY_STORE}/feedback/updates", headers=FBY_KEY)
        assert [r["id"] for r in check(feed, "getFeedbackAndCommentUpdates")["result"]["feedbackList"]] == [
            72000001, 72000002]
    finally:
        for client, lifespan in ((first_client, first_life), (second_client, second_life)):
            await client.aclose()
            await lifespan.__aexit__(None, None, None)


# ------------------------------------------------------------------------------------------ schema, CLI


def test_the_shipped_schema_is_the_one_the_models_make_and_describes_the_examples():
    assert shipped_schema_text() == schema_text(), (
        "regenerate: python -c 'from market_api.control.scenarios import schema_text; "
        "open(\"src/market_api/control/scenario.schema.json\", \"w\").write(schema_text())'")
    schema = json.loads(shipped_schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(EXAMPLES.glob("*.yaml")):
        assert not list(validator.iter_errors(read_document(path.read_text(encoding="utf-8")))), path.name
    assert list(validator.iter_errors({"campaigns": [{"id": 1, "businessId": 1, "name": "x", "placement": "FBX"}]}))


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env=cli_env(data_dir), capture_output=True, text=True, timeout=300)


def sqlite_contents(data_dir: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(data_dir / "market-api.db") as connection:
        return {name: connection.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall() for name in TABLES}


def test_the_cli_loads_a_file_twice_to_the_same_state_and_refuses_a_bad_one(tmp_path):
    assert run_cli(tmp_path, "migrate").returncode == 0
    path = str(EXAMPLES / "quality-drop.yaml")
    first = run_cli(tmp_path, "load", path, "--json")
    assert first.returncode == 0, first.stderr
    loaded = json.loads(first.stdout)
    assert loaded["loaded"]["orders"] == 63 and loaded["clock"] == "2026-03-02T10:00:00+03:00"
    stored = sqlite_contents(tmp_path)
    assert json.loads(run_cli(tmp_path, "load", path, "--json").stdout) == loaded
    assert sqlite_contents(tmp_path) == stored
    shown = json.loads(run_cli(tmp_path, "clock", "show", "--json").stdout)
    assert shown["now"].startswith("2026-03-02T10:0") and shown["real"] is False
    keys = json.loads(run_cli(tmp_path, "keys", "list", "--json").stdout)
    assert [(k["businessId"], k["name"], k["tokenHint"]) for k in keys] == [(70000002, "integration-tests", "…36f1")]
    human = run_cli(tmp_path, "load", path)
    assert human.stdout.startswith("loaded quality-drop.yaml: 1 businesses, 1 campaigns, 1 apiKeys")

    bad = tmp_path / "bad.yaml"
    bad.write_text((EXAMPLES / "quality-drop.yaml").read_text(encoding="utf-8").replace(
        "placement: FBS", "placement: FBX").replace('"2026-02-20"', '"20.02.2026"'), encoding="utf-8")
    refused = run_cli(tmp_path, "load", str(bad))
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.splitlines() == [
        "campaigns[0].placement: Input should be 'FBY', 'FBS', 'EXPRESS', 'DBS' or 'LAAS'",
        "orders[33].scheduledDate: must match the pattern: 'YYYY-MM-DD'",
        "orders[34].scheduledDate: must match the pattern: 'YYYY-MM-DD'",
        "orders[35].scheduledDate: must match the pattern: 'YYYY-MM-DD'",
        "4 problem(s) in bad.yaml; nothing was loaded"]
    as_json = run_cli(tmp_path, "load", str(bad), "--json")
    assert json.loads(as_json.stdout)["errors"][0].startswith("campaigns[0].placement: ")
    bad.write_text("businesses:\n  - {id: 1, name: [\n", encoding="utf-8")
    not_yaml = run_cli(tmp_path, "load", str(bad))
    assert not_yaml.returncode == 2 and not_yaml.stderr.startswith("line 3, column 1: ")
    assert sqlite_contents(tmp_path) == stored


def test_load_schema_prints_the_json_schema(tmp_path):
    result = run_cli(tmp_path, "load", "--schema")
    assert result.returncode == 0
    assert result.stdout == shipped_schema_text()
    jsonschema.Draft202012Validator.check_schema(json.loads(result.stdout))
    missing = run_cli(tmp_path, "load")
    assert missing.returncode == 2 and "give the scenario FILE to load" in missing.stderr

