"""The admin API bounds every value as the public API does: ids 1..2^63-1, texts of a bounded length that a
database can store, instants and days in 2000..2099, finite numbers. A value past a bound is a 400 in the
error envelope that names it, and changes nothing (never a 500 from a database that cannot hold it)."""

from __future__ import annotations

import pytest

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
    ("POST", "/reviews/1/votes", '{"agree": 1e400}', "Value of agree (inf) must be a finite number"),
    ("POST", "/oauth-users", '{"login": "x", "validDays": 1e400}', "Value of validDays (inf) must be a finite number"),
    ("POST", "/businesses", '{"id": 1e400, "name": "x"}', "Value of id (inf) must be an integer"),
    ("PATCH", f"/campaigns/{STORE}", '{"clientId": 1e400}', "Value of clientId (inf) must be a finite number"),
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
