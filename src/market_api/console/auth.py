"""Console login: an admin token opens a session (a signed, HttpOnly, SameSite=Strict cookie that expires),
and every form carries a CSRF token the server checks.

Sessions live in the database (`ConsoleSession`), so every process knows them and logout ends them at
once. The login form itself is protected too: its token is signed and bound to a nonce cookie set with
the form (double submit), since there is no session yet to bind it to.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import UTC, datetime, timedelta

from fastapi import Depends
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from market_api.access.admin import require_admin
from market_api.accounts.models import AdminToken
from market_api.console.models import ConsoleSession
from market_api.platform import tokens
from market_api.platform.errors import ApiError
from market_api.platform.runtime import db_session, runtime

SESSION_COOKIE = "market_api_console"
LOGIN_COOKIE = "market_api_console_login"
SESSION_HOURS = 8
CSRF_REFUSED = "The form's csrf_token is missing or invalid; reload the page and try again"


class LoginRequired(Exception):
    """No valid console session: the page answers with a redirect to the login form."""


def _now() -> datetime:
    # Sessions run on real time: an integrator moving the service clock must not log anybody out.
    return datetime.now(UTC)


def _set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


async def login_form_token(request: Request) -> tuple[str, str]:
    """A nonce for the login form's cookie (`set_login_cookie`) and the form's csrf_token: the nonce, signed."""
    nonce = secrets.token_hex(16)
    return nonce, (await runtime(request).signer("console-login")).dumps({"n": nonce})


def set_login_cookie(request: Request, response: Response, nonce: str) -> None:
    """Put the login form's nonce cookie on `response` (for an hour)."""
    _set_cookie(request, response, LOGIN_COOKIE, nonce, 3600)


async def check_login_form(request: Request, form: FormData) -> None:
    """Raise ApiError 403 unless the login form's csrf_token is signed by this service and matches the
    nonce cookie set with the form."""
    token = form.get("csrf_token")
    nonce = request.cookies.get(LOGIN_COOKIE)
    found = (await runtime(request).signer("console-login")).loads(token) if isinstance(token, str) else None
    if not nonce or not found or not hmac.compare_digest(str(found.get("n", "")), nonce):
        raise ApiError(403, CSRF_REFUSED)


async def admin_token_id(session: AsyncSession, token: str) -> int | None:
    """The id of the admin token `token`, or None when it is not one."""
    if not token or len(token) > 512:
        return None
    return await session.scalar(select(AdminToken.id).where(AdminToken.token_hash == tokens.hash_token(token)))


async def open_session(request: Request, session: AsyncSession, token_id: int, response: Response) -> bool:
    """Start a session of the admin token `token_id` (committed) and put its cookie on `response`; False
    (nothing started) when the token was revoked meanwhile."""
    session_id = secrets.token_urlsafe(32)
    now = _now()
    session.add(ConsoleSession(id_hash=tokens.hash_token(session_id), admin_token_id=token_id,
                               csrf_token=secrets.token_urlsafe(32), created_at=now,
                               expires_at=now + timedelta(hours=SESSION_HOURS)))
    try:
        await session.commit()
    except IntegrityError:  # the session's token is gone (revoked between its check and now)
        await session.rollback()
        return False
    signed = (await runtime(request).signer("console")).dumps({"s": session_id})
    _set_cookie(request, response, SESSION_COOKIE, signed, SESSION_HOURS * 3600)
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return True


async def current_session(request: Request, session: AsyncSession) -> ConsoleSession | None:
    """The live session of `request`'s cookie, or None (no cookie, a bad signature, ended or expired)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie or len(cookie) > 1024:
        return None
    found = (await runtime(request).signer("console")).loads(cookie)
    if not found or not isinstance(found.get("s"), str):
        return None
    row = await session.get(ConsoleSession, tokens.hash_token(found["s"]))
    if row is None or row.expires_at <= _now():
        return None
    return row


async def require_session(request: Request, session: AsyncSession) -> ConsoleSession:
    """The request's session; raises LoginRequired (a redirect to the login form) without one."""
    found = await current_session(request, session)
    if found is None:
        raise LoginRequired
    return found


async def check_csrf(console: ConsoleSession, form: FormData) -> None:
    """Raise ApiError 403 unless the form's csrf_token is the session's."""
    token = form.get("csrf_token")
    if not isinstance(token, str) or not hmac.compare_digest(token.encode(), console.csrf_token.encode()):
        raise ApiError(403, CSRF_REFUSED)


async def end_session(session: AsyncSession, console: ConsoleSession, response: Response) -> None:
    """End `console` (committed) and clear its cookie."""
    await session.execute(delete(ConsoleSession).where(ConsoleSession.id_hash == console.id_hash))
    await session.commit()
    response.delete_cookie(SESSION_COOKIE, path="/")


async def admin_or_console(request: Request, session: AsyncSession = Depends(db_session)) -> None:
    """FastAPI dependency of the admin API's description and docs: the admin token, as on every /admin
    route, or a console session (so the docs open in the browser from the console)."""
    if "authorization" not in request.headers and await current_session(request, session) is not None:
        return
    await require_admin(request, session)
