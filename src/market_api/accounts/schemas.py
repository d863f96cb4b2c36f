"""Admin API bodies and answers of the accounts domain (camelCase like the Partner API)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, Strict

from market_api.accounts.models import ApiKey, Business, Campaign, OAuthUser
from market_api.platform.schemas import CamelModel
from market_api.platform.validation import INT64_MAX, Day, Id64, StrictFlag, StrictInteger, Text

PlacementName = Literal["FBY", "FBS", "EXPRESS", "DBS", "LAAS"]
SubscriptionName = Literal["none", "medium"]
VatName = Literal["VAT_22", "NO_VAT", "VAT_12", "VAT_10", "VAT_05", "VAT_07"]
Weekday = Annotated[int, Strict(), Field(ge=1, le=7)]  # 1 Monday .. 7 Sunday
Name = Annotated[Text, Field(min_length=1, max_length=255)]
MAX_DAYS = 1000  # custom holidays or working days a store may list
MAX_IDS = 1000  # businesses or stores an OAuth user may reach


class BusinessSettingsFields(CamelModel):
    """Settings of a business (getBusinessSettings): currency (a CurrencyType code, e.g. RUR) and
    onlyDefaultPrice. Absent: the default (RUR, false) on create, unchanged on patch."""

    currency: str | None = Field(default=None, pattern="^[A-Z]{3}$", max_length=3)
    only_default_price: StrictFlag | None = None

    def settings(self) -> dict[str, Any]:
        """The settings given, by column name."""
        return self.model_dump(include=set(BusinessSettingsFields.model_fields), exclude_none=True)


class CampaignSettingsFields(CamelModel):
    """Settings of a store (getCampaignSettings): country and local region (Market region ids), the local
    region's delivery schedule (weekdays off 1..7, days off and working days as dates, whether it works on
    public holidays, source WEB | YML), VAT rate, and the deprecated showInContext, showInPremium and
    useOpenStat flags. Absent: the default (Russia 225, Moscow 213, WEB, no days, no VAT, false) on
    create, unchanged on patch."""

    country_region_id: StrictInteger | None = Field(default=None, ge=1, le=INT64_MAX)
    local_region_id: StrictInteger | None = Field(default=None, ge=1, le=INT64_MAX)
    delivery_source: Literal["WEB", "YML"] | None = None
    available_on_holidays: StrictFlag | None = None
    weekly_holidays: list[Weekday] | None = Field(default=None, max_length=7)
    custom_holidays: list[Day] | None = Field(default=None, max_length=MAX_DAYS)
    custom_working_days: list[Day] | None = Field(default=None, max_length=MAX_DAYS)
    vat: VatName | None = None
    show_in_context: StrictFlag | None = None
    show_in_premium: StrictFlag | None = None
    use_open_stat: StrictFlag | None = None

    def settings(self) -> dict[str, Any]:
        """The settings given, by column name (dates as ISO text, as they are kept)."""
        return self.model_dump(include=set(CampaignSettingsFields.model_fields), exclude_none=True, mode="json")


class BusinessIn(BusinessSettingsFields):
    """A business to create (POST /admin/businesses); without `id` it gets the next free one."""

    id: Id64 | None = None
    name: Name
    subscription: SubscriptionName = "none"
    active: StrictFlag = True


class BusinessPatch(BusinessSettingsFields):
    """Changes to a business (PATCH /admin/businesses/{businessId}); an absent field stays as it is. A field
    that cannot change (id) or is unknown is refused (400), never silently ignored."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    subscription: SubscriptionName | None = None
    active: StrictFlag | None = None


class BusinessOut(CamelModel):
    """A business as the admin API shows it."""

    id: int
    name: str
    subscription: str
    active: bool
    currency: str
    only_default_price: bool
    created_at: datetime

    @classmethod
    def of(cls, business: Business) -> BusinessOut:
        """The answer for `business`."""
        return cls.model_validate(business)


class CampaignIn(CampaignSettingsFields):
    """A store to create in a business (POST /admin/campaigns); without `id` it gets the next free one."""

    id: Id64 | None = None
    business_id: Id64
    name: Name
    placement: PlacementName
    active: StrictFlag = True
    client_id: StrictInteger | None = Field(default=None, ge=1, le=INT64_MAX,
                                            description="The payer's id in Yandex Balance (clientId).")


class CampaignPatch(CampaignSettingsFields):
    """Changes to a store (PATCH /admin/campaigns/{campaignId}); an absent field stays as it is. A field
    that cannot change (id, businessId, placement) or is unknown is refused (400), never silently ignored."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    active: StrictFlag | None = None
    client_id: StrictInteger | None = Field(default=None, ge=1, le=INT64_MAX)


class CampaignOut(CamelModel):
    """A store as the admin API shows it."""

    id: int
    business_id: int
    name: str
    placement: str
    active: bool
    client_id: int | None = None
    country_region_id: int
    local_region_id: int
    delivery_source: str
    available_on_holidays: bool
    weekly_holidays: list[int]
    custom_holidays: list[date]
    custom_working_days: list[date]
    vat: str | None = None
    show_in_context: bool
    show_in_premium: bool
    use_open_stat: bool
    created_at: datetime

    @classmethod
    def of(cls, campaign: Campaign) -> CampaignOut:
        """The answer for `campaign`."""
        return cls.model_validate(campaign)


class ApiKeyIn(CamelModel):
    """An Api-Key to issue for a business (POST /admin/api-keys), with at least one scope."""

    business_id: Id64
    name: Name = "api-key"
    scopes: list[Annotated[Text, Field(max_length=64)]] = Field(min_length=1, max_length=100)


class ApiKeyOut(CamelModel):
    """An Api-Key as the admin API shows it: never its token, except once when it is created."""

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
        """The answer for `key`, with its clear `token` when it was just created."""
        return cls.model_validate(key).model_copy(update={"token": token})


class OAuthUserIn(CamelModel):
    """An OAuth user to create (POST /admin/oauth-users): the businesses and stores it reaches, and how
    many days (1 to 3650) its token is valid."""

    login: Name
    business_ids: list[Id64] = Field(default_factory=list, max_length=MAX_IDS)
    campaign_ids: list[Id64] = Field(default_factory=list, max_length=MAX_IDS)
    valid_days: StrictInteger = Field(default=365, ge=1, le=3650)


class OAuthUserOut(CamelModel):
    """An OAuth user as the admin API shows it: never its token, except once when it is created."""

    id: int
    login: str
    business_ids: list[int]
    campaign_ids: list[int]
    expires_at: datetime
    token_hint: str
    token: str | None = None

    @classmethod
    def of(cls, user: OAuthUser, token: str | None = None) -> OAuthUserOut:
        """The answer for `user` (its businesses and stores loaded), with its clear `token` when it was
        just created."""
        return cls(
            id=user.id, login=user.login, business_ids=[b.id for b in user.businesses],
            campaign_ids=[c.id for c in user.campaigns], expires_at=user.expires_at,
            token_hint=user.token_hint, token=token,
        )

