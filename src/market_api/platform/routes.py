"""Plain Starlette routes for the Partner API's operations, which skip FastAPI's dependency resolution
and its per-request layers (the operations check their inputs themselves, `market_api.access`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Receive, Scope, Send


class PlainRoute(Route):
    """A Starlette route that behaves like the API's FastAPI routes where it shows: it names itself in
    the scope (metrics and the contract lookup read it) and answers only the methods it lists (no
    implicit HEAD)."""

    def __init__(self, path: str, endpoint: Any, *, methods: list[str], name: str) -> None:
        super().__init__(path, endpoint, methods=methods, name=name, include_in_schema=False)
        self.methods = {method.upper() for method in methods}
        self.allowed = set(self.methods)  # what a 405 at its path lists: see `share_allowed_methods`

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Starlette's, except that a 405 lists in `Allow` every method its path takes, not only its own
        (getWarehouses and getPagedWarehouses share a path)."""
        if self.methods is not None and scope["method"] not in self.methods:
            raise HTTPException(status_code=405, headers={"Allow": ", ".join(sorted(self.allowed))})
        await super().handle(scope, receive, send)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """Starlette's match, with this route put in the child scope (as ``route``) when the path matches."""
        match, child_scope = super().matches(scope)
        if match is not Match.NONE:
            child_scope["route"] = self
        return match, child_scope


def share_allowed_methods(routes: list[PlainRoute]) -> None:
    """Give each route the methods of every route at its path, for the `Allow` of its 405."""
    by_path: dict[str, set[str]] = {}
    for route in routes:
        by_path.setdefault(route.path, set()).update(route.allowed)
    for route in routes:
        route.allowed = by_path[route.path]


class PlainRoutesFirst:
    """Runs requests for the plain routes through a short stack of their own and everything else
    through the application's full one.

    The short stack: Starlette's server-error handler, the application's own middleware, and the route's
    endpoint with the application's exception handlers (`EndpointWithHandlers`). So a plain route
    answers, logs, counts and fails exactly as the others do; it only skips FastAPI's layers
    (telemetry, body limits, the dependency exit stack, its router), which serve dependency injection
    it does not use, and Starlette's routing wrappers. A request whose method the route does not take
    goes to the full stack, which answers it 405 as for any route."""

    def __init__(self, app: Starlette, routes: list[PlainRoute], full_stack: ASGIApp) -> None:
        self.routes = routes
        self.index = RouteIndex(routes)
        self.full_stack = full_stack
        error_handler = next((handler for key, handler in app.exception_handlers.items() if key in (500, Exception)),
                             None)
        handlers = {key: handler for key, handler in app.exception_handlers.items() if key not in (500, Exception)}
        lane: ASGIApp = EndpointWithHandlers(handlers)
        for middleware in reversed(app.user_middleware):
            lane = middleware.cls(lane, *middleware.args, **middleware.kwargs)
        self.lane = ServerErrorMiddleware(lane, handler=error_handler)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI entry: an HTTP request that fully matches a plain route takes the short lane."""
        if scope["type"] == "http":
            for route in self.index.candidates(scope["path"]):
                match, child_scope = route.matches(scope)
                if match is Match.FULL:
                    scope.update(child_scope)
                    await self.lane(scope, receive, send)
                    return
        await self.full_stack(scope, receive, send)


def path_shape(path: str) -> tuple[int, str, str]:
    """What a request path shares with every route that can match it: its number of segments, its first
    segment and its last one (``/campaigns/1/feedback/updates`` -> ``(5, "campaigns", "updates")``)."""
    segments = path.split("/")
    return len(segments), segments[1] if len(segments) > 1 else "", segments[-1]


class RouteIndex:
    """The plain routes by path shape (`path_shape`), so that a request is matched against the few that
    can match it instead of all of them (56 regular expressions). A route's parameters never span a
    "/" (Starlette's ``{name}``), so its segment count is fixed; its last segment is fixed or holds a
    parameter (then it stands for any last segment). The routes are tried in their table order."""

    def __init__(self, routes: list[PlainRoute]) -> None:
        order = {id(route): number for number, route in enumerate(routes)}
        any_last: dict[tuple[int, str], list[PlainRoute]] = {}
        fixed_last: dict[tuple[int, str, str], list[PlainRoute]] = {}
        for route in routes:
            count, first, last = path_shape(route.path)
            if "{" in first:
                raise ValueError(f"a plain route must start with a fixed segment: {route.path}")
            if "{" in last:
                any_last.setdefault((count, first), []).append(route)
            else:
                fixed_last.setdefault((count, first, last), []).append(route)
        self._any_last = any_last
        self._by_shape = {shape: sorted([*listed, *any_last.get(shape[:2], [])], key=lambda r: order[id(r)])
                          for shape, listed in fixed_last.items()}

    def candidates(self, path: str) -> list[PlainRoute]:
        """The routes that may match `path` (a request's), in table order; [] when none can."""
        shape = path_shape(path)
        found = self._by_shape.get(shape)
        return found if found is not None else self._any_last.get(shape[:2], [])


class EndpointWithHandlers:
    """The matched plain route's endpoint (``scope["route"]``), its errors answered by `handlers` (exception
    class or HTTP status -> handler, as Starlette's ExceptionMiddleware takes them and looks them up: an
    HTTPException's status first, then the exception's classes in order). An error no handler takes is
    raised on, to the middleware around. One layer where Starlette's routing puts four: the exception
    middleware, the route, its request-response adapter and a second exception wrapper."""

    def __init__(self, handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]]) -> None:
        self.status_handlers = {key: handler for key, handler in handlers.items() if isinstance(key, int)}
        self.class_handlers = {key: handler for key, handler in handlers.items() if not isinstance(key, int)}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI entry: the endpoint's response, or its error's handler's, sent."""
        request = Request(scope, receive, send)
        try:
            response = await scope["route"].endpoint(request)
        except Exception as error:
            handler = self._handler(error)
            if handler is None:
                raise
            response = await handler(request, error)
            error.__traceback__ = None  # an exception raised again and again keeps no requests alive
        await response(scope, receive, send)

    def _handler(self, error: Exception) -> Callable[[Request, Exception], Awaitable[Response]] | None:
        if isinstance(error, HTTPException) and error.status_code in self.status_handlers:
            return self.status_handlers[error.status_code]
        for cls in type(error).__mro__:
            if cls in self.class_handlers:
                return self.class_handlers[cls]
        return None
