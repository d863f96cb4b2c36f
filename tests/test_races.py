"""Check-then-insert races: every uniqueness and cap rule of the admin API holds under concurrent calls.

Each test fires its requests at once (asyncio tasks against the app, each request on its own database
connection, so the checks and inserts of different requests interleave as they would across processes;
the last test across two real `market-api serve` processes on one database), on SQLite and on
PostgreSQL. A rule must hold in the database (constraint or lock): exactly as many
succeed as the rule allows, the others answer 4xx in the error envelope, none a 5xx.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import func, select

from market_api.accounts import service as accounts
from market_api.accounts.models import AdminToken, ApiKey
from market_api.control.faults import MAX_RULES
from market_api.control.models import FaultRule
from market_api.feedback.models import Comment, Review
from market_api.platform.errors import ApiError
from tests.conftest import seed_demo_into
from tests.server import Server, running_server

N = 50
BUSINESS = 90000001
FEED_OP = "getFeedbackAndCommentUpdates"


async def burst(api, method: str, path: str, bodies: list[object]) -> list[httpx.Response]:
    """All the requests at once (one per body), their answers in order."""
    return list(await asyncio.gather(*(
        api.client.request(method, f"/admin{path}", json=body, headers=api.admin_headers) for body in bodies)))


def statuses(responses: list[httpx.Response]) -> Counter[int]:
    """How many answers had each status; every error answer is in the envelope, and none is a 5xx."""
    for response in responses:
        assert response.status_code < 500, response.text
        if response.status_code >= 400:
            body = response.json()
            assert body["status"] == "ERROR" and body["errors"], response.text
            assert {"code", "message"} <= set(body["errors"][0]), response.text
    return Counter(r.status_code for r in responses)


def conflicts(responses: list[httpx.Response]) -> list[str]:
    """The messages of the 409 answers."""
    return [r.json()["errors"][0]["message"] for r in responses if r.status_code == 409]


async def test_the_api_key_cap_holds_under_concurrent_creation(api):
    business = await api.admin("POST", "/businesses", {"name": "keys"})
    body = {"businessId": business["id"], "scopes": ["all-methods"]}
    responses = await burst(api, "POST", "/api-keys", [body] * N)
    assert statuses(responses) == {201: accounts.MAX_API_KEYS_PER_BUSINESS, 400: N - accounts.MAX_API_KEYS_PER_BUSINESS}
    refused = {r.json()["errors"][0]["message"] for r in responses if r.status_code == 400}
    assert refused == {f"Business {business['id']} already has 30 Api-Key tokens"}
    listed = await api.admin("GET", f"/api-keys?businessId={business['id']}")
    assert len([k for k in listed if not k["revoked"]]) == accounts.MAX_API_KEYS_PER_BUSINESS


async def test_the_api_key_cap_counts_keys_revoked_meanwhile(api):
    """A revocation racing the creations frees a place: never more than the cap live at once."""
    business = await api.admin("POST", "/businesses", {"name": "keys"})
    body = {"businessId": business["id"], "scopes": ["all-methods"]}
    first = [await api.admin("POST", "/api-keys", body) for _ in range(accounts.MAX_API_KEYS_PER_BUSINESS)]
    revokes = [api.client.post(f"/admin/api-keys/{k['id']}/revoke", headers=api.admin_headers) for k in first[:5]]
    creates = [api.client.post("/admin/api-keys", json=body, headers=api.admin_headers) for _ in range(N)]
    responses = await asyncio.gather(*revokes, *creates)
    counted = statuses(list(responses))
    assert counted[201] <= 5 and counted[500] == 0
    async with api.app.state.runtime.sessions() as session:
        live = await session.scalar(select(func.count()).select_from(ApiKey).where(
            ApiKey.business_id == business["id"], ApiKey.revoked.is_(False)))
    assert live == accounts.MAX_API_KEYS_PER_BUSINESS - 5 + counted[201] <= accounts.MAX_API_KEYS_PER_BUSINESS


async def test_one_oauth_login_created_at_once_is_one_user(api):
    body = {"login": "racer", "businessIds": [BUSINESS]}
    responses = await burst(api, "POST", "/oauth-users", [body] * N)
    assert statuses(responses) == {201: 1, 409: N - 1}
    assert set(conflicts(responses)) == {"OAuth user 'racer' already exists"}
    assert [u["login"] for u in await api.admin("GET", "/oauth-users")].count("racer") == 1


async def test_one_business_id_created_at_once_is_one_business(api):
    bodies = [{"id": 777, "name": f"b{i}"} for i in range(N)]
    responses = await burst(api, "POST", "/businesses", bodies)
    assert statuses(responses) == {201: 1, 409: N - 1}
    assert set(conflicts(responses)) == {"Business 777 already exists"}
    winner = next(r.json()["result"] for r in responses if r.status_code == 201)
    assert [b for b in await api.admin("GET", "/businesses") if b["id"] == 777] == [winner]


async def test_one_campaign_id_created_at_once_is_one_store(api):
    bodies = [{"id": 555, "businessId": BUSINESS, "name": f"c{i}", "placement": "FBS"} for i in range(N)]
    responses = await burst(api, "POST", "/campaigns", bodies)
    assert statuses(responses) == {201: 1, 409: N - 1}
    assert set(conflicts(responses)) == {"Campaign 555 already exists"}
    assert [c["id"] for c in await api.admin("GET", f"/campaigns?businessId={BUSINESS}")].count(555) == 1


async def test_ids_given_and_ids_made_mix(api):
    """Businesses and stores with given ids and without, created at once: every one gets an id of its own
    (an id is made under the table's creation lock, from the ids stored then, so it never hits a given one)."""
    given = [{"id": i, "name": f"given {i}"} for i in range(1, 21)]
    made = [{"name": f"made {i}"} for i in range(30)]
    responses = await burst(api, "POST", "/businesses", given + made)
    assert statuses(responses) == {201: 50}
    ids = [r.json()["result"]["id"] for r in responses]
    assert len(set(ids)) == 50 and ids[:20] == list(range(1, 21))
    stores = [{"id": i, "businessId": BUSINESS, "name": f"s{i}", "placement": "FBS"} for i in range(1, 11)]
    stores += [{"businessId": BUSINESS, "name": f"m{i}", "placement": "DBS"} for i in range(20)]
    responses = await burst(api, "POST", "/campaigns", stores)
    assert statuses(responses) == {201: 30}
    assert len({r.json()["result"]["id"] for r in responses}) == 30


async def test_the_fault_rule_cap_holds_under_concurrent_adds(api):
    room = 10
    async with api.app.state.runtime.sessions() as session:
        now = datetime.now(UTC)
        session.add_all([FaultRule(
            id=f"{i:024x}", operation_id=FEED_OP, latency_ms=0, draws=0, applied=0, created_at=now,
        ) for i in range(MAX_RULES - room)])
        await session.commit()
    responses = await burst(api, "POST", "/faults", [{"operationId": FEED_OP, "latencyMs": 0}] * N)
    assert statuses(responses) == {201: room, 409: N - room}
    assert len((await api.admin("GET", "/faults"))["faults"]) == MAX_RULES


async def _each_in_own_session(api, work) -> list[object]:
    """`work(session)` N times at once, each in its own session, committed; the exceptions are returned."""
    async def one():
        async with api.app.state.runtime.sessions() as session:
            result = await work(session)
            await session.commit()
            return result
    return list(await asyncio.gather(*(one() for _ in range(N)), return_exceptions=True))


async def test_one_admin_token_added_at_once_is_one_token(api):
    """Several processes starting with the same MARKET_API_ADMIN_TOKEN add it at once."""
    results = await _each_in_own_session(api, lambda s: accounts.add_admin_token(s, api.clock, "racing-token"))
    assert [r for r in results if r is not None] == []
    async with api.app.state.runtime.sessions() as session:
        assert await accounts.is_admin_token(session, "racing-token")
        assert await session.scalar(select(func.count()).select_from(AdminToken)) == 2  # the demo's and this


async def test_one_admin_token_revoked_at_once_is_revoked_once(api):
    async with api.app.state.runtime.sessions() as session:
        await accounts.add_admin_token(session, api.clock, "to-revoke")
        await session.commit()
        token_id = (await accounts.list_admin_tokens(session))[-1].id
    results = await _each_in_own_session(api, lambda s: accounts.revoke_admin_token(s, token_id))
    assert results.count(None) == 1
    errors = [r for r in results if r is not None]
    assert all(isinstance(e, ApiError) and e.status == 404 for e in errors), errors


@pytest.fixture
def two_servers(settings, tmp_path) -> Iterator[tuple[list[Server], str]]:
    """Two `market-api serve` processes on the test's database (demo data set), and the admin token."""
    admin_token = seed_demo_into(settings.effective_database_url, catalog=False).admin_token
    env = {"MARKET_API_DATABASE_URL": settings.effective_database_url, "MARKET_API_ADMIN_TOKEN": admin_token,
           "MARKET_API_REPORT_DIR": str(tmp_path / "reports")}
    if settings.redis_url:
        env["MARKET_API_REDIS_URL"] = settings.redis_url
    with ExitStack() as stack:
        servers = []
        for name in ("first", "second"):
            (tmp_path / name).mkdir()
            servers.append(stack.enter_context(running_server(tmp_path / name, **env)))
        yield servers, admin_token


def test_the_rules_hold_across_two_processes(two_servers):
    servers, admin_token = two_servers
    headers = {"Authorization": f"Bearer {admin_token}"}

    async def burst_over_both(path: str, bodies: list[object]) -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=120, headers=headers,
                                     limits=httpx.Limits(max_connections=2 * N)) as client:
            return list(await asyncio.gather(*(
                client.post(f"{servers[i % 2].base_url}/admin{path}", json=body) for i, body in enumerate(bodies))))

    made = httpx.post(f"{servers[0].base_url}/admin/businesses", json={"name": "keys"}, headers=headers, timeout=30)
    assert made.status_code == 201, made.text
    business_id = made.json()["result"]["id"]
    keys = asyncio.run(burst_over_both("/api-keys", [{"businessId": business_id, "scopes": ["all-methods"]}] * N))
    assert statuses(keys) == {201: accounts.MAX_API_KEYS_PER_BUSINESS, 400: N - accounts.MAX_API_KEYS_PER_BUSINESS}
    users = asyncio.run(burst_over_both("/oauth-users", [{"login": "twice", "businessIds": [BUSINESS]}] * N))
    assert statuses(users) == {201: 1, 409: N - 1}
    businesses = asyncio.run(burst_over_both("/businesses", [{"id": 4242, "name": f"b{i}"} for i in range(N)]))
    assert statuses(businesses) == {201: 1, 409: N - 1}
    stores = asyncio.run(burst_over_both("/campaigns", [
        {"id": 4343, "businessId": BUSINESS, "name": f"s{i}", "placement": "FBS"} for i in range(N)]))
    assert statuses(stores) == {201: 1, 409: N - 1}


