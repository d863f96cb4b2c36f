"""Rendering console pages: the Jinja2 templates shipped in the package, with the session's CSRF token
and the service clock in every page."""

from __future__ import annotations

from importlib import resources
from typing import Any
from urllib.parse import quote

from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from market_api.console.models import ConsoleSession
from market_api.platform.clock import moscow_iso
from market_api.platform.runtime import runtime

templates = Jinja2Templates(directory=str(resources.files("market_api.console").joinpath("templates")))
templates.env.filters["moscow"] = lambda moment: moscow_iso(moment) if moment else "—"
# A path segment: unlike Jinja's urlencode, "/" is escaped too (request ids are the clients' own text).
templates.env.filters["segment"] = lambda value: quote(str(value), safe="")


def page(request: Request, name: str, console: ConsoleSession | None, status_code: int = 200,
         **context: Any) -> HTMLResponse:
    """Template `name` rendered with `context`, the session's CSRF token and the service clock's time."""
    return templates.TemplateResponse(request, name, {
        "csrf_token": console.csrf_token if console else None, "now": moscow_iso(runtime(request).clock.now()),
        **context,
    }, status_code=status_code)
