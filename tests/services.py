"""Throwaway Redis and PostgreSQL servers of the tests' own: a test that flushes, stops or restarts a
service does it to one of these, never to the machine's shared servers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.server import free_port

IN_CI = os.environ.get("CI", "").lower() == "true"


class Unavailable(Exception):
    """The service's binaries are not installed here."""


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _wait(port: int, seconds: float, what: str, process: subprocess.Popen[bytes] | None = None) -> None:
    """Wait (bounded) until something accepts connections on `port`."""
    deadline = time.monotonic() + seconds
    while not _answers(port):
        if time.monotonic() > deadline or (process is not None and process.poll() is not None):
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.05)


class OwnRedis:
    """`redis-server` on a free port, keeping nothing on disk."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise Unavailable("redis-server is not installed")
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                        "--dir", str(folder)]
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL)
        _wait(self.port, 10, "redis", self.process)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


class OwnPostgres:
    """A PostgreSQL cluster made with initdb in a folder of its own, run by pg_ctl on a free port (as the
    `postgres` user when the tests run as root, since PostgreSQL refuses to run as root)."""

    def __init__(self, folder: Path) -> None:
        if shutil.which("initdb") is None or shutil.which("pg_ctl") is None:
            raise Unavailable("initdb and pg_ctl are not installed")
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.server = f"postgresql://postgres@127.0.0.1:{self.port}"
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as:
            shutil.chown(folder, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")

    def _run(self, *command: str) -> None:
        subprocess.run([*self._as, *command], check=True, capture_output=True, timeout=120)

    def _pg_ctl(self, action: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "-o", options, action)

    def start(self) -> None:
        self._pg_ctl("start")
        _wait(self.port, 30, "postgresql")

    def restart(self) -> None:
        self._pg_ctl("restart")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")


def discard(server: OwnRedis | OwnPostgres) -> None:
    """Stop a server of the tests' own and remove its folder."""
    try:
        server.stop()
    finally:
        shutil.rmtree(server.folder, ignore_errors=True)


def temporary_folder(prefix: str) -> Path:
    """A new folder readable by the `postgres` user too (PostgreSQL's data and socket live there)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder
