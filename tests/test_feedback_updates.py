"""GET /campaigns/{campaignId}/feedback/updates: the feed, its pages and tokens, and the review DTO."""

from __future__ import annotations

import asyncio
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import func, or_, select, update

from market_api.demo.seed import seed_store_reviews
from market_api.feedback.changes import FeedChanges
from market_api.feedback.models import Review
from market_api.feedback.schemas import ReviewIn
from market_api.feedback.service import post_review
from market_api.platform.migrate import alembic_config
from tests.conftest import api_with
from tests.contract import check, check_error, unknown_fields
from tests.server import CLI, cli_env

OP = "getFeedbackAndCommentUpdates"
STORE = 91000001
OTHER_STORE = 91000002


async def post(api, store: int = STORE, **fields) -> int:
    body = {"grade": 5, "text": "Всё отлично", "authorName": "Мария", "authorRegionId": 2, **fields}
    return (await api.admin("POST", f"/campaigns/{store}/reviews", body, status=201))["id"]


async def page(api, store: int = STORE, headers=None, **params) -> dict:
    response = await api.client.get(f"/campaigns/{store}/feedback/updates", params=params,
                                    headers=headers or api.key)
    assert response.status_code == 200, response.text
    return check(response, OP)["result"]


async def walk(api, store: int = STORE, **params) -> tuple[list[int], list[dict]]:
    """Follow nextPageToken from the first page to the last; return review ids and the pages."""
    ids, pages, token = [], [], None
    while True:
        result = await page(api, store, **params, **({"page_token": token} if token else {}))
        pages.append(result)
        ids += [f["id"] for f in result["feedbackList"]]
        token = result["paging"].get("nextPageToken")
        if token is None:
            return ids, pages


async def test_walking_the_feed_returns_every_review_once_in_update_order(api):
    posted = [await post(api, text=f"Отзыв {i}") for i in range(45)]
    await post(api, OTHER_STORE)
    ids, pages = await walk(api, limit=20)
    assert ids == posted
    assert [len(p["feedbackList"]) for p in pages] == [20, 20, 5]
    assert "prevPageToken" not in pages[0]["paging"]
    assert all("prevPageToken" in p["paging"] for p in pages[1:])
    assert "nextPageToken" not in pages[-1]["paging"]


async def test_default_page_is_twenty(api):
    for _ in range(21):
        await post(api)
    assert len((await page(api))["feedbackList"]) == 20


async def test_prev_page_token_leads_back(api):
    posted = [await post(api) for _ in range(7)]
    first = await page(api, limit=3)
    second = await page(api, limit=3, page_token=first["paging"]["nextPageToken"])
    third = await page(api, limit=3, page_token=second["paging"]["nextPageToken"])
    assert [f["id"] for f in third["feedbackList"]] == posted[6:]
    back = await page(api, limit=3, page_token=third["paging"]["prevPageToken"])
    assert back["feedbackList"] == second["feedbackList"]
    start = await page(api, limit=3, page_token=back["paging"]["prevPageToken"])
    assert [f["id"] for f in start["feedbackList"]] == posted[:3]
    assert "prevPageToken" not in start["paging"]
    assert (await page(api, limit=3, page_token=start["paging"]["nextPageToken"]))["feedbackList"] == \
        second["feedbackList"]


async def test_changes_move_a_review_to_the_end(api):
    first, second, third = [await post(api) for _ in range(3)]
    await api.admin("POST", f"/reviews/{first}/comments", {"author": "SHOP", "body": "Спасибо за отзыв!"})
    ids, _ = await walk(api)
    assert ids == [second, third, first]
    await api.admin("POST", f"/reviews/{second}/votes", {"agree": 2})
    await api.admin("PUT", f"/reviews/{third}/resolved", {"resolved": True})
    ids, pages = await walk(api)
    assert ids == [first, second, third]
    by_id = {f["id"]: f for f in pages[0]["feedbackList"]}
    assert by_id[second]["grades"]["agreeCount"] == 2
    assert by_id[third]["resolved"] is True


