"""POST /admin/reset and `market-api reset`: the data back to the demo set or to empty, without a restart."""

from __future__ import annotations

import json
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, or_, select

from market_api.demo.seed import DEMO_BUSINESS_ID, seed_demo
from market_api.feedback.models import Review
from tests.conftest import Api, api_with, start_api
from tests.contract import check
from tests.server import CLI, cli_env

STORE = 91000001
STORES = [91000001, 91000002, 91000003, 91000004]
FEED = f"/campaigns/{STORE}/feedback/updates"


@pytest.fixture
async def walker(settings, clock) -> AsyncIterator[Api]:
    """The test's app with the demo accounts, rate limits off (a walk over a demo store's feed takes more
    requests than an hour's limit) and the shared state read on every request."""
    async with api_with(settings, clock, rate_limits="off", control_refresh_seconds=0) as made:
        yield made


async def reset(api, to: str) -> dict:
    response = await api.client.post("/admin/reset", json={"to": to}, headers=api.admin_headers)
    assert response.status_code == 200, response.text
    return response.json()["result"]


async def walk(client, key: dict, store: int = STORE) -> list[dict]:
    """Every page of a store's feed, first to last (20 reviews a page)."""
    pages, token = [], None
    while True:
        response = await client.get(f"/campaigns/{store}/feedback/updates", headers=key,
                                    params={"page_token": token} if token else {})
        result = check(response, "getFeedbackAndCommentUpdates")["result"]
        assert response.status_code == 200, result
        pages.append(result)
        token = result["paging"].get("nextPageToken")
        if token is None:
            return pages


async def answers(api) -> dict:
    """What a client of the demo set sees: a store's whole feed, the stores list and the quality index."""
    stores = await api.client.get("/v2/campaigns", headers=api.key)
    quality = await api.client.post(f"/v2/businesses/{DEMO_BUSINESS_ID}/ratings/quality", headers=api.key,
                                    json={"campaignIds": STORES})
    return {"feed": await walk(api.client, api.key), "stores": check(stores, "getCampaigns"),
            "quality": check(quality, "getQualityRatings")}


async def post_reviews(api, count: int, text: str) -> None:
    for n in range(count):
        await api.admin("POST", f"/campaigns/{STORE}/reviews", {"grade": 2, "text": f"{text} {n}"}, status=201)


async def test_reset_to_demo_answers_as_a_freshly_seeded_demo(walker):
    api = walker
    await post_reviews(api, 3, "До сброса")
    before = await walk(api.client, api.key)  # pages rendered and kept by this process
    done = await reset(api, "demo")
    assert done["to"] == "demo" and isinstance(done["generation"], int) and done["seconds"] >= 0
    after = await answers(api)
    assert after["feed"] != before and len(after["feed"]) > 50  # the demo feed's pages
    assert {s["id"] for s in after["stores"]["campaigns"]} == set(STORES)
    rated = {r["campaignId"]: r["ratings"] for r in after["quality"]["result"]["campaignRatings"]}
    assert rated[91000004] == [] and all(rated[store] for store in STORES[:3])  # the new EXPRESS store: none yet

    again = await reset(api, "demo")  # from the day's demo template this time
    assert again["generation"] > done["generation"]
    assert await answers(api) == after
    async with api.app.state.runtime.sessions() as session:  # every review rendered again, as when seeded
        assert await session.scalar(select(func.count()).select_from(Review).where(
            or_(Review.rendered.is_(None), Review.rendered_position != Review.feed_position))) == 0

    await reset(api, "empty")
    async with api.app.state.runtime.sessions() as session:  # what `market-api seed --demo` does
        await seed_demo(session, api.clock)
        await session.commit()
    assert await answers(api) == after
    assert (await api.admin("GET", "/businesses"))  # the admin token works throughout


