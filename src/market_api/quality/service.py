"""Computing and storing the daily index of each store from its order and supply facts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Row, case, delete, false, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import Campaign
from market_api.accounts.placements import COMPONENTS
from market_api.platform.clock import moscow_date
from market_api.platform.database import upsert
from market_api.platform.errors import ApiError
from market_api.quality import formula
from market_api.quality.formula import Fact
from market_api.quality.models import DailyRun, Order, Rating, Supply

CANCELLED = ("CANCELLED", "UNDELIVERED")


def _day(moment: datetime | None) -> date | None:
    return None if moment is None else moscow_date(moment)


@dataclass(frozen=True, slots=True)
class OrderFacts:
    """What the index counts of one order: the flags each share is computed from."""

    late: bool           # shipped (DBS: delivered) after its scheduled day, or not yet
    seller_cancel: bool  # cancelled through the seller's fault, or items removed by the seller
    cancelled: bool      # cancelled or undelivered, whoever's fault (the FBY component)
    number: str = ""     # the order's number in its store (named by getQualityRatingDetails)


FLAGS = ("late", "seller_cancel", "cancelled")


class Day:
    """The orders of a store scheduled on one day: how many, and how many carry each flag. Built from
    the orders themselves (newest first), or from counts alone when no partial day is ever taken."""

    __slots__ = ("orders", "counts", "size")

    def __init__(self, orders: list[OrderFacts] | None = None, size: int = 0,
                 counts: dict[str, int] | None = None) -> None:
        self.orders = orders
        self.size = len(orders) if orders is not None else size
        if counts is None:
            assert orders is not None, "a Day is built from its orders or from its counts"
            counts = {flag: sum(getattr(o, flag) for o in orders) for flag in FLAGS}
        self.counts = counts

    def bad(self, flag: str, taken: int) -> int:
        """How many of the day's first `taken` orders (newest first) carry `flag` (a name in FLAGS)."""
        if taken >= self.size:
            return self.counts[flag]
        assert self.orders is not None, "a partial day is taken only of a Day built from its orders"
        return sum(getattr(o, flag) for o in self.orders[:taken])


def is_late(placement: str, scheduled: date, status: str, shipped_at: datetime | None,
            delivered_at: datetime | None) -> bool:
    """Shipped (DBS: delivered) after its scheduled day, or not at all yet. Cancelled orders are
    counted by the cancellation share instead. Stored with the order when it is loaded."""
    if status in CANCELLED:
        return False
    done = _day(delivered_at if placement == "DBS" else shipped_at)
    return done is None or done > scheduled


def _counted(days: dict[date, Day], on: date) -> list[tuple[int, Day, int]]:
    """(age, day, orders taken) for the orders the index of `on` counts: all those scheduled in the
    7 days before it, then earlier ones, newest first, until 50 are counted; nothing older than 30 days."""
    taken: list[tuple[int, Day, int]] = []
    total = 0
    for age in range(1, formula.HISTORY_DAYS + 1):
        day = days.get(on - timedelta(days=age))
        if day is None:
            continue
        if age > formula.WINDOW_DAYS:
            if total >= formula.MIN_ORDERS:
                break
            count = min(day.size, formula.MIN_ORDERS - total)
        else:
            count = day.size
        taken.append((age, day, count))
        total += count
    return taken


def _order_share(taken: list[tuple[int, Day, int]], flag: str) -> float:
    total = sum(formula.weight(age) * count for age, _day_, count in taken)
    if not total:
        return 0.0
    return _percent(100.0 * sum(formula.weight(age) * day.bad(flag, count) for age, day, count in taken) / total)


def rating_for(placement: str, days: dict[date, Day], supplies: list[Supply], on: date
               ) -> tuple[int, dict[str, float]] | None:
    """The index of a store on day `on`, with its components (componentType -> share in %), or None
    while it has too few orders."""
    if not _has_index(placement, days, on):
        return None
    taken = _counted(days, on)
    if placement == "FBY":
        return _fby(_order_share(taken, "cancelled"), supplies, on)
    cancel, late = _order_share(taken, "seller_cancel"), _order_share(taken, "late")
    cancel_type, late_type = COMPONENTS[placement]
    return formula.index(late, cancel), {cancel_type: cancel, late_type: late}


def _has_index(placement: str, days: dict[date, Day], on: date) -> bool:
    """Whether the store has an index on day `on`: a placement that is rated, with enough recent orders."""
    history = sum(d.size for age in range(1, formula.HISTORY_DAYS + 1)
                  if (d := days.get(on - timedelta(days=age))) is not None)
    return placement in COMPONENTS and history >= formula.ACTIVE_THRESHOLD


