"""getFulfillmentWarehouses, getWarehouses and getPagedWarehouses: Market's warehouses and the cabinet's own,
with the addresses, Express flags, groups and statuses kept in the catalogue."""

from __future__ import annotations

import pytest

from market_api.demo.catalog import ADDRESSES, MARKET_WAREHOUSES
from tests.contract import check_error

MARKET = [147, 171, 172, 300, 301]
OWN = [50001, 50003, 50004]  # the FBS, DBS and Express stores' warehouses; 50005 is the other business's
FBS, FBY, DBS, EXPRESS = 91000001, 91000002, 91000003, 91000004


@pytest.fixture(autouse=True)
async def warehouses(api):
    """The demo set's warehouses, loaded as an import would (the `api` fixture seeds no catalogue)."""
    market = [{"id": i, "name": n, **_address(i)} for i, n in MARKET_WAREHOUSES]
    group = {"groupId": 7001, "groupName": "ТехноМир — Москва"}
    own = [{"id": 50_001, "name": "Склад на Лесной", "campaignId": FBS, **group, "groupMain": True, **_address(FBS)},
           {"id": 50_003, "name": "Склад ДБС", "campaignId": DBS, **group, **_address(DBS)},
           {"id": 50_004, "name": "Экспресс-склад", "campaignId": EXPRESS, **_address(EXPRESS)},  # Express: unsaid
           {"id": 50_005, "name": "Склад Дом и Сад", "campaignId": 92000001, **_address(92000001)}]
    await api.admin("POST", "/catalog/warehouses", market + own)


def _address(key: int) -> dict[str, object]:
    city, street, number, building, block, latitude, longitude = ADDRESSES[key]
    found = {"city": city, "street": street, "number": number, "building": building, "block": block,
             "latitude": latitude, "longitude": longitude}
    return {name: value for name, value in found.items() if value is not None}


def forms(path: str) -> list[str]:
    return [path, f"{path}.json", f"/v2{path}", f"/v2{path}.json"]


async def oauth(api, login: str, campaigns=()) -> dict[str, str]:
    user = await api.admin("POST", "/oauth-users", {"login": login, "businessIds": [], "campaignIds": list(campaigns)})
    return {"Authorization": f"Bearer {user['token']}"}


@pytest.mark.parametrize("path", forms("/warehouses"))
async def test_market_warehouses_at_every_path_form(api, path):
    response = await api.client.get(path, headers=api.key)
    assert response.status_code == 200, response.text
    found = response.json()["result"]["warehouses"]
    assert [w["id"] for w in found] == MARKET
    assert found[1] == {"id": 171, "name": "Томилино", "address": {
        "city": "Томилино", "street": "микрорайон Птицефабрика", "number": "4", "building": "1",
        "gps": {"latitude": 55.6472, "longitude": 37.9331}}}


async def test_campaign_id_keeps_the_warehouses_the_store_has_stock_in(api):
    await api.admin("POST", "/campaigns", {"businessId": api.demo.business_id, "name": "Новый FBY",
                                           "placement": "FBY", "id": 91000009})
    await api.admin("POST", "/catalog/offers", [{"businessId": api.demo.business_id, "shopSku": "W-1",
                                                "name": "Чайник"}])
    await api.admin("POST", "/catalog/stocks", [{"campaignId": 91000009, "warehouseId": 300, "shopSku": "W-1",
                                                "day": "2026-06-14", "valid": 3}])
    found = (await api.client.get("/v2/warehouses", params={"campaignId": 91000009}, headers=api.key)).json()
    assert [w["id"] for w in found["result"]["warehouses"]] == [300]
    fbs = (await api.client.get("/v2/warehouses", params={"campaignId": FBS}, headers=api.key)).json()
    assert fbs["result"]["warehouses"] == []  # an FBS store keeps its stock in its own warehouse


async def test_market_warehouses_for_an_oauth_user_and_refusals(api):
    one = await oauth(api, "one-fby", campaigns=[FBY])
    response = await api.client.get("/v2/warehouses", headers=one)
    assert [w["id"] for w in response.json()["result"]["warehouses"]] == MARKET
    check_error(await api.client.get("/v2/warehouses", params={"campaignId": FBS}, headers=one), 403, "Access denied")
    check_error(await api.client.get("/v2/warehouses", params={"campaignId": 92000001}, headers=api.key), 403,
                "Access denied")
    check_error(await api.client.get("/v2/warehouses", params={"campaignId": 99999999}, headers=api.key), 404,
                "Campaign not found: '99999999'")
    check_error(await api.client.get("/v2/warehouses", params={"campaignId": "x"}, headers=api.key), 400,
                "Value of campaignId (x) must be an integer")
    check_error(await api.client.get("/v2/warehouses"), 401, "Credentials are not specified")


@pytest.mark.parametrize("path", forms("/businesses/90000001/warehouses"))
async def test_own_warehouses_and_groups_at_every_path_form(api, path):
    response = await api.client.get(path, headers=api.key)
    assert response.status_code == 200, response.text
    result = response.json()["result"]
    assert result["warehouses"] == [{
        "id": 50004, "name": "Экспресс-склад", "campaignId": EXPRESS, "express": True,
        "address": {"city": "Санкт-Петербург", "street": "Лиговский проспект", "number": "50", "building": "13",
                    "gps": {"latitude": 59.9214, "longitude": 30.3563}}}]
    [group] = result["warehouseGroups"]
    assert group["name"] == "ТехноМир — Москва"
    assert group["mainWarehouse"]["id"] == 50001
    assert [(w["id"], w["campaignId"], w["express"]) for w in group["warehouses"]] == [(50001, FBS, False),
                                                                                      (50003, DBS, False)]