async def test_a_damaged_demo_template_is_seeded_anew(walker):
    api = walker
    await reset(api, "demo")
    expected = await answers(api)
    (template,) = (Path(api.settings.data_dir) / "templates").glob("demo-*.snapshot.gz")
    template.write_bytes(template.read_bytes()[: template.stat().st_size // 2])
    await reset(api, "demo")
    assert await answers(api) == expected
    assert template.stat().st_size > 100_000  # made again, whole


async def test_another_process_drops_the_pages_it_kept(walker, clock):
    api = walker
    _other_app, other, lifespan = await start_api(api.settings, clock)
    try:
        await post_reviews(api, 25, "Старый отзыв")
        old = await walk(other, api.key)
        assert old[0]["feedbackList"][0]["text"] == "Старый отзыв 0"
        await reset(api, "demo")
        assert await walk(other, api.key) == await walk(api.client, api.key) != old
    finally:
        await other.aclose()
        await lifespan.__aexit__(None, None, None)


async def test_reset_to_empty_leaves_no_business_and_keeps_the_admin_token(api):
    await reset(api, "empty")
    assert await api.admin("GET", "/businesses") == []
    assert (await api.client.get(FEED, headers=api.key)).status_code == 401  # the demo key went with the data
    async with api.app.state.runtime.sessions() as session:
        assert (await session.scalars(select(Review.id))).all() == []
    created = await api.admin("POST", "/businesses", {"name": "Новый кабинет"}, status=201)
    assert created["name"] == "Новый кабинет"


async def test_reset_clears_fault_rules_the_request_log_the_clock_and_limit_counters(api):
    first = await api.client.get(FEED, headers=api.key)
    assert first.headers["X-RateLimit-Resource-Remaining"] == "99"
    assert (await api.client.get(FEED, headers=api.key)).headers["X-RateLimit-Resource-Remaining"] == "98"
    await api.app.state.request_log.flush()
    assert (await api.admin("GET", "/requests"))["requests"]
    await api.admin("POST", "/faults", {"operationId": "getFeedbackAndCommentUpdates", "status": 503}, status=201)
    assert (await api.admin("PUT", "/clock", {"now": "2027-01-10T12:00:00+03:00"}))["real"] is False

    await reset(api, "demo")
    assert (await api.admin("GET", "/faults"))["faults"] == []
    assert (await api.admin("GET", "/requests"))["requests"] == []
    assert (await api.admin("GET", "/clock"))["real"] is True
    response = await api.client.get(FEED, headers=api.key)
    assert response.status_code == 200  # no fault any more
    assert response.headers["X-RateLimit-Resource-Remaining"] == "99"  # a new window


async def test_reset_refuses_what_it_does_not_know(api):
    for body, message in (({"to": "full"}, "Value of to (full)"), ({}, "to"), ({"to": "demo", "seed": -1}, "seed"),
                          ({"to": "demo", "seed": "7"}, "seed")):
        response = await api.client.post("/admin/reset", json=body, headers=api.admin_headers)
        assert response.status_code == 400, body
        error = response.json()
        assert error["status"] == "ERROR" and message in error["errors"][0]["message"], error
    assert (await api.client.post("/admin/reset", json={"to": "empty"})).status_code == 401
    assert await api.admin("GET", "/businesses")  # nothing was reset


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env=cli_env(data_dir), capture_output=True, text=True, timeout=300)


def test_reset_from_the_command_line(tmp_path):
    demo = json.loads(run_cli(tmp_path, "seed", "--demo", "--json").stdout)
    emptied = run_cli(tmp_path, "reset", "--to", "empty", "--json")
    assert emptied.returncode == 0, emptied.stderr
    assert json.loads(emptied.stdout)["to"] == "empty"
    assert json.loads(run_cli(tmp_path, "businesses", "list", "--json").stdout) == []
    assert len(json.loads(run_cli(tmp_path, "admin-tokens", "list", "--json").stdout)) == 1

    seeded = run_cli(tmp_path, "reset", "--to", "demo")
    assert seeded.returncode == 0, seeded.stderr
    assert seeded.stdout.startswith("reset to demo in ")
    assert json.loads(run_cli(tmp_path, "seed", "--demo", "--json").stdout) == demo  # the same demo set

    wrong = run_cli(tmp_path, "reset", "--to", "full")
    assert wrong.returncode == 2 and "Value of to (full) must be one of: 'demo' or 'empty'" in wrong.stderr
