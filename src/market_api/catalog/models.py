"""Tables of the catalogue domain."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from market_api.platform.database import Base, BigId


class Category(Base):
    """A Market category (the public category tree)."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(255))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))


class Warehouse(Base):
    """A Market fulfilment warehouse (FBY), or a store's own warehouse (campaign_id set)."""

    __tablename__ = "warehouses"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(255))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    # The address (answered when city and both coordinates are known).
    city: Mapped[str | None] = mapped_column(String(200))
    street: Mapped[str | None] = mapped_column(String(512))
    number: Mapped[str | None] = mapped_column(String(256))
    building: Mapped[str | None] = mapped_column(String(16))
    block: Mapped[str | None] = mapped_column(String(16))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # A store's own warehouse only: Express delivery, switched off by the seller, its warehouse group.
    express: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    group_id: Mapped[int | None] = mapped_column(BigInteger)
    group_name: Mapped[str | None] = mapped_column(String(255))
    group_main: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Offer(Base):
    """A product of a business, known by the seller's SKU."""

    __tablename__ = "offers"
    __table_args__ = (UniqueConstraint("business_id", "shop_sku"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    shop_sku: Mapped[str] = mapped_column(String(255))
    article: Mapped[str | None] = mapped_column(String(255))
    market_sku: Mapped[int | None] = mapped_column(BigInteger)
    model_id: Mapped[int | None] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(Text)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    length_cm: Mapped[int | None] = mapped_column(Integer)
    width_cm: Mapped[int | None] = mapped_column(Integer)
    height_cm: Mapped[int | None] = mapped_column(Integer)
    weight_kg: Mapped[float | None] = mapped_column(Float)
    link: Mapped[str | None] = mapped_column(Text)


class OfferPlacement(Base):
    """An offer on sale in one store: its price, selling status and Market's recommendations."""

    __tablename__ = "offer_placements"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True)
    price: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str | None] = mapped_column(String(64))
    selling_status: Mapped[str | None] = mapped_column(String(64))
    recommendations: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)


class Stock(Base):
    """Stock of an offer in a warehouse of a store, as it stood at the end of `day`."""

    __tablename__ = "stocks"
    __table_args__ = (Index("ix_stocks_report", "campaign_id", "day", "warehouse_id", "offer_id", unique=True),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    valid: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    available: Mapped[int] = mapped_column(Integer, default=0)
    quarantine: Mapped[int] = mapped_column(Integer, default=0)
    utilization: Mapped[int] = mapped_column(Integer, default=0)
    defect: Mapped[int] = mapped_column(Integer, default=0)
    expired: Mapped[int] = mapped_column(Integer, default=0)


class PaidOpinionProgram(Base):
    """An offer in the reviews-for-points program of a store."""

    __tablename__ = "paid_opinion_programs"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(32))
    max_charge: Mapped[int] = mapped_column(Integer)
    target_count: Mapped[int] = mapped_column(Integer)
    rating: Mapped[float | None] = mapped_column(Float)
    current_opinion_count: Mapped[int] = mapped_column(Integer, default=0)
    paid_opinions_collected: Mapped[int] = mapped_column(Integer, default=0)
    ordered_items_total_amount: Mapped[int] = mapped_column(Integer, default=0)
