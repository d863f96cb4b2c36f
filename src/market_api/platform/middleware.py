"""ASGI middleware: request target, header, body size, body time and content type checks, rate-limit headers
on every answer, and what the request log is told of each Partner API request."""

from __future__ import annotations

import asyncio
import logging
import random
import re
import time
from datetime import datetime
from typing import Protocol

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from market_api.platform.config import Settings
from market_api.platform.errors import envelope, unhandled_error
from market_api.platform.logs import request_id as current_request_id
from market_api.platform.metrics import request_series
from market_api.platform.routes import PlainRoute
from market_api.platform.validation import shown

log = logging.getLogger("market_api.access")

_BODY_METHODS = {"POST", "PUT", "PATCH"}
# No value of the API holds a NUL character, and PostgreSQL cannot store one in text: refused at the edge.
NUL_REFUSED = "The request must not contain NUL characters"


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


# The answer to a body that did not arrive in time closes the connection: the rest of the body may still come.
CLOSE = {"Connection": "close"}


class RequestGuard:
    """Before any handler runs, rejects a request target longer than `max_url_bytes` (414), header fields
    longer than `max_header_bytes` together (431), a body over the size limit (400), a body not received
    whole within `body_timeout_seconds` (408, and the connection is closed), a body of a non-JSON type or
    with a Content-Encoding (415), and a NUL character in the path, query or body (400). Paths under
    `form_prefixes` (the web console's) take HTML forms too.

    The limits left unset are the app's settings (``app.state.runtime.settings``, once its lifespan has
    started), else the settings' defaults."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, form_prefixes: tuple[str, ...] = (),
                 body_timeout_seconds: float | None = None, max_url_bytes: int | None = None,
                 max_header_bytes: int | None = None) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.form_prefixes = form_prefixes
        self._given = (body_timeout_seconds, max_url_bytes, max_header_bytes)
        self._limits: tuple[float, int, int] | None = None

    def _edge_limits(self, scope: Scope) -> tuple[float, int, int]:
        """(body timeout, URL bytes, header bytes): as given, else from the app's settings."""
        if self._limits is not None:
            return self._limits
        runtime = getattr(getattr(scope.get("app"), "state", None), "runtime", None)
        settings = getattr(runtime, "settings", None)
        fields = Settings.model_fields
        names = ("body_timeout_seconds", "max_url_bytes", "max_header_bytes")
        resolved = tuple(
            given if given is not None else getattr(settings, name) if settings is not None else fields[name].default
            for given, name in zip(self._given, names, strict=True)
        )
        limits = (float(resolved[0]), int(resolved[1]), int(resolved[2]))
        if settings is not None or None not in self._given:
            self._limits = limits  # settled; before the lifespan started, asked again next time
        return limits

    def _takes(self, path: str, content_type: str) -> bool:
        if _is_json(content_type):
            return True
        media = content_type.split(";", 1)[0].strip().lower()
        return media == "application/x-www-form-urlencoded" and path.startswith(self.form_prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI entry: a POST, PUT or PATCH body is read whole and checked first, then replayed to the
        app; a body without Content-Type is passed on as JSON."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body_timeout, max_url_bytes, max_header_bytes = self._edge_limits(scope)
        target = len(scope.get("raw_path") or scope["path"].encode()) + len(scope["query_string"])
        if target > max_url_bytes:
            await envelope(414, f"The request target is too long: more than {max_url_bytes} bytes",
                           headers=CLOSE)(scope, receive, send)
            return
        if sum(len(name) + len(value) + 4 for name, value in scope["headers"]) > max_header_bytes:
            await envelope(431, f"The request header fields are too large: more than {max_header_bytes} bytes",
                           headers=CLOSE)(scope, receive, send)
            return
        if "\x00" in scope["path"] or b"%00" in scope["query_string"]:
            await envelope(400, NUL_REFUSED)(scope, receive, send)
            return
        if scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        content_type = headers.get("content-type")
        if content_type and not self._takes(scope["path"], content_type):
            await envelope(415, f"Content type '{shown(content_type)}' not supported")(scope, receive, send)
            return
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if encoding != "identity":  # a compressed body is not read: no client of the Partner API sends one
            await envelope(415, f"Content encoding '{shown(encoding)}' not supported")(scope, receive, send)
            return
        try:
            async with asyncio.timeout(body_timeout):
                body, too_big = await self._read_body(headers, receive)
        except TimeoutError:
            message = f"The request body was not received within {body_timeout:g} seconds"
            await envelope(408, message, headers=CLOSE)(scope, receive, send)
            return
        if too_big:
            message = f"The request is too big: body exceeds {self.max_body_bytes} bytes"
            await envelope(400, message)(scope, receive, send)
            return
        scope.setdefault("state", {})["request_body"] = body  # as the request log keeps it (refused or not)
        form = content_type is not None and not _is_json(content_type)
        if b"\\u0000" in body or b"\x00" in body or (form and b"%00" in body):
            await envelope(400, NUL_REFUSED)(scope, receive, send)
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


# The X-Request-Id taken from a client: up to 128 visible ASCII characters (it is sent back in a header and
# written to logs).
MAX_REQUEST_ID = 128
_REQUEST_ID = re.compile(f"[!-~]{{1,{MAX_REQUEST_ID}}}")


def new_request_id() -> str:
    """A request id for a request that brought none: 32 hex digits, the time in microseconds and then 72
    random bits. Ids made later sort later, so the request log's index of them grows at its end instead
    of at random places (which costs a database several times more per entry). The bits come from
    `random` (an id is unique, not secret): `os.urandom` is a system call that lets go of the
    interpreter's lock, and under load each such call hands the lock to granian's thread and back."""
    return f"{time.time_ns() // 1000:014x}{random.getrandbits(72):018x}"


class RequestRecorder(Protocol):
    """What `ResponseHeaders` tells of each answered request routed to a Partner API operation (the
    control plane's request log). Called on the request path: both must be cheap and never raise."""

    def now(self) -> datetime:
        """The service clock's time (aware), taken when a request arrives."""

    def record(self, scope: Scope, arrived: datetime, status: int, seconds: float, error_body: bytes | None) -> None:
        """One answered request: its `scope` (with ``state``: ``request_id``, ``operation_id``, ``caller``,
        ``business_id``, ``campaign_id``, ``fault_id``, ``request_body`` as far as they were set), when it
        `arrived`, the HTTP `status` sent, the `seconds` it took, and the body sent for a status of 400 and
        above (the error envelope), else None."""


class ResponseHeaders:
    """Adds the request id and the rate-limit window (when the request was charged) to every answer,
    writes one access-log line per request, and tells the `recorder` (if any) of every request routed to
    a Partner API operation (a `PlainRoute`; not the admin API, /health, /metrics or the docs)."""

    def __init__(self, app: ASGIApp, recorder: RequestRecorder | None = None) -> None:
        self.app = app
        self.recorder = recorder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI entry: the request id is the client's ``X-Request-Id`` or a new one (`new_request_id`);
        an error the app leaves unanswered is answered here (`unhandled_error`), so it carries the id too."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        given = Headers(scope=scope).get("x-request-id")
        # The client's id is sent back and logged: one too long to be an id, or not visible ASCII, is replaced.
        request_id = given if given and _REQUEST_ID.fullmatch(given) else new_request_id()
        state["request_id"] = request_id
        current_request_id.set(request_id)
        recorder = self.recorder
        arrived = recorder.now() if recorder is not None else None
        started = time.perf_counter()
        status = 500
        answered = False
        error_chunks: list[bytes] | None = None  # the body of an error answer, for the recorder

        async def send_with_headers(message: Message) -> None:
            nonlocal status, answered, error_chunks
            if message["type"] == "http.response.start":
                answered = True
                status = message["status"]
                # Appended as they go on the wire: nothing but this middleware sets these headers.
                headers = message["headers"] = list(message.get("headers", ()))
                headers.append((b"x-request-id", request_id.encode()))
                window = state.get("rate_window")
                if window is not None:
                    headers.extend(window.raw_headers())
                fault = state.get("fault_id")
                if fault is not None:  # the fault rule that produced the answer (market_api.control.faults)
                    headers.append((b"x-market-api-fault", fault.encode()))
                if status >= 400 and recorder is not None:
                    error_chunks = []
            elif error_chunks is not None and message["type"] == "http.response.body":
                error_chunks.append(message.get("body", b""))
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
            route = scope.get("route")
            requests, latency = request_series(scope["method"], getattr(route, "path", "unmatched"), status)
            requests.inc()
            latency.observe(seconds)
            log.info("%s %s %s %.1fms", scope["method"], scope["path"], status, seconds * 1000)
            if arrived is not None and recorder is not None and isinstance(route, PlainRoute):
                recorder.record(scope, arrived, status, seconds,
                                b"".join(error_chunks) if error_chunks is not None else None)