# Parallel changes to one review: each takes the review's row first (feedback.service.current_review), so
# they run one after another; none deadlocks (a 5xx), and the counts and the thread come out whole.
PARALLEL = 15
STORE = 91000001


async def _review(api) -> int:
    """A new review in the demo store; its id."""
    return (await api.admin("POST", f"/campaigns/{STORE}/reviews", {"grade": 4, "text": "t"}, status=201))["id"]


async def _stored(api, model, *where):
    async with api.app.state.runtime.sessions() as session:
        return list((await session.scalars(select(model).where(*where))).all())


async def _feed_positions_distinct(api) -> None:
    reviews = await _stored(api, Review, Review.campaign_id == STORE)
    positions = [r.feed_position for r in reviews]
    assert len(positions) == len(set(positions))


async def test_parallel_comments_on_one_review(api):
    review_id = await _review(api)
    bodies = [{"author": "SHOP", "body": f"c{i}"} for i in range(PARALLEL)]
    assert statuses(await burst(api, "POST", f"/reviews/{review_id}/comments", bodies)) == {201: PARALLEL}
    comments = await _stored(api, Comment, Comment.review_id == review_id)
    assert sorted(c.body for c in comments) == sorted(b["body"] for b in bodies)
    await _feed_positions_distinct(api)


