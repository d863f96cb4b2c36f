"""Bad import files, every way: each ends in the line list (CLI: exit 2; admin API: one 400), nothing imported.

The CLI runs in-process on the test's database (SQLite and PostgreSQL), so a traceback would show as an
exception of the run rather than as the documented exit 2.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from market_api.cli.main import app as cli_app
from tests.contract import check, check_error

STORE, FBY, BUSINESS = 91000003, 91000002, 90000001
TABLES = ("categories", "warehouses", "offers", "offer_placements", "stocks", "paid_opinion_programs",
          "feedback_reviews", "feedback_comments", "quality_orders", "quality_supplies")
RANGE = "must be from 2000-01-01T00:00:00Z up to 2100-01-01T00:00:00Z"
REVIEW = {"campaignId": STORE, "grade": 4, "text": "Хорошо"}
DELIVERED = {**REVIEW, "delivery": "DELIVERY"}
ORDER = {"campaignId": STORE, "orderNumber": "A-1", "createdAt": "2026-06-01T10:00:00+03:00",
         "scheduledDate": "2026-06-02"}
SUPPLY = {"campaignId": FBY, "supplyNumber": "S-1", "plannedDate": "2026-06-02", "itemsPlanned": 10}
OFFER = {"businessId": BUSINESS, "shopSku": "SKU-1", "name": "Товар"}
FACTOR_KEY = "must be a factor id: decimal digits, no leading zeros or spaces"
STATUSES = ("'PLACING', 'RESERVED', 'UNPAID', 'PENDING', 'PROCESSING', 'DELIVERY', 'PICKUP', 'DELIVERED', "
            "'CANCELLED', 'UNDELIVERED', 'PARTIALLY_RETURNED', 'RETURNED', 'UNKNOWN'")


def ndjson(*records: object) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def thread(depth: int) -> str:
    """A review line whose comment thread is `depth` replies deep, written out as text (json.dumps would
    itself run out of stack)."""
    comment = '{"author": "USER", "body": "b", "children": ['
    return (json.dumps(REVIEW)[:-1] + ', "comments": [' + comment * depth + '{"author": "USER", "body": "b"}'
            + "]}" * depth + "]}\n")


# (command after `market-api`, file name, contents, the problems listed)
BAD_FILES = [
    (["reviews", "import"], "ids.ndjson", ndjson(
        {**REVIEW, "campaignId": 2**63}, {**REVIEW, "campaignId": 0}, {**REVIEW, "campaignId": True},
        {**REVIEW, "campaignId": 10**30}), [
        "line 1: Value of campaignId (9223372036854775808) must be less than or equal to 9223372036854775807",
        "line 2: Value of campaignId (0) must be greater than or equal to 1",
        "line 3: Value of campaignId (true) must be an integer",
        "line 4: Value of campaignId (1000000000000000000000000000000) must be less than or equal to "
        "9223372036854775807"]),
    (["reviews", "import"], "dates.ndjson", ndjson(
        REVIEW, {**REVIEW, "createdAt": "1999-12-31T23:59:59Z"}, {**REVIEW, "createdAt": "0001-01-01T00:00:00+05:00"},
        {**REVIEW, "createdAt": "9999-12-31T23:59:59-05:00"}, {**REVIEW, "createdAt": "2026-02-30T10:00:00Z"},
        {**REVIEW, "comments": [{"author": "SHOP", "body": "b", "createdAt": "2100-01-01T00:00:00Z"}]}), [
        f"line 2: Value of createdAt (1999-12-31T23:59:59Z) {RANGE}",
        f"line 3: Value of createdAt (0001-01-01T00:00:00+05:00) {RANGE}",
        f"line 4: Value of createdAt (9999-12-31T23:59:59-05:00) {RANGE}",
        "line 5: Value of createdAt (2026-02-30T10:00:00Z) must be a date-time in ISO 8601",
        f"line 6: Value of comments[0].createdAt (2100-01-01T00:00:00Z) {RANGE}"]),
    (["reviews", "import"], "utf8.ndjson", ndjson(REVIEW) + b'{"campaignId": 91000003, "text": "\xff"}\n', [
        "line 2: not UTF-8 text (byte 35 of the line cannot be read)"]),
    (["reviews", "import"], "deep.ndjson", thread(3000).encode() + thread(40).encode() + thread(25).encode(), [
        "line 1: JSON: nested more than 64 levels deep", "line 2: JSON: nested more than 64 levels deep"]),
    (["reviews", "import"], "text.ndjson", ndjson(
        {**REVIEW, "text": "a\x00b"}, {**REVIEW, "comments": [{"author": "USER", "body": "\x00"}]},
        {**REVIEW, "\x00": 1}) + b'{"campaignId": 91000003, "grade": 4, "authorName": "\\ud800"}\n'
        + b'{"campaignId": 91000003, "grade": NaN}\n{"campaignId": 91000003, "grade": 4, "pro": Infinity}\n', [
        "line 1: Value of text must not contain the NUL character",
        "line 2: Value of comments[0].body must not contain the NUL character",
        "line 3: A field name must not contain the NUL character",
        "line 4: Value of authorName is not valid Unicode text (a lone surrogate)",
        "line 5: JSON: NaN is not a JSON value", "line 6: JSON: Infinity is not a JSON value"]),
    (["reviews", "import"], "loose.ndjson", ndjson(
        {**REVIEW, "grade": True}, {**REVIEW, "grade": "5"}, {**REVIEW, "grade": 4.0},
        {**DELIVERED, "factors": {"1": True}}, {**DELIVERED, "factors": {"1": "5"}},
        {**DELIVERED, "factors": {"01": 5}}, {**DELIVERED, "factors": {"1 ": 5}},
        {**REVIEW, "recommend": "false"}, {**REVIEW, "verified": 0}, {**REVIEW, "recommend": "y"},
        {**REVIEW, "createdAt": 1700000000}, REVIEW), [
        "line 1: Value of grade (true) must be an integer",
        "line 2: Value of grade (5) must be an integer",
        "line 3: Value of grade (4.0) must be an integer",
        "line 4: Value of factors[1] (true) must be an integer",
        "line 5: Value of factors[1] (5) must be an integer",
        f"line 6: Key of factors (01) {FACTOR_KEY}",
        f"line 7: Key of factors (1 ) {FACTOR_KEY}",
        "line 8: Value of recommend (false) must be a boolean",
        "line 9: Value of verified (0) must be a boolean",
        "line 10: Value of recommend (y) must be a boolean",
        "line 11: Value of createdAt (1700000000) must be a date-time in ISO 8601"]),
    (["quality", "import", "orders"], "loose.ndjson", ndjson(
        {**ORDER, "status": "LOST"}, {**ORDER, "cancelledBySeller": "yes"}, {**ORDER, "cancelledBySeller": 1},
        {**ORDER, "itemsRemovedBySeller": "2"}, {**ORDER, "createdAt": 1700000000}, ORDER), [
        f"line 1: Value of status (LOST) must be one of: {STATUSES}",
        "line 2: Value of cancelledBySeller (yes) must be a boolean",
        "line 3: Value of cancelledBySeller (1) must be a boolean",
        "line 4: Value of itemsRemovedBySeller (2) must be an integer",
        "line 5: Value of createdAt (1700000000) must be a date-time in ISO 8601"]),
    (["quality", "import", "orders"], "loose.csv",
     b"campaignId,orderNumber,createdAt,scheduledDate,status\n91000003,A-1,2026-06-01T10:00:00Z,2026-06-02,LOST\n", [
         f"line 2: Value of status (LOST) must be one of: {STATUSES}"]),
    (["quality", "import", "supplies"], "loose.ndjson", ndjson(
        {**SUPPLY, "itemsMissing": 11}, {**SUPPLY, "itemsPlanned": "10"}, {**SUPPLY, "itemsMissing": True}, SUPPLY), [
        "line 1: Value of itemsMissing (11) must be less than or equal to itemsPlanned (10)",
        "line 2: Value of itemsPlanned (10) must be an integer",
        "line 3: Value of itemsMissing (true) must be an integer"]),
    (["quality", "import", "supplies"], "loose.csv",
     b"campaignId,supplyNumber,plannedDate,itemsPlanned,itemsMissing\n91000002,S-1,2026-06-02,10,11\n", [
         "line 2: Value of itemsMissing (11) must be less than or equal to itemsPlanned (10)"]),
    (["catalog", "import", "categories"], "long.csv", b"id,name\n7001," + b"x" * 200_000 + b"\n7002,ok\n", [
        "line 2: CSV: a value is longer than 131072 characters"]),
    (["catalog", "import", "categories"], "quote.csv", 'id,name\n7001,"Игрушки\n7002,Конструкторы\n'.encode(), [
        "line 2: CSV: a quoted value is not closed on its line (a record is one line)"]),
    (["catalog", "import", "categories"], "cells.csv", b"id,name\n7001,a,b\n7002\n7003,\"x\"y\n7004,ok\n", [
        "line 2: CSV: 3 value(s), the header names 2 column(s)",
        "line 3: CSV: 1 value(s), the header names 2 column(s)",
        "line 4: CSV: ',' expected after '\"'"]),
    (["catalog", "import", "categories"], "header.csv", b"id,name,name\n7001,a,b\n", [
        "line 1: CSV: column name is named more than once in the header"]),
    (["catalog", "import", "categories"], "header8.csv", b"id,n\xe4me\n7001,a\n", [
        "line 1: not UTF-8 text (byte 5 of the line cannot be read)"]),
    (["catalog", "import", "categories"], "values.csv",
     f"id,name,parentId\n{2**64},a,\n7001,a\x00b,\n7002,b,{2**63}\n7003,c,7.5\n".encode(), [
         "line 2: Value of id (18446744073709551616) must be less than or equal to 9223372036854775807",
         "line 3: Value of name must not contain the NUL character",
         "line 4: Value of parentId (9223372036854775808) must be less than or equal to 9223372036854775807",
         "line 5: Value of parentId (7.5) must be an integer"]),
    (["catalog", "import", "warehouses"], "w.csv", b"id,name,campaignId,latitude,longitude\n5,W,,nan,1\n"
     + f"6,W,{2**64},1,1\n7,W,,1,inf\n".encode(), [
         "line 2: Value of latitude (nan) must be a finite number",
         "line 3: Value of campaignId (18446744073709551616) must be less than or equal to 9223372036854775807",
         "line 4: Value of longitude (inf) must be a finite number"]),
    (["catalog", "import", "offers"], "o.ndjson", ndjson(
        {**OFFER, "businessId": 2**64}, {**OFFER, "categoryId": -1}, {**OFFER, "marketSku": 2**63}) +
     b'{"businessId": 90000001, "shopSku": "s", "name": "n", "weightKg": 1e400}\n', [
         "line 1: Value of businessId (18446744073709551616) must be less than or equal to 9223372036854775807",
         "line 2: Value of categoryId (-1) must be greater than or equal to 1",
         "line 3: Value of marketSku (9223372036854775808) must be less than or equal to 9223372036854775807",
         "line 4: Value of weightKg (inf) must be a finite number"]),
    (["catalog", "import", "placements"], "p.ndjson", ndjson(
        {"campaignId": 2**63, "shopSku": "s"}, {"campaignId": STORE, "shopSku": "s" * 256},
        {"campaignId": STORE, "shopSku": "s", "price": "1" * 33}), [
         "line 1: Value of campaignId (9223372036854775808) must be less than or equal to 9223372036854775807",
         "line 2: Length of shopSku (256) must be less than or equal to 255",
         "line 3: Length of price (33) must be less than or equal to 32"]),
    (["catalog", "import", "stocks"], "s.ndjson", ndjson(
        {"campaignId": FBY, "warehouseId": 2**63, "shopSku": "s", "day": "2026-06-01"},
        {"campaignId": FBY, "warehouseId": 1, "shopSku": "s", "day": "1999-12-31"},
        {"campaignId": FBY, "warehouseId": 1, "shopSku": "s", "day": "2100-01-01"},
        {"campaignId": FBY, "warehouseId": 1, "shopSku": "s", "day": "2026-06-01", "valid": 2**31}), [
         "line 1: Value of warehouseId (9223372036854775808) must be less than or equal to 9223372036854775807",
         "line 2: Value of day (1999-12-31) must be from 2000-01-01 up to 2099-12-31",
         "line 3: Value of day (2100-01-01) must be from 2000-01-01 up to 2099-12-31",
         "line 4: Value of valid (2147483648) must be less than or equal to 2147483647"]),
    (["catalog", "import", "programs"], "pr.csv",
     b"campaignId,shopSku,maxCharge,targetCount,rating\n91000003,s,1,1,inf\n91000003,s,1,99999999999,1\n", [
         "line 2: Value of rating (inf) must be a finite number",
         "line 3: Value of targetCount (99999999999) must be less than or equal to 2147483647"]),
    (["quality", "import", "orders"], "o.ndjson", ndjson(
        {**ORDER, "campaignId": 2**63}, {**ORDER, "createdAt": "1970-01-01T00:00:00Z"},
        {**ORDER, "scheduledDate": "0002-01-01"}, {**ORDER, "shippedAt": "2100-01-01T03:00:00+03:00"},
        {**ORDER, "itemsRemovedBySeller": 2**40}, {**ORDER, "status": "A\x00"}, {**ORDER, "orderNumber": "1" * 65}), [
         "line 1: Value of campaignId (9223372036854775808) must be less than or equal to 9223372036854775807",
         f"line 2: Value of createdAt (1970-01-01T00:00:00Z) {RANGE}",
         "line 3: Value of scheduledDate (0002-01-01) must be from 2000-01-01 up to 2099-12-31",
         f"line 4: Value of shippedAt (2100-01-01T03:00:00+03:00) {RANGE}",
         "line 5: Value of itemsRemovedBySeller (1099511627776) must be less than or equal to 2147483647",
         "line 6: Value of status must not contain the NUL character",
         "line 7: Length of orderNumber (65) must be less than or equal to 64"]),
    (["quality", "import", "orders"], "o.csv",
     b'campaignId,orderNumber,createdAt,scheduledDate\n91000003,"A-1,2026-06-01T10:00:00Z,2026-06-02\n', [
         "line 2: CSV: a quoted value is not closed on its line (a record is one line)"]),
    (["quality", "import", "supplies"], "s.ndjson", ndjson(
        {**SUPPLY, "itemsPlanned": 2**31}, {**SUPPLY, "itemsMissing": 2**63}, {**SUPPLY, "arrivedDate": "9998-12-31"},
        {**SUPPLY, "plannedDate": "2026-13-01"}), [
         "line 1: Value of itemsPlanned (2147483648) must be less than or equal to 2147483647",
         "line 2: Value of itemsMissing (9223372036854775808) must be less than or equal to 2147483647",
         "line 3: Value of arrivedDate (9998-12-31) must be from 2000-01-01 up to 2099-12-31",
         "line 4: Value of plannedDate (2026-13-01) must match the pattern: 'YYYY-MM-DD'"]),
]


async def cli(api, *args: str):
    """`market-api ARGS` in this process, on the test's database (in a thread: it runs its own event loop)."""
    settings = api.settings
    database = ["--database-url", settings.database_url] if settings.database_url else []
    return await asyncio.to_thread(CliRunner().invoke, cli_app, ["--data-dir", str(settings.data_dir), *database,
                                                                 *args])


