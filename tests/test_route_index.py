"""The plain routes' index finds, for any request path, the route a scan of the whole table finds."""

from __future__ import annotations

import re

import pytest
from starlette.routing import Match

from market_api.access.operations import routes
from market_api.operations import OPERATIONS
from market_api.platform.routes import RouteIndex

ROUTES = routes(OPERATIONS)


def scope(method: str, path: str) -> dict:
    return {"type": "http", "method": method, "path": path, "root_path": "", "query_string": b"", "headers": []}


def first_full_match(candidates, method: str, path: str):
    for route in candidates:
        if route.matches(scope(method, path))[0] is Match.FULL:
            return route
    return None


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "12345", path)


PATHS = sorted({concrete(route.path) for route in ROUTES} | {
    "/", "/health", "/campaigns/", "/campaigns//feedback/updates", "/reports/info/generate",
    "/reports/goods-feedback/generate.json/", "/v2", "/v2/", "/campaigns/1/feedback/updates/extra",
    "/businesses/1/warehouses.xml", "/CAMPAIGNS", "/admin/reviews", "/v2/reports/info/x.json",
})


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("method", ["GET", "POST", "PUT"])
def test_the_index_finds_what_a_full_scan_finds(method, path):
    index = RouteIndex(ROUTES)
    assert first_full_match(index.candidates(path), method, path) is first_full_match(ROUTES, method, path)


def test_every_route_is_found_at_its_own_path():
    index = RouteIndex(ROUTES)
    for route in ROUTES:
        assert route in index.candidates(concrete(route.path))
