"""One error envelope for every non-2xx answer, framework-level ones included."""

from __future__ import annotations

import pytest

from market_api.feedback import views as feedback_views
from tests.contract import check, check_error

FEED = "/campaigns/91000001/feedback/updates"


async def test_unknown_path(api):
    check_error(await api.client.get("/campaigns/91000001/nothing-here", headers=api.key), 404,
                "Resource not found: /campaigns/91000001/nothing-here")


async def test_wrong_method(api):
    check_error(await api.client.delete(FEED, headers=api.key), 405, "Request method 'DELETE' not supported")
    assert (await api.client.head(FEED, headers=api.key)).status_code == 405


async def test_unsupported_content_type(api):
    response = await api.client.post("/admin/businesses", content="name=x", headers={
        **api.admin_headers, "Content-Type": "application/x-www-form-urlencoded"})
    check_error(response, 415, "Content type 'application/x-www-form-urlencoded' not supported")


async def test_body_without_content_type_is_read_as_json(api):
    response = await api.client.post("/admin/businesses", content='{"name": "Без типа"}', headers=api.admin_headers)
    assert response.status_code == 201, response.text


async def test_malformed_json(api):
    response = await api.client.post("/admin/businesses", content='{"name": ', headers={
        **api.admin_headers, "Content-Type": "application/json"})
    data = check_error(response, 400)
    assert data["errors"][0]["message"].startswith("JSON: ")


async def test_body_over_512_kb(api):
    body = '{"name": "' + "x" * (512 * 1024) + '"}'
    response = await api.client.post("/admin/businesses", content=body, headers=api.admin_headers)
    data = check_error(response, 400)
    assert data["errors"][0]["message"].startswith("The request is too big: ")
    listed = await api.admin("GET", "/businesses")
    assert len(listed) == 2  # nothing was created


async def test_validation_errors_name_the_field(api):
    response = await api.client.post("/admin/campaigns", json={"businessId": 0, "placement": "FBX"},
                                     headers=api.admin_headers)
    data = check_error(response, 400)
    messages = {e["message"] for e in data["errors"]}
    assert "Value of businessId (0) must be greater than or equal to 1" in messages
    assert "Missing field: name" in messages
    assert any(m.startswith("Value of placement (FBX) must be one of:") for m in messages)
    assert {e["code"] for e in data["errors"]} == {"BAD_REQUEST"}


async def test_path_parameter_of_wrong_type(api):
    check_error(await api.client.get("/campaigns/abc/feedback/updates", headers=api.key), 400,
                "Value of campaignId (abc) must be an integer")


async def test_path_parameter_below_minimum(api):
    response = await api.client.get("/campaigns/0/feedback/updates", headers=api.key)
    check(response, "getFeedbackAndCommentUpdates")
    check_error(response, 400, "Value of campaignId (0) must be greater than or equal to 1")


async def test_unhandled_error_is_500_without_stack_trace(api, monkeypatch, caplog):
    async def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals: connection string postgres://x")

    monkeypatch.setattr(feedback_views, "page_json", broken)
    response = await api.client.get(FEED, headers=api.key)
    data = check(response, "getFeedbackAndCommentUpdates")
    assert response.status_code == 500
    assert data["errors"][0]["code"] == "INTERNAL_ERROR"
    assert "secret internals" not in response.text and "Traceback" not in response.text
    assert "secret internals" in caplog.text  # the server log keeps it
    assert response.headers["X-Request-Id"] in caplog.text


async def test_database_lost_mid_request_is_503_with_the_request_id(api, monkeypatch, caplog):
    async def database_gone(*_args, **_kwargs):
        raise ConnectionRefusedError("connection refused by 127.0.0.1:5432")

    monkeypatch.setattr(feedback_views, "page_json", database_gone)
    response = await api.client.get(FEED, headers=api.key)
    check(response, "getFeedbackAndCommentUpdates")
    check_error(response, 503, "Database is unavailable, try again later")
    assert response.headers["X-Request-Id"] in caplog.text


async def test_admin_api_requires_its_own_token(api):
    check_error(await api.client.get("/admin/businesses"), 401, "Admin token is not specified")
    check_error(await api.client.get("/admin/businesses", headers={"Authorization": "Bearer nope"}), 403,
                "Admin token is invalid")
    check_error(await api.client.get("/admin/businesses", headers={"Authorization": f"Bearer {api.demo.api_key}"}),
                403, "Admin token is invalid")


@pytest.mark.parametrize("suffix", ["", ".json"])
async def test_json_suffix_is_accepted(api, suffix):
    response = await api.client.get(FEED + suffix, headers=api.key)
    assert check(response, "getFeedbackAndCommentUpdates")["status"] == "OK"


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/reports/info/abc%00def", None),
    ("GET", "/downloads/x%00/y", None),
    ("GET", "/admin/requests?requestId=a%00b", None),
    ("DELETE", "/admin/faults/%00", None),
    ("POST", "/admin/businesses", '{"name": "x\\u0000y"}'),
    ("POST", "/admin/scenarios", '{"businesses": [{"id": 1, "name": "x\\u0000"}]}'),
])
async def test_a_nul_character_anywhere_is_refused_at_the_edge(api, method, path, body):
    before = await api.admin("GET", "/businesses")
    response = await api.client.request(method, path, content=body, headers={
        **api.admin_headers, **api.key, "Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    assert response.json() == {"status": "ERROR", "errors": [
        {"code": "BAD_REQUEST", "message": "The request must not contain NUL characters"}]}
    assert await api.admin("GET", "/businesses") == before