async def stored(api) -> dict[str, int]:
    """How many rows each table an import writes holds."""
    async with api.app.state.runtime.sessions() as session:
        return {table: await session.scalar(text(f"SELECT count(*) FROM {table}")) for table in TABLES}


async def test_every_bad_file_lists_its_lines_and_imports_nothing(api, tmp_path):
    before = await stored(api)
    for command, name, contents, problems in BAD_FILES:
        path = tmp_path / name
        path.write_bytes(contents)
        result = await cli(api, *command, str(path), "--json")
        assert result.exception is None or isinstance(result.exception, SystemExit), (name, result.exception)
        assert result.exit_code == 2, (name, result.output)
        assert json.loads(result.stdout) == {"imported": 0, "errors": problems}, name
        assert result.stderr.splitlines()[:-1] == problems, name
        assert result.stderr.splitlines()[-1].endswith("nothing was imported"), name
    assert await stored(api) == before


async def test_line_breaks_inside_json_strings_a_byte_order_mark_and_crlf_import_fine(api, tmp_path):
    texts = ["строка\u2028вторая", "абзац\u2029второй", "следующая\u0085строка", "конец"]
    reviews = tmp_path / "reviews.ndjson"
    reviews.write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(
        json.dumps({**REVIEW, "text": t}, ensure_ascii=False).encode() for t in texts) + b"\r\n")
    result = await cli(api, "reviews", "import", str(reviews), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"imported": 4, "errors": []}
    response = await api.client.get(f"/campaigns/{STORE}/feedback/updates", headers=api.key)
    assert [r["text"] for r in check(response, "getFeedbackAndCommentUpdates")["result"]["feedbackList"]] == texts
    categories = tmp_path / "categories.csv"
    categories.write_bytes('\ufeffid,name,parentId\r\n7001,"Игрушки, ""детские""",\r\n\r\n7002,Кубики,7001\r\n'
                           .encode())
    result = await cli(api, "catalog", "import", "categories", str(categories), "--json")
    assert result.exit_code == 0, result.output
    response = await api.client.post("/v2/categories/tree", headers=api.key)
    assert check(response, "getCategoriesTree")["result"] == {"id": 7001, "name": 'Игрушки, "детские"',
                                                              "children": [{"id": 7002, "name": "Кубики"}]}