async def test_an_edit_leaves_a_previous_version_and_a_removal_a_deleted_one(api):
    original = await post(api, text="Долго везли", grade=2)
    await api.admin("POST", f"/reviews/{original}/comments", {"author": "SHOP", "body": "Разберёмся"})
    edited = (await api.admin("PUT", f"/reviews/{original}", {"grade": 4, "text": "Довезли, всё хорошо"}))["id"]
    removed = await post(api)
    await api.admin("DELETE", f"/reviews/{removed}")
    feed = {f["id"]: f for f in (await page(api))["feedbackList"]}
    assert [feed[original]["state"], feed[edited]["state"], feed[removed]["state"]] == ["PREVIOUS", "LAST", "DELETED"]
    assert feed[edited]["text"] == "Довезли, всё хорошо" and feed[edited]["grades"]["average"] == 4
    assert [c["body"] for c in feed[edited]["comments"]] == ["Разберёмся"]
    response = await api.client.put(f"/admin/reviews/{original}", json={"grade": 1}, headers=api.admin_headers)
    check_error(response, 409)


async def test_comment_threads_nest_replies(api):
    review = await post(api)
    question = await api.admin("POST", f"/reviews/{review}/comments", {"author": "USER", "body": "Где мой заказ?",
                                                                       "authorName": "Мария"})
    answer = await api.admin("POST", f"/reviews/{review}/comments", {"author": "SHOP", "body": "Уже в пути",
                                                                     "parentId": question["id"]})
    removed = await api.admin("POST", f"/reviews/{review}/comments", {"author": "USER", "body": "удалю"})
    await api.admin("DELETE", f"/comments/{removed['id']}")
    await api.admin("PUT", f"/comments/{answer['id']}", {"body": "Уже в пути, будет завтра"})
    comments = (await page(api))["feedbackList"][0]["comments"]
    assert len(comments) == 1
    assert comments[0]["author"] == {"type": "USER", "name": "Мария"}
    reply = comments[0]["children"][0]
    assert reply["parentId"] == question["id"] and reply["body"] == "Уже в пути, будет завтра"
    assert reply["author"] == {"type": "SHOP", "name": "ТехноМир — склад продавца"}


async def test_review_dto(api):
    await post(api, grade=4, pro="Быстро", contra="Коробка мятая", recommend=True, verified=True,
               shopOrderId="A-1001", delivery="PICKUP", factors={"4": 5, "2": 3}, authorRegionId=213)
    await post(api, authorName=None, authorRegionId=None, text="Анонимно")
    named, anonymous = (await page(api))["feedbackList"]
    assert named["createdAt"] == "2026-06-15T12:00:00+03:00"
    assert named["order"] == {"shopOrderId": "A-1001", "delivery": "PICKUP"}
    assert [f["id"] for f in named["grades"]["factors"]] == [4, 2]
    assert named["grades"]["average"] == 4 and named["recommend"] is True and named["verified"] is True
    assert named["shop"] == {"name": "ТехноМир — склад продавца"}
    chain = []
    region = named["author"]["region"]
    while region:
        chain.append((region["id"], region["type"]))
        region = region.get("parent")
    assert chain == [(213, "CITY"), (1, "REPUBLIC"), (3, "COUNTRY_DISTRICT"), (225, "COUNTRY")]
    assert "author" not in anonymous


async def test_every_city_region_reaches_the_country(api):
    from market_api.feedback.regions import region_dto, region_rows

    cities = [r.id for r in region_rows().values() if r.type == "CITY"]
    assert len(cities) >= 80
    for city in cities:
        region = region_dto(city)
        while "parent" in region:
            region = region["parent"]
        assert region["id"] == 225


async def test_from_date_counts_moscow_days(api):
    # 20:59:59 UTC on 14 June is 23:59:59 in Moscow; 21:00:00 UTC is midnight of the 15th.
    api.clock.set(datetime(2026, 6, 14, 20, 59, 59, tzinfo=UTC))
    late_on_14th = await post(api)
    api.clock.set(datetime(2026, 6, 14, 21, 0, 0, tzinfo=UTC))
    start_of_15th = await post(api)
    api.clock.set(datetime(2026, 6, 16, 9, 0, tzinfo=UTC))
    ids, _ = await walk(api, from_date="2026-06-15")
    assert ids == [start_of_15th]
    ids, _ = await walk(api, from_date="2026-06-14")
    assert ids == [late_on_14th, start_of_15th]
    assert (await walk(api, from_date="2026-06-16"))[0] == []
    await api.admin("POST", f"/reviews/{late_on_14th}/votes", {"reject": 1})  # updated on the 16th
    assert (await walk(api, from_date="2026-06-16"))[0] == [late_on_14th]


