"""The HTTP edges of a real `market-api serve`, over raw sockets as a client (or an attacker) meets them:
slow or half-sent requests are not held forever, oversized request lines and headers are refused (in the
error envelope, up to where each HTTP server hands the request to the app), and no answer echoes a long
value whole. Every test runs on both servers `serve` can run on (MARKET_API_HTTP_SERVER): granian, the
default, and uvicorn, where the service also answers what never reaches the app in the envelope."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.server import Server, running_server
from tests.test_cli import run_cli

# Far beyond the server's timeouts of 1 s below: a server that holds a connection fails the test, not hangs it.
BOUND_SECONDS = 30
LONG = "7" * 5000  # a 5 KB value


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


HTTP_SERVERS = ["granian", "uvicorn"]
# What only uvicorn's protocol (extended in platform/http_server.py) answers in the envelope.
uvicorn_only = pytest.mark.parametrize("edge", ["uvicorn"], indirect=True)
granian_only = pytest.mark.parametrize("edge", ["granian"], indirect=True)


@pytest.fixture(scope="module", params=HTTP_SERVERS)
def edge(request, tmp_path_factory) -> Iterator[tuple[Server, dict]]:
    data_dir: Path = tmp_path_factory.mktemp(f"edges-{request.param}")
    with running_server(data_dir, "--demo", MARKET_API_HEADER_TIMEOUT_SECONDS="1",
                        MARKET_API_BODY_TIMEOUT_SECONDS="1", MARKET_API_HTTP_SERVER=request.param) as server:
        demo = json.loads(run_cli(data_dir, "seed", "--demo", "--json").stdout)
        yield server, demo


def http_server(request) -> str:
    """The server the test's `edge` runs on."""
    return request.node.callspec.params["edge"]


def _port(server: Server) -> int:
    return int(server.base_url.rsplit(":", 1)[1])


