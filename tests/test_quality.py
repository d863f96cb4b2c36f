"""POST /businesses/{businessId}/ratings/quality: the index computed from order facts, by hand-computed cases."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tests.contract import check, check_error

FBS, FBY, DBS, EXPRESS = 91000001, 91000002, 91000003, 91000004
BUSINESS = 90000001
QUALITY = f"/v2/businesses/{BUSINESS}/ratings/quality"
TODAY = "2026-06-15"  # the test clock: 2026-06-15 12:00 Moscow time


def orders(campaign: int, count: int, scheduled: str, late: int = 0, cancelled: int = 0, start: int = 0,
           delivered: bool = False) -> list[dict]:
    """`count` orders scheduled on `scheduled`: the first `late` shipped a day late, the next `cancelled`
    cancelled by the seller, the rest shipped on the day."""
    day = date.fromisoformat(scheduled)
    made = []
    for n in range(count):
        on_time = datetime.combine(day, datetime.min.time(), timezone(timedelta(hours=3))) + timedelta(hours=10)
        done = on_time + timedelta(days=1) if n < late else on_time
        order = {"campaignId": campaign, "orderNumber": f"{campaign}-{scheduled}-{start + n}",
                 "createdAt": (on_time - timedelta(days=2)).isoformat(), "scheduledDate": scheduled,
                 "status": "DELIVERED"}
        if late <= n < late + cancelled:
            order.update(status="CANCELLED", cancelledBySeller=True)
        else:
            order["deliveredAt" if delivered else "shippedAt"] = done.isoformat()
        made.append(order)
    return made


async def load(api, kind: str, items: list[dict]) -> dict:
    return await api.admin("POST", f"/quality/{kind}", items)


async def ratings(api, campaign_ids, **dates) -> list[dict]:
    response = await api.client.post(QUALITY, json={"campaignIds": campaign_ids, **dates}, headers=api.key)
    data = check(response, "getQualityRatings")
    assert response.status_code == 200, data
    return data["result"]["campaignRatings"]


async def today_rating(api, campaign: int) -> dict:
    (store,) = await ratings(api, [campaign], dateFrom=TODAY, dateTo=TODAY)
    (rating,) = store["ratings"]
    assert rating["calculationDate"] == TODAY
    return rating


@pytest.mark.parametrize(("late", "expected"), [(3, 96), (4, 94), (14, 81), (15, 79), (49, 41), (50, 39)])
async def test_late_shipment_band_edges(api, late, expected):
    await load(api, "orders", orders(FBS, 100, "2026-06-14", late=late))
    rating = await today_rating(api, FBS)
    assert rating["rating"] == expected
    assert rating["components"] == [{"componentType": "FBS_CANCELLATION_RATE", "value": 0.0},
                                    {"componentType": "FBS_LATE_SHIP_RATE", "value": float(late)}]


@pytest.mark.parametrize(("cancelled", "expected"), [(1, 98), (2, 94), (6, 83), (7, 79), (24, 42), (25, 39)])
async def test_cancellation_band_edges(api, cancelled, expected):
    await load(api, "orders", orders(FBS, 100, "2026-06-14", cancelled=cancelled))
    rating = await today_rating(api, FBS)
    assert rating["rating"] == expected
    assert rating["components"][0] == {"componentType": "FBS_CANCELLATION_RATE", "value": float(cancelled)}


async def test_the_worse_share_decides(api):
    await load(api, "orders", orders(FBS, 100, "2026-06-14", late=3, cancelled=7))
    assert (await today_rating(api, FBS))["rating"] == 79


async def test_fewer_than_50_recent_orders_are_topped_up_with_older_ones(api):
    # 20 on-time orders yesterday; 40 late ones ten days ago, of which 30 fill the count up to 50.
    # Weights: 1 for yesterday, 0.5 ** (9/7) for ten days ago: late share
    # 100 * 30 * 0.41016 / (20 + 30 * 0.41016) = 38.09 %, in the 15-49 % band: 79 - 23.09 / 35 * 39 = 53.
    await load(api, "orders", orders(FBS, 20, "2026-06-14") + orders(FBS, 40, "2026-06-05", late=40))
    rating = await today_rating(api, FBS)
    assert rating["rating"] == 53
    assert rating["components"][1] == {"componentType": "FBS_LATE_SHIP_RATE", "value": 38.09}


async def test_no_index_before_ten_orders_in_30_days(api):
    await load(api, "orders", orders(FBS, 9, "2026-06-14") + orders(FBS, 5, "2026-05-10", start=100))
    (store,) = await ratings(api, [FBS], dateFrom=TODAY, dateTo=TODAY)
    assert store == {"campaignId": FBS, "ratings": []}
    await load(api, "orders", orders(FBS, 1, "2026-05-16", start=200))  # the tenth within 30 days
    assert (await today_rating(api, FBS))["rating"] == 100


async def test_each_model_has_its_components(api):
    await load(api, "orders", orders(DBS, 20, "2026-06-14", late=1, delivered=True)
               + orders(EXPRESS, 20, "2026-06-14") + orders(FBY, 20, "2026-06-14", cancelled=1))
    await load(api, "supplies", [
        {"campaignId": FBY, "supplyNumber": "S-1", "plannedDate": "2026-06-10", "arrivedDate": "2026-06-11",
         "itemsPlanned": 100, "itemsMissing": 3, "itemsRemovedLate": 1},
        {"campaignId": FBY, "supplyNumber": "S-2", "plannedDate": "2026-06-10", "arrivedDate": "2026-06-10",
         "itemsPlanned": 100},
    ])
    dbs, express, fby = await ratings(api, [DBS, EXPRESS, FBY], dateFrom=TODAY, dateTo=TODAY)
    assert [c["componentType"] for c in dbs["ratings"][0]["components"]] == [
        "DBS_CANCELLATION_RATE", "DBS_LATE_DELIVERY_RATE"]
    assert dbs["ratings"][0]["components"][1]["value"] == 5.0
    assert [c["componentType"] for c in express["ratings"][0]["components"]] == [
        "FBS_CANCELLATION_RATE", "FBS_LATE_SHIP_RATE"]
    # FBY: one supply of two late (50 %); 1.5 % of items missing, 0.5 % removed late; 1 order of 20 cancelled.
    assert fby["ratings"][0]["components"] == [
        {"componentType": "FBY_LATE_DELIVERY_RATE", "value": 50.0},
        {"componentType": "FBY_CANCELLATION_RATE", "value": 5.0},
        {"componentType": "FBY_DELIVERY_DIFF_RATE", "value": 1.5},
        {"componentType": "FBY_LATE_EDITING_RATE", "value": 0.5},
    ]
    assert fby["ratings"][0]["rating"] == 39


async def test_late_facts_recompute_only_the_days_they_affect(api):
    api.clock.set(datetime(2026, 6, 20, 9, tzinfo=UTC))
    await load(api, "orders", orders(FBS, 20, "2026-06-10"))
    before = {r["calculationDate"]: r["rating"] for r in (await ratings(api, [FBS]))[0]["ratings"]}
    assert sorted(before) == [f"2026-06-{d}" for d in range(11, 21)] and set(before.values()) == {100}
    loaded = await load(api, "orders", orders(FBS, 5, "2026-06-18", late=5))
    assert loaded["ratingsWritten"] == 2  # the 19th and the 20th
    after = {r["calculationDate"]: r["rating"] for r in (await ratings(api, [FBS]))[0]["ratings"]}
    unchanged = "2026-06-18"
    assert {d: r for d, r in after.items() if d <= unchanged} == {d: r for d, r in before.items() if d <= unchanged}
    assert after["2026-06-19"] < 100 and after["2026-06-20"] < 100


async def test_ratings_come_per_day_oldest_first_in_the_asked_range(api):
    api.clock.set(datetime(2026, 6, 20, 9, tzinfo=UTC))
    await load(api, "orders", orders(FBS, 20, "2026-06-10"))
    (store,) = await ratings(api, [FBS], dateFrom="2026-06-15", dateTo="2026-06-17")
    assert [r["calculationDate"] for r in store["ratings"]] == ["2026-06-15", "2026-06-16", "2026-06-17"]


@pytest.mark.parametrize(("body", "messages"), [
    ({}, ["Missing field: campaignIds"]),
    ({"campaignIds": []}, ["Collection of campaignIds must not be empty"]),
    ({"campaignIds": list(range(1, 52))}, ["Length of campaignIds (51) must be less than or equal to 50"]),
    ({"campaignIds": [FBS, FBS]},
     ["Invalid value of campaignIds: Collection of campaignIds must contain unique items"]),
    ({"campaignIds": [FBS], "dateFrom": "2026-05-15"},
     ["Value of dateFrom (2026-05-15) must be greater than or equal to 2026-05-16"]),
    ({"campaignIds": [FBS], "dateTo": "2026-06-16"},
     ["Value of dateTo (2026-06-16) must be less than or equal to 2026-06-15"]),
    ({"campaignIds": [FBS], "dateFrom": "2026-06-10", "dateTo": "2026-06-09"},
     ["Value of dateFrom (2026-06-10) must be less than or equal to dateTo (2026-06-09)"]),
    ({"campaignIds": [FBS], "dateFrom": "15.06.2026"},
     ["Value of dateFrom (15.06.2026) must match the pattern: 'YYYY-MM-DD'"]),
    ({"campaignIds": [FBS], "dateTo": "9999-12-31"},
     ["Value of dateTo (9999-12-31) must match the pattern: 'YYYY-MM-DD'"]),
    ({"campaignIds": [0]}, ["Value of campaignIds[0] (0) must be greater than or equal to 1"]),
])
async def test_validation(api, body, messages):
    response = await api.client.post(QUALITY, json=body, headers=api.key)
    check(response, "getQualityRatings")
    data = check_error(response, 400)
    assert [e["message"] for e in data["errors"]] == messages


async def test_access(api):
    check_error(await api.client.post(QUALITY, json={"campaignIds": [92000001]}, headers=api.key), 403, "Access denied")
    check_error(await api.client.post(QUALITY, json={"campaignIds": [12345]}, headers=api.key), 404,
                "Campaign not found: '12345'")
    check_error(await api.client.post("/v2/businesses/90000002/ratings/quality", json={"campaignIds": [92000001]},
                                      headers=api.key), 403, "Access denied")
    response = await api.client.post(f"/businesses/{BUSINESS}/ratings/quality", json={"campaignIds": [FBS]},
                                     headers=api.key)
    assert check(response, "getQualityRatings")["result"] == {"campaignRatings": [{"campaignId": FBS, "ratings": []}]}


async def test_the_admin_api_moves_the_clock(api):
    moved = await api.admin("PUT", "/clock", {"now": "2026-07-01T10:00:00+03:00"})
    assert moved == {"now": "2026-07-01T10:00:00+03:00", "real": False}
    response = await api.client.post(QUALITY, json={"campaignIds": [FBS], "dateTo": "2026-07-01"}, headers=api.key)
    assert response.status_code == 200


async def test_a_new_day_is_rated_when_the_clock_enters_it(api):
    from market_api.quality.schedule import DailyRecompute

    await load(api, "orders", orders(FBS, 20, "2026-06-14"))
    api.clock.advance(timedelta(days=1))
    assert [r["calculationDate"] for r in (await ratings(api, [FBS]))[0]["ratings"]] == [TODAY]
    daily = DailyRecompute(api.app.state.runtime)
    await daily.run_once()
    days = [r["calculationDate"] for r in (await ratings(api, [FBS]))[0]["ratings"]]
    assert days == [TODAY, "2026-06-16"]


async def test_one_process_computes_a_day_and_a_dead_ones_claim_is_taken_over(api):
    from sqlalchemy import update

    from market_api.platform.leases import lease_now
    from market_api.quality.models import DailyRun
    from market_api.quality.schedule import claim_day

    day = date(2026, 6, 20)
    async with api.app.state.runtime.sessions() as session:
        assert await claim_day(session, day, "first") == "mine"
        assert await claim_day(session, day, "second") == "busy"
        # The first process died without finishing: its lease is no longer renewed and runs out, and
        # another process takes the day over.
        lapsed = lease_now() - timedelta(seconds=1)
        await session.execute(update(DailyRun).where(DailyRun.day == day).values(lease_until=lapsed))
        await session.commit()
        assert await claim_day(session, day, "second") == "mine"
        assert await claim_day(session, day, "first") == "busy"
        await session.execute(update(DailyRun).where(DailyRun.day == day).values(finished_at=lapsed, lease_until=None))
        await session.commit()
        assert await claim_day(session, day, "third") == "done"


def test_cli_imports_facts_and_recomputes(tmp_path):
    import json

    from tests.test_cli import run_cli

    clock = {"MARKET_API_CLOCK_START": f"{TODAY}T12:00:00+03:00"}  # the CLI's clock, as the test clock
    assert run_cli(tmp_path, "seed", "--demo", "--json", **clock).returncode == 0
    facts = tmp_path / "orders.ndjson"
    yesterday = "2026-06-14"
    facts.write_text("\n".join(json.dumps(o) for o in orders(EXPRESS, 12, yesterday, start=900)) + "\n")
    result = run_cli(tmp_path, "quality", "import", "orders", str(facts), "--json", **clock)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["imported"] == 12
    assert json.loads(result.stdout)["ratingsWritten"] > 0
    bad = tmp_path / "bad.ndjson"
    bad.write_text(json.dumps({"campaignId": 777, "orderNumber": "x", "createdAt": "2026-06-01T10:00:00+03:00",
                               "scheduledDate": "2026-06-02"}) + "\n")
    result = run_cli(tmp_path, "quality", "import", "orders", str(bad), **clock)
    assert result.returncode == 2 and "line 1: Campaign not found: '777'" in result.stderr
    result = run_cli(tmp_path, "quality", "recompute", "--from", yesterday, **clock)
    assert result.returncode == 0 and "daily ratings stored" in result.stderr
    result = run_cli(tmp_path, "quality", "recompute", "--from", "2026-02-30", **clock)
    assert result.returncode == 2
    assert "Value of --from (2026-02-30) must match the pattern: 'YYYY-MM-DD'" in result.stderr
    result = run_cli(tmp_path, "quality", "recompute", "--from", "2026-06-14", "--to", "2026-06-01", **clock)
    assert result.returncode == 2 and "must be less than or equal to --to (2026-06-01)" in result.stderr
    binary = tmp_path / "orders.csv"
    binary.write_bytes(b"campaignId,orderNumber\n\xff\xfe\x00\n")
    result = run_cli(tmp_path, "quality", "import", "orders", str(binary), **clock)
    assert result.returncode == 2 and "line 2: not UTF-8 text (byte 1 of the line cannot be read)" in result.stderr
