"""Every documented 401 and 403 case, with its message, over HTTP."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import text

from market_api.platform.cache import ExpiringCache
from market_api.platform.errors import ApiError
from tests.contract import check

FEED = "/campaigns/{}/feedback/updates"
OP = "getFeedbackAndCommentUpdates"


def feed(campaign_id: int) -> str:
    return FEED.format(campaign_id)


async def expect(api, headers: dict, status: int, message: str | None, campaign_id: int = 91000001) -> dict:
    response = await api.client.get(feed(campaign_id), headers=headers)
    assert response.status_code == status, response.text
    data = check(response, OP)
    if message is not None:
        assert data["errors"] == [{"code": {401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND"}[status],
                                   "message": message}]
    return data


async def test_the_demo_key_reads_its_own_store(api):
    data = await expect(api, api.key, 200, None)
    assert data["status"] == "OK"


async def test_no_credentials(api):
    await expect(api, {}, 401, "Credentials are not specified")


async def test_unknown_api_key(api):
    from market_api.platform.tokens import new_api_key

    await expect(api, {"Api-Key": new_api_key()}, 401, "Api-Key token is invalid")


async def test_bearer_prefix_inside_api_key(api):
    await expect(api, {"Api-Key": f"Bearer {api.demo.api_key}"}, 401, "Api-Key token prefix invalid")


async def test_api_key_of_wrong_length(api):
    await expect(api, {"Api-Key": api.demo.api_key + "0"}, 401, "Api-Key token length invalid")


async def test_api_key_with_broken_checksum(api):
    broken = api.demo.api_key[:-1] + ("0" if api.demo.api_key[-1] != "0" else "1")
    await expect(api, {"Api-Key": broken}, 401, "Api-Key token format invalid")


async def test_revoked_api_key(api):
    key = await api.admin("POST", "/api-keys", {"businessId": api.demo.business_id, "scopes": ["all-methods"]})
    await expect(api, {"Api-Key": key["token"]}, 200, None)
    await api.admin("POST", f"/api-keys/{key['id']}/revoke")
    await expect(api, {"Api-Key": key["token"]}, 401, "Api-Key token is revoked")


@pytest.mark.parametrize("scope", ["communication", "all-methods:read-only", "all-methods"])
async def test_scopes_listed_for_the_method_grant_it(api, scope):
    await expect(api, await api.new_key(scope), 200, None)


@pytest.mark.parametrize("scope", ["pricing", "offers-and-cards-management", "finance-and-accounting"])
async def test_token_lacking_the_method_scopes(api, scope):
    headers = await api.new_key(scope)
    await expect(api, headers, 403, "Token does not have any of the scopes to access the API method")


async def test_foreign_business_campaign_is_access_denied(api):
    await expect(api, api.key, 403, "Access denied", campaign_id=92000001)


async def test_unknown_campaign_is_not_found(api):
    await expect(api, api.key, 404, "Campaign not found: '12345'", campaign_id=12345)


async def test_inactive_campaign(api):
    await api.admin("PATCH", "/campaigns/91000003", {"active": False})
    await expect(api, api.key, 403, "Access denied for campaign '91000003' because it is not active", 91000003)
    await expect(api, api.key, 200, None, 91000001)


async def test_inactive_business(api):
    await api.admin("PATCH", f"/businesses/{api.demo.business_id}", {"active": False})
    await expect(api, api.key, 403, f"Restrict access for business '{api.demo.business_id}' because it is not active")


async def oauth_user(api, **access) -> dict[str, str]:
    user = await api.admin("POST", "/oauth-users", {"login": "seller", **access})
    return {"Authorization": f"Bearer {user['token']}"}


async def test_oauth_user_reaches_the_businesses_it_was_given(api):
    headers = await oauth_user(api, businessIds=[api.demo.business_id])
    await expect(api, headers, 200, None)
    await expect(api, headers, 403, "Access denied", campaign_id=92000001)


async def test_oauth_user_with_one_store_reaches_only_that_store(api):
    headers = await oauth_user(api, campaignIds=[91000002])
    await expect(api, headers, 200, None, campaign_id=91000002)
    await expect(api, headers, 403, "Access denied", campaign_id=91000001)


async def test_expired_oauth_token_is_invalid(api):
    headers = await oauth_user(api, businessIds=[api.demo.business_id], validDays=365)
    api.clock.advance(timedelta(days=365, seconds=1))
    await expect(api, headers, 403, "OAuth token is invalid")


async def test_unknown_oauth_token(api):
    await expect(api, {"Authorization": "Bearer y0_not-a-real-token"}, 403, "OAuth token is invalid")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Bearer", "OAuth token is not specified"),
        ("Basic dXNlcjpwYXNz", "Unsupported authorization type specified in Authorization header"),
        ("Bearer one two", "Authorization header has invalid syntax"),
        ("", "Authorization header has invalid syntax"),
    ],
)
async def test_malformed_authorization_header(api, header, message):
    await expect(api, {"Authorization": header}, 401, message)


async def test_tokens_are_stored_only_as_hashes(api, caplog):
    caplog.set_level("DEBUG")
    key = await api.admin("POST", "/api-keys", {"businessId": api.demo.business_id, "scopes": ["communication"]})
    user = await api.admin("POST", "/oauth-users", {"login": "hashes", "businessIds": [api.demo.business_id]})
    await expect(api, {"Api-Key": key["token"]}, 200, None)
    await expect(api, {"Authorization": f"Bearer {user['token']}"}, 200, None)
    secrets = [key["token"], user["token"], api.demo.api_key, api.demo.admin_token]
    async with api.app.state.runtime.sessions() as session:
        for table in ("api_keys", "oauth_users", "admin_tokens"):
            rows = (await session.execute(text(f"SELECT * FROM {table}"))).all()
            stored = repr(rows)
            assert rows and not any(secret in stored for secret in secrets)
    assert not any(secret in caplog.text for secret in secrets)
    listed = await api.admin("GET", f"/api-keys?businessId={api.demo.business_id}")
    assert all("token" not in k for k in listed)


async def test_requests_that_miss_the_access_cache_together_share_one_load():
    cache = ExpiringCache(5)
    loads = 0
    release = asyncio.Event()

    async def load() -> str:
        nonlocal loads
        loads += 1
        await release.wait()
        return "principal"

    waiting = [asyncio.create_task(cache.lookup("token", load)) for _ in range(10)]
    await asyncio.sleep(0)  # every lookup is now under way (a yield to the loop, not a wait for time)
    release.set()
    assert await asyncio.gather(*waiting) == ["principal"] * 10
    assert loads == 1


async def test_a_failed_shared_load_fails_its_waiters_and_is_not_remembered():
    cache = ExpiringCache(5)
    release = asyncio.Event()
    loads = 0

    async def broken() -> str:
        nonlocal loads
        loads += 1
        await release.wait()
        raise ApiError(503, "Database is unavailable, try again later")

    waiting = [asyncio.create_task(cache.lookup("token", broken)) for _ in range(3)]
    await asyncio.sleep(0)
    release.set()
    results = await asyncio.gather(*waiting, return_exceptions=True)
    assert [r.status for r in results] == [503, 503, 503] and loads == 1

    async def working() -> str:
        return "principal"

    assert await cache.lookup("token", working) == "principal"


async def test_waiters_load_for_themselves_when_the_loading_request_is_cancelled():
    cache = ExpiringCache(5)
    never = asyncio.Event()

    async def stuck() -> str:
        await never.wait()
        return "stale"

    async def working() -> str:
        return "principal"

    loader = asyncio.create_task(cache.lookup("token", stuck))
    await asyncio.sleep(0)
    waiter = asyncio.create_task(cache.lookup("token", working))
    await asyncio.sleep(0)
    loader.cancel()
    assert await waiter == "principal"