async def test_from_date_pages_walk_its_suffix_of_the_feed_both_ways(api):
    api.clock.set(datetime(2026, 6, 10, 9, 0, tzinfo=UTC))
    [await post(api) for _ in range(5)]
    api.clock.set(datetime(2026, 6, 15, 9, 0, tzinfo=UTC))
    recent = [await post(api) for _ in range(7)]
    ids, pages = await walk(api, from_date="2026-06-15", limit=3)
    assert ids == recent
    assert [len(p["feedbackList"]) for p in pages] == [3, 3, 1]
    back = await page(api, from_date="2026-06-15", limit=3, page_token=pages[1]["paging"]["prevPageToken"])
    assert [f["id"] for f in back["feedbackList"]] == recent[:3]
    assert "prevPageToken" not in back["paging"]  # as on the first page: nothing of this from_date before it


async def test_after_the_clock_went_back_a_from_date_shows_the_feed_from_its_earliest_change_on(api):
    # README: the changes since a day are a suffix of the feed, starting at the earliest change (by
    # update time) on or after its start; a change made after the clock was moved back sits in it.
    api.clock.set(datetime(2026, 6, 15, 9, 0, tzinfo=UTC))
    first = await post(api)
    api.clock.set(datetime(2026, 6, 20, 9, 0, tzinfo=UTC))
    second = await post(api)
    api.clock.set(datetime(2026, 6, 12, 9, 0, tzinfo=UTC))  # moved back
    third = await post(api)
    assert (await walk(api, from_date="2026-06-15"))[0] == [first, second, third]
    assert (await walk(api, from_date="2026-06-16"))[0] == [second, third]
    assert (await walk(api, from_date="2026-06-21"))[0] == []


@pytest.mark.parametrize("value", ["2026-6-15", "15.06.2026", "2026-02-30", "yesterday", "0001-01-01", "9999-12-31"])
async def test_malformed_from_date(api, value):
    response = await api.client.get(f"/campaigns/{STORE}/feedback/updates", params={"from_date": value},
                                    headers=api.key)
    check(response, OP)
    check_error(response, 400, f"Value of from_date ({value}) must match the pattern: 'YYYY-MM-DD'")


@pytest.mark.parametrize(("limit", "message"), [
    ("21", "Limit exceeded"), ("1000", "Limit exceeded"),
    ("0", "Value of limit (0) must be greater than or equal to 1"),
    ("-5", "Value of limit (-5) must be greater than or equal to 1"),
    ("ten", "Value of limit (ten) must be an integer"),
])
async def test_limit_bounds(api, limit, message):
    response = await api.client.get(f"/campaigns/{STORE}/feedback/updates", params={"limit": limit},
                                    headers=api.key)
    check(response, OP)
    check_error(response, 400, message)


async def test_a_request_asked_again_is_checked_again_and_answered_for_its_own_store(api):
    await post(api, text="Первый магазин")
    await post(api, OTHER_STORE, text="Второй магазин")
    for _ in range(2):
        response = await api.client.get(f"/campaigns/{STORE}/feedback/updates", params={"limit": "21"},
                                        headers=api.key)
        check_error(response, 400, "Limit exceeded")
        assert [f["text"] for f in (await page(api, STORE, limit=5))["feedbackList"]] == ["Первый магазин"]
        assert [f["text"] for f in (await page(api, OTHER_STORE, limit=5))["feedbackList"]] == ["Второй магазин"]


async def test_limit_edges_are_accepted(api):
    for _ in range(21):
        await post(api)
    assert len((await page(api, limit=1))["feedbackList"]) == 1
    assert len((await page(api, limit=20))["feedbackList"]) == 20


async def bad_token(api, store: int = STORE, **params):
    response = await api.client.get(f"/campaigns/{store}/feedback/updates", params=params, headers=api.key)
    check(response, OP)
    check_error(response, 400, "Invalid page_token: it was not issued for this request")