async def test_a_thread_nested_within_the_limit_imports(api, tmp_path):
    path = tmp_path / "deep.ndjson"
    path.write_text(thread(25))
    result = await cli(api, "reviews", "import", str(path))
    assert result.exit_code == 0, result.output
    response = await api.client.get(f"/campaigns/{STORE}/feedback/updates", headers=api.key)
    comment, depth = check(response, "getFeedbackAndCommentUpdates")["result"]["feedbackList"][0]["comments"][0], 0
    while comment.get("children"):
        comment, depth = comment["children"][0], depth + 1
    assert depth == 25


BAD_ITEMS = [
    ("/catalog/categories", [{"id": 2**63, "name": "a"}, {"id": 1, "name": "a", "parentId": True}], [
        "line 1: Value of id (9223372036854775808) must be less than or equal to 9223372036854775807",
        "line 2: Value of parentId (true) must be an integer"]),
    ("/catalog/offers", [{**OFFER, "weightKg": -1}, {**OFFER, "modelId": 2**64}], [
        "line 1: Value of weightKg (-1) must be greater than or equal to 0.0",
        "line 2: Value of modelId (18446744073709551616) must be less than or equal to 9223372036854775807"]),
    ("/catalog/stocks", [{"campaignId": FBY, "warehouseId": 1, "shopSku": "s", "day": "1999-01-01"}], [
        "line 1: Value of day (1999-01-01) must be from 2000-01-01 up to 2099-12-31"]),
    ("/catalog/warehouses", [{"id": 5, "name": "W", "campaignId": 2**63}], [
        "line 1: Value of campaignId (9223372036854775808) must be less than or equal to 9223372036854775807"]),
    ("/quality/orders", [{**ORDER, "createdAt": "2100-01-01T00:00:00Z"}, {**ORDER, "campaignId": 2**64}], [
        f"line 1: Value of createdAt (2100-01-01T00:00:00Z) {RANGE}",
        "line 2: Value of campaignId (18446744073709551616) must be less than or equal to 9223372036854775807"]),
    ("/quality/supplies", [{**SUPPLY, "itemsMissing": 2**31}], [
        "line 1: Value of itemsMissing (2147483648) must be less than or equal to 2147483647"]),
    ("/quality/orders", [{**ORDER, "status": "LOST"}, {**ORDER, "cancelledBySeller": "yes"},
                         {**ORDER, "cancelledBySeller": "false"}, {**ORDER, "itemsRemovedBySeller": 1.0}, ORDER], [
        f"line 1: Value of status (LOST) must be one of: {STATUSES}",
        "line 2: Value of cancelledBySeller (yes) must be a boolean",
        "line 3: Value of cancelledBySeller (false) must be a boolean",
        "line 4: Value of itemsRemovedBySeller (1.0) must be an integer"]),
    ("/quality/supplies", [{**SUPPLY, "itemsMissing": 11}, {**SUPPLY, "itemsPlanned": True}, SUPPLY], [
        "line 1: Value of itemsMissing (11) must be less than or equal to itemsPlanned (10)",
        "line 2: Value of itemsPlanned (true) must be an integer"]),
    ("/catalog/stocks", [{"campaignId": FBY, "warehouseId": 1, "shopSku": "s", "day": "2026-06-01", "valid": "3"}], [
        "line 1: Value of valid (3) must be an integer"]),
    ("/catalog/warehouses", [{"id": 5, "name": "W", "disabled": "no"}, {"id": 6, "name": "W", "latitude": "55.7"}], [
        "line 1: Value of disabled (no) must be a boolean",
        "line 2: Value of latitude (55.7) must be a number"]),
]


