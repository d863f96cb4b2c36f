"""ASGI middleware: body size and content type checks, rate-limit headers on every answer."""

from __future__ import annotations

import logging
import os
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from market_api.platform.errors import envelope, unhandled_error
from market_api.platform.logs import request_id as current_request_id
from market_api.platform.metrics import request_series

log = logging.getLogger("market_api.access")

_BODY_METHODS = {"POST", "PUT", "PATCH"}


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


class RequestGuard:
    """Rejects bodies over the size limit (400) or of a non-JSON type (415) before any handler runs."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI entry: a POST, PUT or PATCH body is read whole and checked first, then replayed to the
        app; a body without Content-Type is passed on as JSON."""
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        content_type = headers.get("content-type")
        if content_type and not _is_json(content_type):
            await envelope(415, f"Content type '{content_type}' not supported")(scope, receive, send)
            return
        body, too_big = await self._read_body(headers, receive)
        if too_big:
            message = f"The request is too big: body exceeds {self.max_body_bytes} bytes"
            await envelope(400, message)(scope, receive, send)
            return
        if not content_type:
            # The Partner API reads a body without Content-Type as JSON.
            scope = {**scope, "headers": [*scope["headers"], (b"content-type", b"application/json")]}
        await self.app(scope, _replay(body), send)

    async def _read_body(self, headers: Headers, receive: Receive) -> tuple[bytes, bool]:
        declared = headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_body_bytes:
            return b"", True
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                return b"", True
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks), False


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


class ResponseHeaders:
    """Adds the request id and the rate-limit window (when the request was charged) to every answer,
    and writes one access-log line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI entry: the request id is the client's ``X-Request-Id`` or a new random one; an error
        the app leaves unanswered is answered here (`unhandled_error`), so it carries the id too."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        request_id = Headers(scope=scope).get("x-request-id") or os.urandom(16).hex()
        state["request_id"] = request_id
        current_request_id.set(request_id)
        started = time.perf_counter()
        status = 500
        answered = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, answered
            if message["type"] == "http.response.start":
                answered = True
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers["X-Request-Id"] = request_id
                window = state.get("rate_window")
                if window is not None:
                    headers.update(window.headers())
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as error:
            if answered:
                raise
            # Answered here rather than by the framework's last resort, so it carries the request id.
            await unhandled_error(scope["method"], scope["path"], error)(scope, receive, send_with_headers)
        finally:
            seconds = time.perf_counter() - started
            # The route template, not the path: one series per method, not one per id.
            route = getattr(scope.get("route"), "path", "unmatched")
            requests, latency = request_series(scope["method"], route, status)
            requests.inc()
            latency.observe(seconds)
            log.info("%s %s %s %.1fms", scope["method"], scope["path"], status, seconds * 1000)