async def test_tokens_are_tamper_proof_and_bound_to_their_request(api):
    for _ in range(3):
        await post(api)
        await post(api, OTHER_STORE)
    token = (await page(api, limit=1))["paging"]["nextPageToken"]
    payload, mac = token.split(".")
    changed = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1]
    await bad_token(api, limit=1, page_token=changed + "." + mac)
    await bad_token(api, limit=1, page_token=token[:-1] + ("A" if token[-1] != "A" else "B"))
    await bad_token(api, limit=1, page_token="eyBuZXh0SWQ6IDIzNDIgfQ==")
    await bad_token(api, limit=1, page_token=payload + ".é")
    await bad_token(api, OTHER_STORE, limit=1, page_token=token)
    await bad_token(api, limit=2, page_token=token)
    await bad_token(api, page_token=token)  # limit must be repeated
    await bad_token(api, limit=1, from_date="2026-01-01", page_token=token)
    assert len((await page(api, limit=1, page_token=token))["feedbackList"]) == 1


async def test_resumable_sync_sees_later_updates_without_duplicates(api):
    posted = [await post(api) for _ in range(5)]
    seen: list[int] = []
    token = None
    last_token = None
    while True:
        result = await page(api, limit=2, **({"page_token": token} if token else {}))
        seen += [f["id"] for f in result["feedbackList"]]
        last_token, token = token, result["paging"].get("nextPageToken")
        if token is None:
            break
    assert seen == posted
    # Later: one old review changes, one new one arrives.
    api.clock.advance(timedelta(hours=2))
    await api.admin("POST", f"/reviews/{posted[1]}/votes", {"agree": 1})
    newcomer = await post(api)
    again: list[int] = []
    token = last_token
    while True:
        result = await page(api, limit=2, page_token=token)
        again += [f["id"] for f in result["feedbackList"]]
        token = result["paging"].get("nextPageToken")
        if token is None:
            break
    assert again == [posted[4], posted[1], newcomer]
    assert len(again) == len(set(again))


async def test_a_page_read_again_is_the_very_same_answer(api):
    """A page read a second time is put together from reviews rendered by the first read."""
    posted = [await post(api, text=f"Отзыв {i}") for i in range(7)]
    await api.admin("POST", f"/reviews/{posted[2]}/comments", {"author": "SHOP", "body": "Спасибо!"})
    url = f"/campaigns/{STORE}/feedback/updates"
    second = await page(api, limit=3, page_token=(await page(api, limit=3))["paging"]["nextPageToken"])
    for params in ({"limit": 3}, {"limit": 3, "page_token": second["paging"]["nextPageToken"]},
                   {"limit": 3, "page_token": second["paging"]["prevPageToken"]}, {"from_date": "2026-06-15"}):
        first_read = await api.client.get(url, params=params, headers=api.key)
        again = await api.client.get(url, params=params, headers=api.key)
        assert again.status_code == first_read.status_code == 200
        assert again.content == first_read.content, params


async def _change_behind_the_service(app, review_id: int, text: str, feed_position: int | None = None) -> None:
    """Change a review's row without rendering it again, which no change made through the service does:
    only a page that reads the row again can show it. Without `feed_position` it keeps its place in the
    feed, which no change made through the service does either."""
    moved = {} if feed_position is None else {"feed_position": feed_position}
    async with app.state.runtime.sessions() as session:
        await session.execute(update(Review).where(Review.id == review_id).values(text=text, **moved))
        await session.commit()


async def test_reviews_are_kept_rendered_by_feed_position(api):
    review = await post(api, text="Как написано")
    assert (await page(api))["feedbackList"][0]["text"] == "Как написано"
    await _change_behind_the_service(api.app, review, "Изменено в обход")
    assert (await page(api))["feedbackList"][0]["text"] == "Как написано"


async def test_with_nothing_kept_a_review_is_served_as_rendered_at_its_feed_position(settings, clock):
    async with api_with(settings, clock, feed_cache_reviews=0) as api:
        review = await post(api, text="Как написано")
        assert (await page(api))["feedbackList"][0]["text"] == "Как написано"
        await _change_behind_the_service(api.app, review, "Изменено в обход")
        assert (await page(api))["feedbackList"][0]["text"] == "Как написано"  # rendered at this position
        await _change_behind_the_service(api.app, review, "Изменено и сдвинуто", feed_position=10**9)
        assert (await page(api))["feedbackList"][0]["text"] == "Изменено и сдвинуто"  # read afresh


