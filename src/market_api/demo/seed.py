"""Seeds the demo data set: two businesses, stores of every placement model, and their credentials.

Everything, the demo Api-Key included, is derived from the seed number, so a script can rely on the
same ids and key on every run. Demo credentials are for local use only.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts import service as accounts
from market_api.accounts.models import Business
from market_api.demo.catalog import seed_catalog
from market_api.demo.quality import seed_quality
from market_api.demo.reviews import ReviewFactory
from market_api.feedback.bulk import write_reviews
from market_api.feedback.models import Review
from market_api.platform import tokens
from market_api.platform.clock import Clock, today
from market_api.platform.errors import ApiError

DEMO_BUSINESS_ID = 90000001
OTHER_BUSINESS_ID = 90000002

DEMO_CAMPAIGNS = (
    (91000001, "ТехноМир — склад продавца", "FBS"),
    (91000002, "ТехноМир — склады Маркета", "FBY"),
    (91000003, "ТехноМир — своя доставка", "DBS"),
    (91000004, "ТехноМир Экспресс", "EXPRESS"),
)
OTHER_CAMPAIGNS = ((92000001, "Дом и Сад", "FBS"),)
# Store settings beyond the defaults (Russia, Moscow, schedule from the cabinet, no days off): a DBS store
# delivers itself, on weekdays only; every demo store pays 22% VAT.
DEMO_SETTINGS: dict[str, dict[str, Any]] = {
    "DBS": {"weekly_holidays": [6, 7], "available_on_holidays": False, "vat": "VAT_22"},
    "FBS": {"vat": "VAT_22"}, "FBY": {"vat": "VAT_22"}, "EXPRESS": {"vat": "VAT_22", "local_region_id": 2},
}
# A demo store's feed (its reviews and the versions their edits left, ~1,600) is walked in about 80 pages
# of 20: within the feed's 100 requests an hour, with some to spare.
DEMO_REVIEWS_PER_STORE = 1500
DEMO_OFFERS = 120


@dataclass
class DemoCredentials:
    """What the demo data set gives a user: its Api-Key and admin token, the business ids, the demo stores
    (``{"id", "placement"}`` each), and whether this run created the set (False: it was there already)."""

    api_key: str
    admin_token: str
    business_id: int = DEMO_BUSINESS_ID
    other_business_id: int = OTHER_BUSINESS_ID
    campaigns: list[dict[str, Any]] = field(default_factory=list)
    created: bool = False
    largest_feed: int = 0  # entries in the feed of the demo store with the most

    def as_json(self) -> dict[str, Any]:
        """The credentials as `seed --demo --json` prints them: apiKey, adminToken, businessId, campaigns."""
        return {
            "apiKey": self.api_key,
            "adminToken": self.admin_token,
            "businessId": self.business_id,
            "campaigns": self.campaigns,
        }


def demo_secrets(seed: int) -> tuple[str, str, str]:
    """The demo business's Api-Key, the other business's Api-Key and the demo admin token, all derived from
    `seed` (the same on every run)."""
    rng = random.Random(f"market-api-demo-{seed}")
    return tokens.api_key_from(rng), tokens.api_key_from(rng), "mka_demo_" + "".join(
        rng.choice("abcdefghijkmnopqrstuvwxyz23456789") for _ in range(32))


async def seed_demo(
    session: AsyncSession, clock: Clock, seed: int = 1, admin_token: str | None = None,
    reviews_per_store: int = DEMO_REVIEWS_PER_STORE, advance: Callable[[int], None] | None = None,
    catalog: bool = True,
) -> DemoCredentials:
    """Seed into an empty database; on a database that already holds the demo set, only report it."""
    api_key, _other_key, demo_admin = demo_secrets(seed)
    admin = admin_token or demo_admin
    credentials = DemoCredentials(
        api_key=api_key, admin_token=admin,
        campaigns=[{"id": cid, "placement": placement} for cid, _name, placement in DEMO_CAMPAIGNS],
    )
    await accounts.add_admin_token(session, clock, admin)
    if await session.get(Business, DEMO_BUSINESS_ID) is None:
        if await accounts.list_businesses(session):
            raise ApiError(409, "The database already holds other data; demo data go only into an empty database")
        await seed_demo_data(session, clock, seed, reviews_per_store, advance, catalog)
        credentials.created = True
    credentials.largest_feed = await largest_demo_feed(session)
    return credentials


async def largest_demo_feed(session: AsyncSession) -> int:
    """Entries (review versions) in the feed of the demo store that has the most: how many reviews a walk
    over that store's whole feed reads."""
    ids = [campaign_id for campaign_id, _name, _placement in DEMO_CAMPAIGNS]
    counts = await session.execute(
        select(func.count()).where(Review.campaign_id.in_(ids)).group_by(Review.campaign_id))
    return max((count for (count,) in counts), default=0)


