"""The admin API bounds every value as the public API does: ids 1..2^63-1, texts of a bounded length that a
database can store, instants and days in 2000..2099, finite numbers. A value past a bound is a 400 in the
error envelope that names it, and changes nothing (never a 500 from a database that cannot hold it)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from market_api.platform.validation import INT64_MAX

BIG = 2**63  # one past int64: no id column holds it
STORE = 91000003  # a DBS store of the demo business
INSTANT_RANGE = "must be from 2000-01-01T00:00:00Z up to 2100-01-01T00:00:00Z"
DAY_RANGE = "must be from 2000-01-01 up to 2099-12-31"
SURROGATE = "is not valid Unicode text (a lone surrogate)"


def too_big(field: str) -> str:
    return f"Value of {field} ({BIG}) must be less than or equal to {INT64_MAX}"


def too_small(field: str, value: int) -> str:
    return f"Value of {field} ({value}) must be greater than or equal to 1"


def too_long(field: str, length: int, limit: int) -> str:
    return f"Length of {field} ({length}) must be less than or equal to {limit}"


# (method, path under /admin, raw JSON body or None, the one message of the 400)
PATH_IDS = [
    ("PATCH", "/businesses/{}", '{"name": "x"}', "business_id"),
    ("PATCH", "/campaigns/{}", '{"name": "x"}', "campaign_id"),
    ("POST", "/api-keys/{}/revoke", None, "key_id"),
    ("POST", "/campaigns/{}/reviews", '{"grade": 5}', "campaign_id"),
    ("PUT", "/reviews/{}", '{"grade": 5}', "review_id"),
    ("DELETE", "/reviews/{}", None, "review_id"),
    ("PUT", "/reviews/{}/resolved", '{"resolved": true}', "review_id"),
    ("POST", "/reviews/{}/votes", '{"agree": 1}', "review_id"),
    ("POST", "/reviews/{}/comments", '{"author": "USER", "body": "x"}', "review_id"),
    ("PUT", "/comments/{}", '{"body": "x"}', "comment_id"),
    ("DELETE", "/comments/{}", None, "comment_id"),
]
QUERY_IDS = [("GET", "/campaigns?businessId={}", None, "businessId"),
             ("GET", "/api-keys?businessId={}", None, "businessId"),
             ("DELETE", "/limits?businessId={}", None, "businessId"),
             ("GET", "/requests?campaignId={}", None, "campaignId")]
BODY_IDS = [
    ("POST", "/businesses", '{{"id": {}, "name": "x"}}', "id"),
    ("POST", "/campaigns", '{{"id": {}, "businessId": 90000001, "name": "x", "placement": "FBS"}}', "id"),
    ("POST", "/campaigns", '{{"businessId": {}, "name": "x", "placement": "FBS"}}', "businessId"),
    ("PATCH", f"/campaigns/{STORE}", '{{"clientId": {}}}', "clientId"),
    ("PATCH", f"/campaigns/{STORE}", '{{"localRegionId": {}}}', "localRegionId"),
    ("POST", "/api-keys", '{{"businessId": {}, "scopes": ["ALL_METHODS"]}}', "businessId"),
    ("POST", "/oauth-users", '{{"login": "x", "businessIds": [{}]}}', "businessIds[0]"),
    ("POST", "/oauth-users", '{{"login": "x", "campaignIds": [{}]}}', "campaignIds[0]"),
    ("POST", "/reviews/1/comments", '{{"author": "USER", "body": "x", "parentId": {}}}', "parentId"),
    ("POST", f"/campaigns/{STORE}/reviews", '{{"grade": 5, "authorName": "a", "authorRegionId": {}}}',
     "authorRegionId"),
]


def _id_cases() -> list:
    cases = []
    for method, path, body, field in PATH_IDS + QUERY_IDS:
        cases += [(method, path.format(BIG), body, too_big(field)),
                  (method, path.format(0), body, too_small(field, 0)),
                  (method, path.format(-1), body, too_small(field, -1)),
                  (method, path.format("1e400"), body, f"Value of {field} (1e400) must be an integer")]
    for method, path, body, field in BODY_IDS:
        cases += [(method, path, body.format(BIG), too_big(field)),
                  (method, path, body.format(0), too_small(field, 0)),
                  (method, path, body.format(-1), too_small(field, -1))]
    return cases


def _instant_cases() -> list:
    cases = []
    for moment in ("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00+05:00",
                   "9999-12-31T23:59:59-05:00", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z",
                   "2000-01-01T02:59:59+03:00"):
        cases.append(("POST", f"/campaigns/{STORE}/reviews", f'{{"grade": 5, "createdAt": "{moment}"}}',
                      f"Value of createdAt ({moment}) {INSTANT_RANGE}"))
    for day in ("1999-12-31", "2100-01-01", "9998-12-31"):
        cases += [
            ("POST", "/quality/recompute", f'{{"dateFrom": "{day}", "dateTo": "2026-06-15"}}',
             f"Value of dateFrom ({day}) {DAY_RANGE}"),
            ("POST", "/quality/recompute", f'{{"dateFrom": "2026-06-15", "dateTo": "{day}"}}',
             f"Value of dateTo ({day}) {DAY_RANGE}"),
            ("PATCH", f"/campaigns/{STORE}", f'{{"customHolidays": ["{day}"]}}',
             f"Value of customHolidays[0] ({day}) {DAY_RANGE}"),
            ("PATCH", f"/campaigns/{STORE}", f'{{"customWorkingDays": ["{day}"]}}',
             f"Value of customWorkingDays[0] ({day}) {DAY_RANGE}"),
        ]
    for day in ("0001-01-01", "9999-12-31"):
        cases.append(("POST", "/quality/recompute", f'{{"dateFrom": "{day}"}}',
                      f"Value of dateFrom ({day}) must match the pattern: 'YYYY-MM-DD'"))
    cases += [
        ("POST", "/quality/recompute", '{"dateFrom": "2026-06-15", "dateTo": "2026-06-14"}',
         "Value of dateFrom (2026-06-15) must be less than or equal to dateTo (2026-06-14)"),
        ("POST", "/quality/recompute", '{"dateFrom": "2000-01-01", "dateTo": "2099-12-31"}',
         "The period from dateFrom (2000-01-01) to dateTo (2099-12-31) must be at most 731 days"),
    ]
    return cases


LONG = "x" * 10_001
TEXT_CASES = [
    ("POST", "/businesses", f'{{"name": "{LONG[:256]}"}}', too_long("name", 256, 255)),
    ("PATCH", "/businesses/90000001", f'{{"name": "{LONG[:256]}"}}', too_long("name", 256, 255)),
    ("POST", "/campaigns", f'{{"businessId": 90000001, "name": "{LONG[:256]}", "placement": "FBS"}}',
     too_long("name", 256, 255)),
    ("POST", "/api-keys", f'{{"businessId": 90000001, "name": "{LONG[:256]}", "scopes": ["ALL_METHODS"]}}',
     too_long("name", 256, 255)),
    ("POST", "/api-keys", f'{{"businessId": 90000001, "scopes": ["{LONG[:65]}"]}}', too_long("scopes[0]", 65, 64)),
    ("POST", "/oauth-users", f'{{"login": "{LONG[:256]}"}}', too_long("login", 256, 255)),
    ("POST", f"/campaigns/{STORE}/reviews", f'{{"grade": 5, "text": "{LONG}"}}', too_long("text", 10_001, 10_000)),
    ("POST", f"/campaigns/{STORE}/reviews", f'{{"grade": 5, "pro": "{LONG}"}}', too_long("pro", 10_001, 10_000)),
    ("POST", f"/campaigns/{STORE}/reviews", f'{{"grade": 5, "contra": "{LONG}"}}',
     too_long("contra", 10_001, 10_000)),
    ("POST", f"/campaigns/{STORE}/reviews", f'{{"grade": 5, "shopOrderId": "{LONG[:65]}"}}',
     too_long("shopOrderId", 65, 64)),
    ("PUT", "/reviews/1", f'{{"grade": 5, "text": "{LONG}"}}', too_long("text", 10_001, 10_000)),
    ("POST", "/reviews/1/comments", f'{{"author": "USER", "body": "{LONG}"}}', too_long("body", 10_001, 10_000)),
    ("PUT", "/comments/1", f'{{"body": "{LONG}"}}', too_long("body", 10_001, 10_000)),
    ("POST", "/businesses", '{"name": "a\\ud800b"}', f"Value of name {SURROGATE}"),
    ("POST", "/oauth-users", '{"login": "\\udfff"}', f"Value of login {SURROGATE}"),
    ("POST", f"/campaigns/{STORE}/reviews", '{"grade": 5, "text": "\\ud83d"}', f"Value of text {SURROGATE}"),
    ("PUT", "/comments/1", '{"body": "\\ud800"}', f"Value of body {SURROGATE}"),
]
NUMBER_CASES = [
    ("POST", "/reviews/1/votes", '{"agree": 1e400}', "Value of agree (inf) must be an integer"),
    ("POST", "/oauth-users", '{"login": "x", "validDays": 1e400}', "Value of validDays (inf) must be an integer"),
    ("POST", "/businesses", '{"id": 1e400, "name": "x"}', "Value of id (inf) must be an integer"),
    ("PATCH", f"/campaigns/{STORE}", '{"clientId": 1e400}', "Value of clientId (inf) must be an integer"),
]
CASES = _id_cases() + _instant_cases() + TEXT_CASES + NUMBER_CASES


async def _state(api) -> list:
    """What the admin API shows of the accounts (every list), to see that a refused request changed nothing."""
    return [(await api.client.get(f"/admin{path}", headers=api.admin_headers)).json()
            for path in ("/businesses", "/campaigns", "/api-keys", "/oauth-users")]


@pytest.mark.parametrize(("method", "path", "body", "message"), CASES,
                         ids=[f"{c[0]} {c[1][:40]} {(c[2] or '')[:40]}" for c in CASES])
async def test_a_value_past_its_bound_is_a_400_that_names_it_and_changes_nothing(api, method, path, body, message):
    before = await _state(api)
    headers = {**api.admin_headers, "Content-Type": "application/json"}
    response = await api.client.request(method, f"/admin{path}", content=body, headers=headers)
    assert response.status_code == 400, response.text
    assert response.json() == {"status": "ERROR", "errors": [{"code": "BAD_REQUEST", "message": message}]}
    assert await _state(api) == before


async def test_a_review_at_the_ends_of_the_range_is_written(api):
    for moment in ("2000-01-01T00:00:00Z", "2099-12-31T23:59:59+00:00", "2000-01-01T03:00:00+03:00"):
        response = await api.client.post(f"/admin/campaigns/{STORE}/reviews",
                                         json={"grade": 5, "createdAt": moment}, headers=api.admin_headers)
        assert response.status_code == 201, response.text


async def test_a_recompute_of_two_years_at_the_ends_of_the_range_runs(api):
    for body in ({"dateFrom": "2000-01-01", "dateTo": "2001-12-31"},
                 {"dateFrom": "2098-01-01", "dateTo": "2099-12-31"}):
        response = await api.client.post("/admin/quality/recompute", json=body, headers=api.admin_headers)
        assert response.status_code == 200, response.text
        assert isinstance(response.json()["result"]["ratingsWritten"], int)


# A JSON body carries each value as its JSON type, as the Partner API does: an integer field a JSON integer (not
# true, "5" or 4.0), a boolean a JSON boolean (not "false", 0 or "no"), a date-time an ISO 8601 string, a factor
# id written canonically ("1", not "01" or "1 ", which would overwrite factor 1).
LOOSE_INTEGERS = ("true", '"5"', "4.0")
LOOSE_BOOLEANS = ('"false"', '"no"', '"off"', "0", "0.0", '"t"', '"y"', "1", '"true"')
FACTOR_KEY = "must be a factor id: decimal digits, no leading zeros or spaces"


def _loose_cases() -> list:
    cases = []
    for path in (f"POST /campaigns/{STORE}/reviews", "PUT /reviews/{review}"):
        method, url = path.split()
        for value in LOOSE_INTEGERS:
            cases.append((method, url, f'{{"grade": {value}}}', f"Value of grade ({value.strip(chr(34))}) "
                                                                 "must be an integer"))
        for factors, message in (
            ('{"1": true}', "Value of factors[1] (true) must be an integer"),
            ('{"1": "5"}', "Value of factors[1] (5) must be an integer"),
            ('{"1": 4.0}', "Value of factors[1] (4.0) must be an integer"),
            ('{"01": 5}', f"Key of factors (01) {FACTOR_KEY}"),
            ('{"1 ": 5}', f"Key of factors (1 ) {FACTOR_KEY}"),
            ('{" 1": 5}', f"Key of factors ( 1) {FACTOR_KEY}"),
            ('{"1": 5, "01": 1}', f"Key of factors (01) {FACTOR_KEY}"),
            ('{"true": 5}', f"Key of factors (true) {FACTOR_KEY}"),
        ):
            cases.append((method, url, f'{{"grade": 5, "delivery": "DELIVERY", "factors": {factors}}}', message))
        for value in LOOSE_BOOLEANS:
            cases.append((method, url, f'{{"grade": 5, "recommend": {value}}}',
                          f"Value of recommend ({value.strip(chr(34))}) must be a boolean"))
    for value in LOOSE_BOOLEANS:
        shown = value.strip(chr(34))
        cases += [
            ("POST", f"/campaigns/{STORE}/reviews", f'{{"grade": 5, "verified": {value}}}',
             f"Value of verified ({shown}) must be a boolean"),
            ("PUT", "/reviews/{review}/resolved", f'{{"resolved": {value}}}', f"Value of resolved ({shown}) must be a "
                                                                               "boolean"),
            ("POST", "/businesses", f'{{"name": "x", "active": {value}}}',
             f"Value of active ({shown}) must be a boolean"),
            ("PATCH", "/businesses/90000001", f'{{"active": {value}}}', f"Value of active ({shown}) must be a boolean"),
            ("POST", "/campaigns", f'{{"businessId": 90000001, "name": "x", "placement": "FBS", "active": {value}}}',
             f"Value of active ({shown}) must be a boolean"),
            ("PATCH", f"/campaigns/{STORE}", f'{{"active": {value}}}', f"Value of active ({shown}) must be a boolean"),
            ("PATCH", f"/campaigns/{STORE}", f'{{"availableOnHolidays": {value}}}',
             f"Value of availableOnHolidays ({shown}) must be a boolean"),
        ]
    for value in LOOSE_INTEGERS:
        shown = value.strip(chr(34))
        cases += [
            ("PATCH", f"/campaigns/{STORE}", f'{{"weeklyHolidays": [{value}]}}',
             f"Value of weeklyHolidays[0] ({shown}) must be an integer"),
            ("POST", "/oauth-users", f'{{"login": "x", "validDays": {value}}}',
             f"Value of validDays ({shown}) must be an integer"),
            ("PATCH", f"/campaigns/{STORE}", f'{{"clientId": {value}}}',
             f"Value of clientId ({shown}) must be an integer"),
            ("PATCH", f"/campaigns/{STORE}", f'{{"localRegionId": {value}}}',
             f"Value of localRegionId ({shown}) must be an integer"),
            ("POST", "/reviews/{review}/votes", f'{{"agree": {value}}}',
             f"Value of agree ({shown}) must be an integer"),
        ]
    for value in ("1700000000", '"1700000000"', "1700000000.5", "true"):
        shown = value.strip(chr(34))
        cases += [("PUT", "/clock", f'{{"now": {value}}}', f"Value of now ({shown}) must be a date-time in ISO 8601"),
                  ("POST", f"/campaigns/{STORE}/reviews", f'{{"grade": 5, "createdAt": {value}}}',
                   f"Value of createdAt ({shown}) must be a date-time in ISO 8601")]
    return cases


LOOSE_CASES = _loose_cases()


async def _everything(api) -> list:
    """The accounts, the reviews the admin API wrote (every version) and the clock, to see that nothing changed."""
    async with api.app.state.runtime.sessions() as session:
        reviews = (await session.execute(text(
            "SELECT id, grade, recommend, verified, resolved, factors, agree_count FROM feedback_reviews "
            "ORDER BY id"))).all()
    clock = (await api.client.get("/admin/clock", headers=api.admin_headers)).json()
    return [await _state(api), [tuple(map(str, row)) for row in reviews], clock]


@pytest.mark.parametrize(("method", "path", "body", "message"), LOOSE_CASES,
                         ids=[f"{c[0]} {c[1][:30]} {c[2][:60]}" for c in LOOSE_CASES])
async def test_a_loosely_typed_value_is_a_400_that_names_it_and_stores_nothing(api, method, path, body, message):
    review = await api.admin("POST", f"/campaigns/{STORE}/reviews",
                             {"grade": 4, "delivery": "DELIVERY", "factors": {"1": 5}}, status=201)
    before = await _everything(api)
    headers = {**api.admin_headers, "Content-Type": "application/json"}
    response = await api.client.request(method, f"/admin{path.format(review=review['id'])}", content=body,
                                        headers=headers)
    assert response.status_code == 400, response.text
    assert response.json() == {"status": "ERROR", "errors": [{"code": "BAD_REQUEST", "message": message}]}
    assert await _everything(api) == before


async def test_values_of_their_json_type_are_taken(api):
    review = await api.admin("POST", f"/campaigns/{STORE}/reviews",
                             {"grade": 5, "delivery": "DELIVERY", "factors": {"1": 5, "3": 4}, "recommend": False,
                              "verified": True, "createdAt": "2026-06-01T10:00:00+03:00"}, status=201)
    edited = await api.admin("PUT", f"/reviews/{review['id']}", {"grade": 3, "factors": {"2": 1}, "recommend": True})
    await api.admin("PUT", f"/reviews/{edited['id']}/resolved", {"resolved": False})
    await api.admin("POST", f"/reviews/{edited['id']}/votes", {"agree": 2, "reject": -1})
    campaign = await api.admin("PATCH", f"/campaigns/{STORE}", {"active": False, "weeklyHolidays": [6, 7],
                                                               "availableOnHolidays": True})
    assert (campaign["active"], campaign["weeklyHolidays"], campaign["availableOnHolidays"]) == (False, [6, 7], True)
    user = await api.admin("POST", "/oauth-users", {"login": "strict", "validDays": 30}, status=201)
    assert user["login"] == "strict"
    clock = await api.admin("PUT", "/clock", {"now": "2026-06-15T12:00:00+03:00"})
    assert clock["now"].startswith("2026-06-15T12:00:00")
