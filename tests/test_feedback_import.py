"""Reviews from NDJSON and generated data: all lines or none, and the feed shows what was written."""

from __future__ import annotations

import json

from market_api.demo.seed import seed_store_reviews
from market_api.feedback.importer import ReviewLine, load_reviews
from market_api.platform.imports import LineErrors, parse
from tests.contract import check
from tests.test_cli import run_cli

STORE = 91000003
GOOD = {"campaignId": STORE, "grade": 5, "text": "Импорт", "authorName": "Пётр", "authorRegionId": 2,
        "delivery": "DELIVERY", "factors": {"1": 5},
        "comments": [{"author": "SHOP", "body": "Спасибо", "children": [{"author": "USER", "body": "Вам спасибо"}]}]}


async def feed(api, store: int = STORE) -> list[dict]:
    response = await api.client.get(f"/campaigns/{store}/feedback/updates", headers=api.key)
    return check(response, "getFeedbackAndCommentUpdates")["result"]["feedbackList"]


async def run_import(api, lines: list[str]) -> tuple[int, list[str]]:
    """As `reviews import` does: check every line, then write them all or none; (imported, problems)."""
    parsed = parse(lines, ReviewLine)
    if parsed.errors:
        return 0, parsed.errors
    async with api.app.state.runtime.sessions() as session:
        try:
            imported = await load_reviews(session, api.clock, parsed.records)
        except LineErrors as problems:
            return 0, problems.errors
        await session.commit()
    return imported, []


async def test_import_writes_reviews_in_file_order_with_threads(api):
    lines = [json.dumps({**GOOD, "text": f"Импорт {i}"}, ensure_ascii=False) for i in range(3)]
    assert await run_import(api, lines) == (3, [])
    reviews = await feed(api)
    assert [r["text"] for r in reviews] == ["Импорт 0", "Импорт 1", "Импорт 2"]
    thread = reviews[0]["comments"]
    assert thread[0]["author"] == {"type": "SHOP", "name": "ТехноМир — своя доставка"}
    assert thread[0]["children"][0]["body"] == "Вам спасибо"
    assert thread[0]["children"][0]["parentId"] == thread[0]["id"]


async def test_one_bad_line_imports_nothing_and_every_problem_is_reported(api):
    lines = [
        json.dumps(GOOD, ensure_ascii=False),
        json.dumps({**GOOD, "grade": 9}),
        "{not json",
        json.dumps({**GOOD, "factors": {"4": 5}}),
        json.dumps({**GOOD, "authorName": None}),
        "",
    ]
    imported, errors = await run_import(api, lines)
    assert imported == 0
    assert errors[0] == "line 2: Value of grade (9) must be less than or equal to 5"
    assert errors[1].startswith("line 3: JSON: ")
    assert errors[2:] == ["line 4: factors [4] are not graded for delivery type DELIVERY",
                          "line 5: An anonymous review has no author region"]
    # Lines that are good in themselves are checked against the stores, all of them at once.
    lines = [json.dumps(GOOD, ensure_ascii=False), json.dumps({**GOOD, "campaignId": 777}),
             json.dumps({**GOOD, "campaignId": 778})]
    assert await run_import(api, lines) == (0, ["line 2: Campaign not found: '777'",
                                                "line 3: Campaign not found: '778'"])
    assert await feed(api) == []


async def test_generated_reviews_walk_cleanly(api):
    async with api.app.state.runtime.sessions() as session:
        written = await seed_store_reviews(session, api.clock, STORE, 120, seed=7)
        await session.commit()
    seen, token = [], None
    while True:
        params = {"limit": 20, **({"page_token": token} if token else {})}
        response = await api.client.get(f"/campaigns/{STORE}/feedback/updates", params=params, headers=api.key)
        result = check(response, "getFeedbackAndCommentUpdates")["result"]
        seen += result["feedbackList"]
        token = result["paging"].get("nextPageToken")
        if not token:
            break
    assert len(seen) == written >= 120
    assert len({r["id"] for r in seen}) == written
    states = {r["state"] for r in seen}
    assert "LAST" in states
    assert any("author" not in r for r in seen) and any(r["comments"] for r in seen)


def test_cli_import_reports_bad_lines_and_exits_2(tmp_path):
    run_cli(tmp_path, "seed", "--demo", "--json")
    bad = tmp_path / "bad.ndjson"
    bad.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n" + json.dumps({**GOOD, "grade": 0}) + "\n")
    result = run_cli(tmp_path, "reviews", "import", str(bad))
    assert result.returncode == 2
    assert "line 2: Value of grade (0) must be greater than or equal to 1" in result.stderr
    assert "nothing was imported" in result.stderr
    good = tmp_path / "good.ndjson"
    good.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n")
    result = run_cli(tmp_path, "reviews", "import", str(good), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"imported": 1, "errors": []}
