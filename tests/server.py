"""A real `market-api serve` process on a free local port, for tests that need a listening server."""

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
class Server:
    base_url: str
    process: subprocess.Popen
    log: Path

    @property
    def output(self) -> str:
        return self.log.read_text()


def cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "MARKET_API_DATA_DIR": str(data_dir)}
    env.pop("MARKET_API_DATABASE_URL", None)
    return {**env, **extra}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(data_dir: Path, *args: str, **env: str) -> Iterator[Server]:
    """Start `market-api serve ARGS` and wait (bounded) until it answers /health."""
    port = free_port()
    log = (data_dir / "server.log").open("w")
    process = subprocess.Popen([*CLI, "serve", "--port", str(port), *args], env=cli_env(data_dir, **env),
                               stdout=log, stderr=subprocess.STDOUT, text=True)
    server = Server(f"http://127.0.0.1:{port}", process, data_dir / "server.log")
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{server.base_url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"server did not start: {server.log.read_text()[-3000:]}")
            time.sleep(0.1)  # waiting for a real process to listen, not for time to pass
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=30)
        log.close()


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path

    @property
    def output(self) -> str:
        return self.log.read_text()


@contextmanager
def running_worker(data_dir: Path, name: str, **env: str) -> Iterator[Worker]:
    """Start `market-api worker` and wait (bounded) until it consumes its queue."""
    log_path = data_dir / f"{name}.log"
    log = log_path.open("w")
    process = subprocess.Popen([*CLI, "worker"], env=cli_env(data_dir, **env), stdout=log,
                               stderr=subprocess.STDOUT, text=True)
    worker = Worker(process, log_path)
    try:
        wait_for(lambda: "started with" in worker.output, 60, f"worker {name} did not start", process, log_path)
        yield worker
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        log.close()


def wait_for(condition, seconds: float, message: str, process: subprocess.Popen | None = None,
             log: Path | None = None) -> None:
    """Poll `condition` until it holds: waiting for real processes to act, bounded."""
    deadline = time.monotonic() + seconds
    while not condition():
        if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
            raise AssertionError(f"{message}: {log.read_text()[-3000:] if log else ''}")
        time.sleep(0.05)
