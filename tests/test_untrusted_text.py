"""Text from requests and files, shown back or logged: a message is one line, a value is never taken for a
message, and what cannot be read (a compressed body, a YAML alias) is refused in the envelope or the line list."""

from __future__ import annotations

import gzip
import io
import json
import logging

from market_api.platform.logs import escape_controls, log_handler
from tests.contract import check_error
from tests.test_cli import run_cli

FORGED = '"line 1: forged\\nline 2: all good \\u202e"'


def test_an_import_line_that_is_a_json_string_is_a_value_shown_on_one_line(tmp_path):
    assert run_cli(tmp_path, "seed", "--demo").returncode == 0
    forged = tmp_path / "forged.ndjson"
    forged.write_text(FORGED + "\n")
    result = run_cli(tmp_path, "reviews", "import", str(forged))
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "line 1: Value of body (line 1: forged\\x0aline 2: all good \\u202e) must be an object")
    assert "all good" not in "".join(line for line in result.stderr.splitlines() if line.startswith("line 2"))


async def test_an_admin_array_item_that_is_a_string_is_refused_as_a_value(api):
    response = await api.client.post("/admin/catalog/categories", json=["line 1: forged\nline 2: ok"],
                                     headers=api.admin_headers)
    check_error(response, 400, "Value of [0] (line 1: forged\\x0aline 2: ok) must be an object")


async def test_a_compressed_body_is_refused_415_and_changes_nothing(api):
    body = gzip.compress(b'{"name": "x", "placement": "FBS"}')
    response = await api.client.post("/admin/businesses", content=body, headers={
        **api.admin_headers, "Content-Type": "application/json", "Content-Encoding": "gzip"})
    check_error(response, 415, "Content encoding 'gzip' not supported")


async def test_a_request_id_that_is_not_visible_ascii_is_replaced(api):
    for given in ("a\u2028b", "запрос-1", "x y"):
        response = await api.client.get("/health", headers={"X-Request-Id": given.encode()})
        assert response.headers.raw[0] and response.headers["x-request-id"].isascii()
        assert response.headers["x-request-id"] != given
    kept = await api.client.get("/health", headers={"X-Request-Id": "trace-42/a.b"})
    assert kept.headers["x-request-id"] == "trace-42/a.b"


def test_log_text_shows_line_breaks_and_direction_marks_as_escapes():
    assert escape_controls("a\nb\u202ec\u2066d\u200f") == "a\\x0ab\\u202ec\\u2066d\\u200f"


def _logged(log_format: str, logger: str, message: str, *args: object) -> str:
    """What the service's log handler writes for one INFO line of `logger`."""
    stream = io.StringIO()
    handler = log_handler(log_format, stream)
    handler.handle(logging.LogRecord(logger, logging.INFO, __file__, 1, message, args, None))
    return stream.getvalue()


def test_a_migration_message_over_two_lines_is_logged_on_one_line_as_written():
    step = "upgrade 0006 -> 0007, discovery: what was not kept (a store's settings, a\ncabinet's settings)"
    text = _logged("text", "alembic.runtime.migration", "Running %s", step)
    assert text.endswith("[-] Running upgrade 0006 -> 0007, discovery: what was not kept (a store's settings, "
                         "a cabinet's settings)\n")
    assert "\\x0a" not in text
    as_json = _logged("json", "alembic.runtime.migration", "Running %s", step)
    assert json.loads(as_json)["message"].endswith("(a store's settings, a cabinet's settings)")
    # A request's text is still escaped: a path cannot start a line of its own.
    forged = _logged("text", "market_api.access", "GET %s 404", "/x\n2026-12-01 INFO forged")
    assert forged.count("\n") == 1 and "GET /x\\x0a2026-12-01 INFO forged 404" in forged


def test_a_scenario_file_with_aliases_is_refused_at_the_first(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text('a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n')
    assert run_cli(tmp_path, "migrate").returncode == 0
    result = run_cli(tmp_path, "load", str(bomb))
    assert result.returncode == 2
    assert "line 2, column 8: aliases (*name) are not read in scenario files" in result.stderr


def test_settings_and_databases_a_command_cannot_use_end_it_with_one_line(tmp_path):
    cases = [
        ({"MARKET_API_REPORT_WORKERS": "abc"}, "error: MARKET_API_REPORT_WORKERS: Input should be a valid integer"),
        ({"MARKET_API_PORT": "99999"}, "error: MARKET_API_PORT: Input should be less than or equal to 65535"),
        ({"MARKET_API_DATABASE_URL": "mysql://x/y"}, "error: MARKET_API_DATABASE_URL: the database must be"),
        ({"MARKET_API_CLOCK_START": "3000-01-01T00:00:00+00:00"}, "error: MARKET_API_CLOCK_START: the clock may"),
        ({"MARKET_API_DATABASE_URL": "postgresql://postgres@127.0.0.1:1/x"},
         "error: cannot use the database postgresql+asyncpg://postgres@127.0.0.1:1/x: "),
    ]
    for env, message in cases:
        result = run_cli(tmp_path, "clock", "show", **env)
        assert result.returncode == 2 and result.stderr.startswith(message), (env, result.stderr)
        assert "Traceback" not in result.stderr