@pytest.mark.parametrize(("path", "items", "problems"), BAD_ITEMS, ids=[p for p, _i, _m in BAD_ITEMS])
async def test_admin_imports_answer_one_400_with_every_bad_item(api, path, items, problems):
    before = await stored(api)
    response = await api.client.post(f"/admin{path}", headers=api.admin_headers, json=items)
    assert [e["message"] for e in check_error(response, 400)["errors"]] == problems
    assert await stored(api) == before


async def test_admin_items_nested_too_deep_infinite_or_with_lone_surrogates_are_line_errors(api):
    before = await stored(api)
    offer = '[{"businessId": 90000001, "shopSku": "s", "name": "n", '
    for body, problem in (
        (offer + '"link": ' + "[" * 100 + "]" * 100 + "}]", "line 1: JSON: nested more than 64 levels deep"),
        (offer + '"article": "\\udc00"}]', "line 1: Value of article is not valid Unicode text (a lone surrogate)"),
        (offer + '"weightKg": 1e400}]', "line 1: Value of weightKg (inf) must be a finite number"),
    ):
        response = await api.client.post("/admin/catalog/offers", content=body.encode(),
                                         headers={**api.admin_headers, "Content-Type": "application/json"})
        check_error(response, 400, problem)
    assert await stored(api) == before