async def test_a_page_from_stored_renderings_is_the_page_read_afresh(settings, clock):
    async with api_with(settings, clock, feed_cache_reviews=0) as api:
        async with api.app.state.runtime.sessions() as session:
            await seed_store_reviews(session, clock, STORE, 30)  # written in bulk
            await session.commit()
        original = await post(api, grade=4, pro="Быстро", contra="Коробка мятая", recommend=True, verified=True,
                              shopOrderId="A-1001", delivery="PICKUP", factors={"4": 5, "2": 3}, authorRegionId=213)
        question = await api.admin("POST", f"/reviews/{original}/comments", {"author": "USER", "body": "Где?"})
        await api.admin("POST", f"/reviews/{original}/comments",
                        {"author": "SHOP", "body": "В пути", "parentId": question["id"]})
        edited = (await api.admin("PUT", f"/reviews/{original}", {"grade": 5, "text": "Довезли"}))["id"]
        await api.admin("POST", f"/reviews/{edited}/votes", {"agree": 2, "reject": 1})
        removed = await post(api, authorName=None, authorRegionId=None)
        await api.admin("DELETE", f"/reviews/{removed}")
        async with api.app.state.runtime.sessions() as session:
            stale = await session.scalar(select(func.count()).select_from(Review).where(
                or_(Review.rendered.is_(None), Review.rendered_position != Review.feed_position)))
        assert stale == 0  # every review was rendered when it was written
        _, stored = await walk(api, limit=7)
        async with api.app.state.runtime.sessions() as session:
            await session.execute(update(Review).values(rendered=None, rendered_position=None))
            await session.commit()
        _, afresh = await walk(api, limit=7)
        assert stored == afresh
        assert {f["state"] for p in stored for f in p["feedbackList"]} == {"LAST", "PREVIOUS", "DELETED"}


async def test_a_page_read_before_a_change_shows_the_change_when_read_again(api):
    first, second, third = [await post(api) for _ in range(3)]
    assert [f["id"] for f in (await page(api))["feedbackList"]] == [first, second, third]
    await api.admin("PATCH", f"/campaigns/{STORE}", {"name": "ТехноМир — новое имя"})
    assert {f["shop"]["name"] for f in (await page(api))["feedbackList"]} == {"ТехноМир — новое имя"}
    await api.admin("POST", f"/reviews/{first}/votes", {"agree": 3})
    result = await page(api)
    assert [f["id"] for f in result["feedbackList"]] == [second, third, first]
    assert result["feedbackList"][-1]["grades"]["agreeCount"] == 3


def write_reviews_elsewhere(api, count: int) -> None:
    """`count` reviews written into the store by another process (the CLI)."""
    subprocess.run([*CLI, "--database-url", api.settings.effective_database_url, "seed", "--reviews", str(count),
                    "--campaign-id", str(STORE)], check=True, capture_output=True, env=cli_env(api.settings.data_dir))


async def test_another_process_s_changes_show_once_the_control_refresh_interval_has_passed(api):
    first = await post(api)
    moments = [1e9]
    api.app.state.kept_positions.changes.monotonic = lambda: moments[0]
    assert [f["id"] for f in (await page(api))["feedbackList"]] == [first]
    write_reviews_elsewhere(api, 2)
    # Kept until this process reads the feeds' version again (MARKET_API_CONTROL_REFRESH_SECONDS)...
    assert [f["id"] for f in (await page(api))["feedbackList"]] == [first]
    moments[0] += api.settings.control_refresh_seconds
    # ...then read again, with what the other process wrote.
    assert len((await page(api))["feedbackList"]) == 3
    # This process's own changes show at once.
    second = await post(api)
    assert [f["id"] for f in (await page(api))["feedbackList"]][-1] == second


async def test_a_change_committed_after_a_savepoint_rolled_back_shows_at_once(api):
    first = await post(api)
    api.app.state.kept_positions.changes.monotonic = lambda: 1e9  # no other process's change is looked for
    assert [f["id"] for f in (await page(api))["feedbackList"]] == [first]
    draft = ReviewIn.model_validate({"grade": 4, "text": "Хорошо", "authorName": "Олег", "authorRegionId": 2})
    async with api.app.state.runtime.sessions() as session:
        second = (await post_review(session, api.clock, STORE, draft)).id
        savepoint = await session.begin_nested()
        await savepoint.rollback()
        await session.commit()
    assert [f["id"] for f in (await page(api))["feedbackList"]] == [first, second]


class HeldReads:
    """Driver reads whose answers the test gives, one at a time."""

    def __init__(self) -> None:
        self.waiting: list[asyncio.Future] = []

    async def fetch(self, query, params):
        self.waiting.append(asyncio.get_running_loop().create_future())
        return await self.waiting[-1]


