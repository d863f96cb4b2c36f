"""Admin API of the accounts domain: the marketplace side that creates businesses, stores and tokens."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts import service
from market_api.accounts.schemas import (
    ApiKeyIn,
    ApiKeyOut,
    BusinessIn,
    BusinessOut,
    BusinessPatch,
    CampaignIn,
    CampaignOut,
    CampaignPatch,
    OAuthUserIn,
    OAuthUserOut,
)
from market_api.platform.responses import ok
from market_api.platform.runtime import db_session, runtime
from market_api.platform.validation import PathId64, QueryId64

router = APIRouter(prefix="/admin", tags=["admin: accounts"])


async def _commit(session: AsyncSession, request: Request) -> None:
    """Commit, and drop this process's cached view of tokens and stores so the change applies at once."""
    await session.commit()
    runtime(request).caches.clear()


@router.post("/businesses", status_code=201)
async def create_business(body: BusinessIn, request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    """POST /admin/businesses: create a business; 201 with it, 409 when its id is taken."""
    business = await service.create_business(
        session, runtime(request).clock, body.name, body.subscription, body.active, body.id, body.settings()
    )
    await _commit(session, request)
    return ok(BusinessOut.of(business))


@router.get("/businesses")
async def list_businesses(session: AsyncSession = Depends(db_session)) -> dict:
    """GET /admin/businesses: every business, by id."""
    return ok([BusinessOut.of(b) for b in await service.list_businesses(session)])


@router.patch("/businesses/{business_id}")
async def update_business(
    business_id: PathId64, body: BusinessPatch, request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    """PATCH /admin/businesses/{business_id}: rename, switch on or off, change the subscription or settings; 404
    for an unknown business."""
    business = await service.update_business(
        session, business_id, name=body.name, active=body.active, subscription=body.subscription,
        settings=body.settings())
    await _commit(session, request)
    return ok(BusinessOut.of(business))


@router.post("/campaigns", status_code=201)
async def create_campaign(body: CampaignIn, request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    """POST /admin/campaigns: create a store; 201 with it, 404 for an unknown business, 409 when its id
    is taken."""
    campaign = await service.create_campaign(
        session, runtime(request).clock, body.business_id, body.name, body.placement, body.active, body.id,
        body.client_id, body.settings())
    await _commit(session, request)
    return ok(CampaignOut.of(campaign))


@router.get("/campaigns")
async def list_campaigns(
    business_id: QueryId64 | None = Query(default=None, alias="businessId"), session: AsyncSession = Depends(db_session)
) -> dict:
    """GET /admin/campaigns[?businessId=]: the stores, by id, of one business or all."""
    return ok([CampaignOut.of(c) for c in await service.list_campaigns(session, business_id)])


@router.patch("/campaigns/{campaign_id}")
async def update_campaign(
    campaign_id: PathId64, body: CampaignPatch, request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    """PATCH /admin/campaigns/{campaign_id}: rename, switch on or off, set the payer id (clientId) or settings;
    404 for an unknown store."""
    campaign = await service.update_campaign(session, campaign_id, name=body.name, active=body.active,
                                             client_id=body.client_id, settings=body.settings())
    await _commit(session, request)
    return ok(CampaignOut.of(campaign))


@router.post("/api-keys", status_code=201)
async def create_api_key(body: ApiKeyIn, request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    """POST /admin/api-keys: issue an Api-Key; 201 with it and its clear token (shown this once)."""
    key, token = await service.create_api_key(session, runtime(request).clock, body.business_id, body.name, body.scopes)
    await _commit(session, request)
    return ok(ApiKeyOut.of(key, token))


@router.get("/api-keys")
async def list_api_keys(
    business_id: QueryId64 | None = Query(default=None, alias="businessId"), session: AsyncSession = Depends(db_session)
) -> dict:
    """GET /admin/api-keys[?businessId=]: the Api-Keys (revoked too, never their tokens), by id."""
    return ok([ApiKeyOut.of(k) for k in await service.list_api_keys(session, business_id)])


@router.post("/api-keys/{key_id}/revoke")
async def revoke_api_key(key_id: PathId64, request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    """POST /admin/api-keys/{key_id}/revoke: revoke an Api-Key at once; 404 for an unknown key."""
    key = await service.revoke_api_key(session, key_id)
    await _commit(session, request)
    return ok(ApiKeyOut.of(key))


@router.post("/oauth-users", status_code=201)
async def create_oauth_user(body: OAuthUserIn, request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    """POST /admin/oauth-users: create an OAuth user; 201 with it and its clear token (shown this once)."""
    user, token = await service.create_oauth_user(
        session, runtime(request).clock, body.login, body.business_ids, body.campaign_ids, body.valid_days
    )
    await _commit(session, request)
    return ok(OAuthUserOut.of(user, token))


@router.get("/oauth-users")
async def list_oauth_users(session: AsyncSession = Depends(db_session)) -> dict:
    """GET /admin/oauth-users: every OAuth user, by id (never their tokens)."""
    return ok([OAuthUserOut.of(u) for u in await service.list_oauth_users(session)])