async def test_csv_cells_are_text_so_csv_takes_numbers_and_booleans_written_out(api, tmp_path):
    """A CSV row is validated as text: "5" is an integer and "true"/"false" a boolean there, unlike in NDJSON."""
    reviews = tmp_path / "reviews.csv"
    reviews.write_text("campaignId,grade,text,recommend,verified,createdAt\n"
                       f"{STORE},5,Отлично,true,false,2026-06-01T10:00:00+03:00\n{STORE},2,Плохо,false,true,\n")
    result = await cli(api, "reviews", "import", str(reviews), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"imported": 2, "errors": []}
    async with api.app.state.runtime.sessions() as session:
        rows = (await session.execute(text("SELECT grade, recommend, verified FROM feedback_reviews "
                                           "WHERE text IN ('Отлично', 'Плохо') ORDER BY grade"))).all()
    assert [(grade, bool(recommend), bool(verified)) for grade, recommend, verified in rows] == [
        (2, False, True), (5, True, False)]
    orders = tmp_path / "orders.csv"
    orders.write_text("campaignId,orderNumber,createdAt,scheduledDate,status,cancelledBySeller,itemsRemovedBySeller\n"
                      f"{STORE},A-1,2026-06-01T10:00:00+03:00,2026-06-02,CANCELLED,true,2\n"
                      f"{STORE},A-2,2026-06-01T10:00:00+03:00,2026-06-02,DELIVERED,false,0\n")
    result = await cli(api, "quality", "import", "orders", str(orders), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["imported"] == 2
    supplies = tmp_path / "supplies.csv"
    supplies.write_text("campaignId,supplyNumber,plannedDate,itemsPlanned,itemsMissing,itemsRemovedLate\n"
                        f"{FBY},S-1,2026-06-02,10,10,1\n")
    result = await cli(api, "quality", "import", "supplies", str(supplies), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["imported"] == 1
    async with api.app.state.runtime.sessions() as session:
        orders_stored = (await session.execute(text(
            "SELECT order_number, status, cancelled_by_seller, items_removed_by_seller FROM quality_orders "
            "WHERE order_number IN ('A-1', 'A-2') ORDER BY order_number"))).all()
        supply = (await session.execute(text(
            "SELECT items_planned, items_missing FROM quality_supplies WHERE supply_number = 'S-1'"))).one()
    assert [(n, s, bool(c), r) for n, s, c, r in orders_stored] == [("A-1", "CANCELLED", True, 2),
                                                                   ("A-2", "DELIVERED", False, 0)]
    assert tuple(supply) == (10, 10)
