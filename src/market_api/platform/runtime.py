"""What a running app holds: settings, clock, database and limiter. Built once per process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from market_api.platform.access import AccessCache
from market_api.platform.clock import Clock
from market_api.platform.config import Settings
from market_api.platform.driver import DriverReads
from market_api.platform.limits import RateLimiter
from market_api.platform.signing import Signer, derive_secret, service_secret
from market_api.platform.storage import Storage


@dataclass
class Runtime:
    settings: Settings
    clock: Clock
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    limiter: RateLimiter
    access_cache: AccessCache
    storage: Storage
    reads: DriverReads  # small reads on the request path, straight through the driver
    _signer: Signer | None = None
    _secrets: dict[str, str] = field(default_factory=dict)

    def read_connection(self) -> AsyncConnection:
        """A connection for one-statement reads. On PostgreSQL it runs in autocommit, which spares the
        BEGIN and ROLLBACK round trips a transaction would cost."""
        engine = self.engine
        if engine.dialect.name == "postgresql":
            engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        return engine.connect()

    async def secret(self, name: str) -> str:
        """A signing key: derived from MARKET_API_SECRET_KEY, or made once and shared through the database."""
        if name not in self._secrets:
            if self.settings.secret_key:
                self._secrets[name] = derive_secret(self.settings.secret_key, name)
            else:
                async with self.sessions() as session:
                    self._secrets[name] = await service_secret(session, name)
        return self._secrets[name]

    async def signer(self) -> Signer:
        """Signs page tokens."""
        if self._signer is None:
            self._signer = Signer(await self.secret("page-tokens"))
        return self._signer


def runtime(request: Request) -> Runtime:
    return request.app.state.runtime


async def db_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request; committed by the handler that changes data."""
    async with runtime(request).sessions() as session:
        yield session
