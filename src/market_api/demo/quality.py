"""Demo order history for the quality index: a good store, a struggling one, an FBY store with supplies,
and a new store without enough orders for an index."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from market_api.platform.clock import MOSCOW, Clock, today
from market_api.quality import service
from market_api.quality.facts import OrderIn, SupplyIn, load_facts

# campaign id -> (orders a day, share shipped late, share cancelled by the seller)
PROFILES = {
    91000001: (12, 0.01, 0.005),   # FBS: a good store, index near 97
    91000003: (6, 0.36, 0.08),     # DBS: a struggling store, index near 55
    91000002: (10, 0.0, 0.02),     # FBY: orders plus supplies, all four components
}
NEW_STORE = 91000004               # EXPRESS: 6 orders in all, no index yet
DAYS = 35


def order_number(campaign: int, day: date, n: int) -> str:
    """The `n`th order of a store scheduled on `day`, numbered as Market numbers orders (digits only, so
    getQualityRatingDetails can name it): 4, the store's last two digits, YYMMDD, n."""
    return f"4{campaign % 100:02d}{day:%y%m%d}{n:03d}"


def _orders(rng: random.Random, campaign: int, today: date, per_day: int, late: float, cancel: float) -> list[OrderIn]:
    """`per_day` orders of the store for each of the `DAYS` days before `today`, shares of them late or
    cancelled by the seller."""
    made = []
    for back in range(1, DAYS + 1):
        day = today - timedelta(days=back)
        for n in range(per_day):
            noon = datetime.combine(day, time(12), MOSCOW)
            roll = rng.random()
            order = OrderIn(campaign_id=campaign, order_number=order_number(campaign, day, n),
                            created_at=noon - timedelta(days=2), scheduled_date=day, status="DELIVERED")
            if roll < cancel:
                order.status, order.cancelled_by_seller = "CANCELLED", True
            else:
                # Late by a day: shipped late (FBS, FBY) or, for DBS, delivered late.
                done = noon + timedelta(days=1 if roll < cancel + late else 0)
                order.shipped_at = order.delivered_at = done
            made.append(order)
    return made


def _supplies(rng: random.Random, campaign: int, today: date) -> list[SupplyIn]:
    """Five weekly supplies to Market's warehouses, one of them a day late, a few items short or removed late."""
    supplies = []
    for week in range(5):
        planned = today - timedelta(days=3 + 7 * week)
        supplies.append(SupplyIn(
            campaign_id=campaign, supply_number=f"SUP-{week + 1:03d}", planned_date=planned,
            arrived_date=planned + timedelta(days=1 if week == 2 else 0), items_planned=400,
            items_missing=rng.randint(0, 6), items_removed_late=rng.randint(0, 3)))
    return supplies


async def seed_quality(session: AsyncSession, clock: Clock, seed: int) -> None:
    """Load the demo stores' orders (and the FBY store's supplies) of the last `DAYS` days, the same for a
    given seed and day, and compute their stored index for the last 30 days (`PROFILES`, `NEW_STORE`)."""
    rng = random.Random(f"market-api-quality-{seed}")
    on = today(clock)
    records = [o for campaign, profile in PROFILES.items() for o in _orders(rng, campaign, on, *profile)]
    records += _orders(rng, NEW_STORE, on, 0, 0, 0) + [
        OrderIn(campaign_id=NEW_STORE, order_number=order_number(NEW_STORE, on - timedelta(days=1 + n), 0),
                created_at=clock.now() - timedelta(days=3), scheduled_date=on - timedelta(days=1 + n),
                status="DELIVERED") for n in range(6)]
    await load_facts(session, clock, "orders", list(enumerate(records, start=1)))
    await load_facts(session, clock, "supplies", list(enumerate(_supplies(rng, 91000002, on), start=1)))
    campaigns = list(PROFILES) + [NEW_STORE]
    await service.recompute(session, campaigns, on - timedelta(days=30), on)
