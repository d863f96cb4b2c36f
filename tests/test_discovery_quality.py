"""getQualityRatingDetails: the orders the store's index of today counts that lower one of its components."""

from __future__ import annotations

import pytest

from tests.contract import check, check_error
from tests.test_quality import DBS, FBS, FBY, load, orders, today_rating

OTHER_STORE = 92000001


def numbered(made: list[dict], first: int) -> list[dict]:
    """The orders with Market-like numbers (digits), `first` onwards in the order given."""
    return [order | {"orderNumber": str(first + n)} for n, order in enumerate(made)]


async def details(api, campaign: int, path: str | None = None) -> list[dict]:
    response = await api.client.post(path or f"/v2/campaigns/{campaign}/ratings/quality/details", headers=api.key)
    data = check(response, "getQualityRatingDetails")
    assert response.status_code == 200, data
    return data["result"]["affectedOrders"]


def by_component(found: list[dict]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = {}
    for order in found:
        grouped.setdefault(order["componentType"], []).append(order["orderId"])
    return {kind: sorted(ids) for kind, ids in grouped.items()}


@pytest.mark.parametrize("path", ["/campaigns/{}/ratings/quality/details", "/campaigns/{}/ratings/quality/details.json",
                                  "/v2/campaigns/{}/ratings/quality/details",
                                  "/v2/campaigns/{}/ratings/quality/details.json"])
async def test_the_late_and_cancelled_counted_orders(api, path):
    # Yesterday: 100 orders, the first 3 shipped late, the next 2 cancelled by the seller. Two weeks ago:
    # 10 late ones, not counted (a week gave 50 orders or more).
    await load(api, "orders", numbered(orders(FBS, 100, "2026-06-14", late=3, cancelled=2), 1000)
               + numbered(orders(FBS, 10, "2026-06-01", late=10, start=500), 5000))
    found = await details(api, FBS, path.format(FBS))
    assert by_component(found) == {"FBS_LATE_SHIP_RATE": [1000, 1001, 1002],
                                   "FBS_CANCELLATION_RATE": [1003, 1004]}
    assert {o["description"] for o in found if o["componentType"] == "FBS_LATE_SHIP_RATE"} == {
        "Заказ не отгружен в срок: 14.06.2026"}
    # The same orders the index counts: 3 % late, 2 % cancelled, all weighing the same.
    components = (await today_rating(api, FBS))["components"]
    assert components == [{"componentType": "FBS_CANCELLATION_RATE", "value": 2.0},
                          {"componentType": "FBS_LATE_SHIP_RATE", "value": 3.0}]


async def test_older_orders_topping_up_the_count_are_listed_as_far_as_they_are_counted(api):
    # 20 on-time orders yesterday; 40 late ones ten days ago, of which the 30 newest (last loaded) are counted.
    await load(api, "orders", numbered(orders(FBS, 20, "2026-06-14"), 1000)
               + numbered(orders(FBS, 40, "2026-06-05", late=40), 2000))
    assert by_component(await details(api, FBS)) == {"FBS_LATE_SHIP_RATE": list(range(2010, 2040))}
    assert (await today_rating(api, FBS))["components"][1] == {"componentType": "FBS_LATE_SHIP_RATE", "value": 38.09}


async def test_a_dbs_store_and_orders_without_a_numeric_number(api):
    await load(api, "orders", numbered(orders(DBS, 20, "2026-06-13", late=2, cancelled=1, delivered=True), 300)
               + orders(DBS, 2, "2026-06-14", late=2, delivered=True))  # numbered "91000003-2026-06-14-n"
    found = await details(api, DBS)
    assert by_component(found) == {"DBS_LATE_DELIVERY_RATE": [300, 301], "DBS_CANCELLATION_RATE": [302]}
    assert "Заказ не доставлен в срок: 13.06.2026" in {o["description"] for o in found}
    # The index still counts the orders it cannot name: 4 late of 22.
    assert (await today_rating(api, DBS))["components"][1]["value"] > 100 * 2 / 22


async def test_no_orders_without_an_index_nor_for_fby(api):
    await load(api, "orders", numbered(orders(FBS, 9, "2026-06-14", late=9), 1))
    assert await details(api, FBS) == []  # 9 orders: no index yet
    await load(api, "orders", numbered(orders(FBS, 1, "2026-06-13", late=1, start=50), 10))
    assert len(await details(api, FBS)) == 10
    await load(api, "orders", numbered(orders(FBY, 20, "2026-06-14", late=2, cancelled=2), 1))
    assert await details(api, FBY) == []  # its components are not named per order


async def test_access_and_bad_paths(api):
    for path in ("/v2/campaigns/{}/ratings/quality/details", "/campaigns/{}/ratings/quality/details"):
        check_error(await api.client.post(path.format(OTHER_STORE), headers=api.key), 403, "Access denied")
        check_error(await api.client.post(path.format(91999999), headers=api.key), 404,
                    "Campaign not found: '91999999'")
        check_error(await api.client.post(path.format("abc"), headers=api.key), 400,
                    "Value of campaignId (abc) must be an integer")
        check_error(await api.client.post(path.format(0), headers=api.key), 400,
                    "Value of campaignId (0) must be greater than or equal to 1")
    check_error(await api.client.post(f"/v2/campaigns/{FBS}/ratings/quality/details",
                                      headers=await api.new_key("pricing")), 403,
                "Token does not have any of the scopes to access the API method")