def _percent(value: float) -> float:
    """Shares as the API shows them (two decimals); the index is computed from these same values."""
    return round(min(max(value, 0.0), 100.0), 2)


def _fby(cancelled: float, supplies: list[Supply], on: date) -> tuple[int, dict[str, float]]:
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


# Key of the PostgreSQL advisory lock that lets one recompute run at a time.
RECOMPUTE_LOCK = 0x5175_616C  # "Qual"


async def one_at_a_time(session: AsyncSession) -> None:
    """Make the session's transaction wait for any other that changes facts or ratings, and hold
    them off until it commits. Without it a daily run that read the facts before an import
    committed could store its older result after the import's fresh one."""
    bind = session.bind
    assert bind is not None  # sessions are made bound to their engine (make_sessionmaker)
    if bind.dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RECOMPUTE_LOCK})
    else:
        # SQLite: a transaction's first write, even of no rows, takes the database's write lock.
        await session.execute(update(DailyRun).where(false()).values(owner=DailyRun.owner))


MAX_RECOMPUTE_DAYS = 731  # two years of days in one call: a longer range is several calls


def check_recompute_range(first: date, last: date, first_name: str, last_name: str) -> None:
    """Refuse a recompute range that is reversed or longer than MAX_RECOMPUTE_DAYS days (the days themselves
    are bounded where they are read, `platform.validation.Day`). `first_name`, `last_name`: the fields or
    options as the caller named them. Raises ApiError 400."""
    if first > last:
        raise ApiError(400, f"Value of {first_name} ({first}) must be less than or equal to {last_name} ({last})")
    if (last - first).days >= MAX_RECOMPUTE_DAYS:
        raise ApiError(400, f"The period from {first_name} ({first}) to {last_name} ({last}) must be at most "
                            f"{MAX_RECOMPUTE_DAYS} days")


