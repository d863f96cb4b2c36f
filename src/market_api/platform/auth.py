"""Who is calling (Api-Key or OAuth) and what they may reach, as the Partner API decides it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts import service as accounts
from market_api.accounts.models import Business, Campaign
from market_api.platform import spec, tokens
from market_api.platform.errors import ApiError
from market_api.platform.limits import RateLimited, rule_for
from market_api.platform.runtime import Runtime, db_session, runtime

ACCESS_DENIED = "Access denied"


@dataclass(frozen=True)
class Principal:
    kind: str  # "api-key" | "oauth"
    token_hash: str
    scopes: frozenset[str] | None  # None: an OAuth user, who has no scopes and full access
    business_ids: frozenset[int]
    campaign_ids: frozenset[int]

    def reaches_business(self, business_id: int) -> bool:
        return business_id in self.business_ids

    def reaches_campaign(self, campaign: Campaign) -> bool:
        return campaign.id in self.campaign_ids or campaign.business_id in self.business_ids


def unauthorized(message: str) -> ApiError:
    return ApiError(401, message)


def forbidden(message: str = ACCESS_DENIED) -> ApiError:
    return ApiError(403, message)


def inactive_business(business_id: int) -> ApiError:
    return forbidden(f"Restrict access for business '{business_id}' because it is not active")


async def authenticate(request: Request, session: AsyncSession, now) -> Principal:
    api_key = request.headers.get("Api-Key")
    if api_key is not None and api_key.strip():
        return await _api_key_principal(session, api_key.strip())
    authorization = request.headers.get("Authorization")
    if authorization is not None:
        return await _oauth_principal(session, authorization, now)
    raise unauthorized("Credentials are not specified")


async def _api_key_principal(session: AsyncSession, token: str) -> Principal:
    problem = tokens.api_key_problem(token)
    if problem:
        raise unauthorized(problem)
    key = await accounts.find_api_key(session, token)
    if key is None:
        raise unauthorized("Api-Key token is invalid")
    if key.revoked:
        raise unauthorized("Api-Key token is revoked")
    business = await accounts.get_business(session, key.business_id)
    if not business.active:
        raise inactive_business(business.id)
    return Principal("api-key", key.token_hash, frozenset(key.scopes), frozenset({key.business_id}), frozenset())


async def _oauth_principal(session: AsyncSession, header: str, now) -> Principal:
    parts = header.split()
    if not parts:
        raise unauthorized("Authorization header has invalid syntax")
    scheme = parts[0]
    if scheme.lower() not in ("bearer", "oauth"):
        raise unauthorized("Unsupported authorization type specified in Authorization header")
    if len(parts) == 1:
        raise unauthorized("OAuth token is not specified")
    if len(parts) > 2:
        raise unauthorized("Authorization header has invalid syntax")
    user = await accounts.find_oauth_user(session, parts[1])
    if user is None or user.expires_at <= now:
        raise forbidden("OAuth token is invalid")
    return Principal(
        "oauth", user.token_hash, None,
        frozenset(b.id for b in user.businesses), frozenset(c.id for c in user.campaigns),
    )


class Caller:
    """An authenticated call of one operation: resolves the resources it names and charges its limits."""

    def __init__(self, request: Request, session: AsyncSession, principal: Principal, operation_id: str) -> None:
        self.request = request
        self.session = session
        self.principal = principal
        self.operation_id = operation_id
        self.runtime: Runtime = runtime(request)

    async def campaign(self, campaign_id: int) -> Campaign:
        campaign = await accounts.find_campaign(self.session, campaign_id)
        if campaign is None:
            raise ApiError(404, f"Campaign not found: '{campaign_id}'")
        if not self.principal.reaches_campaign(campaign):
            raise forbidden()
        if not campaign.business.active:
            raise inactive_business(campaign.business_id)
        if not campaign.active:
            raise forbidden(f"Access denied for campaign '{campaign_id}' because it is not active")
        await self.charge(campaign.business, campaign.id)
        return campaign

    async def business(self, business_id: int) -> Business:
        if not self.principal.reaches_business(business_id):
            raise forbidden()
        business = await accounts.get_business(self.session, business_id)
        if not business.active:
            raise inactive_business(business_id)
        await self.charge(business)
        return business

    async def charge(self, business: Business, campaign_id: int | None = None) -> None:
        """Count this request against its per-resource window; the window's headers go on the answer."""
        rule = rule_for(self.operation_id, business.subscription)
        subject = campaign_id if rule.per == "campaign" and campaign_id is not None else business.id
        try:
            window = await self.runtime.limiter.hit(self.operation_id, subject, business.subscription)
        except RateLimited as exc:
            self.request.state.rate_window = exc.window
            raise
        self.request.state.rate_window = window


def operation(operation_id: str) -> Callable[..., AsyncIterator[Caller]]:
    """FastAPI dependency for a Partner API operation: authentication, scopes and the parallel limit."""

    async def dependency(request: Request, session: AsyncSession = Depends(db_session)) -> AsyncIterator[Caller]:
        rt = runtime(request)
        principal = await authenticate(request, session, rt.clock.now())
        contract = spec.operation(operation_id, request.scope["route"].path)
        if principal.scopes is not None and not principal.scopes & contract.scopes:
            raise forbidden("Token does not have any of the scopes to access the API method")
        async with rt.limiter.parallel_slot(principal.token_hash):
            yield Caller(request, session, principal, operation_id)

    return dependency


async def require_admin(request: Request, session: AsyncSession = Depends(db_session)) -> None:
    """The marketplace side (/admin) takes its own token: `Authorization: Bearer <admin token>`."""
    parts = request.headers.get("Authorization", "").split()
    if len(parts) != 2 or parts[0].lower() != "bearer":
        raise unauthorized("Admin token is not specified")
    if not await accounts.is_admin_token(session, parts[1]):
        raise forbidden("Admin token is invalid")