async def test_parallel_replies_on_one_comment(api):
    review_id = await _review(api)
    parent = await api.admin("POST", f"/reviews/{review_id}/comments", {"author": "USER", "body": "q"}, status=201)
    bodies = [{"author": "SHOP", "body": f"r{i}", "parentId": parent["id"]} for i in range(PARALLEL)]
    assert statuses(await burst(api, "POST", f"/reviews/{review_id}/comments", bodies)) == {201: PARALLEL}
    replies = await _stored(api, Comment, Comment.parent_id == parent["id"])
    assert len(replies) == PARALLEL and {c.review_id for c in replies} == {review_id}


async def test_parallel_resolved_toggles(api):
    review_id = await _review(api)
    bodies = [{"resolved": i % 2 == 0} for i in range(PARALLEL)]
    assert statuses(await burst(api, "PUT", f"/reviews/{review_id}/resolved", bodies)) == {200: PARALLEL}
    await _feed_positions_distinct(api)


async def test_parallel_votes_all_count(api):
    review_id = await _review(api)
    bodies = [{"agree": 1, "reject": 1} for _ in range(PARALLEL)]
    assert statuses(await burst(api, "POST", f"/reviews/{review_id}/votes", bodies)) == {200: PARALLEL}
    [review] = await _stored(api, Review, Review.id == review_id)
    assert (review.agree_count, review.reject_count) == (PARALLEL, PARALLEL)


async def test_parallel_edits_one_wins(api):
    review_id = await _review(api)
    bodies = [{"grade": 1 + i % 5, "text": f"e{i}"} for i in range(PARALLEL)]
    responses = await burst(api, "PUT", f"/reviews/{review_id}", bodies)
    assert statuses(responses) == {200: 1, 409: PARALLEL - 1}
    last = await _stored(api, Review, Review.campaign_id == STORE, Review.state == "LAST")
    assert [r.previous_id for r in last] == [review_id]


