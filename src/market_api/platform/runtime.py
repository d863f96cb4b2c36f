"""What a running app holds: settings, clock, database, caches and limiter. Built once per process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from starlette.requests import Request

from market_api.platform.cache import Caches
from market_api.platform.clock import Clock
from market_api.platform.config import Settings
from market_api.platform.driver import DriverReads
from market_api.platform.limits import RateLimiter
from market_api.platform.shared_state import SharedState
from market_api.platform.signing import Signer, derive_secret, service_secret
from market_api.platform.storage import Storage


@dataclass
class Runtime:
    """The process's shared state; `request.app.state.runtime` in a request (see `runtime`)."""

    settings: Settings
    clock: Clock
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    limiter: RateLimiter
    caches: Caches
    storage: Storage
    reads: DriverReads  # small reads on the request path, straight through the driver
    shared: SharedState  # the clock offset, data generation and fault-rule version every process shares
    _signers: dict[str, Signer] = field(default_factory=dict)

    def read_connection(self) -> AsyncConnection:
        """A connection for one-statement reads. On PostgreSQL it runs in autocommit, which spares the
        BEGIN and ROLLBACK round trips a transaction would cost."""
        engine = self.engine
        if engine.dialect.name == "postgresql":
            engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        return engine.connect()

    async def signer(self, purpose: str) -> Signer:
        """The signer of one purpose ("page-tokens", "downloads"). Its key is derived from
        MARKET_API_SECRET_KEY, or made once and shared by every process through the database."""
        found = self._signers.get(purpose)
        if found is None:
            if self.settings.secret_key:
                key = derive_secret(self.settings.secret_key, purpose)
            else:
                async with self.sessions() as session:
                    key = await service_secret(session, purpose)
            found = self._signers[purpose] = Signer(key, purpose)
        return found


def runtime(request: Request) -> Runtime:
    """The runtime of the app serving `request`."""
    found: Runtime = request.app.state.runtime
    return found


async def db_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request (a FastAPI dependency of the admin API); committed by the handler that
    changes data."""
    async with runtime(request).sessions() as session:
        yield session
