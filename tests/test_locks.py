"""The lock files: requirements.lock pins what serving needs, requirements-test.lock what the tests add,
one resolution for both (scripts/lock); the demo installs only the first."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    """The normalised project name of a requirement line (PEP 503)."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def _pins(lock: str) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / lock).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = line.split(";")[0].strip()
            assert "==" in requirement, f"{lock}: {line} is not pinned"
            pins[_name(requirement)] = requirement.split("==")[1]
    return pins


def test_runtime_and_test_locks_pin_each_dependency_once():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime, test = _pins("requirements.lock"), _pins("requirements-test.lock")
    assert not set(runtime) & set(test), "a package is pinned in both lock files"
    assert {_name(r) for r in project["dependencies"]} <= set(runtime)
    assert {_name(r) for r in project["optional-dependencies"]["test"]} <= set(test)
    assert {_name(r) for r in project["optional-dependencies"]["test"]}.isdisjoint(runtime), \
        "a test tool would be installed by the demo"


def test_scripts_install_the_lock_their_command_needs():
    assert "./scripts/bootstrap\n" in (ROOT / "scripts" / "demo").read_text()
    assert "./scripts/bootstrap test\n" in (ROOT / "scripts" / "test").read_text()
    assert _pins("requirements-bootstrap.lock").keys() == {"uv"}
