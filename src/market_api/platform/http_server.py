"""`serve`'s HTTP server: granian (the default) or uvicorn (`MARKET_API_HTTP_SERVER`), with the edges of a
request bounded where only the server sees them.

The two were measured on the same app (benchmarks/http_servers.py): granian, whose HTTP/1.1 runs in Rust
threads beside the event loop, served 7 to 25% more feed requests a second than uvicorn in the same runs
(CPU per request within the noise). granian serves the app from a worker process of its own (which exits
with `serve`); uvicorn serves it in `serve`'s process.

The app's middleware (`RequestGuard`) bounds what reaches the app on either server: the request target's
length (414), the header fields' size (431), the time a body takes (408), each answered in the error
envelope. What arrives before a request's headers are whole never reaches the app:

- on granian, a request head not received within `header_timeout_seconds` closes the connection (a new
  connection that sends nothing stays open); a request target over 64 KB is answered 414, a head over its
  buffer (the app's limits together plus some slack, so that the app's own answers come first, and at
  least granian's default of 408 KB) or of more than 100 fields 431, a request it cannot parse 400, all by
  granian with an empty body; HTTP/2 is not spoken;
- on uvicorn, its HTTP protocol is extended here: a connection that has not sent a whole request line and
  headers `header_timeout_seconds` after it opened (or after its last answer) is closed, answered 408 if
  it had sent part of a request; a head past the limits is answered 414 (the request line is not over
  yet) or 431, and a request it cannot parse 400, all in the envelope.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import socket
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


class ListenError(Exception):
    """The server could not listen on the address it was given (taken, or not one of this machine's)."""


def serve_http(app_factory: str, settings: Settings) -> None:
    """Serve the app that `app_factory` (``"module:function"``, called without arguments in the serving
    process; it reads `settings` back with `served_settings`) makes, on ``settings.host:port`` with
    ``settings.http_server``, until SIGTERM, SIGINT or SIGHUP. ListenError when it cannot listen there."""
    os.environ[SETTINGS_VARIABLE] = settings.model_dump_json()
    os.environ[PARENT_VARIABLE] = str(os.getpid())
    if settings.http_server == "uvicorn":
        _serve_uvicorn(app_factory, settings)
    else:
        _serve_granian(app_factory, settings)


def served_settings() -> Settings:
    """In the process that serves: the settings `serve_http` was given (else the environment's), and, in a
    process of granian's, a watch that ends it when `serve` ends (`exit_with_parent`). The two variables are
    taken out of the environment, so that the processes this one starts (report builders) do not inherit
    the settings' secrets."""
    from market_api.platform.lifetime import exit_with_parent

    text = os.environ.pop(SETTINGS_VARIABLE, None)
    parent = os.environ.pop(PARENT_VARIABLE, None)
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


# granian's own lines (start, stop, a worker's failure) go to the service's handler (platform.logs: stderr,
# text or JSON) rather than to stdout in granian's format; its access log is off (the service has its own).
GRANIAN_LOGGING: dict[str, Any] = {
    "version": 1, "disable_existing_loggers": False, "formatters": {}, "handlers": {},
    "loggers": {"_granian": {"handlers": [], "propagate": True}, "granian.access": {"handlers": [], "propagate": True}},
}


def _serve_granian(app_factory: str, settings: Settings) -> None:
    from granian import Granian
    from granian.constants import HTTPModes, Interfaces, Loops
    from granian.http import HTTP1Settings
    from granian.log import LogLevels

    class Server(Granian):  # type: ignore[misc,valid-type]
        """granian, ending on SIGHUP as on SIGTERM (granian's own answer to SIGHUP is to restart its worker,
        which would keep a demo running after its terminal closed, and start its clock again)."""

        def signal_handler_reload(self, *args: Any, **kwargs: Any) -> None:
            self.signal_handler_interrupt(*args, **kwargs)

    _, head = head_limits(settings)
    http1 = HTTP1Settings(header_read_timeout=max(1, round(settings.header_timeout_seconds * 1000)),
                          max_buffer_size=max(head, HTTP1Settings.max_buffer_size))
    level = settings.log_level.lower()
    server = Server(
        app_factory, factory=True, address=listen_address(settings.host, settings.port), port=settings.port,
        interface=Interfaces.ASGI, workers=1, loop=Loops.uvloop, websockets=False,
        # HTTP/1.1 only: granian's HTTP/2 (cleartext, by prior knowledge) has none of the head bounds above.
        http=HTTPModes.http1, http1_settings=http1,
        # granian's lines at warning and above unless more is asked for (its start lines would bury the banner).
        log_level=LogLevels(level) if level in {"debug", "warning", "error", "critical"} else LogLevels.warning,
        log_dictconfig=GRANIAN_LOGGING, log_access=False, workers_kill_timeout=30,
    )
    try:
        server.serve()
    except OSError as exc:  # the bind, in this process, before any worker starts
        raise ListenError(f"cannot listen on {settings.host}:{settings.port}: {exc.strerror or exc}") from exc


def listen_address(host: str, port: int) -> str:
    """`host` as the IP address granian binds (it takes no host names): itself when it is one, else the
    first address it resolves to. ListenError when it resolves to none."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        try:
            found = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        except socket.gaierror as exc:
            raise ListenError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
        return str(found[0][4][0])
    return host
