"""Admin API bodies and answers of the accounts domain (camelCase like the Partner API)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from market_api.accounts.models import ApiKey, Business, Campaign, OAuthUser
from market_api.platform.schemas import CamelModel

PlacementName = Literal["FBY", "FBS", "EXPRESS", "DBS", "LAAS"]
SubscriptionName = Literal["none", "medium"]


class BusinessIn(CamelModel):
    id: int | None = Field(default=None, ge=1)
    name: str = Field(min_length=1, max_length=255)
    subscription: SubscriptionName = "none"
    active: bool = True


class BusinessPatch(CamelModel):
    name: str | None = Field(default=None, min_length=1, max_length=255)
    subscription: SubscriptionName | None = None
    active: bool | None = None


class BusinessOut(CamelModel):
    id: int
    name: str
    subscription: str
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, business: Business) -> BusinessOut:
        return cls.model_validate(business)


class CampaignIn(CamelModel):
    id: int | None = Field(default=None, ge=1)
    business_id: int = Field(ge=1)
    name: str = Field(min_length=1, max_length=255)
    placement: PlacementName
    active: bool = True


class CampaignPatch(CamelModel):
    name: str | None = Field(default=None, min_length=1, max_length=255)
    active: bool | None = None


class CampaignOut(CamelModel):
    id: int
    business_id: int
    name: str
    placement: str
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, campaign: Campaign) -> CampaignOut:
        return cls.model_validate(campaign)


class ApiKeyIn(CamelModel):
    business_id: int = Field(ge=1)
    name: str = Field(default="api-key", min_length=1, max_length=255)
    scopes: list[str] = Field(min_length=1)


class ApiKeyOut(CamelModel):
    id: int
    business_id: int
    name: str
    scopes: list[str]
    revoked: bool
    token_hint: str
    created_at: datetime
    token: str | None = Field(default=None, description="The clear token, shown only when it is created.")

    @classmethod
    def of(cls, key: ApiKey, token: str | None = None) -> ApiKeyOut:
        return cls.model_validate(key).model_copy(update={"token": token})


class OAuthUserIn(CamelModel):
    login: str = Field(min_length=1, max_length=255)
    business_ids: list[int] = Field(default_factory=list)
    campaign_ids: list[int] = Field(default_factory=list)
    valid_days: int = Field(default=365, ge=1, le=3650)


class OAuthUserOut(CamelModel):
    id: int
    login: str
    business_ids: list[int]
    campaign_ids: list[int]
    expires_at: datetime
    token_hint: str
    token: str | None = None

    @classmethod
    def of(cls, user: OAuthUser, token: str | None = None) -> OAuthUserOut:
        return cls(
            id=user.id, login=user.login, business_ids=[b.id for b in user.businesses],
            campaign_ids=[c.id for c in user.campaigns], expires_at=user.expires_at,
            token_hint=user.token_hint, token=token,
        )

