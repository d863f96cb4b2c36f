"""What answers without a token: every route of the app, asked anonymously, is either on the short public
list below or refuses (401/403 in the envelope, or the console's redirect to its login form). The admin
API's description opens with the admin token or a console session; /metrics with the metrics token when
one is set; a download link stops working when its business or store is switched off."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.routing import Mount

from market_api.platform.storage import S3Storage
from tests.conftest import api_with
from tests.contract import check_error
from tests.test_reports import BUSINESS, DBS, FBS, GOODS, STOCKS, catalog, download, finished, generate, info

__all__ = ["catalog"]  # the fixture, used by the download tests below

METRICS_TOKEN = "metrics-token-of-the-test"
NOT_FOUND = "Report file not found, or its link has expired"
# Answered to anyone, by design: (method, route) -> the status an anonymous request with placeholder ids gets.
PUBLIC = {
    ("GET", "/"): 307,  # to the console
    ("GET", "/health"): 200,
    ("GET", "/ready"): 200,
    ("GET", "/openapi.json"): 200,
    ("GET", "/openapi.yaml"): 200,
    ("GET", "/openapi-classic.yaml"): 200,
    ("GET", "/docs"): 200,
    ("GET", "/docs/assets/{name}"): 404,  # only Swagger UI's own files
    ("GET", "/console"): 200,  # the login form
    ("POST", "/console/login"): 403,  # the form's CSRF token is missing
    ("GET", "/downloads/{report_id}/{name}"): 404,  # the signature is missing
}


def _routes(routes: list, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(method, path template) of every route, into included routers (under their prefixes); mounts (the
    console's static files) are left out."""
    for route in routes:
        if isinstance(route, Mount):
            continue
        included = getattr(route, "original_router", None)  # FastAPI's included router
        if included is not None:
            yield from _routes(included.routes, prefix + (getattr(route.include_context, "prefix", "") or ""))
            continue
        for method in sorted(route.methods or ()):
            if method != "HEAD":
                yield method, prefix + route.path


@pytest.fixture
async def guarded(settings, clock):
    async with api_with(settings, clock, metrics_token=METRICS_TOKEN) as made:
        yield made


async def test_every_route_refuses_an_anonymous_caller_unless_it_is_public(guarded):
    routes = set(_routes(guarded.app.routes))
    assert set(PUBLIC) <= routes
    assert ("GET", "/metrics") in routes and ("GET", "/admin/docs") in routes and ("GET", "/v2/campaigns") in routes
    opened = {}
    for method, path in sorted(routes):
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = await guarded.client.request(method, url, json={} if method in ("POST", "PUT", "PATCH") else None)
        if (method, path) in PUBLIC:
            assert response.status_code == PUBLIC[method, path], (method, path, response.text)
        elif path.startswith("/console/"):  # the console's pages lead to its login form
            assert (response.status_code, response.headers.get("location")) == (303, "/console"), (method, path)
        elif response.status_code not in (401, 403):
            opened[method, path] = response.status_code
        else:
            check_error(response, response.status_code)
    assert opened == {}


async def test_a_partner_token_opens_no_admin_or_metrics_route(guarded):
    for headers in ({"Api-Key": guarded.demo.api_key}, {"Authorization": f"Bearer {guarded.demo.api_key}"}):
        for path in ("/admin/docs", "/admin/openapi.json", "/admin/businesses", "/metrics"):
            assert (await guarded.client.get(path, headers=headers)).status_code in (401, 403), (path, headers)


async def test_metrics_need_the_metrics_token_when_one_is_set(guarded):
    client = guarded.client
    check_error(await client.get("/metrics"), 401, "Metrics token is not specified")
    check_error(await client.get("/metrics", headers={"Authorization": f"Basic {METRICS_TOKEN}"}), 401,
                "Metrics token is not specified")
    check_error(await client.get("/metrics", headers={"Authorization": "Bearer nope"}), 403, "Metrics token is invalid")
    check_error(await client.get("/metrics", headers=guarded.admin_headers), 403, "Metrics token is invalid")
    # What a Prometheus scrape config with `authorization: {credentials: …}` sends.
    response = await client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "market_api_requests_total" in response.text and "market_api_report_jobs_waiting" in response.text


async def test_metrics_are_open_without_a_metrics_token(api):
    assert api.settings.metrics_token is None
    response = await api.client.get("/metrics")
    assert response.status_code == 200 and "market_api_requests_total" in response.text


