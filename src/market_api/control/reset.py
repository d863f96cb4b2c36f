"""Reset: the data back to the demo set or to empty, without a restart (POST /admin/reset, `market-api
reset`).

In one transaction (all or nothing) every table's rows go except the deployment's own (admin tokens and
the console's sessions, the signing keys, the migration mark, the shared control state) and the regions
reference data; so the fault rules and the request log are emptied too, and ids start from 1 again, as
in a new database. The clock returns to real time, the data generation is bumped (every process drops its caches, and
the rate-limit counters start anew: the generation is part of their keys), the fault rules' version
too (every process forgets the rules it loaded). "demo" then puts in the demo data set
(`market_api.demo.seed.seed_demo_data`), without an admin token: the ones there are stay as they are.

**Why the demo set comes from a template.** Seeding it takes about 2.5 s in a warm process (measured
in-process: generating the ~10,600 reviews with their threads 0.8 s, writing them 0.9 s, the catalogue
0.4 s, quality facts and ratings 0.2 s; a fresh process adds 0.5 s reading the API contract), most of
it Python work that bulk inserts cannot remove without changing the data set. So the first reset to
demo seeds it and saves it as a snapshot (`market_api.control.snapshots`) in the data directory
(``DATA_DIR/templates``); later resets restore that file instead: 0.65 s on SQLite and 0.7 s on
PostgreSQL (benchmarks/snapshot.py, a running server), against 2.4 and 3.0 s for the first. The demo
data's dates are relative to the clock (reviews over the 180 days before today, stock and orders by
day), so a template is keyed by the day (in UTC and in Moscow time) as well as by the demo seed, the
database backend, the schema revision and the package's code: a reset on another day, or by another
version, seeds afresh and keeps that instead. Within a day, a reset from the template gives exactly the
data a fresh seed would, except the creation time of the demo businesses, stores and keys (only the
admin API shows it), which is the time the template was made. A data directory that is missing or
cannot be written only costs the speed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import dataclass
from datetime import UTC
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from market_api import __version__
from market_api.control.snapshots import (
    FORMAT_VERSION,
    SnapshotError,
    SnapshotReader,
    bulk_transaction,
    data_tables,
    delete_rows,
    load_rows,
    plan_snapshot,
    write_snapshot,
)
from market_api.demo.seed import DEMO_REVIEWS_PER_STORE, seed_demo_data
from market_api.platform.clock import AdjustableClock, Clock, moscow_date
from market_api.platform.errors import ApiError
from market_api.platform.migrate import head_revision
from market_api.platform.shared_state import bump_faults_version, bump_generation, read_state, store_clock_offset

log = logging.getLogger("market_api.control")

ResetTarget = Literal["demo", "empty"]
TARGETS = ("demo", "empty")


@dataclass
class ResetDone:
    """What a reset did: the state it went `to`, the data generation it started, how long it took, and
    how the demo set came (``"template"``: restored from the day's template, ``"seeded"``: seeded and
    kept as the template; None for empty)."""

    to: str
    generation: int
    seconds: float
    demo: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The answer of POST /admin/reset and `reset --json`: ``{"to", "generation", "seconds"}``."""
        return {"to": self.to, "generation": self.generation, "seconds": round(self.seconds, 3)}


def template_dir(data_dir: Path) -> Path | None:
    """Where the demo templates live: ``DATA_DIR/templates``; None (no templates) when the data directory
    does not exist (a deployment on PostgreSQL may have none)."""
    return data_dir / "templates" if data_dir.is_dir() else None


