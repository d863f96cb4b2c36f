"""What the benchmarks share."""

from __future__ import annotations

import subprocess


def recreate_pg_database(server: str, name: str) -> None:
    """Drop and create a PostgreSQL database on `server` (postgresql://user@host:port)."""
    for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", f"{server}/postgres", "-qc", sql], check=True)
