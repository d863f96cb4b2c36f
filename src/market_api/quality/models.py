"""Tables of the quality domain: the facts the index is computed from, and the computed ratings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from market_api.platform.database import Base, BigId, UtcDateTime


class Order(Base):
    """An order of a store, with what the index needs of it: its scheduled day, shipment, status."""

    __tablename__ = "quality_orders"
    __table_args__ = (
        Index("ix_quality_orders_window", "campaign_id", "scheduled_date"),
        UniqueConstraint("campaign_id", "order_number"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    order_number: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The shipment date (DBS: delivery date) first promised to the buyer; lateness is measured against it.
    scheduled_date: Mapped[date] = mapped_column(Date)
    shipped_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(32))  # DELIVERED, CANCELLED, UNDELIVERED, PROCESSING, ...
    cancelled_by_seller: Mapped[bool] = mapped_column(Boolean, default=False)
    items_removed_by_seller: Mapped[int] = mapped_column(Integer, default=0)
    # Derived when the order is loaded (shipped, or for DBS delivered, after its scheduled day):
    # the index counts it per day in the database.
    late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Supply(Base):
    """A supply of an FBY store to a Market warehouse."""

    __tablename__ = "quality_supplies"
    __table_args__ = (
        Index("ix_quality_supplies_window", "campaign_id", "planned_date"),
        UniqueConstraint("campaign_id", "supply_number"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    supply_number: Mapped[str] = mapped_column(String(64))
    planned_date: Mapped[date] = mapped_column(Date)
    arrived_date: Mapped[date | None] = mapped_column(Date)
    items_planned: Mapped[int] = mapped_column(Integer)
    items_missing: Mapped[int] = mapped_column(Integer, default=0)  # missing or not accepted
    items_removed_late: Mapped[int] = mapped_column(Integer, default=0)


class Rating(Base):
    """The index of a store on a day, with the components of its placement model."""

    __tablename__ = "quality_ratings"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    calculation_date: Mapped[date] = mapped_column(Date, primary_key=True)
    rating: Mapped[int] = mapped_column(Integer)
    components: Mapped[dict] = mapped_column(JSON)  # componentType -> percentage


class DailyRun(Base):
    """Which process computes a day's index: with several API processes, one of them does it, under a
    lease (platform/leases.py) it renews while it works."""

    __tablename__ = "quality_daily_runs"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Until when `owner` holds the day (real time): an unfinished day whose lease ran out (its process
    # died) is taken over. None once the day is finished.
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
