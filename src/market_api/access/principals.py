"""Authentication: who is calling (an Api-Key or an OAuth user), and what they may reach
(protocol.md, "Authentication")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from starlette.requests import Request

from market_api.access.resources import business_access
from market_api.accounts import service as accounts
from market_api.platform import tokens
from market_api.platform.errors import ApiError
from market_api.platform.runtime import Runtime

ACCESS_DENIED = "Access denied"


def unauthorized(message: str) -> ApiError:
    """401 UNAUTHORIZED with `message`."""
    return ApiError(401, message)


def forbidden(message: str = ACCESS_DENIED) -> ApiError:
    """403 FORBIDDEN with `message` (``Access denied`` by default)."""
    return ApiError(403, message)


def inactive_business(business_id: int) -> ApiError:
    """403 for a switched-off cabinet, as the Partner API words it."""
    return forbidden(f"Restrict access for business '{business_id}' because it is not active")


@dataclass(frozen=True)
class Principal:
    """The caller: an Api-Key (bound to one business, with scopes) or an OAuth user (full access to the
    businesses and single stores it was given)."""

    kind: str  # "api-key" | "oauth"
    token_hash: str
    scopes: frozenset[str] | None  # None: an OAuth user, who has no scopes and full access
    business_ids: frozenset[int]
    campaign_ids: frozenset[int]
    expires_at: datetime | None = None
    revoked: bool = False
    name: str = ""  # the key's name or the OAuth login, as the request log shows the caller (never the token)

    @property
    def key(self) -> str:
        """What identifies the caller in caches and counters: its kind and token hash (the same text sent
        as an Api-Key and as an OAuth token is two callers, never one)."""
        return f"{self.kind}:{self.token_hash}"

    def reaches_business(self, business_id: int) -> bool:
        """Whether the caller may act for the whole business."""
        return business_id in self.business_ids

    def reaches_campaign(self, campaign_id: int, business_id: int) -> bool:
        """Whether the caller may act for the store `campaign_id` of business `business_id`."""
        return campaign_id in self.campaign_ids or business_id in self.business_ids


async def authenticate(request: Request, rt: Runtime) -> Principal:
    """The caller of `request`: ``Api-Key: <token>``, else ``Authorization: Bearer|OAuth <token>``.
    Raises 401 (no, malformed or unknown credentials; revoked key) or 403 (expired OAuth token,
    switched-off cabinet of an Api-Key) with the documented messages."""
    api_key = request.headers.get("Api-Key")
    if api_key is not None and api_key.strip():
        return await _api_key_principal(rt, api_key.strip())
    authorization = request.headers.get("Authorization")
    if authorization is not None:
        return await _oauth_principal(rt, authorization)
    raise unauthorized("Credentials are not specified")


async def _api_key_principal(rt: Runtime, token: str) -> Principal:
    problem = tokens.api_key_problem(token)
    if problem:
        raise unauthorized(problem)

    async def load() -> Principal | None:
        async with rt.sessions() as session:
            key = await accounts.find_api_key(session, token)
        if key is None:
            return None
        return Principal("api-key", key.token_hash, frozenset(key.scopes), frozenset({key.business_id}),
                         frozenset(), revoked=key.revoked, name=key.name)

    # Keyed as Principal.key: the same text sent as an Api-Key and as an OAuth token is two principals.
    principal: Principal | None = await rt.caches.get("principals").lookup(f"api-key:{tokens.hash_token(token)}", load)
    if principal is None:
        raise unauthorized("Api-Key token is invalid")
    if principal.revoked:
        raise unauthorized("Api-Key token is revoked")
    (business_id,) = principal.business_ids
    business = await business_access(rt, business_id)
    if business is None or not business.active:
        raise inactive_business(business_id)
    return principal


async def _oauth_principal(rt: Runtime, header: str) -> Principal:
    parts = header.split()
    if not parts:
        raise unauthorized("Authorization header has invalid syntax")
    if parts[0].lower() not in ("bearer", "oauth"):
        raise unauthorized("Unsupported authorization type specified in Authorization header")
    if len(parts) == 1:
        raise unauthorized("OAuth token is not specified")
    if len(parts) > 2:
        raise unauthorized("Authorization header has invalid syntax")

    async def load() -> Principal | None:
        async with rt.sessions() as session:
            user = await accounts.find_oauth_user(session, parts[1])
            if user is None:
                return None
            return Principal("oauth", user.token_hash, None, frozenset(b.id for b in user.businesses),
                             frozenset(c.id for c in user.campaigns), expires_at=user.expires_at, name=user.login)

    principal: Principal | None = await rt.caches.get("principals").lookup(f"oauth:{tokens.hash_token(parts[1])}", load)
    if principal is None or principal.expires_at is None or principal.expires_at <= rt.clock.now():
        raise forbidden("OAuth token is invalid")
    return principal
