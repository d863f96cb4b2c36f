"""The command line as a user runs it: seed, tokens, and `serve --demo` answering real HTTP."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import httpx

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


def test_serve_demo_answers_over_http(tmp_path):
    with running_server(tmp_path, "--demo") as server:
        demo = json.loads(run_cli(tmp_path, "seed", "--demo", "--json").stdout)
        response = httpx.get(f"{server.base_url}/campaigns/{demo['campaigns'][0]['id']}/feedback/updates",
                             headers={"Api-Key": demo["apiKey"]})
        assert response.status_code == 200
        assert len(check(response, "getFeedbackAndCommentUpdates")["result"]["feedbackList"]) == 20
        assert response.headers["X-RateLimit-Resource-Limit"] == "100"
    assert demo["apiKey"] in server.output  # the banner printed the key and a ready curl line
    assert "curl -H 'Api-Key:" in server.output


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