async def settle() -> None:
    """Let the tasks started so far run until they wait."""
    for _ in range(5):
        await asyncio.sleep(0)


async def test_requests_that_find_the_feeds_version_stale_wait_on_one_read():
    reads, moments = HeldReads(), [100.0]
    changes = FeedChanges(reads, 1.0, monotonic=lambda: moments[0])
    asking = [asyncio.create_task(changes.version()) for _ in range(3)]
    await settle()
    assert len(reads.waiting) == 1
    reads.waiting[0].set_result([(11,)])
    assert {(await task)[0] for task in asking} == {11}
    assert (await changes.version())[0] == 11 and len(reads.waiting) == 1  # fresh: not read again
    moments[0] += 1.0
    stale = asyncio.create_task(changes.version())
    await settle()
    reads.waiting[1].set_result([(12,)])
    assert (await stale)[0] == 12


async def test_with_no_refresh_interval_another_process_s_changes_show_at_once(settings, clock):
    async with api_with(settings, clock, control_refresh_seconds=0) as api:
        first = await post(api)
        assert [f["id"] for f in (await page(api))["feedbackList"]] == [first]
        write_reviews_elsewhere(api, 2)
        assert len((await page(api))["feedbackList"]) == 3


async def test_empty_store_has_an_empty_first_page(api):
    result = await page(api, 91000003)
    assert result == {"paging": {}, "feedbackList": []}


async def test_another_business_gets_nothing(api):
    await post(api)
    foreign = await api.new_key("all-methods", business_id=api.demo.other_business_id)
    response = await api.client.get(f"/campaigns/{STORE}/feedback/updates", headers=foreign)
    check_error(response, 403, "Access denied")


def test_the_field_checker_sees_unknown_fields():
    data = {"status": "OK", "result": {"feedbackList": [{"comments": [], "bogus": 1}], "paging": {"x": 1}}}
    assert unknown_fields(data, {"$ref": "#/components/schemas/GetFeedbackListResponse"}, "seed-endpoints") == [
        "$.result.feedbackList[0].bogus", "$.result.paging.x"]


async def test_no_other_last_character_of_a_token_is_accepted(api):
    """The last base64 character of a signature carries spare bits: every other character there is refused."""
    import string

    for _ in range(2):
        await post(api)
    token = (await page(api, limit=1))["paging"]["nextPageToken"]
    for replacement in string.ascii_letters + string.digits + "-_":
        if replacement != token[-1]:
            params = {"limit": 1, "page_token": token[:-1] + replacement}
            response = await api.client.get(f"/campaigns/{STORE}/feedback/updates", params=params, headers=api.key)
            assert response.status_code == 400, replacement


async def test_the_migration_that_adds_renderings_renders_the_reviews_already_there(settings, clock):
    async with api_with(settings, clock, feed_cache_reviews=0, rate_limits="off") as api:
        async with api.app.state.runtime.sessions() as session:
            await seed_store_reviews(session, clock, STORE, 1200)  # more than a statement of the migration
            await session.commit()
        review = await post(api, authorRegionId=213, delivery="PICKUP", factors={"4": 5})
        await api.admin("POST", f"/reviews/{review}/comments", {"author": "SHOP", "body": "Спасибо"})
        before = await _raw_walk(api)

        def migrate(connection, to: str) -> None:
            config = alembic_config()
            config.attributes["connection"] = connection
            (command.downgrade if to == "0011" else command.upgrade)(config, to)

        async with api.app.state.runtime.engine.begin() as connection:
            await connection.run_sync(migrate, "0011")  # the renderings' columns dropped
            await connection.run_sync(migrate, "head")  # and added again, filled
        async with api.app.state.runtime.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(Review).where(
                or_(Review.rendered.is_(None), Review.rendered_position != Review.feed_position))) == 0
        assert await _raw_walk(api) == before


async def _raw_walk(api) -> list[bytes]:
    """Every page of the store's feed, 20 reviews a page, as the bytes answered."""
    pages, token = [], None
    while True:
        response = await api.client.get(f"/campaigns/{STORE}/feedback/updates", headers=api.key,
                                        params={"page_token": token} if token else {})
        assert response.status_code == 200, response.text
        pages.append(response.content)
        token = response.json()["result"]["paging"].get("nextPageToken")
        if token is None:
            return pages
