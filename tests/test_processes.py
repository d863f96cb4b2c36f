"""`serve`'s report builder processes as an operator sees them: they end with `serve`, whether it is killed
(``kill -9``) or stopped (SIGTERM), and a stop leaves nothing behind ("leaked semaphore objects")."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.server import Server, running_server, wait_for
from tests.test_cli import run_cli

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")

GOODS = "/reports/goods-feedback/generate"


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, start time) of process `pid` from /proc, or None when there is no such process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return fields[0], int(fields[19])


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def descendants(pid: int) -> dict[int, int]:
    """The processes below `pid` (children, their children, …): pid -> start time."""
    parents = {int(p): _parent(int(p)) for p in os.listdir("/proc") if p.isdigit()}
    found: dict[int, int] = {}
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in parents.items():
            if its_parent == parent and child not in found:
                stat = _stat(child)
                if stat is not None:
                    found[child] = stat[1]
                    frontier.append(child)
    return found


def alive(processes: dict[int, int]) -> list[int]:
    """Those of `processes` still running (the same process: same start time; a zombie has ended)."""
    running = []
    for pid, started in processes.items():
        stat = _stat(pid)
        if stat is not None and stat[1] == started and stat[0] not in ("Z", "X"):
            running.append(pid)
    return running


def _kill(processes: dict[int, int]) -> None:
    """Leave no process of a failed test behind."""
    for pid in alive(processes):
        os.kill(pid, signal.SIGKILL)


def stop_and_outlive_none(server: Server, signum: int, seconds: float) -> None:
    """Send `serve` the signal `signum` and wait for it to end; then every process it had started must end
    within `seconds` (those left are killed, so a failed test leaves none behind)."""
    children = descendants(server.process.pid)
    assert children, "serve started no builder process"
    server.process.send_signal(signum)
    server.process.wait(timeout=60)
    try:
        wait_for(lambda: not alive(children), seconds, f"processes outlived serve: {alive(children)}")
    finally:
        _kill(children)


def _start_report(data_dir: Path, server: Server) -> tuple[str, dict]:
    demo = json.loads(run_cli(data_dir, "seed", "--demo", "--json").stdout)
    response = httpx.post(f"{server.base_url}{GOODS}", json={"businessId": demo["businessId"]},
                          headers={"Api-Key": demo["apiKey"]}, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()["result"]["reportId"], demo


def _status(server: Server, demo: dict, report_id: str) -> str:
    response = httpx.get(f"{server.base_url}/reports/info/{report_id}", headers={"Api-Key": demo["apiKey"]},
                         timeout=30)
    return response.json()["result"]["status"]


def test_builder_processes_end_when_serve_is_killed(tmp_path):
    # Each chunk of the report waits a minute: the builder is busy when `serve` dies.
    with running_server(tmp_path, "--demo", MARKET_API_FAILPOINTS="report.chunk=sleep:60") as server:
        report_id, demo = _start_report(tmp_path, server)
        wait_for(lambda: _status(server, demo, report_id) == "PROCESSING", 60, "the build did not start",
                 server.process, server.log)
        stop_and_outlive_none(server, signal.SIGKILL, 5)


# SIGHUP (the terminal of a demo closed) ends `serve` as SIGTERM does, rather than restart it.
@pytest.mark.parametrize(("signum", "building"),
                         [(signal.SIGTERM, False), (signal.SIGTERM, True), (signal.SIGHUP, False)],
                         ids=["sigterm-idle", "sigterm-mid-build", "sighup-idle"])
def test_a_stop_signal_stops_the_builders_and_leaks_nothing(tmp_path, signum, building):
    failpoints = {"MARKET_API_FAILPOINTS": "report.chunk=sleep:60"} if building else {}
    with running_server(tmp_path, "--demo", **failpoints) as server:
        report_id, demo = _start_report(tmp_path, server)
        awaited = "PROCESSING" if building else "DONE"
        wait_for(lambda: _status(server, demo, report_id) == awaited, 60, f"the report is not {awaited}",
                 server.process, server.log)
        # The resource tracker, the last of them, reports leaks as it ends.
        stop_and_outlive_none(server, signum, 30)
    assert server.process.returncode == 0
    assert "shutdown complete" in server.output
    assert "leaked semaphore" not in server.output
    assert "Traceback" not in server.output


def test_without_the_kernel_s_help_the_watcher_thread_ends_an_orphan(tmp_path):
    # A parent that starts a child watching it (only the portable watcher: no prctl), then waits forever.
    # The child waits forever: only the watcher can end it.
    child_code = ("import sys, threading; from market_api.platform import lifetime; "
                  "threading.Thread(target=lifetime._watch, args=(int(sys.argv[1]),), daemon=True).start(); "
                  "threading.Event().wait()")
    parent_code = ("import os, subprocess, sys; "
                   f"child = subprocess.Popen([sys.executable, '-c', {child_code!r}, str(os.getpid())]); "
                   "print(child.pid, flush=True); child.wait()")
    parent = subprocess.Popen([sys.executable, "-c", parent_code], stdout=subprocess.PIPE, text=True)
    child: dict[int, int] = {}
    try:
        child_pid = int(parent.stdout.readline())
        child[child_pid] = _stat(child_pid)[1]
        assert alive(child)
        parent.kill()
        parent.wait(timeout=30)
        wait_for(lambda: not alive(child), 5, "the orphan lived on")
    finally:
        if parent.poll() is None:
            parent.kill()
        parent.stdout.close()
        _kill(child)  # when the watcher failed


def _builders(pid: int) -> set[int]:
    """The report builder processes below `pid` (spawned interpreters running multiprocessing's entry)."""
    found = set()
    for child in descendants(pid):
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.add(child)
    return found


def test_serve_starts_its_builders_with_itself_and_the_first_report_uses_them(tmp_path):
    with running_server(tmp_path, "--demo", MARKET_API_REPORT_WORKERS_PRESTART="on",
                        MARKET_API_REPORT_WORKERS="2") as server:
        wait_for(lambda: len(_builders(server.process.pid)) == 2, 60, "serve started no builders",
                 server.process, server.log)
        started = _builders(server.process.pid)
        report_id, demo = _start_report(tmp_path, server)
        wait_for(lambda: _status(server, demo, report_id) == "DONE", 60, "the first report was not built",
                 server.process, server.log)
        assert _builders(server.process.pid) == started  # built by a process that was ready, none started for it
