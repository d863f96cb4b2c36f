"""Rate limits: windows driven by the injected clock, headers on every answer, the parallel limit."""

from __future__ import annotations

from datetime import timedelta

from market_api.access.limits import rule_for
from market_api.demo.seed import seed_demo
from market_api.platform import tokens
from tests.conftest import Api, api_with, flush_test_redis, redis_url, start_api
from tests.contract import check

FEED = "/campaigns/{}/feedback/updates"
OP = "getFeedbackAndCommentUpdates"
LIMIT_MESSAGE = "Hit rate limit of 100 requests per hour for resource getFeedbackAndCommentUpdates"


async def get_feed(api, campaign_id: int = 91000001, client=None, headers=None):
    return await (client or api.client).get(FEED.format(campaign_id), headers=headers or api.key)


async def test_every_answer_carries_the_window(api):
    response = await get_feed(api)
    assert response.status_code == 200
    # The clock stands at 09:00:00 UTC: the hour window ends at 10:00:00.
    assert response.headers["X-RateLimit-Resource-Limit"] == "100"
    assert response.headers["X-RateLimit-Resource-Remaining"] == "99"
    assert response.headers["X-RateLimit-Resource-Until"] == "Mon, 15 Jun 2026 10:00:00 GMT"


async def test_window_runs_out_and_resets_with_the_clock(api):
    for expected_remaining in range(99, -1, -1):
        response = await get_feed(api)
        assert response.status_code == 200
        assert response.headers["X-RateLimit-Resource-Remaining"] == str(expected_remaining)
    api.clock.advance(timedelta(minutes=59, seconds=59))
    response = await get_feed(api)
    assert response.status_code == 420
    assert check(response, OP)["errors"] == [{"code": "HIT_RATE_LIMIT", "message": LIMIT_MESSAGE}]
    assert response.headers["X-RateLimit-Resource-Remaining"] == "0"
    assert response.headers["X-RateLimit-Resource-Until"] == "Mon, 15 Jun 2026 10:00:00 GMT"
    # Counted per campaign: another store of the same business still has its own window.
    assert (await get_feed(api, 91000002)).status_code == 200
    api.clock.advance(timedelta(seconds=1))
    response = await get_feed(api)
    assert response.status_code == 200
    assert response.headers["X-RateLimit-Resource-Remaining"] == "99"
    assert response.headers["X-RateLimit-Resource-Until"] == "Mon, 15 Jun 2026 11:00:00 GMT"


async def test_rate_limits_off_never_answer_420_and_every_answer_shows_the_whole_window(settings, clock):
    """Nothing is refused, so nothing is used up: a client that slows down or waits as Remaining falls never
    waits; a 420 fault rule still gives a client's back-off the headers of a spent window."""
    async with api_with(settings, clock, rate_limits="off") as api:
        for _ in range(150):
            response = await get_feed(api)
            assert response.status_code == 200
            assert response.headers["X-RateLimit-Resource-Limit"] == "100"
            assert response.headers["X-RateLimit-Resource-Remaining"] == "100"
            assert response.headers["X-RateLimit-Resource-Until"] == "Mon, 15 Jun 2026 10:00:00 GMT"
        await api.admin("POST", "/faults", {"operationId": OP, "status": 420, "count": 1}, status=201)
        refused = await get_feed(api)
        assert check(refused, OP)["errors"] == [{"code": "HIT_RATE_LIMIT", "message": LIMIT_MESSAGE}]
        assert refused.headers["X-RateLimit-Resource-Remaining"] == "0"
        assert (await get_feed(api)).headers["X-RateLimit-Resource-Remaining"] == "100"


async def test_third_parallel_request_is_refused(api):
    limiter = api.app.state.runtime.limiter
    token_hash = "api-key:" + tokens.hash_token(api.demo.api_key)
    epoch = api.app.state.runtime.shared.current.limit_epoch(f"b:{api.demo.business_id}")
    async with limiter.parallel_slot(token_hash, 2, epoch), limiter.parallel_slot(token_hash, 2, epoch):
        response = await get_feed(api)
        assert response.status_code == 420
        assert check(response, OP)["errors"] == [
            {"code": "HIT_RATE_LIMIT", "message": "Hit rate limit of 2 parallel requests"}]
        other_token = await api.new_key("all-methods")
        assert (await get_feed(api, headers=other_token)).status_code == 200
    async with limiter.parallel_slot(token_hash, 2):
        assert (await get_feed(api)).status_code == 200
    # Slots are given back after every answer, the refused one included.
    for _ in range(3):
        assert (await get_feed(api)).status_code == 200


async def test_limits_are_shared_by_two_app_instances(settings, clock):
    """Two processes' worth of app, one Redis: the window and the parallel slots are counted once."""
    await flush_test_redis()
    shared = settings.model_copy(update={"redis_url": redis_url()})
    app_a, client_a, lifespan_a = await start_api(shared, clock)
    app_b, client_b, lifespan_b = await start_api(shared, clock)
    async with app_a.state.runtime.sessions() as session:
        demo = await seed_demo(session, clock, reviews_per_store=0, catalog=False)
        await session.commit()
    api = Api(app_a, client_a, clock, demo, shared)
    try:
        for i in range(100):
            response = await get_feed(api, client=api.client if i % 2 else client_b)
            assert response.status_code == 200
            assert response.headers["X-RateLimit-Resource-Remaining"] == str(99 - i)
        assert (await get_feed(api, client=client_b)).status_code == 420
        assert (await get_feed(api)).status_code == 420
        limiter_b = app_b.state.runtime.limiter
        token_hash = "api-key:" + tokens.hash_token(api.demo.api_key)
        epoch = app_b.state.runtime.shared.current.limit_epoch(f"b:{demo.business_id}")
        async with limiter_b.parallel_slot(token_hash, 2, epoch), limiter_b.parallel_slot(token_hash, 2, epoch):
            api.clock.advance(timedelta(hours=1))
            response = await get_feed(api)
            assert check(response, OP)["errors"][0]["message"] == "Hit rate limit of 2 parallel requests"
    finally:
        for client, lifespan in ((client_a, lifespan_a), (client_b, lifespan_b)):
            await client.aclose()
            await lifespan.__aexit__(None, None, None)


def test_limits_table_follows_the_subscription():
    assert rule_for("generateStocksOnWarehousesReport").period == 120
    assert rule_for("generateStocksOnWarehousesReport", "medium").period == 60
    assert rule_for("getReportInfo", "medium") == rule_for("getReportInfo")
    assert rule_for("getQualityRatings").limit == 10000
