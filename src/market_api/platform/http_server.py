"""`serve`'s HTTP server: granian (the default) or uvicorn (`MARKET_API_HTTP_SERVER`), with the edges of a
request bounded where only the server sees them.

The two were measured on the same app (benchmarks/http_servers.py): granian, whose HTTP/1.1 runs in Rust
threads beside the event loop, costs the feed about 40% less CPU per request. granian serves the app from
a worker process of its own (which exits with `serve`); uvicorn serves it in `serve`'s process.

The app's middleware (`RequestGuard`) bounds what reaches the app on either server: the request target's
length (414), the header fields' size (431), the time a body takes (408), each answered in the error
envelope. What arrives before a request's headers are whole never reaches the app:

- on granian, a request head not received within `header_timeout_seconds` closes the connection, and a head
  longer than the app's limits together (plus some slack, so that the app's own answers come first) is
  answered 431 by granian, with an empty body; so is a request it cannot parse (400);
- on uvicorn, its HTTP protocol is extended here: a connection that has not sent a whole request line and
  headers `header_timeout_seconds` after it opened (or after its last answer) is closed, answered 408 if
  it had sent part of a request; a head past the limits is answered 414 (the request line is not over
  yet) or 431, and a request it cannot parse 400, all in the envelope.
"""

from __future__ import annotations

import asyncio
import logging
import os
from http import HTTPStatus
from typing import Any

import orjson
import uvicorn

from market_api.platform.config import Settings
from market_api.platform.errors import envelope_body

log = logging.getLogger("market_api.http")

# Room in a request head beyond the app's URL and header limits: the method, the version, line ends.
HEAD_SLACK_BYTES = 1024


def head_limits(settings: Settings) -> tuple[int, int]:
    """The most bytes of a request line, and of a request line and headers, the server reads before it
    refuses the request."""
    line = settings.max_url_bytes + HEAD_SLACK_BYTES
    return line, line + settings.max_header_bytes