async def seed_demo_data(
    session: AsyncSession, clock: Clock, seed: int = 1, reviews_per_store: int = DEMO_REVIEWS_PER_STORE,
    advance: Callable[[int], None] | None = None, catalog: bool = True,
) -> None:
    """The demo data set without an admin token, into a database that holds no data (a reset one): both
    businesses with their stores and Api-Keys, the catalogue and quality facts (`catalog`), and
    `reviews_per_store` reviews in each store; the same for a given seed and day."""
    api_key, other_key, _admin = demo_secrets(seed)
    await _create(session, clock, DEMO_BUSINESS_ID, "ТехноМир", DEMO_CAMPAIGNS, api_key)
    await _create(session, clock, OTHER_BUSINESS_ID, "Дом и Сад", OTHER_CAMPAIGNS, other_key)
    if catalog:
        await seed_demo_catalog(session, clock, seed)
        await seed_quality(session, clock, seed)
    if reviews_per_store:
        await seed_reviews(session, clock, seed, reviews_per_store, advance)


async def seed_demo_catalog(session: AsyncSession, clock: Clock, seed: int = 1) -> None:
    """The catalogue of both demo businesses (demo.catalog), the same for a given seed and day."""
    stores = [(cid, name, placement, DEMO_BUSINESS_ID) for cid, name, placement in DEMO_CAMPAIGNS]
    stores += [(cid, name, placement, OTHER_BUSINESS_ID) for cid, name, placement in OTHER_CAMPAIGNS]
    await seed_catalog(session, seed, today(clock), stores, {
        DEMO_BUSINESS_ID: ((91491, 90555, 91013, 90566, 90586), DEMO_OFFERS),
        OTHER_BUSINESS_ID: ((90675, 90700), DEMO_OFFERS // 2),
    })


async def seed_reviews(
    session: AsyncSession, clock: Clock, seed: int, per_store: int, advance: Callable[[int], None] | None = None
) -> None:
    """Reviews for every demo store, the same for a given seed and day."""
    today = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    factory = ReviewFactory(seed, today)
    for campaign_id, name, placement in DEMO_CAMPAIGNS + OTHER_CAMPAIGNS:
        await write_reviews(session, factory.histories(campaign_id, placement, name, per_store), advance)


async def seed_store_reviews(
    session: AsyncSession, clock: Clock, campaign_id: int, count: int, seed: int = 1,
    advance: Callable[[int], None] | None = None,
) -> int:
    """`count` generated reviews (plus the versions their edits left) for one store; returns rows written."""
    campaign = await accounts.get_campaign(session, campaign_id)
    factory = ReviewFactory(seed, clock.now().replace(hour=0, minute=0, second=0, microsecond=0))
    written = 0
    for start in range(0, count, 50_000):  # bounded memory for very large sets
        records = factory.histories(campaign.id, campaign.placement, campaign.name, min(50_000, count - start))
        await write_reviews(session, records, advance)
        written += len(records)
    return written


async def _create(
    session: AsyncSession, clock: Clock, business_id: int, name: str, stores: Sequence[tuple[int, str, str]],
    api_key: str,
) -> None:
    """A business with its stores ((campaign id, name, placement)) and an all-methods Api-Key."""
    await accounts.create_business(session, clock, name, business_id=business_id)
    for campaign_id, store_name, placement in stores:
        # The payer id in Yandex Balance: one per cabinet, derived from its id.
        await accounts.create_campaign(session, clock, business_id, store_name, placement, campaign_id=campaign_id,
                                       client_id=business_id - 89000000, settings=DEMO_SETTINGS.get(placement))
    await accounts.create_api_key(session, clock, business_id, "demo", ["all-methods"], token=api_key)