def connect(server: Server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", _port(server)))
    sock.settimeout(BOUND_SECONDS)
    return sock


def until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection; fails if it holds it past the bound."""
    received = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            raise AssertionError(f"the server held the connection; it sent {received[:300]!r}") from None
        except ConnectionResetError:
            return received
        if not chunk:
            return received
        received += chunk


def parse(raw: bytes) -> Answer:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Answer(int(lines[0].split()[1]), headers, body)


def send(server: Server, data: bytes) -> Answer:
    """Send `data` on a new connection and read the one answer until the server closes it."""
    with closing(connect(server)) as sock:
        sock.sendall(data)
        return parse(until_closed(sock))


def assert_envelope(answer: Answer, status: int, code: str) -> str:
    assert answer.status == status, answer
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json
    assert body["status"] == "ERROR" and [e["code"] for e in body["errors"]] == [code], body
    return body["errors"][0]["message"]


@uvicorn_only
def test_a_half_sent_request_head_is_answered_408_and_closed(edge):
    server, _ = edge
    answer = send(server, b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    assert "headers were not received" in assert_envelope(answer, 408, "REQUEST_TIMEOUT")


@granian_only
def test_a_half_sent_request_head_is_closed(edge):
    server, _ = edge
    with closing(connect(server)) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        assert until_closed(sock) == b""


@uvicorn_only
def test_a_connection_that_sends_nothing_is_closed(edge):
    server, _ = edge
    with closing(connect(server)) as sock:
        assert until_closed(sock) == b""


def test_many_half_open_connections_are_all_let_go_and_the_server_answers(edge, request):
    server, _ = edge
    sockets = [connect(server) for _ in range(50)]
    try:
        for sock in sockets:
            sock.sendall(b"POST /reports/info/x HTTP/1.1\r\nHost: x\r\n")
        answers = [until_closed(sock) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()
    if http_server(request) == "uvicorn":
        assert all(parse(answer).status == 408 for answer in answers)
    else:
        assert answers == [b""] * 50
    assert httpx.get(f"{server.base_url}/health", timeout=BOUND_SECONDS).status_code == 200


def test_a_body_shorter_than_its_content_length_is_answered_408_and_closed(edge):
    server, demo = edge
    head = (f"POST /reports/goods-feedback/generate HTTP/1.1\r\nHost: x\r\nApi-Key: {demo['apiKey']}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n")
    answer = send(server, head.encode() + b'{"businessId": ')
    assert "body was not received within 1 seconds" in assert_envelope(answer, 408, "REQUEST_TIMEOUT")
    assert answer.headers["connection"] == "close"


def assert_refused_by_granian(answer: Answer, status: int) -> None:
    """granian's own answer to a request it does not hand to the app: `status`, no body, connection closed."""
    assert (answer.status, answer.body, answer.headers["connection"]) == (status, b"", "close"), answer


# granian hands the app request targets up to 64 KB and heads up to its buffer (400 KB); past them it answers
# itself: 414 for a target it read whole, 431 for a head that outgrew the buffer.
@pytest.mark.parametrize("length", [10_000, 100_000, 1_000_000])
def test_a_long_url_is_answered_414_in_the_envelope(edge, request, length):
    server, _ = edge
    answer = send(server, b"GET /health?x=" + b"a" * length + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    if http_server(request) == "granian" and length > 65_000:
        assert_refused_by_granian(answer, 414 if length < 400_000 else 431)
    else:
        assert "too long" in assert_envelope(answer, 414, "URI_TOO_LONG")


@pytest.mark.parametrize("length", [40_000, 100_000, 1_000_000])
def test_long_header_fields_are_answered_431_in_the_envelope(edge, request, length):
    server, _ = edge
    answer = send(server, b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * length + b"\r\n\r\n")
    if http_server(request) == "granian" and length > 400_000:
        assert_refused_by_granian(answer, 431)
    else:
        assert "too large" in assert_envelope(answer, 431, "REQUEST_HEADER_FIELDS_TOO_LARGE")


def test_a_request_that_is_not_http_is_answered_400(edge, request):
    server, _ = edge
    answer = send(server, b"\x16\x03\x01 hello\r\n\r\n")
    if http_server(request) == "granian":
        assert_refused_by_granian(answer, 400)
    else:
        assert_envelope(answer, 400, "BAD_REQUEST")


def test_http2_is_not_spoken(edge, request):
    """HTTP/2 by prior knowledge (cleartext) would pass none of the HTTP/1.1 head bounds: it is refused."""
    server, _ = edge
    preface = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"  # and SETTINGS
    if http_server(request) == "granian":
        with closing(connect(server)) as sock:
            sock.sendall(preface)
            assert until_closed(sock) == b""
    else:
        assert_envelope(send(server, preface), 400, "BAD_REQUEST")


def test_a_keep_alive_connection_serves_several_requests(edge):
    server, _ = edge
    with closing(connect(server)) as sock:
        for _ in range(3):
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            received = b""
            while not received.endswith(b'{"status":"OK"}'):
                chunk = sock.recv(65536)
                assert chunk, received
                received += chunk
            assert received.startswith(b"HTTP/1.1 200")


def _echoes(demo: dict) -> list[tuple[str, str, dict, bytes | None]]:
    """(method, path, headers, body) of requests that carry the 5 KB value where a message may show it."""
    key = {"Api-Key": demo["apiKey"]}
    admin = {"Authorization": f"Bearer {demo['adminToken']}"}
    campaign = demo["campaigns"][0]["id"]
    as_json = {"Content-Type": "application/json"}
    return [
        ("GET", f"/campaigns/{campaign}/feedback/updates?limit={LONG}", key, None),
        ("GET", f"/campaigns/{campaign}/feedback/updates?from_date={LONG}", key, None),
        ("GET", f"/campaigns/{LONG}/feedback/updates", key, None),
        ("GET", f"/reports/info/{LONG}", key, None),
        ("GET", f"/{LONG}", key, None),
        ("POST", "/reports/goods-feedback/generate", {**key, **as_json}, json.dumps({"businessId": LONG}).encode()),
        ("POST", "/reports/goods-feedback/generate", {**key, **as_json}, json.dumps({LONG: 1}).encode()),
        ("POST", "/reports/goods-feedback/generate", {**key, **as_json}, ("{" + LONG).encode()),
        ("POST", "/reports/goods-feedback/generate", {**key, "Content-Type": "text/" + LONG}, b"{}"),
        ("POST", f"/businesses/{demo['businessId']}/ratings/quality", {**key, **as_json},
         json.dumps({"campaignIds": [LONG]}).encode()),
        ("GET", f"/admin/campaigns?businessId={LONG}", admin, None),
        ("PATCH", f"/admin/businesses/{LONG}", {**admin, **as_json}, b"{}"),
        ("POST", "/admin/businesses", {**admin, **as_json}, json.dumps({"id": LONG, "name": LONG}).encode()),
        ("POST", "/admin/businesses", {**admin, **as_json}, ("[" + LONG).encode()),
        ("POST", f"/admin/{LONG}", {**admin, **as_json}, b"{}"),
        ("POST", "/admin/reset", {**admin, **as_json}, json.dumps({"to": LONG}).encode()),
        ("POST", "/admin/api-keys", {**admin, **as_json},
         json.dumps({"businessId": demo["businessId"], "scopes": [LONG]}).encode()),
    ]


def test_no_answer_echoes_a_long_value_whole(edge):
    server, demo = edge
    with httpx.Client(base_url=server.base_url, timeout=BOUND_SECONDS) as client:
        for method, path, headers, body in _echoes(demo):
            response = client.request(method, path, headers=headers, content=body)
            assert 400 <= response.status_code < 500, (method, path[:80], response.status_code, response.text[:300])
            errors = response.json()["errors"]
            assert errors and all(len(error["message"]) <= 1001 for error in errors), (path[:80], errors)
            assert LONG not in response.text, (method, path[:80])


def test_a_long_request_id_is_not_sent_back(edge):
    server, _ = edge
    response = httpx.get(f"{server.base_url}/health", headers={"X-Request-Id": LONG}, timeout=BOUND_SECONDS)
    assert response.status_code == 200
    assert len(response.headers["X-Request-Id"]) == 32
    short = httpx.get(f"{server.base_url}/health", headers={"X-Request-Id": "abc-1"}, timeout=BOUND_SECONDS)
    assert short.headers["X-Request-Id"] == "abc-1"


def test_every_envelope_is_bounded_whatever_its_messages():
    from market_api.platform.errors import MAX_ERRORS, MAX_MESSAGE_CHARACTERS, envelope_body

    body = envelope_body(400, [f"Unknown thing: {i}{LONG}" for i in range(MAX_ERRORS + 50)])
    assert len(body["errors"]) == MAX_ERRORS
    assert all(len(e["message"]) == MAX_MESSAGE_CHARACTERS + 1 and e["message"].endswith("…") for e in body["errors"])
    assert envelope_body(404, "Report not found: 'x'")["errors"] == [{"code": "NOT_FOUND",
                                                                      "message": "Report not found: 'x'"}]


def test_a_websocket_upgrade_is_an_ordinary_request_answered_in_the_envelope(edge):
    server, _ = edge
    answer = send(server, b"GET /campaigns/91000001/feedback/updates HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                          b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                          b"Sec-WebSocket-Version: 13\r\nConnection: close\r\n\r\n")
    assert_envelope(answer, 401, "UNAUTHORIZED")
