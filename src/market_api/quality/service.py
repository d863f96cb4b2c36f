"""Computing and storing the daily index of each store from its order and supply facts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import Campaign
from market_api.feedback.feed import MOSCOW
from market_api.platform.clock import Clock
from market_api.platform.database import upsert
from market_api.quality import formula
from market_api.quality.formula import Fact
from market_api.quality.models import Order, Rating, Supply

COMPONENTS = {
    "DBS": ("DBS_CANCELLATION_RATE", "DBS_LATE_DELIVERY_RATE"),
    "FBS": ("FBS_CANCELLATION_RATE", "FBS_LATE_SHIP_RATE"),
    "EXPRESS": ("FBS_CANCELLATION_RATE", "FBS_LATE_SHIP_RATE"),
    "FBY": ("FBY_LATE_DELIVERY_RATE", "FBY_CANCELLATION_RATE", "FBY_DELIVERY_DIFF_RATE", "FBY_LATE_EDITING_RATE"),
}
CANCELLED = ("CANCELLED", "UNDELIVERED")


def today(clock: Clock) -> date:
    return clock.now().astimezone(MOSCOW).date()


def _day(moment: datetime | None) -> date | None:
    return None if moment is None else moment.astimezone(MOSCOW).date()


def _late(order: Order, measured_at: datetime | None) -> bool:
    """Shipped (DBS: delivered) after its scheduled day, or not at all yet. Cancelled orders are
    counted by the cancellation share instead."""
    if order.status in CANCELLED:
        return False
    done = _day(measured_at)
    return done is None or done > order.scheduled_date


def counted_orders(orders: list[Order], on: date) -> list[Order]:
    """The orders the index of day `on` counts: scheduled in the 7 days before it, topped up with
    earlier ones (newest first) to 50, nothing older than 30 days. `orders` is sorted newest first."""
    recent = [o for o in orders if on - timedelta(days=formula.WINDOW_DAYS) <= o.scheduled_date < on]
    if len(recent) >= formula.MIN_ORDERS:
        return recent
    oldest = on - timedelta(days=formula.HISTORY_DAYS)
    earlier = [o for o in orders if oldest <= o.scheduled_date < on - timedelta(days=formula.WINDOW_DAYS)]
    return recent + earlier[: formula.MIN_ORDERS - len(recent)]


def rating_for(placement: str, orders: list[Order], supplies: list[Supply], on: date) -> tuple[int, dict] | None:
    """The index of a store on day `on`, with its components, or None while it has too few orders."""
    history = [o for o in orders if on - timedelta(days=formula.HISTORY_DAYS) <= o.scheduled_date < on]
    if placement not in COMPONENTS or len(history) < formula.ACTIVE_THRESHOLD:
        return None
    counted = counted_orders(history, on)
    age = lambda o: (on - o.scheduled_date).days  # noqa: E731
    cancel = _percent(formula.share([Fact(age(o), o.cancelled_by_seller or o.items_removed_by_seller > 0)
                                     for o in counted]))
    if placement == "FBY":
        return _fby(counted, supplies, on, age)
    measured = (lambda o: o.delivered_at) if placement == "DBS" else (lambda o: o.shipped_at)  # noqa: E731
    late = _percent(formula.share([Fact(age(o), _late(o, measured(o))) for o in counted]))
    cancel_type, late_type = COMPONENTS[placement]
    return formula.index(late, cancel), {cancel_type: cancel, late_type: late}


def _percent(value: float) -> float:
    """Shares as the API shows them (two decimals); the index is computed from these same values."""
    return round(min(max(value, 0.0), 100.0), 2)


def _fby(counted: list[Order], supplies: list[Supply], on: date, age) -> tuple[int, dict]:
    cancelled = _percent(formula.share([Fact(age(o), o.status in CANCELLED) for o in counted]))
    window = [s for s in supplies if on - timedelta(days=formula.HISTORY_DAYS) <= s.planned_date < on]
    late = _percent(formula.share([Fact((on - s.planned_date).days, (s.arrived_date or on) > s.planned_date)
                                   for s in window]))
    planned = sum(formula.weight((on - s.planned_date).days) * s.items_planned for s in window)

    def items(field: str) -> float:
        if not planned:
            return 0.0
        return 100.0 * sum(formula.weight((on - s.planned_date).days) * getattr(s, field) for s in window) / planned

    diff, late_edit = _percent(items("items_missing")), _percent(items("items_removed_late"))
    rating = formula.index(late, max(cancelled, diff, late_edit))
    return rating, {"FBY_LATE_DELIVERY_RATE": late, "FBY_CANCELLATION_RATE": cancelled,
                    "FBY_DELIVERY_DIFF_RATE": diff, "FBY_LATE_EDITING_RATE": late_edit}


async def recompute(session: AsyncSession, campaign_ids: Iterable[int], first: date, last: date) -> int:
    """Compute and store the index of the given stores for every day from `first` to `last`."""
    written = 0
    for campaign in (await session.scalars(select(Campaign).where(Campaign.id.in_(list(campaign_ids))))).all():
        oldest = first - timedelta(days=formula.HISTORY_DAYS)
        orders = list((await session.scalars(
            select(Order).where(Order.campaign_id == campaign.id, Order.scheduled_date >= oldest,
                                Order.scheduled_date < last)
            .order_by(Order.scheduled_date.desc(), Order.id.desc()))).all())
        supplies = list((await session.scalars(
            select(Supply).where(Supply.campaign_id == campaign.id, Supply.planned_date >= oldest,
                                 Supply.planned_date < last))).all())
        rows = []
        day = first
        while day <= last:
            result = rating_for(campaign.placement, orders, supplies, day)
            if result is not None:
                rows.append({"campaign_id": campaign.id, "calculation_date": day, "rating": result[0],
                             "components": result[1]})
            day += timedelta(days=1)
        await session.execute(delete(Rating).where(
            Rating.campaign_id == campaign.id, Rating.calculation_date.between(first, last)))
        await upsert(session, Rating.__table__, rows, ["campaign_id", "calculation_date"])
        written += len(rows)
    return written


def affected_days(fact_days: Iterable[date], now: date) -> tuple[date, date] | None:
    """Facts dated `fact_days` change the index of the 30 days after each, up to today."""
    days = list(fact_days)
    if not days:
        return None
    first, last = min(days) + timedelta(days=1), min(max(days) + timedelta(days=formula.HISTORY_DAYS), now)
    return (first, last) if first <= last else None


async def ratings(session: AsyncSession, campaign_id: int, first: date, last: date) -> list[Rating]:
    return list((await session.scalars(select(Rating).where(
        Rating.campaign_id == campaign_id, Rating.calculation_date.between(first, last))
        .order_by(Rating.calculation_date))).all())
