"""Loading the catalogue: every record is checked against what exists (or comes earlier in the same
batch) before anything is written; one bad record and nothing is."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import FromClause, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from market_api.accounts.models import Business, Campaign
from market_api.accounts.placements import MARKET_WAREHOUSE_MODELS, Placement
from market_api.catalog.models import Category, Offer, OfferPlacement, PaidOpinionProgram, Stock, Warehouse
from market_api.catalog.schemas import (
    CategoryIn,
    OfferIn,
    PlacementIn,
    ProgramIn,
    StockIn,
    WarehouseIn,
)
from market_api.platform.database import upsert
from market_api.platform.imports import LineErrors
from market_api.platform.schemas import CamelModel

Advance = Callable[[int], None] | None
# Records that name a store and an offer of its business (by shop SKU).
StoreRecord = PlacementIn | ProgramIn | StockIn


async def _ids(session: AsyncSession, column: InstrumentedAttribute[int], values: Iterable[int]) -> set[int]:
    """Which of `values` exist in `column`."""
    found: set[int] = set()
    wanted = list(set(values))
    for start in range(0, len(wanted), 500):
        found |= set((await session.scalars(select(column).where(column.in_(wanted[start:start + 500])))).all())
    return found


async def _campaigns(session: AsyncSession, ids: Iterable[int]) -> dict[int, Campaign]:
    return {c.id: c for c in (await session.scalars(select(Campaign).where(Campaign.id.in_(set(ids))))).all()}


async def _offer_ids(session: AsyncSession, pairs: set[tuple[int, str]]) -> dict[tuple[int, str], int]:
    """(business id, shop SKU) -> offer id."""
    found: dict[tuple[int, str], int] = {}
    for business_id in {b for b, _ in pairs}:
        skus = [sku for b, sku in pairs if b == business_id]
        for start in range(0, len(skus), 500):
            rows = await session.execute(select(Offer.business_id, Offer.shop_sku, Offer.id).where(
                Offer.business_id == business_id, Offer.shop_sku.in_(skus[start:start + 500])))
            found.update({(b, sku): offer_id for b, sku, offer_id in rows})
    return found


def _row(record: CamelModel, **extra: Any) -> dict[str, Any]:
    return record.model_dump(by_alias=False) | extra


async def load_categories(session: AsyncSession, records: Sequence[tuple[int, CategoryIn]],
                          advance: Advance = None) -> int:
    """Upsert categories (by id); a parent must exist or come earlier in the batch. Returns how many
    were written; LineErrors, and nothing written, when any record is bad."""
    known = await _ids(session, Category.id, [r.parent_id for _, r in records if r.parent_id])
    errors: list[str] = []
    seen: set[int] = set()
    for line, record in records:
        if record.parent_id and record.parent_id not in known | seen:
            errors.append(f"line {line}: Unknown parent category: {record.parent_id}")
        seen.add(record.id)
    _raise(errors)
    _raise(await _cycles(session, records))
    await upsert(session, Category.__table__, [_row(r) for _, r in records], ["id"], advance=advance)
    return len(records)


async def _cycles(session: AsyncSession, records: Sequence[tuple[int, CategoryIn]]) -> list[str]:
    """A message for each record that would put a category under itself (through the stored tree as the
    batch changes it): the tree would lose that branch."""
    parents: dict[int, int | None] = dict((await session.execute(select(Category.id, Category.parent_id))).all())
    parents |= {record.id: record.parent_id for _, record in records}
    errors = []
    for line, record in records:
        ancestor, visited = record.parent_id, set()
        while ancestor is not None and ancestor not in visited and ancestor != record.id:
            visited.add(ancestor)
            ancestor = parents.get(ancestor)
        if ancestor == record.id:
            errors.append(f"line {line}: Category {record.id} cannot be under its own descendant {record.parent_id}")
    return errors


async def load_warehouses(session: AsyncSession, records: Sequence[tuple[int, WarehouseIn]],
                          advance: Advance = None) -> int:
    """Upsert warehouses (by id); a store's own warehouse must name an existing store, and is Express when
    its record leaves `express` out and the store is an Express store. Returns how many
    were written; LineErrors, and nothing written, when any record is bad."""
    campaigns = await _campaigns(session, [r.campaign_id for _, r in records if r.campaign_id])
    _raise([f"line {line}: Campaign not found: '{r.campaign_id}'" for line, r in records
            if r.campaign_id and r.campaign_id not in campaigns])
    rows = [_row(r, express=r.express if r.express is not None else (
        r.campaign_id is not None and campaigns[r.campaign_id].placement == Placement.EXPRESS.value))
        for _, r in records]
    await upsert(session, Warehouse.__table__, rows, ["id"], advance=advance)
    return len(records)


async def load_offers(session: AsyncSession, records: Sequence[tuple[int, OfferIn]], advance: Advance = None) -> int:
    """Upsert offers (by business and shop SKU); the business and the category (if any) must exist.
    Returns how many were written; LineErrors, and nothing written, when any record is bad."""
    businesses = await _ids(session, Business.id, [r.business_id for _, r in records])
    categories = await _ids(session, Category.id, [r.category_id for _, r in records if r.category_id])
    errors: list[str] = []
    for line, record in records:
        if record.business_id not in businesses:
            errors.append(f"line {line}: Business not found: '{record.business_id}'")
        if record.category_id and record.category_id not in categories:
            errors.append(f"line {line}: Unknown category: {record.category_id}")
    _raise(errors)
    await upsert(session, Offer.__table__, [_row(r) for _, r in records], ["business_id", "shop_sku"],
                 advance=advance)
    return len(records)


async def _resolve(session: AsyncSession, records: Sequence[tuple[int, StoreRecord]]
                   ) -> tuple[dict[int, Campaign], dict[tuple[int, str], int], list[str]]:
    """Campaigns and offers that store-level records name, and a message for each one missing."""
    campaigns = await _campaigns(session, [r.campaign_id for _, r in records])
    pairs = {(campaigns[r.campaign_id].business_id, r.shop_sku) for _, r in records if r.campaign_id in campaigns}
    offers = await _offer_ids(session, pairs)
    errors: list[str] = []
    for line, record in records:
        campaign = campaigns.get(record.campaign_id)
        if campaign is None:
            errors.append(f"line {line}: Campaign not found: '{record.campaign_id}'")
        elif (campaign.business_id, record.shop_sku) not in offers:
            errors.append(f"line {line}: Offer not found in business {campaign.business_id}: '{record.shop_sku}'")
    return campaigns, offers, errors


def _offer_row(record: StoreRecord, campaigns: dict[int, Campaign], offers: dict[tuple[int, str], int]
               ) -> dict[str, Any]:
    offer_id = offers[(campaigns[record.campaign_id].business_id, record.shop_sku)]
    return record.model_dump(by_alias=False, exclude={"shop_sku"}) | {"offer_id": offer_id}


async def _load_per_store(session: AsyncSession, table: FromClause, records: Sequence[tuple[int, StoreRecord]],
                          advance: Advance) -> int:
    """Records keyed by (store, offer): placements and program entries."""
    campaigns, offers, errors = await _resolve(session, records)
    _raise(errors)
    await upsert(session, table, [_offer_row(r, campaigns, offers) for _, r in records],
                 ["campaign_id", "offer_id"], advance)
    return len(records)


async def load_placements(session: AsyncSession, records: Sequence[tuple[int, PlacementIn]],
                          advance: Advance = None) -> int:
    """Upsert offers' placements in stores (by store and offer); the store, and the offer in its
    business, must exist. Returns how many were written; LineErrors, and nothing written, when any
    record is bad."""
    return await _load_per_store(session, OfferPlacement.__table__, records, advance)


async def load_programs(session: AsyncSession, records: Sequence[tuple[int, ProgramIn]],
                        advance: Advance = None) -> int:
    """Upsert reviews-for-points program entries (by store and offer); the store, and the offer in its
    business, must exist. Returns how many were written; LineErrors, and nothing written, when any
    record is bad."""
    return await _load_per_store(session, PaidOpinionProgram.__table__, records, advance)


async def load_stocks(session: AsyncSession, records: Sequence[tuple[int, StockIn]], advance: Advance = None) -> int:
    """Upsert stock (by store, day, warehouse and offer); the store, the offer in its business and the
    warehouse must exist, and the warehouse must serve the store (Market's for FBY/LaaS stores, the
    store's own otherwise). Returns how many were written; LineErrors, and nothing written, when any
    record is bad."""
    campaigns, offers, errors = await _resolve(session, records)
    warehouses = {w.id: w for w in (await session.scalars(
        select(Warehouse).where(Warehouse.id.in_({r.warehouse_id for _, r in records})))).all()}
    for line, record in records:
        warehouse, campaign = warehouses.get(record.warehouse_id), campaigns.get(record.campaign_id)
        if warehouse is None:
            errors.append(f"line {line}: Warehouse not found: '{record.warehouse_id}'")
        elif campaign is not None and not _may_hold(campaign, warehouse):
            errors.append(f"line {line}: Warehouse {warehouse.id} does not serve campaign {campaign.id}")
    _raise(errors)
    await upsert(session, Stock.__table__, [_offer_row(r, campaigns, offers) for _, r in records],
                 ["campaign_id", "day", "warehouse_id", "offer_id"], advance)
    return len(records)


def _may_hold(campaign: Campaign, warehouse: Warehouse) -> bool:
    """FBY/LaaS stores keep stock in Market's warehouses; the others in their own."""
    if campaign.placement in MARKET_WAREHOUSE_MODELS:
        return warehouse.campaign_id is None
    return warehouse.campaign_id == campaign.id


def _raise(errors: list[str]) -> None:
    if errors:
        raise LineErrors(errors)


LOADERS = {
    "categories": load_categories, "warehouses": load_warehouses, "offers": load_offers,
    "placements": load_placements, "stocks": load_stocks, "programs": load_programs,
}
