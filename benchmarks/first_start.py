"""Benchmark of a new user's first start: from a clean clone to the first 200 of `/health` from
`./scripts/demo`, with empty pip and uv caches, and the size of the environment it made.

Each round clones the committed HEAD of this repository into a new temporary folder, gives pip and uv
new empty cache folders, runs `./scripts/demo --port P` with a data folder of its own, and waits for
`GET /health`. The baseline, in the same run, is the same start with plain pip installing the same lock
file (`MARKET_API_INSTALLER=pip`). A last measurement starts the demo again in the environment already
made (a new data folder): what serving itself costs, apart from the install.

The size of `.venv` is its disk usage as `du -sh .venv` reports it (blocks in use, each hard-linked file
once, in MiB, which du prints as "M"), not the sum of the files' lengths (`du --apparent-size`, about 8%
less); it includes uv itself when the install put it into `.venv/bin/uv` (shown apart).

    .venv/bin/python benchmarks/first_start.py [--rounds 3]

Packages come from this machine's package index (PyPI unless pip or uv is configured otherwise); uv
itself is installed into the new environment by pip unless it is on the PATH (it is taken off the PATH
here, as on a new machine).
"""

from __future__ import annotations

import argparse
import math
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


def disk_usage(path: Path) -> int:
    """Bytes of disk `path` and everything under it take, as `du -s -B1 path` counts them: the blocks of every
    file, folder and symbolic link (links not followed), a file with several hard links once."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for entry in [path, *path.rglob("*")]:
        status = entry.lstat()
        if (status.st_dev, status.st_ino) not in seen:
            seen.add((status.st_dev, status.st_ino))
            total += status.st_blocks * 512
    return total


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


def first_start(installer: str) -> tuple[float, int, float, int]:
    """(seconds to the first /health from a clean clone, disk usage of .venv in bytes, seconds of a start in
    the ready environment, disk usage of .venv/bin/uv in bytes, 0 without it) with `installer` (uv or pip)."""
    with tempfile.TemporaryDirectory(prefix="market-api-first-start-") as folder:
        work = Path(folder)
        clone = work / "market-api"
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
        env = _environment(work, installer)
        seconds = start(clone, env)
        size = disk_usage(clone / ".venv")
        uv = clone / ".venv" / "bin" / "uv"
        uv_size = disk_usage(uv) if uv.exists() else 0
        shutil.rmtree(work / "data")
        again = start(clone, env)
        return seconds, size, again, uv_size


def main() -> None:
    """Run the rounds and print each figure's median, and the ratio of uv to pip."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, int, float, int]]] = {"uv": [], "pip": []}
    for number in range(1, args.rounds + 1):
        for installer in results:  # interleaved, so that both meet the same machine
            figures = first_start(installer)
            results[installer].append(figures)
            uv = f"{_mib(figures[3])} of it uv" if figures[3] else "no uv in it"
            print(f"round {number} {installer}: first /health {figures[0]:.1f} s, .venv {_mib(figures[1])} on disk "
                  f"(du -sh; {uv}), start when installed {figures[2]:.1f} s", flush=True)
    print(f"\ninstaller  first /health (median)  .venv on disk (du -sh)  of it uv  start when installed  "
          f"rounds: {args.rounds}")
    medians = {name: [statistics.median(f[i] for f in rows) for i in range(4)] for name, rows in results.items()}
    for name, (seconds, size, again, uv_size) in medians.items():
        print(f"{name:<9}  {seconds:>8.1f} s              {_mib(size):>10}              "
              f"{_mib(uv_size) if uv_size else '-':>8}  "
              f"{again:>6.1f} s")
    print(f"\nuv / pip: {medians['uv'][0] / medians['pip'][0]:.2f} of pip's time to the first answer")


def _mib(size: float) -> str:
    """`size` bytes in MiB rounded up, as du -h shows them ("190 MiB" where du prints 190M)."""
    return f"{math.ceil(size / 2**20)} MiB"


if __name__ == "__main__":
    main()
