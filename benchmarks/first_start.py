"""Benchmark of a new user's first start: from a clean clone to the first 200 of `/health` from
`./scripts/demo`, with empty pip and uv caches, and the size of the environment it made.

Each round clones the committed HEAD of this repository into a new temporary folder, gives pip and uv
new empty cache folders, runs `./scripts/demo --port P` with a data folder of its own, and waits for
`GET /health`. The baseline, in the same run, is the same start with plain pip installing the same lock
file (`MARKET_API_INSTALLER=pip`). A last measurement starts the demo again in the environment already
made (a new data folder): what serving itself costs, apart from the install.

    .venv/bin/python benchmarks/first_start.py [--rounds 3]

Packages come from this machine's package index (PyPI unless pip or uv is configured otherwise); uv
itself is installed into the new environment by pip unless it is on the PATH (it is taken off the PATH
here, as on a new machine).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import wait_http  # noqa: E402


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def folder_size(path: Path) -> int:
    """Bytes of the files under `path` (links not followed)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def _environment(work: Path, installer: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("VIRTUAL_ENV", "UV_"))}
    # A new machine: no uv on the PATH, no caches, no project environment active.
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep)
                                  if not (Path(p) / "uv").exists() and ".venv" not in p)
    env.update(UV_CACHE_DIR=str(work / "uv-cache"), PIP_CACHE_DIR=str(work / "pip-cache"),
               MARKET_API_INSTALLER=installer, MARKET_API_DATA_DIR=str(work / "data"))
    return env


def start(clone: Path, env: dict[str, str]) -> float:
    """Seconds from running `./scripts/demo` in `clone` to its first 200 of /health; the server is stopped."""
    port = free_port()
    began = time.perf_counter()
    process = subprocess.Popen(["./scripts/demo", "--port", str(port)], cwd=clone, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        if not wait_http(f"http://127.0.0.1:{port}/health", seconds=600):
            raise RuntimeError("the demo did not answer /health")
        return time.perf_counter() - began
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def first_start(installer: str) -> tuple[float, int, float]:
    """(seconds to the first /health from a clean clone, bytes of .venv, seconds of a start in the ready
    environment) with `installer` (uv or pip)."""
    with tempfile.TemporaryDirectory(prefix="market-api-first-start-") as folder:
        work = Path(folder)
        clone = work / "market-api"
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
        env = _environment(work, installer)
        seconds = start(clone, env)
        size = folder_size(clone / ".venv")
        shutil.rmtree(work / "data")
        again = start(clone, env)
        return seconds, size, again


def main() -> None:
    """Run the rounds and print each figure's median, and the ratio of uv to pip."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, int, float]]] = {"uv": [], "pip": []}
    for number in range(1, args.rounds + 1):
        for installer in results:  # interleaved, so that both meet the same machine
            figures = first_start(installer)
            results[installer].append(figures)
            print(f"round {number} {installer}: first /health {figures[0]:.1f} s, .venv {figures[1] / 2**20:.0f} MB, "
                  f"start when installed {figures[2]:.1f} s", flush=True)
    print(f"\ninstaller  first /health (median)  .venv      start when installed   rounds: {args.rounds}")
    medians = {name: [statistics.median(f[i] for f in rows) for i in range(3)] for name, rows in results.items()}
    for name, (seconds, size, again) in medians.items():
        print(f"{name:<9}  {seconds:>8.1f} s              {size / 2**20:>5.0f} MB   {again:>6.1f} s")
    print(f"\nuv / pip: {medians['uv'][0] / medians['pip'][0]:.2f} of pip's time to the first answer")


if __name__ == "__main__":
    main()
