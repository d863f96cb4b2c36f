"""Applies the Alembic migration history to the configured database."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine


def alembic_config(url: str | None = None) -> Config:
    """The Alembic configuration of the package's migrations (market_api/migrations), optionally for `url`."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("market_api").joinpath("migrations")))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


async def upgrade(engine: AsyncEngine) -> None:
    """Bring the database of `engine` to the latest migration (`head_revision`), in one transaction."""
    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    async with engine.begin() as connection:
        await connection.run_sync(run)


def head_revision() -> str:
    """The latest migration this version of the package ships (the head of migrations/versions).
    RuntimeError if the package ships none (a broken installation)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("the package ships no migrations")
    return head


async def database_revision(engine: AsyncEngine) -> str | None:
    """The migration the database is at (its ``alembic_version`` row); None when it was never migrated."""
    async with engine.connect() as connection:
        return await connection.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())
