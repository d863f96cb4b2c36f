"""Real `market-api serve` and `market-api worker` processes, for tests that need them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

CLI = [sys.executable, "-m", "market_api"]


@dataclass
class Running:
    """A `market-api` process of a test, with the file its output goes to."""

    process: subprocess.Popen
    log: Path

    @property
    def output(self) -> str:
        return self.log.read_text()


@dataclass
class Server(Running):
    base_url: str = ""


def cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    # Report worker processes start with a server only where a test asks for it (`extra`): most start
    # servers that never build a report.
    env = {**os.environ, "MARKET_API_DATA_DIR": str(data_dir), "MARKET_API_REPORT_WORKERS_PRESTART": "off"}
    env.pop("MARKET_API_DATABASE_URL", None)
    return {**env, **extra}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _running(data_dir: Path, name: str, command: list[str], env: dict[str, str], graceful: bool) -> Iterator[Running]:
    """A `market-api COMMAND` process, stopped at the end of the test: with SIGTERM when `graceful`,
    else with SIGKILL (a worker's graceful stop waits for its builds)."""
    log_path = data_dir / f"{name}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen([*CLI, *command], env=cli_env(data_dir, **env), stdout=log,
                                   stderr=subprocess.STDOUT, text=True)
        try:
            yield Running(process, log_path)
        finally:
            if process.poll() is None and graceful:
                process.terminate()
            elif process.poll() is None:
                process.kill()
            process.wait(timeout=30)


@contextmanager
def running_server(data_dir: Path, *args: str, **env: str) -> Iterator[Server]:
    """Start `market-api serve ARGS` and wait (bounded) until it answers /health."""
    port = free_port()
    with _running(data_dir, "server", ["serve", "--port", str(port), *args], env, True) as started:
        server = Server(started.process, started.log, f"http://127.0.0.1:{port}")
        wait_for(lambda: _answers_health(server.base_url), 90, "server did not start", server.process, server.log)
        yield server


def _answers_health(base_url: str) -> bool:
    try:
        return httpx.get(f"{base_url}/health", timeout=1).status_code == 200
    except httpx.TransportError:
        return False


@contextmanager
def running_worker(data_dir: Path, name: str, **env: str) -> Iterator[Running]:
    """Start `market-api worker` and wait (bounded) until it consumes its queue."""
    with _running(data_dir, name, ["worker"], env, False) as worker:
        wait_for(lambda: "started with" in worker.output, 60, f"worker {name} did not start", worker.process,
                 worker.log)
        yield worker


def wait_for(condition, seconds: float, message: str, process: subprocess.Popen | None = None,
             log: Path | None = None) -> None:
    """Poll `condition` until it holds: waiting for real processes to act, bounded."""
    deadline = time.monotonic() + seconds
    while not condition():
        if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
            raise AssertionError(f"{message}: {log.read_text()[-3000:] if log else ''}")
        time.sleep(0.05)