async def test_an_oauth_user_of_one_store_sees_its_warehouse_only(api):
    one = await oauth(api, "one-dbs", campaigns=[DBS])
    result = (await api.client.get("/v2/businesses/90000001/warehouses", headers=one)).json()["result"]
    [group] = result["warehouseGroups"]
    assert result["warehouses"] == [] and [w["id"] for w in group["warehouses"]] == [50003]
    # Nothing of the other stores shows: the group's main warehouse is the main one among those it sees.
    assert group["mainWarehouse"]["id"] == 50003
    paged = (await api.client.post("/v2/businesses/90000001/warehouses", headers=one)).json()["result"]
    assert [w["id"] for w in paged["warehouses"]] == [50003]
    check_error(await api.client.post("/v2/businesses/90000001/warehouses", json={"campaignIds": [FBS]},
                                      headers=one), 403, "Access denied")
    check_error(await api.client.get("/v2/businesses/90000002/warehouses", headers=one), 403, "Access denied")


@pytest.mark.parametrize("path", ["/v2/businesses/90000001/warehouses", "/businesses/90000001/warehouses.json"])
async def test_paged_warehouses_walk_every_warehouse_once(api, path):
    seen, token = [], None
    for _ in range(5):
        params = {"limit": 2} | ({"page_token": token} if token else {})
        response = await api.client.post(path, params=params, json={"components": ["ADDRESS", "STATUS"]},
                                         headers=api.key)
        assert response.status_code == 200, response.text
        result = response.json()["result"]
        seen += result["warehouses"]
        token = result["paging"].get("nextPageToken")
        if token is None:
            break
    assert [w["id"] for w in seen] == OWN
    assert seen[0]["groupInfo"] == {"name": "ТехноМир — Москва", "id": 7001}
    assert seen[0]["status"] == {"status": "OTHER"} and seen[0]["address"]["city"] == "Москва"
    assert "groupInfo" not in seen[2] and seen[2]["express"] is True


async def test_paged_warehouses_components_and_stores(api):
    await api.admin("POST", "/catalog/warehouses", [{"id": 50003, "name": "Склад ДБС", "campaignId": DBS,
                                                    "city": "Москва", "latitude": 55.6, "longitude": 37.6,
                                                    "disabled": True}])
    bare = (await api.client.post("/v2/businesses/90000001/warehouses", headers=api.key)).json()["result"]
    assert [w["id"] for w in bare["warehouses"]] == OWN and bare["paging"] == {}
    assert "address" not in bare["warehouses"][0] and "status" not in bare["warehouses"][0]
    response = await api.client.post("/v2/businesses/90000001/warehouses", headers=api.key,
                                      json={"campaignIds": [DBS], "components": ["STATUS", "ADDRESS"]})
    [dbs] = response.json()["result"]["warehouses"]
    assert dbs["status"] == {"status": "DISABLED_MANUALLY"} and dbs["express"] is False
    assert dbs["address"] == {"city": "Москва", "gps": {"latitude": 55.6, "longitude": 37.6}}


@pytest.mark.parametrize(("query", "body", "message"), [
    ({"limit": 31}, None, "Value of limit (31) must be less than or equal to 30"),
    ({"limit": 0}, None, "Value of limit (0) must be greater than or equal to 1"),
    ({"limit": "2.5"}, None, "Value of limit (2.5) must be an integer"),
    ({"pageToken": "forged"}, None, "Invalid page_token: it was not issued for this request"),
    ({}, {"components": ["PHOTO"]}, "Value of components[0] (PHOTO) must be one of: 'ADDRESS' or 'STATUS'"),
    ({}, {"campaignIds": []}, "Collection of campaignIds must not be empty"),
])
async def test_bad_paged_requests_are_400(api, query, body, message):
    response = await api.client.post("/v2/businesses/90000001/warehouses", params=query, json=body, headers=api.key)
    check_error(response, 400, message)


async def test_foreign_business_and_bad_business_id(api):
    for method in ("GET", "POST"):
        check_error(await api.client.request(method, "/v2/businesses/90000002/warehouses", headers=api.key), 403,
                    "Access denied")
    check_error(await api.client.get("/businesses/0/warehouses", headers=api.key), 400,
                "Value of businessId (0) must be greater than or equal to 1")
    check_error(await api.client.post("/v2/businesses/90000001/warehouses", json={"campaignIds": [92000001]},
                                      headers=api.key), 403, "Access denied")


async def test_a_token_of_another_business_is_refused(api):
    signer = await api.app.state.runtime.signer("page-tokens")
    token = signer.dumps({"op": "getPagedWarehouses", "b": 90000002, "a": 1})
    check_error(await api.client.post("/v2/businesses/90000001/warehouses", params={"pageToken": token},
                                      headers=api.key), 400, "Invalid page_token: it was not issued for this request")


async def test_import_checks_the_new_fields(api):
    response = await api.client.post("/admin/catalog/warehouses", headers=api.admin_headers, json=[
        {"id": 50_006, "name": "Без имени группы", "campaignId": FBS, "groupId": 7002},
        {"id": 50_007, "name": "Маркет", "express": True},
        {"id": 50_008, "name": "Север", "city": "Москва", "latitude": 91, "longitude": 37.6}])
    assert response.status_code == 400, response.text
    assert "groupId and groupName go together" in response.text and "latitude" in response.text


async def test_a_405_at_the_shared_path_lists_both_methods(api):
    response = await api.client.request("OPTIONS", "/v2/businesses/90000001/warehouses", headers=api.key)
    assert response.status_code == 405 and response.headers["Allow"] == "GET, POST"
