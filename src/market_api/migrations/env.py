"""Alembic environment: one migration history for SQLite and PostgreSQL.

market-api runs migrations itself (`market-api migrate`, and `serve` on start) by handing Alembic an
open connection; running `alembic` directly with a `sqlalchemy.url` works too.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.ext.asyncio import create_async_engine

from market_api.models import metadata

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_own_engine(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("no database to migrate: set sqlalchemy.url, or pass a connection")
    asyncio.run(_run_with_own_engine(url))