def _base_protocol() -> type[Any]:
    """The HTTP/1.1 protocol of uvicorn: httptools when it is installed, else h11 (as uvicorn's ``auto``)."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # pragma: no cover - httptools comes with uvicorn[standard]
        from uvicorn.protocols.http.h11_impl import H11Protocol

        return H11Protocol
    return HttpToolsProtocol


def refusal(status: int, message: str) -> bytes:
    """A whole HTTP/1.1 answer of `status` with the error envelope, closing the connection."""
    body = orjson.dumps(envelope_body(status, message))
    head = (f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\ncontent-type: application/json\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n")
    return head.encode("ascii") + body


def bounded_protocol(header_timeout_seconds: float, max_line_bytes: int, max_head_bytes: int) -> type[asyncio.Protocol]:
    """The HTTP/1.1 protocol of uvicorn with the head of each request bounded in time and size (see the module)."""
    base = _base_protocol()

    class BoundedHead(base):  # type: ignore[valid-type,misc]
        """One connection; `_head_timer` is set while the connection waits for a request's head."""

        _head_timer: asyncio.TimerHandle | None = None
        _head_bytes = 0
        _line_bytes = 0
        _line_over = False

        def connection_made(self, transport: asyncio.Transport) -> None:
            super().connection_made(transport)
            self._await_head()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_waiting()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            waiting = self._head_timer is not None
            if waiting and self._head_too_long(data):
                return
            super().data_received(data)
            if waiting and not self.transport.is_closing() and self._in_request():
                self._stop_waiting()

        def _head_too_long(self, data: bytes) -> bool:
            """Count `data` into the head awaited; refuse the request (before the parser buffers it) when the
            head goes past `max_head_bytes`: 414 while its request line is not over, else 431."""
            end = data.find(b"\r\n\r\n")
            head = data if end < 0 else data[:end]
            if not self._line_over:
                line_end = head.find(b"\n")
                self._line_over = line_end >= 0
                self._line_bytes += len(head) if line_end < 0 else line_end
            self._head_bytes += len(head)
            if self._line_bytes > max_line_bytes:
                self._refuse(414, f"The request line is too long: more than {max_line_bytes} bytes")
            elif self._head_bytes > max_head_bytes:
                self._refuse(431, f"The request line and header fields are too large: more than {max_head_bytes} bytes")
            else:
                return False
            return True

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing() and not self._in_request():
                self._await_head()

        def send_400_response(self, msg: str) -> None:
            """A request the parser refused: answered in the envelope."""
            self._refuse(400, "The request is not a valid HTTP/1.1 request")

        def _in_request(self) -> bool:
            cycle = getattr(self, "cycle", None)
            return cycle is not None and not cycle.response_complete

        def _await_head(self) -> None:
            self._stop_waiting()
            self._head_bytes = 0
            self._line_bytes = 0
            self._line_over = False
            self._head_timer = self.loop.call_later(header_timeout_seconds, self._head_late)

        def _stop_waiting(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_late(self) -> None:
            self._head_timer = None
            if self.transport.is_closing() or self._in_request():
                return
            if self._head_bytes:
                self._refuse(408, f"The request headers were not received within {header_timeout_seconds:g} seconds")
            else:
                self.transport.close()

        def _refuse(self, status: int, message: str) -> None:
            self._stop_waiting()
            log.warning("refused a request from %s: %s %s", self.client, status, message)
            self.transport.write(refusal(status, message))
            self.transport.close()

    return BoundedHead


# How `serve` hands its settings (JSON) and its process id to the process that makes the app.
SETTINGS_VARIABLE = "MARKET_API_SERVE_SETTINGS"
PARENT_VARIABLE = "MARKET_API_SERVE_PID"


def serve_http(app_factory: str, settings: Settings) -> None:
    """Serve the app that `app_factory` (``"module:function"``, called without arguments in the serving
    process; it reads `settings` back with `served_settings`) makes, on ``settings.host:port`` with
    ``settings.http_server``, until SIGTERM or SIGINT."""
    os.environ[SETTINGS_VARIABLE] = settings.model_dump_json()
    os.environ[PARENT_VARIABLE] = str(os.getpid())
    if settings.http_server == "uvicorn":
        _serve_uvicorn(app_factory, settings)
    else:
        _serve_granian(app_factory, settings)


def served_settings() -> Settings:
    """In the process that serves: the settings `serve_http` was given (else the environment's), and, in a
    process of granian's, a watch that ends it when `serve` ends (`exit_with_parent`)."""
    from market_api.platform.lifetime import exit_with_parent

    text = os.environ.get(SETTINGS_VARIABLE)
    parent = os.environ.get(PARENT_VARIABLE)
    if parent and parent.isdigit() and int(parent) != os.getpid():
        exit_with_parent(int(parent))
    return Settings.model_validate_json(text) if text else Settings()


def _serve_uvicorn(app_factory: str, settings: Settings) -> None:
    line, head = head_limits(settings)
    # Our own access log line (no query strings: they can carry page tokens and link signatures). No
    # WebSockets: the service has none, and an upgrade request is then an ordinary request, answered by the
    # app in the envelope rather than by the server's WebSocket handshake.
    uvicorn.run(app_factory, factory=True, host=settings.host, port=settings.port, log_level=settings.log_level,
                access_log=False, http=bounded_protocol(settings.header_timeout_seconds, line, head),
                h11_max_incomplete_event_size=2 * head, ws="none")


def _serve_granian(app_factory: str, settings: Settings) -> None:
    from granian import Granian
    from granian.constants import Interfaces, Loops
    from granian.http import HTTP1Settings
    from granian.log import LogLevels

    _, head = head_limits(settings)
    http1 = HTTP1Settings(header_read_timeout=max(1, round(settings.header_timeout_seconds * 1000)),
                          max_buffer_size=max(head, HTTP1Settings.max_buffer_size))
    level = settings.log_level.lower()
    server = Granian(
        app_factory, factory=True, address=settings.host, port=settings.port, interface=Interfaces.ASGI,
        workers=1, loop=Loops.uvloop, websockets=False, http1_settings=http1,
        # granian's own lines (start, stop) at warning and above unless asked for more; no access log (ours).
        log_level=LogLevels(level) if level in {"debug", "warning", "error", "critical"} else LogLevels.warning,
        log_access=False, workers_kill_timeout=30,
    )
    server.serve()
