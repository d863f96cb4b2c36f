"""Parameters as real clients send them (issue: clients written for the real API work unchanged):
empty values, strict integers, messages in JSON words and of bounded length, and credentials of one
kind never taken for the other."""

from __future__ import annotations

import pytest

from tests.contract import check_error

STORE = 91000001
FEED = f"/campaigns/{STORE}/feedback/updates"
GOODS = "/reports/goods-feedback/generate"


@pytest.mark.parametrize("params", [{"page_token": ""}, {"from_date": ""}, {"limit": ""},
                                    {"page_token": "", "limit": "", "from_date": ""}])
async def test_an_empty_value_is_the_parameter_left_out(api, params):
    response = await api.client.get(FEED, params=params, headers=api.key)
    assert response.status_code == 200, response.text
    assert response.json()["result"] == {"paging": {}, "feedbackList": []}


@pytest.mark.parametrize(("value", "shown"), [("5.0", "5.0"), ("true", "true"), ("5_000", "5_000"), (" 5", " 5"),
                                              ("0x10", "0x10")])
async def test_an_integer_parameter_takes_digits_only(api, value, shown):
    response = await api.client.get(FEED, params={"limit": value}, headers=api.key)
    check_error(response, 400, f"Value of limit ({shown}) must be an integer")


async def test_a_path_integer_takes_digits_only(api):
    response = await api.client.get("/campaigns/1e3/feedback/updates", headers=api.key)
    check_error(response, 400, "Value of campaignId (1e3) must be an integer")


@pytest.mark.parametrize(("value", "shown"), [(True, "true"), (None, "null"), ("90000001", "90000001"),
                                              (9.0e7, "90000000.0"), ([1], "[1]")])
async def test_an_integer_in_a_body_is_a_json_integer(api, value, shown):
    response = await api.client.post(GOODS, json={"businessId": value}, headers=api.key)
    check_error(response, 400, f"Value of businessId ({shown}) must be an integer")


async def test_long_values_are_cut_in_messages(api):
    value = "x" * 5000
    response = await api.client.get(FEED, params={"from_date": value}, headers=api.key)
    check_error(response, 400, f"Value of from_date ({'x' * 100}…) must match the pattern: 'YYYY-MM-DD'")
    response = await api.client.get(FEED, params={"limit": "9" * 5000}, headers=api.key)
    check_error(response, 400, f"Value of limit ({'9' * 100}…) must be an integer")


async def test_an_api_key_sent_as_oauth_is_an_invalid_oauth_token(api):
    assert (await api.client.get(FEED, headers=api.key)).status_code == 200
    as_bearer = {"Authorization": f"Bearer {api.demo.api_key}"}
    check_error(await api.client.get(FEED, headers=as_bearer), 403, "OAuth token is invalid")
    # And the other way round: the refused OAuth lookup does not shadow the Api-Key.
    assert (await api.client.get(FEED, headers=api.key)).status_code == 200


async def test_an_oauth_token_sent_as_api_key_is_a_malformed_api_key(api):
    user = await api.admin("POST", "/oauth-users", {"login": "kinds", "businessIds": [api.demo.business_id]})
    bearer = {"Authorization": f"Bearer {user['token']}"}
    assert (await api.client.get(FEED, headers=bearer)).status_code == 200
    response = await api.client.get(FEED, headers={"Api-Key": user["token"]})
    assert response.status_code == 401
    assert (await api.client.get(FEED, headers=bearer)).status_code == 200


async def test_an_object_with_number_keys_is_shown_as_json(api):
    response = await api.client.post("/reports/stocks-on-warehouses/generate",
                                     json={"campaignId": {"1": 2}}, headers=api.key)
    check_error(response, 400, 'Value of campaignId ({"1":2}) must be an integer')


async def test_a_lone_surrogate_in_a_body_is_malformed_json(api):
    body = '{"campaignId": 91000002, "reportDate": "\\udbc5x"}'
    response = await api.client.post("/reports/stocks-on-warehouses/generate", content=body, headers=api.key)
    data = check_error(response, 400)
    assert data["errors"][0]["message"].startswith("JSON: ")


async def test_a_parameter_given_twice_is_refused(api):
    response = await api.client.get(f"{FEED}?limit=5&limit=6", headers=api.key)
    check_error(response, 400, "Parameter limit must be given once")
    response = await api.client.get("/v2/campaigns?pageToken=a&page_token=b", headers=api.key)
    check_error(response, 400, "Parameter pageToken must be given once")


async def test_digits_are_ascii_digits(api):
    response = await api.client.get(FEED, params={"limit": "１"}, headers=api.key)
    check_error(response, 400, "Value of limit (１) must be an integer")


async def test_store_settings_are_bounded_at_the_admin_api(api):
    response = await api.client.patch("/admin/campaigns/91000001", json={"clientId": 10**20}, headers=api.admin_headers)
    check_error(response, 400, f"Value of clientId ({10**20}) must be less than or equal to {2**63 - 1}")
    response = await api.client.patch("/admin/campaigns/91000001", json={"customHolidays": ["14.06.2026"]},
                                      headers=api.admin_headers)
    check_error(response, 400, "Value of customHolidays[0] (14.06.2026) must match the pattern: 'YYYY-MM-DD'")


async def test_a_bad_query_and_a_bad_optional_body_are_reported_together(api):
    response = await api.client.post("/v2/businesses/90000001/warehouses", params={"limit": "0"},
                                     json={"components": ["X"]}, headers=api.key)
    data = check_error(response, 400)
    messages = [error["message"] for error in data["errors"]]
    assert len(messages) == 2 and messages[0] == "Value of limit (0) must be greater than or equal to 1", messages
    left_out = await api.client.post("/v2/businesses/90000001/warehouses", headers=api.key)
    assert left_out.status_code == 200, left_out.text