async def test_parallel_comment_edits_and_removals(api):
    review_id = await _review(api)
    comment = await api.admin("POST", f"/reviews/{review_id}/comments", {"author": "USER", "body": "x"}, status=201)
    edits = [api.client.put(f"/admin/comments/{comment['id']}", json={"body": f"b{i}"}, headers=api.admin_headers)
             for i in range(PARALLEL)]
    removals = [api.client.delete(f"/admin/comments/{comment['id']}", headers=api.admin_headers) for _ in range(5)]
    counted = statuses(list(await asyncio.gather(*edits, *removals)))
    assert set(counted) <= {200, 404} and counted[200] >= 1
    [stored] = await _stored(api, Comment, Comment.id == comment["id"])
    assert stored.removed


async def test_comments_racing_an_edit(api):
    """Comments written while the review is edited: each lands on the version current when it runs (the
    edit carries it over to the new version) or is refused as written to a PREVIOUS one; none is lost."""
    review_id = await _review(api)
    comments = [api.client.post(f"/admin/reviews/{review_id}/comments", json={"author": "SHOP", "body": f"c{i}"},
                                headers=api.admin_headers) for i in range(PARALLEL)]
    edits = [api.client.put(f"/admin/reviews/{review_id}", json={"grade": 2}, headers=api.admin_headers)
             for _ in range(5)]
    responses = list(await asyncio.gather(*comments, *edits))
    statuses(responses)
    assert Counter(r.status_code for r in responses[PARALLEL:]) == {200: 1, 409: 4}
    written = sum(r.status_code == 201 for r in responses[:PARALLEL])
    assert written + sum(r.status_code == 409 for r in responses[:PARALLEL]) == PARALLEL
    [last] = await _stored(api, Review, Review.campaign_id == STORE, Review.state == "LAST")
    assert len(await _stored(api, Comment, Comment.review_id == last.id)) == written
    assert await _stored(api, Comment, Comment.review_id == review_id) == []


async def test_the_largest_id_given_leaves_ids_to_make(api):
    """A business and a store given the largest id there is: ids are still made, the lowest free ones, also
    many at once (the id sequence is never moved to an id given)."""
    top = accounts.MAX_ID
    assert (await api.admin("POST", "/businesses", {"name": "ok", "id": top}, status=201))["id"] == top
    made = await burst(api, "POST", "/businesses", [{"name": f"x{i}"} for i in range(10)])
    assert statuses(made) == {201: 10}
    assert sorted(r.json()["result"]["id"] for r in made) == list(range(1, 11))
    store = {"businessId": BUSINESS, "placement": "FBS"}
    assert (await api.admin("POST", "/campaigns", {**store, "name": "ok", "id": top}, status=201))["id"] == top
    stores = await burst(api, "POST", "/campaigns", [{**store, "name": f"s{i}"} for i in range(10)])
    assert statuses(stores) == {201: 10}
    assert sorted(r.json()["result"]["id"] for r in stores) == list(range(1, 11))
    assert (await api.admin("POST", "/campaigns", {**store, "name": "one more"}, status=201))["id"] == 11


async def test_made_ids_skip_ids_given(api):
    """After the largest id, made ids fill the gaps between ids given, never hitting one."""
    for given in (accounts.MAX_ID, 1, 2, 4):
        await api.admin("POST", "/businesses", {"name": f"g{given}", "id": given}, status=201)
    made = [(await api.admin("POST", "/businesses", {"name": f"m{i}"}, status=201))["id"] for i in range(3)]
    assert made == [3, 5, 6]


@pytest.mark.parametrize(("path", "body", "field"), [
    (f"/campaigns/{STORE}", {"placement": "FBY"}, "placement"),
    (f"/campaigns/{STORE}", {"businessId": 90000002, "name": "moved"}, "businessId"),
    (f"/campaigns/{STORE}", {"id": 5}, "id"),
    (f"/businesses/{BUSINESS}", {"id": 5, "name": "renamed"}, "id"),
    (f"/businesses/{BUSINESS}", {"nmae": "typo"}, "nmae"),
])
async def test_a_patch_refuses_fields_it_cannot_change(api, path, body, field):
    """PATCH answers 400 for a field it cannot change (or does not know) instead of ignoring it: nothing
    else in the body is applied either."""
    listing = f"/campaigns?businessId={BUSINESS}" if path.startswith("/campaigns") else "/businesses"
    before = await api.admin("GET", listing)
    response = await api.client.patch(f"/admin{path}", json=body, headers=api.admin_headers)
    assert statuses([response]) == {400: 1}
    assert response.json()["errors"][0]["message"] == f"Invalid value of {field}: Extra inputs are not permitted"
    assert await api.admin("GET", listing) == before
