"""Who is calling (Api-Key or OAuth) and what they may reach, as the Partner API decides it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts import service as accounts
from market_api.platform import spec, tokens
from market_api.platform.access import BusinessAccess, CampaignAccess, Principal
from market_api.platform.errors import ApiError
from market_api.platform.limits import RateLimited, rule_for
from market_api.platform.runtime import Runtime, db_session, runtime

ACCESS_DENIED = "Access denied"


def unauthorized(message: str) -> ApiError:
    return ApiError(401, message)


def forbidden(message: str = ACCESS_DENIED) -> ApiError:
    return ApiError(403, message)


def inactive_business(business_id: int) -> ApiError:
    return forbidden(f"Restrict access for business '{business_id}' because it is not active")


async def authenticate(request: Request, rt: Runtime) -> Principal:
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
                         frozenset(), revoked=key.revoked)

    principal = await rt.access_cache.lookup(rt.access_cache.principals, tokens.hash_token(token), load)
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
                             frozenset(c.id for c in user.campaigns), expires_at=user.expires_at)

    principal = await rt.access_cache.lookup(rt.access_cache.principals, tokens.hash_token(parts[1]), load)
    if principal is None or principal.expires_at <= rt.clock.now():
        raise forbidden("OAuth token is invalid")
    return principal


async def business_access(rt: Runtime, business_id: int) -> BusinessAccess | None:
    async def load() -> BusinessAccess | None:
        async with rt.sessions() as session:
            business = await accounts.find_business(session, business_id)
        if business is None:
            return None
        return BusinessAccess(business.id, business.name, business.active, business.subscription)

    return await rt.access_cache.lookup(rt.access_cache.businesses, business_id, load)


async def campaign_access(rt: Runtime, campaign_id: int) -> CampaignAccess | None:
    async def load() -> CampaignAccess | None:
        async with rt.sessions() as session:
            campaign = await accounts.find_campaign(session, campaign_id)
        if campaign is None:
            return None
        business = await business_access(rt, campaign.business_id)
        return CampaignAccess(campaign.id, campaign.name, campaign.placement, campaign.active, business)

    return await rt.access_cache.lookup(rt.access_cache.campaigns, campaign_id, load)


class Caller:
    """An authenticated call of one operation: resolves the resources it names and charges its limits."""

    def __init__(self, request: Request, session: AsyncSession | None, principal: Principal, contract: spec.Operation) -> None:
        self.request = request
        self.session = session
        self.principal = principal
        self.contract = contract
        self.operation_id = contract.operation_id
        self.runtime: Runtime = runtime(request)

    async def campaign(self, campaign_id: int, charge: bool = True) -> CampaignAccess:
        campaign = await campaign_access(self.runtime, campaign_id)
        if campaign is None:
            # Where the method's contract has no 404 (the classic report paths), an unknown store is
            # as unreachable as a foreign one.
            if 404 not in self.contract.statuses:
                raise forbidden()
            raise ApiError(404, f"Campaign not found: '{campaign_id}'")
        if not self.principal.reaches_campaign(campaign):
            raise forbidden()
        if not campaign.business.active:
            raise inactive_business(campaign.business_id)
        if not campaign.active:
            raise forbidden(f"Access denied for campaign '{campaign_id}' because it is not active")
        if charge:
            await self.charge(campaign.business, campaign.id)
        return campaign

    async def business(self, business_id: int, charge: bool = True) -> BusinessAccess:
        if not self.principal.reaches_business(business_id):
            raise forbidden()
        business = await business_access(self.runtime, business_id)
        if business is None:
            raise forbidden()
        if not business.active:
            raise inactive_business(business_id)
        if charge:
            await self.charge(business)
        return business

    async def charge(self, business: BusinessAccess, campaign_id: int | None = None) -> None:
        """Count this request against its per-resource window; the window's headers go on the answer."""
        rule = rule_for(self.operation_id, business.subscription)
        subject = campaign_id if rule.per == "campaign" and campaign_id is not None else business.id
        try:
            window = await self.runtime.limiter.hit(self.operation_id, subject, business.subscription)
        except RateLimited as exc:
            self.request.state.rate_window = exc.window
            raise
        self.request.state.rate_window = window


@asynccontextmanager
async def authorized(request: Request, operation_id: str, session: AsyncSession | None = None) -> AsyncIterator[Caller]:
    """A Partner API call of `operation_id`: authentication, scopes, and a parallel slot while it runs.
    `session` is the request's own, for handlers that query or change data beyond access checks."""
    rt = runtime(request)
    principal = await authenticate(request, rt)
    contract = spec.operation(operation_id, request.scope["route"].path)
    if principal.scopes is not None and not principal.scopes & contract.scopes:
        raise forbidden("Token does not have any of the scopes to access the API method")
    async with rt.limiter.parallel_slot(principal.token_hash):
        yield Caller(request, session, principal, contract)


def operation(operation_id: str) -> Callable[..., AsyncIterator[Caller]]:
    """FastAPI dependency for a Partner API operation (see `authorized`)."""

    async def dependency(request: Request, session: AsyncSession = Depends(db_session)) -> AsyncIterator[Caller]:
        async with authorized(request, operation_id, session) as caller:
            yield caller

    return dependency


async def require_admin(request: Request, session: AsyncSession = Depends(db_session)) -> None:
    """The marketplace side (/admin) takes its own token: `Authorization: Bearer <admin token>`."""
    parts = request.headers.get("Authorization", "").split()
    if len(parts) != 2 or parts[0].lower() != "bearer":
        raise unauthorized("Admin token is not specified")
    if not await accounts.is_admin_token(session, parts[1]):
        raise forbidden("Admin token is invalid")