@cache
def _code_digest() -> str:
    """A digest of the package's Python code: a template made by other code is not used."""
    digest = hashlib.sha256()
    root = resources.files("market_api")
    for path in sorted(Path(str(root)).rglob("*.py")):
        digest.update(str(path.relative_to(Path(str(root)))).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def demo_template(directory: Path, dialect: str, seed: int, clock: Clock) -> Path:
    """The file of the demo template for `seed` on the clock's day (UTC and Moscow), this backend, schema
    revision and code."""
    now = clock.now()
    day = moscow_date(now)
    key = "|".join(map(str, (FORMAT_VERSION, head_revision(), __version__, _code_digest(), dialect, seed,
                             DEMO_REVIEWS_PER_STORE, now.astimezone(UTC).date(), day)))
    return directory / f"demo-{seed}-{day}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.snapshot.gz"


def _real_time(clock: Clock) -> Clock:
    """The clock the demo set is dated by after a reset: the service clock without its offset (the reset
    sends it back to real time); a test's frozen clock stays as it is."""
    return AdjustableClock(clock.base) if isinstance(clock, AdjustableClock) else clock


async def _from_template(connection: AsyncConnection, path: Path) -> bool:
    """Load the template at `path` into the emptied tables; False (nothing loaded, the file removed) when
    it is missing or unusable."""
    if not path.exists():
        return False
    try:
        reader = SnapshotReader(path)
    except SnapshotError as exc:
        log.warning("demo template %s not used: %s", path, exc)
        path.unlink(missing_ok=True)
        return False
    try:
        async with connection.begin_nested():
            await load_rows(connection, reader)
        return True
    except SnapshotError as exc:
        log.warning("demo template %s not used: %s", path, exc)
        path.unlink(missing_ok=True)
        return False
    finally:
        reader.close()


async def _keep_template(connection: AsyncConnection, path: Path) -> None:
    """Save what the transaction on `connection` now holds (the freshly seeded demo set) as the template at
    `path`, replacing the same seed's templates of other days; a directory that cannot be written is only
    logged."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(exist_ok=True)
        header = await plan_snapshot(connection)
        with partial.open("wb") as target:
            await write_snapshot(connection, header, target)
        partial.replace(path)
        for old in path.parent.glob(f"{path.name.split('-', 2)[0]}-{path.name.split('-', 2)[1]}-*.snapshot.gz"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("demo template not kept in %s: %s", path.parent, exc)
    finally:
        partial.unlink(missing_ok=True)


async def _put_demo(connection: AsyncConnection, session: AsyncSession, clock: Clock, seed: int,
                    templates: Path | None) -> str:
    """The demo set into the emptied tables: from the day's template, else seeded (and kept as the
    template). Returns ``"template"`` or ``"seeded"``."""
    path = demo_template(templates, connection.dialect.name, seed, clock) if templates else None
    if path is not None and await _from_template(connection, path):
        return "template"
    await seed_demo_data(session, clock, seed)
    await session.flush()
    if path is not None:
        await _keep_template(connection, path)
    return "seeded"


async def keep_demo_template(connection: AsyncConnection, clock: Clock, seed: int, templates: Path | None) -> None:
    """After `seed --demo` or `serve --demo` seeded a new database, save what it holds as the day's demo
    template, so that even the first reset to demo restores it instead of seeding (`clock`: the clock the
    demo set was dated by, real time; nothing is saved without a template directory, or when the day's
    template exists)."""
    if templates is None:
        return
    path = demo_template(templates, connection.dialect.name, seed, _real_time(clock))
    if not path.exists():
        await _keep_template(connection, path)


async def reset_data(engine: AsyncEngine, clock: Clock, to: str, seed: int = 1,
                     templates: Path | None = None) -> ResetDone:
    """Reset the database of `engine` to `to` ("demo" or "empty"), in one transaction, and return what was
    done. `clock`: the process's service clock (the demo set is dated by real time, or by a test's frozen
    clock); `seed`: the demo data's seed; `templates`: the directory of demo templates (None: always
    seed). Raises ApiError 400 for another `to`. The caller refreshes its process's shared state."""
    if to not in TARGETS:
        raise ApiError(400, f"Value of to ({to}) must be one of: 'demo' or 'empty'")
    started = time.perf_counter()
    demo = None
    async with bulk_transaction(engine) as (connection, session):
        # The shared state's row first: a request-log writer holding it (`read_state_held`) finishes before
        # the log is emptied, and one that comes after sees the new generation and writes nothing older.
        await bump_generation(session)
        await delete_rows(connection, data_tables())
        await store_clock_offset(session, None)
        await bump_faults_version(session)
        if to == "demo":
            demo = await _put_demo(connection, session, _real_time(clock), seed, templates)
        generation = (await read_state(session)).generation
    done = ResetDone(to, generation, time.perf_counter() - started, demo)
    log.info("data reset to %s in %.2f s (generation %d%s)", to, done.seconds, generation,
             f", demo set {demo}" if demo else "")
    return done
