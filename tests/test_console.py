"""The web console in a real browser: Playwright driving Debian's chromium against a `market-api serve
--demo` process."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import IN_CI
from tests.server import Server, running_server

ADMIN_TOKEN = "mka_console_test_token_0123456789abcdef"
CHROMIUM = os.environ.get("MARKET_API_TEST_CHROMIUM", "/usr/bin/chromium")
SHOTS = os.environ.get("MARKET_API_CONSOLE_SCREENSHOTS")  # a folder: pages are photographed into it
FBS = 91000001


def _browser_problem() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    problem = _browser_problem()
    if problem:
        if IN_CI:
            pytest.fail(problem)
        pytest.skip(problem)
    data_dir = tmp_path_factory.mktemp("console")
    with running_server(data_dir, "--demo", MARKET_API_ADMIN_TOKEN=ADMIN_TOKEN) as started:
        yield started


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def visited_hosts() -> list[str]:
    return []


@pytest.fixture
def page(browser, server, visited_hosts):
    context = browser.new_context(base_url=server.base_url)
    opened = context.new_page()
    opened.on("request", lambda request: visited_hosts.append(urlsplit(request.url).netloc))
    yield opened
    context.close()
    # Everything the console loads is served by the service itself: no CDN, works offline.
    assert set(visited_hosts) <= {urlsplit(server.base_url).netloc}, visited_hosts


def log_in(page) -> None:
    page.goto("/console")
    page.fill("input[name=token]", ADMIN_TOKEN)
    page.click("button[type=submit]")
    page.wait_for_url("**/console/requests")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def api_key(server: Server) -> str:
    return server.output.split("Api-Key:", 1)[1].split()[0]


def test_a_page_without_a_session_goes_to_the_login_form(page):
    for path in ("/console/requests", "/console/stores", "/console/control", f"/console/quality/{FBS}"):
        page.goto(path)
        assert urlsplit(page.url).path == "/console"
        assert page.locator("input[name=token]").count() == 1


def test_a_wrong_token_shows_the_form_again(page):
    page.goto("/console")
    page.fill("input[name=token]", "not-the-token")
    page.click("button[type=submit]")
    assert page.locator(".error").inner_text() == "Admin token is invalid"
    assert urlsplit(page.url).path == "/console/login"


def test_log_in_and_every_page_renders(page, server):
    log_in(page)
    shot(page, "requests")
    expected = {
        "/console/stores": "Stores",
        f"/console/stores/{FBS}/reviews": "Reviews of",
        "/console/reports": "Reports",
        f"/console/quality/{FBS}": "Quality index of",
        "/console/control": "Control",
    }
    for path, heading in expected.items():
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("h1").inner_text().startswith(heading), path
        shot(page, path.strip("/").replace("/", "-").replace("console-", ""))
    page.goto("/console/stores")
    assert page.locator(f"a[href='/console/stores/{FBS}/reviews']").count() == 1
    page.goto(f"/console/stores/{FBS}/reviews")
    assert page.locator("article.review").count() > 0


def test_the_quality_page_holds_an_svg_chart_with_bands(page):
    log_in(page)
    page.goto(f"/console/quality/{FBS}")
    chart = page.locator("svg.chart")
    assert chart.count() == 1
    assert chart.locator("rect.band").count() == 4
    assert chart.locator("polyline[data-series=index]").count() == 1


def test_a_fault_added_on_the_control_page_answers_the_next_call_and_shows_on_the_requests_page(page, server):
    log_in(page)
    page.goto("/console/control")
    page.select_option("select[name=operationId]", "getFeedbackAndCommentUpdates")
    page.select_option("select[name=status]", "420")
    page.fill("#add-fault input[name=count]", "1")
    page.click("#add-fault button[type=submit]")
    assert page.locator(".done").count() == 1
    assert page.locator("table.faults tbody tr").first.inner_text().count("getFeedbackAndCommentUpdates") == 1
    page.goto("/console/requests")
    response = httpx.get(f"{server.base_url}/campaigns/{FBS}/feedback/updates", headers={
        "Api-Key": api_key(server), "X-Request-Id": "console-fault-check"})
    assert response.status_code == 420
    # The live table gets the row over server-sent events, without a reload.
    row = page.locator("tr[data-request-id=console-fault-check]")
    row.wait_for(timeout=10_000)
    assert "fault" in row.inner_text()
    page.click("tr[data-request-id=console-fault-check] a")
    assert page.locator("h1").inner_text() == "Request console-fault-check"
    shot(page, "request")
    page.goto("/console/control")
    page.click("text=Clear every rule")
    assert page.locator("table.faults tbody").inner_text().strip() == "No fault rules."


def test_a_form_without_its_csrf_token_is_refused(page, server):
    log_in(page)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    for path, form in (("/console/control/faults", {"operationId": "*", "status": "500"}),
                       ("/console/logout", {}),
                       ("/console/control/faults", {"operationId": "*", "status": "500", "csrf_token": "forged"})):
        response = httpx.post(f"{server.base_url}{path}", data=form, cookies=cookies)
        assert response.status_code == 403, response.text
    login = httpx.post(f"{server.base_url}/console/login", data={"token": ADMIN_TOKEN})
    assert login.status_code == 403
    page.goto("/console/control")
    assert page.locator("table.faults tbody").inner_text().strip() == "No fault rules."


def test_logging_out_ends_the_session(page, server):
    log_in(page)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    page.click("text=Log out")
    page.wait_for_url("**/console")
    kept = httpx.get(f"{server.base_url}/console/stores", cookies=cookies)
    assert kept.status_code == 303 and kept.headers["location"] == "/console"


def test_the_session_opens_the_admin_api_description(page):
    log_in(page)
    response = page.goto("/admin/openapi.json")
    assert response.status == 200
    page.goto("/admin/docs")
    page.locator(".swagger-ui").wait_for()


def test_the_session_cookie_is_httponly_strict_and_expiring(page):
    log_in(page)
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "market_api_console"]
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Strict"
    assert cookie["expires"] > 0
