"""What goes into each report: the rows of its sheet, read from the catalogue as a stream.

A builder is chosen by the request: the goods-feedback report, or one of the three stock reports
(reports.md): A — an FBY/LaaS store's stock in Market's warehouses on a day; B — an FBS/Express/DBS
store's own warehouse; C — every own warehouse of a business.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, and_, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from market_api.accounts.models import MARKET_WAREHOUSE_MODELS, Campaign
from market_api.catalog.models import Category, Offer, PaidOpinionProgram, Placement, Stock, Warehouse
from market_api.reports.sheets import sheet

STORE_MODELS = ("FBS", "EXPRESS", "DBS")


class MissingResources(Exception):
    """Some requested warehouses or categories do not exist (FAILED / RESOURCE_NOT_FOUND)."""


@dataclass(frozen=True)
class Plan:
    sheet: str  # key in sheets.toml
    query: Select

    async def count(self, connection: AsyncConnection) -> int:
        return await connection.scalar(select(func.count()).select_from(self.query.subquery()))

    async def chunks(self, connection: AsyncConnection, size: int = 5000) -> AsyncIterator[Sequence[Sequence]]:
        """Rows in chunks, each row a sequence in the sheet's column order.

        SQLAlchemy builds the statement; the rows come straight from the driver's cursor (asyncpg's
        records, sqlite3's tuples). The sheets hold only text and numbers, which need no conversion,
        and skipping SQLAlchemy's per-chunk result handling makes a large report a quarter faster.
        The values are inlined: they are the request's ids, dates and flags, already validated."""
        if tuple(column.key for column in self.query.selected_columns) != sheet(self.sheet).keys:
            raise AssertionError(f"the {self.sheet} query does not select the sheet's columns in order")
        sql = str(self.query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
        driver = (await connection.get_raw_connection()).driver_connection
        if connection.dialect.name == "postgresql":
            async with driver.transaction():  # asyncpg reads with a cursor only inside a transaction
                # Plan for reading every row, not for the first few (PostgreSQL's default for cursors).
                await driver.execute("SET LOCAL cursor_tuple_fraction = 1.0")
                cursor = await driver.cursor(sql)
                while rows := await cursor.fetch(size):
                    yield rows
            return
        cursor = await driver.execute(sql)
        try:
            while rows := await cursor.fetchmany(size):
                yield rows
        finally:
            await cursor.close()


async def plan_report(connection: AsyncConnection, kind: str, params: dict) -> Plan:
    await _check_resources(connection, params)
    if kind == "goods_feedback":
        return Plan("goods_feedback", _goods_feedback(params["businessId"]))
    if params.get("campaignId") is not None:
        placement = await connection.scalar(select(Campaign.placement).where(Campaign.id == params["campaignId"]))
        if placement in MARKET_WAREHOUSE_MODELS:
            return Plan("stocks_fby", _market_stock(params))
        return Plan("stocks_store", _store_stock(params))
    return Plan("stocks_business", _business_stock(params))


async def expected_rows(connection: AsyncConnection, kind: str, params: dict) -> int:
    """How many rows the report will have (for its time estimate); none if it names missing resources."""
    try:
        return await (await plan_report(connection, kind, params)).count(connection)
    except MissingResources:
        return 0


async def _check_resources(connection: AsyncConnection, params: dict) -> None:
    for ids, table in ((params.get("warehouseIds"), Warehouse), (params.get("categoryIds"), Category)):
        if ids:
            found = await connection.scalar(select(func.count()).where(table.id.in_(ids)))
            if found < len(set(ids)):
                raise MissingResources()


def report_day(params: dict, today: date) -> date:
    """An FBY stock report holds the day before `reportDate` (today by default)."""
    asked = date.fromisoformat(params["reportDate"]) if params.get("reportDate") else today
    return max(asked, date.min + timedelta(days=1)) - timedelta(days=1)


def _goods_feedback(business_id: int) -> Select:
    program, offer, campaign = PaidOpinionProgram, Offer, Campaign
    return (
        select(
            offer.shop_sku.label("sku"), offer.name.label("productName"), program.rating.label("rating"),
            campaign.name.label("campaignName"), program.status.label("campaignStatus"),
            program.max_charge.label("maxCharge"), program.current_opinion_count.label("currentOpinionCount"),
            program.target_count.label("targetCount"), program.paid_opinions_collected.label("paidOpinionsCollected"),
            case((program.target_count > program.paid_opinions_collected,
                  program.target_count - program.paid_opinions_collected), else_=0).label("estimatedOpinionsCount"),
            program.ordered_items_total_amount.label("orderedItemsTotalAmount"), offer.model_id.label("modelId"),
            offer.link.label("productLink"),
        )
        .join(offer, offer.id == program.offer_id)
        .join(campaign, campaign.id == program.campaign_id)
        .where(offer.business_id == business_id)
        .order_by(campaign.id, offer.shop_sku)
    )


def _with_categories(query: Select, params: dict) -> Select:
    if params.get("categoryIds"):
        query = query.where(Offer.category_id.in_(params["categoryIds"]))
    return query


def _market_stock(params: dict) -> Select:
    query = (
        select(
            Offer.shop_sku.label("shopSku"), Offer.article.label("article"), Offer.market_sku.label("marketSku"),
            Offer.name.label("productName"), Stock.valid.label("valid"), Stock.reserved.label("reserved"),
            Stock.available.label("availableForOrder"), Stock.quarantine.label("quarantine"),
            Stock.utilization.label("utilization"), Stock.defect.label("defect"), Stock.expired.label("expired"),
            Offer.length_cm.label("length"), Offer.width_cm.label("width"), Offer.height_cm.label("height"),
            Offer.weight_kg.label("weight"), Warehouse.name.label("warehouse"),
            Placement.selling_status.label("sellingStatus"), Placement.recommendations.label("recommendations"),
        )
        .join(Offer, Offer.id == Stock.offer_id)
        .join(Warehouse, Warehouse.id == Stock.warehouse_id)
        .outerjoin(Placement, and_(Placement.campaign_id == Stock.campaign_id, Placement.offer_id == Stock.offer_id))
        .where(Stock.campaign_id == params["campaignId"], Stock.day == date.fromisoformat(params["day"]))
        .order_by(Stock.warehouse_id, Stock.offer_id)
    )
    if params.get("warehouseIds"):
        query = query.where(Stock.warehouse_id.in_(params["warehouseIds"]))
    return _with_categories(query, params)


def _latest_day(campaign_id):
    """The last day with stock of a store (`campaign_id` may be a column: then per row's store)."""
    other = aliased(Stock)
    return select(func.max(other.day)).where(other.campaign_id == campaign_id).scalar_subquery()


def _with_has_stocks(query: Select, params: dict) -> Select:
    if params.get("hasStocks") is True:
        query = query.where(Stock.available > 0)
    elif params.get("hasStocks") is False:
        query = query.where(Stock.available == 0)
    return query


def _store_stock(params: dict) -> Select:
    query = (
        select(
            literal(None).label("errors"), literal(None).label("warnings"), Offer.shop_sku.label("shopSku"),
            Offer.name.label("productName"), Stock.available.label("count"),
        )
        .join(Offer, Offer.id == Stock.offer_id)
        .where(Stock.campaign_id == params["campaignId"], Stock.day == _latest_day(params["campaignId"]))
        .order_by(Stock.warehouse_id, Stock.offer_id)
    )
    return _with_has_stocks(_with_categories(query, params), params)


def _business_stock(params: dict) -> Select:
    campaigns = select(Campaign.id).where(
        Campaign.business_id == params["businessId"], Campaign.placement.in_(STORE_MODELS))
    if params.get("campaignIds"):
        campaigns = campaigns.where(Campaign.id.in_(params["campaignIds"]))
    query = (
        select(
            literal(None).label("errors"), Offer.shop_sku.label("shopSku"), Offer.name.label("productName"),
            Campaign.placement.label("placementType"),
            (Warehouse.name + literal(" / ") + Campaign.name).label("warehouseAndShop"),
            Stock.available.label("count"), Stock.reserved.label("reserve"), Placement.price.label("price"),
            Placement.status.label("status"), Placement.comment.label("comment"),
        )
        .join(Offer, Offer.id == Stock.offer_id)
        .join(Campaign, Campaign.id == Stock.campaign_id)
        .join(Warehouse, Warehouse.id == Stock.warehouse_id)
        .outerjoin(Placement, and_(Placement.campaign_id == Stock.campaign_id, Placement.offer_id == Stock.offer_id))
        .where(Stock.campaign_id.in_(campaigns), Stock.day == _latest_day(Stock.campaign_id))
        .order_by(Stock.campaign_id, Stock.warehouse_id, Stock.offer_id)
    )
    return _with_has_stocks(_with_categories(query, params), params)