async def test_the_admin_description_opens_with_a_console_session_and_closes_with_it(api):
    client = api.client
    for path in ("/admin/docs", "/admin/openapi.json"):
        check_error(await client.get(path), 401, "Admin token is not specified")
    form = await client.get("/console")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    logged_in = await client.post("/console/login", data={"token": api.demo.admin_token, "csrf_token": csrf})
    assert (logged_in.status_code, logged_in.headers["location"]) == (303, "/console/requests")
    assert (await client.get("/admin/openapi.json")).json()["info"]["title"] == "market-api"
    assert (await client.get("/admin/docs")).status_code == 200
    page = await client.get("/console/requests")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    assert (await client.post("/console/logout", data={"csrf_token": csrf})).status_code == 303
    for path in ("/admin/docs", "/admin/openapi.json"):
        check_error(await client.get(path), 401, "Admin token is not specified")


async def _link(api, path: str, body: dict, report_format: str = "CSV") -> str:
    report = await finished(api, await generate(api, path, body, report_format))
    assert report["status"] == "DONE"
    assert (await download(api, report["file"])).status_code == 200
    return report["file"]


async def test_a_download_link_stops_working_when_its_business_is_switched_off(catalog):
    link = await _link(catalog, STOCKS, {"campaignId": FBS})
    await catalog.admin("PATCH", f"/businesses/{BUSINESS}", {"active": False})
    check_error(await download(catalog, link), 404, NOT_FOUND)
    await catalog.admin("PATCH", f"/businesses/{BUSINESS}", {"active": True})
    assert (await download(catalog, link)).status_code == 200


async def test_a_download_link_stops_working_when_a_store_it_names_is_switched_off(catalog):
    store_report = await _link(catalog, STOCKS, {"campaignId": FBS})
    named = await _link(catalog, STOCKS, {"businessId": BUSINESS, "campaignIds": [FBS, DBS]})
    business_wide = await _link(catalog, STOCKS, {"businessId": BUSINESS})
    goods = await _link(catalog, GOODS, {"businessId": BUSINESS})
    await catalog.admin("PATCH", f"/campaigns/{DBS}", {"active": False})
    check_error(await download(catalog, named), 404, NOT_FOUND)
    for link in (store_report, business_wide, goods):  # they name no store that is off
        assert (await download(catalog, link)).status_code == 200
    await catalog.admin("PATCH", f"/campaigns/{FBS}", {"active": False})
    check_error(await download(catalog, store_report), 404, NOT_FOUND)


async def test_a_download_link_of_a_removed_report_answers_like_an_expired_one(catalog):
    link = await _link(catalog, STOCKS, {"campaignId": FBS})
    report_id = urlsplit(link).path.split("/")[2]
    catalog.clock.advance(timedelta(hours=catalog.settings.report_retention_hours, seconds=1))
    await catalog.app.state.runner.wait_idle()
    check_error(await download(catalog, link), 404, NOT_FOUND)
    check_error(await catalog.client.get(f"/v2/reports/info/{report_id}", headers=catalog.key), 404)


async def test_presigned_s3_links_are_short_lived(catalog, monkeypatch):
    """A presigned link cannot be revoked: it lives MARKET_API_S3_LINK_SECONDS (300), never longer than
    MARKET_API_DOWNLOAD_LINK_SECONDS."""
    for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                        ("AWS_DEFAULT_REGION", "us-east-1")):
        monkeypatch.setenv(name, value)
    report_id = urlsplit(await _link(catalog, STOCKS, {"campaignId": FBS})).path.split("/")[2]
    rt = catalog.app.state.runtime
    # Presigning is computed locally: no S3 server is needed to read a link's lifetime.
    monkeypatch.setattr(rt, "storage", S3Storage("s3://bucket/files", "http://127.0.0.1:9"))

    async def lifetime() -> list[str]:
        link = (await info(catalog, report_id))["file"]
        assert link.startswith(f"http://127.0.0.1:9/bucket/files/reports/{report_id}/")
        return parse_qs(urlsplit(link).query)["X-Amz-Expires"]

    assert await lifetime() == ["300"]
    monkeypatch.setattr(rt, "settings", rt.settings.model_copy(update={"download_link_seconds": 60}))
    assert await lifetime() == ["60"]
