"""Plain Starlette routes for the hottest methods, which skip FastAPI's dependency resolution."""

from __future__ import annotations

from typing import Any

from starlette.routing import Match, Route
from starlette.types import Scope


class PlainRoute(Route):
    """A Starlette route that behaves like the API's FastAPI routes where it shows: it names itself in
    the scope (metrics and the contract lookup read it) and answers only the methods it lists (no
    implicit HEAD)."""

    def __init__(self, path: str, endpoint: Any, *, methods: list[str], name: str) -> None:
        super().__init__(path, endpoint, methods=methods, name=name, include_in_schema=False)
        self.methods = {method.upper() for method in methods}

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child_scope = super().matches(scope)
        if match is not Match.NONE:
            child_scope["route"] = self
        return match, child_scope
