"""Tables of the accounts domain."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, Column, ForeignKey, String, Table, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market_api.platform.database import Base, BigId, UtcDateTime


class Subscription(enum.StrEnum):
    """The subscription plan of a business (`Business.subscription`); Medium raises some rate limits."""

    NONE = "none"
    MEDIUM = "medium"


class Business(Base):
    """A seller's business (cabinet): the owner of its stores, offers and API keys."""

    __tablename__ = "businesses"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    subscription: Mapped[str] = mapped_column(String(16), default=Subscription.NONE.value)
    # Settings (getBusinessSettings): the cabinet's currency (CurrencyType) and whether only the price for
    # all its stores may be set.
    currency: Mapped[str] = mapped_column(String(8), default="RUR", server_default="RUR")
    only_default_price: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    campaigns: Mapped[list[Campaign]] = relationship(back_populates="business", lazy="raise")


class Campaign(Base):
    """A store (campaign) of a business, with its placement model."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    placement: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The payer's id in Yandex Balance (CampaignDTO.clientId, deprecated); None: not known, not shown.
    client_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # Settings (getCampaignSettings). Regions are Market region ids of the regions table (225 Russia,
    # 213 Moscow); the delivery schedule of the local region: weekdays off (1 Monday .. 7 Sunday), days
    # off and working days given by the store (ISO dates), and where the schedule comes from (WEB | YML).
    country_region_id: Mapped[int] = mapped_column(BigInteger, default=225, server_default="225")
    local_region_id: Mapped[int] = mapped_column(BigInteger, default=213, server_default="213")
    delivery_source: Mapped[str] = mapped_column(String(8), default="WEB", server_default="WEB")
    available_on_holidays: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    weekly_holidays: Mapped[list[int]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    custom_holidays: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    custom_working_days: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    vat: Mapped[str | None] = mapped_column(String(16), nullable=True)  # VatRateType; None: not shown
    show_in_context: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    show_in_premium: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    use_open_stat: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    business: Mapped[Business] = relationship(back_populates="campaigns", lazy="joined")


class ApiKey(Base):
    """An Api-Key token of a business: its hash, hint and scopes (the token itself is not kept)."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The last characters only, so an operator can tell keys apart without the secret.
    token_hint: Mapped[str] = mapped_column(String(16))
    scopes: Mapped[list[str]] = mapped_column(JSON)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


oauth_user_businesses = Table(
    "oauth_user_businesses",
    Base.metadata,
    Column("user_id", ForeignKey("oauth_users.id", ondelete="CASCADE"), primary_key=True),
    Column("business_id", ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True),
)

oauth_user_campaigns = Table(
    "oauth_user_campaigns",
    Base.metadata,
    Column("user_id", ForeignKey("oauth_users.id", ondelete="CASCADE"), primary_key=True),
    Column("campaign_id", ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True),
)


class OAuthUser(Base):
    """A user with an OAuth token (kept as a hash), and the businesses and stores it reaches."""

    __tablename__ = "oauth_users"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    login: Mapped[str] = mapped_column(String(255), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token_hint: Mapped[str] = mapped_column(String(16))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    businesses: Mapped[list[Business]] = relationship(secondary=oauth_user_businesses, lazy="selectin")
    campaigns: Mapped[list[Campaign]] = relationship(secondary=oauth_user_campaigns, lazy="selectin")


class AdminToken(Base):
    """A token of the admin API (kept as a hash)."""

    __tablename__ = "admin_tokens"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
