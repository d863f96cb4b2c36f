"""getCampaigns and getCampaign: the stores a token reaches, both paging styles, every path form."""

from __future__ import annotations

import pytest

from tests.contract import check_error

DEMO_STORES = [91000001, 91000002, 91000003, 91000004]
OTHER_STORE = 92000001


def forms(path: str) -> list[str]:
    return [path, f"{path}.json", f"/v2{path}", f"/v2{path}.json"]


async def oauth(api, login: str, businesses=(), campaigns=()) -> dict[str, str]:
    user = await api.admin("POST", "/oauth-users", {"login": login, "businessIds": list(businesses),
                                                    "campaignIds": list(campaigns)})
    return {"Authorization": f"Bearer {user['token']}"}


@pytest.mark.parametrize("path", forms("/campaigns"))
async def test_an_api_key_lists_every_store_of_its_business(api, path):
    response = await api.client.get(path, headers=api.key)
    assert response.status_code == 200, response.text
    data = response.json()
    assert [c["id"] for c in data["campaigns"]] == DEMO_STORES
    assert data["pager"] == {"total": 4, "from": 1, "to": 4, "currentPage": 1, "pagesCount": 1, "pageSize": 100}
    first = data["campaigns"][0]
    assert first["domain"] == "ТехноМир — склад продавца"
    assert first["business"] == {"id": api.demo.business_id, "name": "ТехноМир"}
    assert first["clientId"] == 1000001
    assert [c["placementType"] for c in data["campaigns"]] == ["FBS", "FBY", "DBS", "FBS"]  # Express is FBS
    if path.startswith("/v2/"):
        assert {c["apiAvailability"] for c in data["campaigns"]} == {"AVAILABLE"}
    else:
        assert "apiAvailability" not in first  # the classic contract has no such field


async def test_a_switched_off_store_is_listed_as_disabled_and_refused_by_id(api):
    await api.admin("PATCH", "/campaigns/91000003", {"active": False})
    listed = (await api.client.get("/v2/campaigns", headers=api.key)).json()["campaigns"]
    assert [c["apiAvailability"] for c in listed] == ["AVAILABLE", "AVAILABLE", "MANUALLY_DISABLED", "AVAILABLE"]
    check_error(await api.client.get("/v2/campaigns/91000003", headers=api.key), 403,
                "Access denied for campaign '91000003' because it is not active")


async def test_an_oauth_user_sees_only_what_it_reaches(api):
    one = await oauth(api, "one-store", campaigns=[91000002])
    data = (await api.client.get("/v2/campaigns", headers=one)).json()
    assert [c["id"] for c in data["campaigns"]] == [91000002]
    assert data["pager"]["total"] == 1
    check_error(await api.client.get("/v2/campaigns/91000001", headers=one), 403, "Access denied")
    assert (await api.client.get("/v2/campaigns/91000002", headers=one)).status_code == 200

    both = await oauth(api, "both", businesses=[api.demo.other_business_id], campaigns=[91000004])
    data = (await api.client.get("/campaigns", headers=both)).json()
    assert [c["id"] for c in data["campaigns"]] == [91000004, OTHER_STORE]

    nothing = await oauth(api, "nothing")
    check_error(await api.client.get("/v2/campaigns", headers=nothing), 403, "Access denied")


async def test_page_numbers(api):
    pages = []
    for page in (1, 2, 3):
        response = await api.client.get("/campaigns", params={"page": page, "pageSize": 3}, headers=api.key)
        pages.append(response.json())
    assert [[c["id"] for c in p["campaigns"]] for p in pages] == [DEMO_STORES[:3], DEMO_STORES[3:], []]
    assert pages[1]["pager"] == {"total": 4, "from": 4, "to": 4, "currentPage": 2, "pagesCount": 2, "pageSize": 3}
    assert pages[2]["pager"] == {"total": 4, "currentPage": 3, "pagesCount": 2, "pageSize": 3}


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 100])
@pytest.mark.parametrize("token_name", ["pageToken", "page_token"])
async def test_page_tokens_walk_every_store_once(api, limit, token_name):
    seen, token, calls = [], None, 0
    while True:
        query = {"limit": limit} | ({token_name: token} if token else {})
        response = await api.client.get("/v2/campaigns", params=query, headers=api.key)
        assert response.status_code == 200, response.text
        data = response.json()
        assert "pager" not in data
        seen += [c["id"] for c in data["campaigns"]]
        calls += 1
        token = data["paging"].get("nextPageToken")
        if token is None:
            break
    assert seen == DEMO_STORES
    assert calls == -(-len(DEMO_STORES) // limit)


@pytest.mark.parametrize(("query", "message"), [
    ({"limit": 0}, "Value of limit (0) must be greater than or equal to 1"),
    ({"limit": 101}, "Value of limit (101) must be less than or equal to 100"),
    ({"limit": "x"}, "Value of limit (x) must be an integer"),
    ({"pageSize": 101}, "Value of pageSize (101) must be less than or equal to 100"),
    ({"pageSize": 0}, "Value of pageSize (0) must be greater than or equal to 1"),
    ({"page": 0}, "Value of page (0) must be greater than or equal to 1"),
    ({"page": 10001}, "Value of page (10001) must be less than or equal to 10000"),
    ({"pageToken": "forged"}, "Invalid page_token: it was not issued for this request"),
])
async def test_bad_paging_is_400(api, query, message):
    check_error(await api.client.get("/v2/campaigns", params=query, headers=api.key), 400, message)


async def test_a_feed_token_is_not_a_campaigns_token(api):
    signer = await api.app.state.runtime.signer("page-tokens")
    token = signer.dumps({"c": 91000001, "l": 20, "f": None, "a": 5})
    check_error(await api.client.get("/v2/campaigns", params={"pageToken": token}, headers=api.key), 400)


@pytest.mark.parametrize("path", forms("/campaigns/91000001"))
async def test_get_campaign_at_every_path_form(api, path):
    response = await api.client.get(path, headers=api.key)
    assert response.status_code == 200, response.text
    assert response.json()["campaign"]["id"] == 91000001


async def test_get_campaign_refusals(api):
    check_error(await api.client.get("/v2/campaigns/99999999", headers=api.key), 404,
                "Campaign not found: '99999999'")
    check_error(await api.client.get(f"/v2/campaigns/{OTHER_STORE}", headers=api.key), 403, "Access denied")
    check_error(await api.client.get("/v2/campaigns/0", headers=api.key), 400,
                "Value of campaignId (0) must be greater than or equal to 1")
    check_error(await api.client.get("/v2/campaigns"), 401, "Credentials are not specified")


async def test_a_laas_store_shows_no_placement_on_the_classic_path(api):
    await api.admin("POST", "/campaigns", {"id": 91000009, "businessId": api.demo.business_id,
                                           "name": "ТехноМир LaaS", "placement": "LAAS"})
    classic = (await api.client.get("/campaigns/91000009", headers=api.key)).json()["campaign"]
    v2 = (await api.client.get("/v2/campaigns/91000009", headers=api.key)).json()["campaign"]
    assert "placementType" not in classic and "clientId" not in classic
    assert v2["placementType"] == "LAAS"


async def test_client_id_is_set_through_the_admin_api(api):
    await api.admin("PATCH", "/campaigns/91000001", {"clientId": 555})
    campaign = (await api.client.get("/v2/campaigns/91000001", headers=api.key)).json()["campaign"]
    assert campaign["clientId"] == 555
