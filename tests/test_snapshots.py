"""`market-api snapshot save|restore`: the whole state in one file, restored all or nothing, on either
backend."""

from __future__ import annotations

import asyncio
import gzip
import json
import subprocess
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import JSON, func, insert, null, or_, select, text

from market_api.feedback.models import Review
from market_api.platform.config import Settings
from market_api.platform.database import make_engine
from market_api.reports.models import Report
from tests.conftest import IN_CI, PG_SERVER, Api, _admin_sql, _postgres_ready, api_with
from tests.server import CLI, cli_env
from tests.test_reset import STORE, answers, reset, walk


@pytest.fixture
async def walker(settings, clock) -> AsyncIterator[Api]:
    """The test's app with the demo accounts, rate limits off (a walk over a demo store's feed takes more
    requests than an hour's limit) and the shared state read on every request."""
    async with api_with(settings, clock, rate_limits="off", control_refresh_seconds=0) as made:
        yield made


def cli(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    """`market-api ARGS` on the database of `settings` (by default the SQLite file of its data directory)."""
    database = ["--database-url", settings.database_url] if settings.database_url else []
    return subprocess.run([*CLI, *database, *args], env=cli_env(settings.data_dir), capture_output=True, text=True,
                          timeout=600)


async def acli(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    """`cli` from a test whose app keeps serving meanwhile: the app's event loop must go on (a write
    it began must be able to finish, or it holds the database's lock)."""
    return await asyncio.to_thread(cli, settings, *args)


def rows_of(path: Path) -> list[bytes]:
    """A snapshot's lines after its header: every table's rows, as written."""
    return gzip.decompress(path.read_bytes()).split(b"\n")[1:]


def rewritten(source: Path, target: Path, change) -> Path:
    """`source` with its decompressed lines passed through `change`, compressed again."""
    lines = gzip.decompress(source.read_bytes()).split(b"\n")
    target.write_bytes(gzip.compress(b"\n".join(change(lines))))
    return target


async def test_restore_brings_back_exactly_the_earlier_answers(walker, tmp_path):
    api = walker
    await reset(api, "demo")
    review = (await walk(api.client, api.key))[0]["feedbackList"][0]["id"]
    await api.admin("POST", f"/reviews/{review}/comments", {"author": "SHOP", "body": "Спасибо за отзыв!"}, status=201)
    await api.admin("PUT", "/clock", {"now": "2027-01-10T12:00:00+03:00"})
    before = await answers(api)
    file = tmp_path / "state.snapshot.gz"

    saved = await acli(api.settings, "snapshot", "save", str(file), "--json")
    assert saved.returncode == 0, saved.stderr
    total = json.loads(saved.stdout)["rows"]
    assert total > 10_000 and f"{total}/{total}" in saved.stderr  # the demo set; the progress bar had its total

    await api.admin("POST", f"/campaigns/{STORE}/reviews", {"grade": 1, "text": "После снимка"}, status=201)
    await api.admin("PATCH", f"/campaigns/{STORE}", {"name": "Переименованный магазин"})
    await api.admin("PUT", "/clock", {"now": None})
    changed = await answers(api)  # this process now keeps pages of the changed feed
    assert changed != before

    restored = await acli(api.settings, "snapshot", "restore", str(file), "--json")
    assert restored.returncode == 0, restored.stderr
    result = json.loads(restored.stdout)
    assert result["rows"] == total and result["tables"]["feedback_reviews"] > 7_500  # the demo reviews and versions
    assert result["clock"]["real"] is False
    assert await answers(api) == before
    token = before["feed"][1]["paging"]["nextPageToken"]  # a page token handed out before the save
    again = await api.client.get(f"/campaigns/{STORE}/feedback/updates", params={"page_token": token},
                                 headers=api.key)
    assert again.json()["result"] == before["feed"][2]

    shown = json.loads((await acli(api.settings, "clock", "show", "--json")).stdout)  # as it was at the save
    assert shown["real"] is False
    moment = datetime.fromisoformat(shown["now"])
    assert datetime(2027, 1, 10, 9, tzinfo=UTC) <= moment < datetime(2027, 1, 10, 9, 10, tzinfo=UTC)


async def test_a_file_that_does_not_fit_changes_nothing(walker, tmp_path):
    api = walker
    file = tmp_path / "state.snapshot.gz"
    await api.admin("POST", f"/campaigns/{STORE}/reviews",
                    {"grade": 4, "text": "До снимка", "authorName": "Анна", "authorRegionId": 213}, status=201)
    assert (await acli(api.settings, "snapshot", "save", str(file))).returncode == 0
    await api.admin("POST", f"/campaigns/{STORE}/reviews", {"grade": 5, "text": "После снимка"}, status=201)
    expected = await walk(api.client, api.key)

    def other_revision(lines):
        header = json.loads(lines[0])
        return [json.dumps({**header, "revision": "0008"}).encode(), *lines[1:]]

    def a_store_of_no_business(lines):
        start = lines.index(b'{"table":"campaigns"}')
        store = json.loads(lines[start + 1])
        store[1] = 99999999  # its business_id
        return [*lines[:start + 1], json.dumps(store).encode(), *lines[start + 2:]]

    def a_review_in_no_region(lines):  # checked before the reviews are rendered (which reads their regions)
        columns = next(t["columns"] for t in json.loads(lines[0])["tables"] if t["name"] == "feedback_reviews")
        start = lines.index(b'{"table":"feedback_reviews"}')
        review = json.loads(lines[start + 1])
        review[columns.index("author_region_id")] = 999999999
        return [*lines[:start + 1], json.dumps(review).encode(), *lines[start + 2:]]

    def a_clock_past_the_range(lines):
        header = json.loads(lines[0])
        clock = {"real": False, "now": "9999-12-31T23:00:00+00:00", "offsetUs": 1}
        return [json.dumps({**header, "clock": clock}).encode(), *lines[1:]]

    def scopes_that_are_not_json(lines):
        start = lines.index(b'{"table":"api_keys"}')
        key = json.loads(lines[start + 1])
        key = [value if not (isinstance(value, str) and value.startswith("[")) else "not json" for value in key]
        return [*lines[:start + 1], json.dumps(key).encode(), *lines[start + 2:]]

    half = tmp_path / "half.snapshot.gz"
    half.write_bytes(file.read_bytes()[: file.stat().st_size // 2])
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a snapshot\n")
    cases = {
        rewritten(file, tmp_path / "old.snapshot.gz", other_revision):
            "was saved at schema revision 0008 (market-api 0.1.0); this version is at revision",
        half: "is cut short",
        rewritten(file, tmp_path / "short.snapshot.gz", lambda lines: lines[:-3]): "is cut short",
        text_file: "notes.txt is not a market-api snapshot",
        rewritten(file, tmp_path / "orphan.snapshot.gz", a_store_of_no_business): "campaigns",
        rewritten(file, tmp_path / "nowhere.snapshot.gz", a_review_in_no_region): "feedback_reviews",
        rewritten(file, tmp_path / "far.snapshot.gz", a_clock_past_the_range): "the snapshot's clock cannot be set",
        rewritten(file, tmp_path / "scopes.snapshot.gz", scopes_that_are_not_json): "a value of api_keys",
    }
    for bad, message in cases.items():
        refused = await acli(api.settings, "snapshot", "restore", str(bad))
        assert refused.returncode == 2, (bad, refused.stdout, refused.stderr)
        assert "error:" in refused.stderr and message in " ".join(refused.stderr.split()), refused.stderr
        assert await walk(api.client, api.key) == expected  # nothing changed

    assert (await acli(api.settings, "snapshot", "restore", str(file))).returncode == 0
    assert await walk(api.client, api.key) != expected  # the good file restores


async def _insert_reports(url: str) -> None:
    """Two report jobs, one whose fault is SQL NULL and one whose fault is JSON null."""
    engine = make_engine(url)
    now = datetime(2026, 6, 15, 9, 0, 0, 123456, tzinfo=UTC)
    common = {"business_id": 90000001, "kind": "goods_feedback", "format": "FILE", "params": {"a": [1, "б"]},
              "status": "DONE", "requested_at": now, "finished_at": now + timedelta(seconds=3), "rows": 7}
    async with engine.begin() as connection:
        await connection.execute(insert(Report.__table__), [
            {**common, "id": "report-sql-null", "fault": null()},
            {**common, "id": "report-json-null", "fault": JSON.NULL}])
    await engine.dispose()


async def _report_faults(url: str) -> dict[str, bool]:
    engine = make_engine(url)
    async with engine.connect() as connection:
        found = await connection.execute(select(Report.id, Report.fault.is_(None)).order_by(Report.id))
        faults = {row[0]: row[1] for row in found}
    await engine.dispose()
    return faults


@pytest.fixture
def postgres_url():
    """A PostgreSQL database of the test's own, dropped afterwards."""
    problem = asyncio.run(_postgres_ready())
    if problem:
        if IN_CI:
            pytest.fail(problem)
        pytest.skip(problem)
    name = f"market_api_test_snap_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin_sql(f'CREATE DATABASE "{name}"'))
    yield f"{PG_SERVER.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"
    asyncio.run(_admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def test_a_snapshot_moves_from_sqlite_to_postgresql_and_back(tmp_path, postgres_url):
    first = Settings(data_dir=tmp_path / "first")
    assert cli(first, "seed", "--demo").returncode == 0
    asyncio.run(_insert_reports(first.effective_database_url))
    assert cli(first, "users", "create", "--login", "buyer.test", "--business-id", "90000001").returncode == 0
    postgres = Settings(data_dir=tmp_path / "pg", database_url=postgres_url)
    last = Settings(data_dir=tmp_path / "last")
    for settings in (postgres, last):
        assert cli(settings, "migrate").returncode == 0

    from_sqlite, from_postgres, from_last = (tmp_path / f"{n}.snapshot.gz" for n in ("sqlite", "pg", "last"))
    assert cli(first, "snapshot", "save", str(from_sqlite)).returncode == 0
    for settings, source, target in ((postgres, from_sqlite, from_postgres), (last, from_postgres, from_last)):
        restored = cli(settings, "snapshot", "restore", str(source))
        assert restored.returncode == 0, restored.stderr
        assert cli(settings, "snapshot", "save", str(target)).returncode == 0

    assert rows_of(from_sqlite) == rows_of(from_postgres) == rows_of(from_last)
    assert json.loads(gzip.decompress(from_postgres.read_bytes()).split(b"\n")[0])["dialect"] == "postgresql"
    for url in (postgres_url, last.effective_database_url):
        assert asyncio.run(_report_faults(url)) == {"report-json-null": False, "report-sql-null": True}
    # New rows continue after the restored ones on PostgreSQL.
    created = cli(postgres, "businesses", "create", "--name", "Ещё один", "--json")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["id"] not in (90000001, 90000002)
    users = cli(postgres, "users", "create", "--login", "second.user", "--business-id", "90000001", "--json")
    assert users.returncode == 0, users.stderr


def test_saving_needs_a_migrated_database_and_a_writable_place(tmp_path):
    settings = Settings(data_dir=tmp_path)
    refused = cli(settings, "snapshot", "save", str(tmp_path / "x.gz"))
    assert refused.returncode == 2 and "not migrated" in refused.stderr
    assert cli(settings, "migrate").returncode == 0
    nowhere = cli(settings, "snapshot", "save", str(tmp_path / "missing" / "x.gz"))
    assert nowhere.returncode == 2 and "cannot write" in nowhere.stderr and "x.gz" in nowhere.stderr
    missing = cli(settings, "snapshot", "restore", str(tmp_path / "none.gz"))
    assert missing.returncode == 2 and "none.gz" in missing.stderr


async def test_sequences_and_feed_counters_continue_after_a_restore(walker, tmp_path):
    api = walker
    first = await api.admin("POST", f"/campaigns/{STORE}/reviews", {"grade": 5, "text": "Первый"}, status=201)
    file = tmp_path / "state.snapshot.gz"
    assert (await acli(api.settings, "snapshot", "save", str(file))).returncode == 0
    after_save = await api.admin("POST", f"/campaigns/{STORE}/reviews", {"grade": 4, "text": "Второй"}, status=201)
    assert (await acli(api.settings, "snapshot", "restore", str(file))).returncode == 0
    again = await api.admin("POST", f"/campaigns/{STORE}/reviews", {"grade": 4, "text": "Второй"}, status=201)
    assert again["id"] == after_save["id"] > first["id"]  # the same id it had before the restore
    feed = (await walk(api.client, api.key))[0]["feedbackList"]
    assert [f["text"] for f in feed] == ["Первый", "Второй"]
    async with api.app.state.runtime.engine.connect() as connection:
        counters = (await connection.execute(text("SELECT last_position FROM feedback_feed_counters"))).all()
    assert counters == [(2,)]


async def test_a_snapshot_leaves_out_the_reviews_renderings_and_a_restore_makes_them_again(walker, tmp_path):
    api = walker
    await reset(api, "demo")
    first = (await walk(api.client, api.key))[0]["feedbackList"][0]["id"]
    file = tmp_path / "state.snapshot.gz"
    assert (await acli(api.settings, "snapshot", "save", str(file))).returncode == 0
    header = json.loads(gzip.decompress(file.read_bytes()).split(b"\n")[0])
    columns = next(t["columns"] for t in header["tables"] if t["name"] == "feedback_reviews")
    assert "rendered" not in columns and "rendered_position" not in columns

    def edited(lines: list[bytes]) -> list[bytes]:  # the first review's text, changed in the file
        table, out = None, []
        for line in lines:
            row = json.loads(line) if line else None
            if isinstance(row, dict):
                table = row.get("table", table)
            elif table == "feedback_reviews" and row[columns.index("id")] == first:
                row[columns.index("text")] = "Изменено в снимке"
                line = json.dumps(row, ensure_ascii=False).encode()
            out.append(line)
        return out

    restored = await acli(api.settings, "snapshot", "restore", str(rewritten(file, tmp_path / "e.gz", edited)))
    assert restored.returncode == 0, restored.stderr
    reviews = next(t["rows"] for t in header["tables"] if t["name"] == "feedback_reviews")
    steps = header["rows"] + reviews  # every row loaded, then every review rendered
    assert f"{steps}/{steps}" in restored.stderr
    shown = (await walk(api.client, api.key))[0]["feedbackList"][0]
    assert shown["id"] == first and shown["text"] == "Изменено в снимке"
    async with api.app.state.runtime.sessions() as session:  # served from renderings made by the restore
        assert await session.scalar(select(func.count()).select_from(Review).where(
            or_(Review.rendered.is_(None), Review.rendered_position != Review.feed_position))) == 0