async def recompute(session: AsyncSession, campaign_ids: Iterable[int], first: date, last: date,
                    advance: Callable[[int], None] | None = None) -> int:
    """Compute and store the index of the given stores for every day from `first` to `last`; returns the
    ratings written. `advance` hears how many stores each chunk finished.

    Orders are counted per store and scheduled day in the database; Python sees one row per day, so
    a day's index costs a few dozen additions. Only a store that ever has fewer than 50 orders in a
    week needs its single orders (to top the count up from a partly taken day); those are small."""
    await one_at_a_time(session)
    written = 0
    oldest = first - timedelta(days=formula.HISTORY_DAYS)
    ids = list(campaign_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        placements = dict((await session.execute(
            select(Campaign.id, Campaign.placement).where(Campaign.id.in_(chunk)))).all())
        counted = await _day_counts(session, chunk, oldest, last)
        rows: list[dict[str, Any]] = []
        for campaign_id, placement in placements.items():
            days = counted.get(campaign_id, {})
            if _needs_single_orders(days, first, last):
                days = await _order_days(session, campaign_id, oldest, last)
            rows += await _ratings_of(session, campaign_id, placement, days, first, last, oldest)
        # One delete and one upsert for the whole chunk of stores.
        await session.execute(delete(Rating).where(
            Rating.campaign_id.in_(chunk), Rating.calculation_date.between(first, last)))
        await upsert(session, Rating.__table__, rows, ["campaign_id", "calculation_date"])
        written += len(rows)
        if advance:
            advance(len(chunk))
    return written


async def _ratings_of(session: AsyncSession, campaign_id: int, placement: str, days: dict[date, Day],
                      first: date, last: date, oldest: date) -> list[dict[str, Any]]:
    supplies = list(await session.scalars(select(Supply).where(
        Supply.campaign_id == campaign_id, Supply.planned_date >= oldest, Supply.planned_date < last))) \
        if placement == "FBY" else []
    rows: list[dict[str, Any]] = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        result = rating_for(placement, days, supplies, day)
        if result is not None:
            rows.append({"campaign_id": campaign_id, "calculation_date": day, "rating": result[0],
                         "components": result[1]})
    return rows


def _needs_single_orders(days: dict[date, Day], first: date, last: date) -> bool:
    for offset in range((last - first).days + 1):
        on = first + timedelta(days=offset)
        recent = sum(d.size for age in range(1, formula.WINDOW_DAYS + 1)
                     if (d := days.get(on - timedelta(days=age))) is not None)
        if recent < formula.MIN_ORDERS:
            return True
    return False


_SELLER_FAULT = case((or_(Order.cancelled_by_seller, Order.items_removed_by_seller > 0), 1), else_=0)
_CANCELLED = case((Order.status.in_(CANCELLED), 1), else_=0)


async def _day_counts(session: AsyncSession, campaign_ids: list[int], oldest: date, last: date
                      ) -> dict[int, dict[date, Day]]:
    rows = await session.execute(
        select(Order.campaign_id, Order.scheduled_date, func.count(), func.sum(case((Order.late, 1), else_=0)),
               func.sum(_SELLER_FAULT), func.sum(_CANCELLED))
        .where(Order.campaign_id.in_(campaign_ids), Order.scheduled_date >= oldest, Order.scheduled_date < last)
        .group_by(Order.campaign_id, Order.scheduled_date))
    found: dict[int, dict[date, Day]] = {}
    for campaign_id, scheduled, size, late, seller_cancel, cancelled in rows:
        counts = {"late": int(late), "seller_cancel": int(seller_cancel), "cancelled": int(cancelled)}
        found.setdefault(campaign_id, {})[scheduled] = Day(size=int(size), counts=counts)
    return found


async def _order_days(session: AsyncSession, campaign_id: int, oldest: date, last: date) -> dict[date, Day]:
    result = await session.execute(
        select(Order.scheduled_date, Order.late, Order.cancelled_by_seller, Order.items_removed_by_seller,
               Order.status, Order.order_number)
        .where(Order.campaign_id == campaign_id, Order.scheduled_date >= oldest, Order.scheduled_date < last)
        .order_by(Order.scheduled_date.desc(), Order.id.desc()))
    grouped: dict[date, list[OrderFacts]] = {}
    for scheduled, late, seller_cancel, removed, status, number in result:
        grouped.setdefault(scheduled, []).append(
            OrderFacts(bool(late), bool(seller_cancel) or removed > 0, status in CANCELLED, number))
    return {day: Day(orders) for day, orders in grouped.items()}


@dataclass(frozen=True, slots=True)
class AffectedOrder:
    """An order that lowers a component of a store's index: its number, the component, and why."""

    number: str
    component: str  # a componentType of the store's placement (COMPONENTS)
    description: str


async def affected_orders(session: AsyncSession, campaign_id: int, placement: str, on: date) -> list[AffectedOrder]:
    """The orders the index of day `on` counts (as `rating_for` selects them) that are bad for one of its
    order components: late ones for the lateness component, ones cancelled (or with items removed) by the
    seller for the cancellation one; an order bad for both is listed for each. Newest scheduled day first.
    Empty while the store has no index, and for FBY stores (the contract names no FBY component per order)."""
    if placement == "FBY":
        return []
    days = await _order_days(session, campaign_id, on - timedelta(days=formula.HISTORY_DAYS), on)
    if not _has_index(placement, days, on):
        return []
    cancel_type, late_type = COMPONENTS[placement]
    done = "доставлен" if placement == "DBS" else "отгружен"
    found = []
    for age, day, taken in _counted(days, on):
        assert day.orders is not None, "built from its orders by _order_days"
        scheduled = f"{on - timedelta(days=age):%d.%m.%Y}"
        for order in day.orders[:taken]:
            if order.late:
                found.append(AffectedOrder(order.number, late_type, f"Заказ не {done} в срок: {scheduled}"))
            if order.seller_cancel:
                found.append(AffectedOrder(order.number, cancel_type,
                                           "Заказ отменён по вине магазина или магазин удалил из него товары"))
    return found


def affected_days(fact_days: Iterable[date], now: date) -> tuple[date, date] | None:
    """Facts dated `fact_days` change the index of the 30 days after each, up to today."""
    days = list(fact_days)
    if not days:
        return None
    first, last = min(days) + timedelta(days=1), min(max(days) + timedelta(days=formula.HISTORY_DAYS), now)
    return (first, last) if first <= last else None


async def ratings(session: AsyncSession, campaign_ids: list[int], first: date, last: date
                  ) -> dict[int, list[Row[Any]]]:
    """Stored ratings of the stores in [first, last], oldest first, in one query: store id -> rows
    (campaign_id, calculation_date, rating, components)."""
    found: dict[int, list[Row[Any]]] = {campaign_id: [] for campaign_id in campaign_ids}
    rows = await session.execute(
        select(Rating.campaign_id, Rating.calculation_date, Rating.rating, Rating.components)
        .where(Rating.campaign_id.in_(campaign_ids), Rating.calculation_date.between(first, last))
        .order_by(Rating.campaign_id, Rating.calculation_date))
    for row in rows:
        found[row.campaign_id].append(row)
    return found
