"""The marketplace side's own credential: the admin token, for /admin."""

from __future__ import annotations

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.access.principals import forbidden, unauthorized
from market_api.accounts import service as accounts
from market_api.platform.runtime import db_session


async def require_admin(request: Request, session: AsyncSession = Depends(db_session)) -> None:
    """FastAPI dependency of every /admin route: ``Authorization: Bearer <admin token>``, else 401
    ``Admin token is not specified`` or 403 ``Admin token is invalid``."""
    parts = request.headers.get("Authorization", "").split()
    if len(parts) != 2 or parts[0].lower() != "bearer":
        raise unauthorized("Admin token is not specified")
    if not await accounts.is_admin_token(session, parts[1]):
        raise forbidden("Admin token is invalid")
