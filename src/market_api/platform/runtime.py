"""What a running app holds: settings, clock, database and limiter. Built once per process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from market_api.platform.access import AccessCache
from market_api.platform.clock import Clock
from market_api.platform.config import Settings
from market_api.platform.limits import RateLimiter
from market_api.platform.signing import Signer, service_secret


@dataclass
class Runtime:
    settings: Settings
    clock: Clock
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    limiter: RateLimiter
    access_cache: AccessCache
    _signer: Signer | None = None

    def read_connection(self) -> AsyncConnection:
        """A connection for one-statement reads. On PostgreSQL it runs in autocommit, which spares the
        BEGIN and ROLLBACK round trips a transaction would cost."""
        engine = self.engine
        if engine.dialect.name == "postgresql":
            engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        return engine.connect()

    async def signer(self) -> Signer:
        """Signs page tokens; the key is configured or made once and shared through the database."""
        if self._signer is None:
            key = self.settings.secret_key
            if not key:
                async with self.sessions() as session:
                    key = await service_secret(session, "page-tokens")
            self._signer = Signer(key)
        return self._signer


def runtime(request: Request) -> Runtime:
    return request.app.state.runtime


async def db_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request; committed by the handler that changes data."""
    async with runtime(request).sessions() as session:
        yield session
