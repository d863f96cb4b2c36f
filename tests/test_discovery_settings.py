"""getCampaignSettings and getBusinessSettings: every field from the store's and the cabinet's settings,
set through the admin API."""

from __future__ import annotations

import pytest

from tests.contract import check_error

DBS = 91000003


def forms(path: str) -> list[str]:
    return [path, f"{path}.json", f"/v2{path}", f"/v2{path}.json"]


@pytest.mark.parametrize("path", forms(f"/campaigns/{DBS}/settings"))
async def test_campaign_settings_of_the_demo_store(api, path):
    response = await api.client.get(path, headers=api.key)
    assert response.status_code == 200, response.text
    settings = response.json()["settings"]
    assert settings["shopName"] == "ТехноМир — своя доставка"
    assert settings["countryRegion"] == 225
    local = settings["localRegion"]
    assert (local["id"], local["name"], local["type"], local["deliveryOptionsSource"]) == (213, "Москва", "CITY", "WEB")
    schedule = local["delivery"]["schedule"]
    assert schedule["weeklyHolidays"] == [6, 7]
    # The test clock's day is Monday 15 June 2026: the first days off are that week's weekend.
    assert schedule["period"] == {"fromDate": "15-06-2026", "toDate": "14-07-2026"}
    assert schedule["totalHolidays"][:2] == ["20-06-2026", "21-06-2026"]
    if path.startswith("/v2/"):
        assert settings["taxation"] == {"vat": "VAT_22"}
    else:
        assert "taxation" not in settings


async def test_campaign_settings_set_through_the_admin_api(api):
    changed = await api.admin("PATCH", f"/campaigns/{DBS}", {
        "localRegionId": 2, "deliverySource": "YML", "availableOnHolidays": True, "weeklyHolidays": [7],
        "customHolidays": ["2026-06-16"], "customWorkingDays": ["2026-06-21"], "vat": "NO_VAT",
        "showInPremium": True})
    assert changed["localRegionId"] == 2 and changed["customHolidays"] == ["2026-06-16"]
    settings = (await api.client.get(f"/v2/campaigns/{DBS}/settings", headers=api.key)).json()["settings"]
    local = settings["localRegion"]
    assert (local["name"], local["deliveryOptionsSource"]) == ("Санкт-Петербург", "YML")
    schedule = local["delivery"]["schedule"]
    assert schedule["customHolidays"] == ["16-06-2026"] and schedule["customWorkingDays"] == ["21-06-2026"]
    assert schedule["totalHolidays"][:2] == ["16-06-2026", "28-06-2026"]  # Sunday 21st is a working day
    assert schedule["availableOnHolidays"] is True
    assert settings["taxation"] == {"vat": "NO_VAT"} and settings["showInPremium"] is True


async def test_a_new_store_takes_the_defaults_and_bad_settings_are_refused(api):
    created = await api.admin("POST", "/campaigns", {"businessId": api.demo.business_id, "name": "Новый",
                                                     "placement": "FBS"})
    assert (created["countryRegionId"], created["localRegionId"], created["weeklyHolidays"]) == (225, 213, [])
    settings = (await api.client.get(f"/v2/campaigns/{created['id']}/settings", headers=api.key)).json()["settings"]
    assert settings["taxation"] == {} and settings["localRegion"]["delivery"]["schedule"]["totalHolidays"] == []
    response = await api.client.patch(f"/admin/campaigns/{DBS}", json={"localRegionId": 999999999},
                                      headers=api.admin_headers)
    assert response.status_code == 400
    response = await api.client.patch(f"/admin/campaigns/{DBS}", json={"weeklyHolidays": [8]},
                                      headers=api.admin_headers)
    assert response.status_code in (400, 422)


async def test_campaign_settings_refusals(api):
    check_error(await api.client.get("/v2/campaigns/99999999/settings", headers=api.key), 404,
                "Campaign not found: '99999999'")
    check_error(await api.client.get("/v2/campaigns/92000001/settings", headers=api.key), 403, "Access denied")


@pytest.mark.parametrize("path", forms("/businesses/90000001/settings"))
async def test_business_settings(api, path):
    response = await api.client.post(path, headers=api.key)
    assert response.status_code == 200, response.text
    result = response.json()["result"]
    assert result["info"] == {"id": 90000001, "name": "ТехноМир"}
    assert result["settings"] == {"onlyDefaultPrice": False, "currency": "RUR"}
    assert result.get("subscriptionLevel") == ("NONE" if path.startswith("/v2/") else None)


async def test_business_settings_set_through_the_admin_api(api):
    await api.admin("PATCH", "/businesses/90000001", {"currency": "KZT", "onlyDefaultPrice": True,
                                                       "subscription": "medium"})
    result = (await api.client.post("/v2/businesses/90000001/settings", headers=api.key)).json()["result"]
    assert result["settings"] == {"onlyDefaultPrice": True, "currency": "KZT"}
    assert result["subscriptionLevel"] == "MEDIUM"
    response = await api.client.patch("/admin/businesses/90000001", json={"currency": "XXX"},
                                      headers=api.admin_headers)
    assert response.status_code == 400


async def test_business_settings_refusals(api):
    check_error(await api.client.post("/v2/businesses/90000002/settings", headers=api.key), 403, "Access denied")
    one = await api.admin("POST", "/oauth-users", {"login": "one", "campaignIds": [DBS]})
    headers = {"Authorization": f"Bearer {one['token']}"}
    check_error(await api.client.post("/v2/businesses/90000001/settings", headers=headers), 403, "Access denied")
    assert (await api.client.get(f"/v2/campaigns/{DBS}/settings", headers=headers)).status_code == 200
