"""The command line as a user runs it: seed, tokens, and `serve --demo` answering real HTTP."""

from __future__ import annotations

import json
import re
import shlex
import socket
import subprocess
from pathlib import Path

import httpx

from market_api.demo.seed import DEMO_CAMPAIGNS, DEMO_REVIEWS_PER_STORE, OTHER_CAMPAIGNS
from tests.contract import check
from tests.server import CLI, cli_env, running_server


def run_cli(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`market-api ARGS` on the SQLite database in `data_dir`, with extra environment variables `env`."""
    return subprocess.run([*CLI, *args], env=cli_env(data_dir, **env), capture_output=True, text=True, timeout=300)


def test_seed_demo_json_prints_what_scripts_need(tmp_path):
    result = run_cli(tmp_path, "seed", "--demo", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"apiKey", "adminToken", "businessId", "campaigns"}
    assert {c["placement"] for c in data["campaigns"]} >= {"FBS", "FBY", "DBS", "EXPRESS"}
    again = json.loads(run_cli(tmp_path, "seed", "--demo", "--json").stdout)
    assert again == data  # deterministic: the same ids and credentials on every run


def _serve_without_limits(output: str) -> str:
    """The command of the banner's "serve without limits" line."""
    lines = [line for line in output.splitlines() if line.strip().startswith("serve without limits:")]
    assert len(lines) == 1, output
    return lines[0].split(":", 1)[1].strip()


def test_the_banner_command_without_limits_serves_the_same_demo_again(tmp_path):
    by_default = run_cli(tmp_path, "seed", "--demo")
    assert by_default.returncode == 0, by_default.stderr
    assert _serve_without_limits(by_default.stdout) == "MARKET_API_RATE_LIMITS=off ./scripts/demo"
    # Set by the environment rather than by options: the command still names them.
    elsewhere = run_cli(tmp_path, "seed", "--demo", MARKET_API_HOST="0.0.0.0", MARKET_API_PORT="8123")
    assert _serve_without_limits(elsewhere.stdout) == \
        "MARKET_API_RATE_LIMITS=off ./scripts/demo --host 0.0.0.0 --port 8123"


def test_keys_and_users_from_the_cli(tmp_path):
    demo = json.loads(run_cli(tmp_path, "seed", "--demo", "--json").stdout)
    created = run_cli(tmp_path, "keys", "create", "--business-id", str(demo["businessId"]),
                      "--scope", "communication", "--scope", "pricing", "--json")
    assert created.returncode == 0, created.stderr
    key = json.loads(created.stdout)
    assert key["scopes"] == ["communication", "pricing"] and key["token"].startswith("ACMA:")
    listed = json.loads(run_cli(tmp_path, "keys", "list", "--json").stdout)
    assert key["id"] in [k["id"] for k in listed] and all("token" not in k for k in listed)
    bad = run_cli(tmp_path, "keys", "create", "--business-id", str(demo["businessId"]), "--scope", "everything")
    assert bad.returncode == 2 and "Unknown scopes: everything" in bad.stderr
    missing = run_cli(tmp_path, "campaigns", "create", "--business-id", "5", "--name", "x", "--placement", "FBS")
    assert missing.returncode == 2 and "Business not found: '5'" in missing.stderr


def _printed_command(output: str, starts: str) -> tuple[str, str, dict[str, str], str | None]:
    """The curl command of the one banner line that starts with `starts`, as (method, url, headers, body)."""
    lines = [line for line in output.splitlines() if line.strip().startswith(starts)]
    assert len(lines) == 1, output
    words = shlex.split(lines[0][lines[0].index("curl "):])
    assert words[0] == "curl" and words[-1].startswith("http://"), lines[0]
    method, headers, body = "GET", {}, None
    options = iter(words[1:-1])
    for option in options:
        value = next(options)
        if option == "-X":
            method = value
        elif option == "-H":
            name, _, header = value.partition(": ")
            headers[name] = header
        else:
            assert option == "-d", lines[0]
            body = value
    return method, words[-1], headers, body


def _run_printed(output: str, starts: str) -> httpx.Response:
    method, url, headers, body = _printed_command(output, starts)
    return httpx.request(method, url, headers=headers, content=body, timeout=60)


def test_serve_demo_banner_lines_work_as_printed_with_output_in_a_file(tmp_path):
    with running_server(tmp_path, "--demo") as server:  # its output goes to a file, not a terminal
        output = server.output
        assert "\x1b[" not in output  # no colours or cursor moves in a file
        # The migrations' messages read as written, a message over two lines on one line.
        assert ("Running upgrade 0006 -> 0007, discovery: what the discovery methods answer that was not kept "
                "(a store's payer id and settings, a cabinet's settings)\n") in output
        assert "\\x0a" not in output
        port = server.base_url.rsplit(":", 1)[1]
        assert _serve_without_limits(output) == f"MARKET_API_RATE_LIMITS=off ./scripts/demo --port {port}"
        response = _run_printed(output, "curl -H 'Api-Key:")
        assert response.status_code == 200
        assert len(check(response, "getFeedbackAndCommentUpdates")["result"]["feedbackList"]) == 20
        assert response.headers["X-RateLimit-Resource-Limit"] == "100"
        assert _run_printed(output, "curl -H 'Authorization").status_code == 200
        # Rate limits are on, and the banner says whether a demo store's feed fits in one window.
        pages = int(re.search(r"the largest demo feed is (\d+) pages of 20 and fits in one window", output)[1])
        api_key = _printed_command(output, "curl -H 'Api-Key:")[2]
        walked = []
        for store in (91000001, 91000002, 91000003, 91000004):
            count, token = 0, None
            while True:
                answer = httpx.get(f"{server.base_url}/campaigns/{store}/feedback/updates",
                                   params={"limit": 20, **({"page_token": token} if token else {})}, headers=api_key)
                assert answer.status_code == 200, answer.text  # never 420 within the walk
                count += 1
                token = answer.json()["result"]["paging"].get("nextPageToken")
                if token is None:
                    break
            walked.append(count)
        assert max(walked) == pages <= 100
        assert _run_printed(output, "clear the counters:").status_code == 200
        reset = _run_printed(output, "curl -X POST")
        assert reset.status_code == 200, reset.text


def test_admin_tokens_can_be_listed_and_revoked(tmp_path):
    demo = json.loads(run_cli(tmp_path, "seed", "--demo", "--json").stdout)
    created = run_cli(tmp_path, "admin-tokens", "create")
    assert created.returncode == 0 and created.stdout.strip().startswith("mka_")
    listed = json.loads(run_cli(tmp_path, "admin-tokens", "list", "--json").stdout)
    assert len(listed) == 2 and demo["adminToken"] not in json.dumps(listed)
    assert run_cli(tmp_path, "admin-tokens", "revoke", str(listed[-1]["id"])).returncode == 0
    remaining = json.loads(run_cli(tmp_path, "admin-tokens", "list", "--json").stdout)
    assert [t["id"] for t in remaining] == [listed[0]["id"]]
    missing = run_cli(tmp_path, "admin-tokens", "revoke", "999")
    assert missing.returncode == 2 and "Admin token not found: '999'" in missing.stderr


def test_commands_other_than_migrate_serve_and_seed_need_a_migrated_database(tmp_path):
    result = run_cli(tmp_path, "keys", "list")
    assert result.returncode == 2
    assert "error: the database is not migrated; run: market-api migrate" in result.stderr
    assert not (tmp_path / "market-api.db").exists()
    assert run_cli(tmp_path, "migrate").returncode == 0
    listed = run_cli(tmp_path, "keys", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []


def test_long_commands_end_their_progress_bar_at_its_total_in_the_unit_they_promise(tmp_path):
    stores = len(DEMO_CAMPAIGNS) + len(OTHER_CAMPAIGNS)
    first = run_cli(tmp_path, "seed", "--demo", "--json")
    total = DEMO_REVIEWS_PER_STORE * stores
    assert re.search(rf"demo reviews .* {total}/{total}\b", first.stderr), first.stderr
    json.loads(first.stdout)  # --json output is JSON alone; the bar is on stderr
    again = run_cli(tmp_path, "seed", "--demo", "--json")
    assert "demo reviews" not in again.stderr  # nothing written, no bar
    generated = run_cli(tmp_path, "seed", "--reviews", "300", "--campaign-id", "91000001")
    assert re.search(r"reviews for 91000001 .* 300/300\b", generated.stderr), generated.stderr
    assert generated.stdout.startswith("300 reviews written (")
    recomputed = run_cli(tmp_path, "quality", "recompute", "--from", "2026-11-01", "--to", "2026-11-07")
    assert re.search(rf"recomputing stores .* {stores}/{stores}\b", recomputed.stderr), recomputed.stderr
    too_long = run_cli(tmp_path, "quality", "recompute", "--from", "2026-01-01", "--to", "2099-12-31")
    assert too_long.returncode == 2
    assert "The period from --from (2026-01-01) to --to (2099-12-31) must be at most 731 days" in too_long.stderr


def test_a_demo_on_a_taken_port_stops_at_once_with_one_line(tmp_path):
    with socket.socket() as taken:  # another demo, say, listening there
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        second = run_cli(tmp_path / "data", "serve", "--demo", "--port", str(port))
    assert second.returncode == 2
    assert second.stdout == ""  # no banner, no credentials of a demo that is not served
    suggested = re.fullmatch(
        rf"error: port {port} on 127\.0\.0\.1 is already in use \(another market-api or \./scripts/demo\?\); "
        r"serve on another port with --port, e\.g\. --port (\d+)\n", second.stderr)
    assert suggested, second.stderr
    assert int(suggested[1]) > port
    assert not (tmp_path / "data").exists()  # nothing migrated or seeded


def test_serve_listens_on_a_host_name_and_writes_the_http_server_s_lines_as_its_own(tmp_path):
    """A host name is resolved (granian binds addresses only); granian's own lines go through the service's
    log handler (stderr, the service's format), not to stdout in granian's."""
    with running_server(tmp_path, "--host", "localhost", MARKET_API_LOG_LEVEL="debug") as server:
        assert httpx.get(f"{server.base_url}/health", timeout=10).json() == {"status": "OK"}
        server.process.terminate()
        server.process.wait(timeout=60)
    printed = server.output
    assert "admin token (shown once, keep it)" in printed and "shutdown complete" in printed
    granian_lines = [line for line in printed.splitlines() if "granian" in line]
    ours = re.compile(r"\d{4}-\d\d-\d\d [\d:,]+ (DEBUG|INFO|WARNING) _granian[\w.]* \[-\] \S")
    assert "Starting granian" in printed and all(ours.match(line) for line in granian_lines), granian_lines
