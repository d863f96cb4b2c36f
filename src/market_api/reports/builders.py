"""What goes into each report: the rows of its sheet, read from the catalogue as a stream.

A builder is chosen by the request: the goods-feedback report, or one of the three stock reports
(reports.md): A — an FBY/LaaS store's stock in Market's warehouses on a day; B — an FBS/Express/DBS
store's own warehouse; C — every own warehouse of a business.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ScalarSelect, Select, SQLColumnExpression, and_, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from market_api.accounts.models import Campaign
from market_api.accounts.placements import MARKET_WAREHOUSE_MODELS, STORE_MODELS
from market_api.catalog.models import Category, Offer, OfferPlacement, PaidOpinionProgram, Stock, Warehouse
from market_api.reports.sheets import sheet


class MissingResources(Exception):
    """Some requested warehouses or categories do not exist (FAILED / RESOURCE_NOT_FOUND)."""


@dataclass(frozen=True)
class Plan:
    """The rows of a report: `columns` maps each JSON key of the sheet (sheets.toml) to its SQL
    expression, and `rows` is the query without a select list (what is read: joins, filters, order).
    The sheet alone decides which columns there are and in what order; every builder's mapping must
    have exactly the sheet's keys (tests/test_report_plans.py checks each one)."""

    sheet: str  # key in sheets.toml
    columns: Mapping[str, SQLColumnExpression]
    rows: Select

    @property
    def query(self) -> Select:
        """The statement: the sheet's columns in its order, each labelled with its JSON key."""
        return self.rows.add_columns(*(self.columns[key].label(key) for key in sheet(self.sheet).keys))

    async def count(self, connection: AsyncConnection) -> int:
        """How many rows the report has."""
        return await connection.scalar(select(func.count()).select_from(self.query.subquery())) or 0

    async def chunks(
        self, connection: AsyncConnection, size: int = 5000,
    ) -> AsyncGenerator[Sequence[Sequence[Any]], None]:
        """Rows in chunks of up to `size`, each row a sequence in the sheet's column order.

        SQLAlchemy builds the statement; the rows come straight from the driver's cursor (asyncpg's
        records, sqlite3's tuples). The sheets hold only text and numbers, which need no conversion,
        and skipping SQLAlchemy's per-chunk result handling makes a large report a quarter faster.
        The values are inlined: they are the request's ids, dates and flags, already validated."""
        sql = str(self.query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
        # asyncpg's connection or aiosqlite's, told apart by the dialect: their APIs differ.
        driver: Any = (await connection.get_raw_connection()).driver_connection
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


async def plan_report(connection: AsyncConnection, kind: str, params: dict[str, Any]) -> Plan:
    """The plan of a report of `kind` ("goods_feedback" | "stocks") for the request's `params` (the
    stored camelCase body); MissingResources when it names warehouses or categories that do not exist."""
    await _check_resources(connection, params)
    if kind == "goods_feedback":
        return _goods_feedback(params["businessId"])
    if params.get("campaignId") is not None:
        placement = await connection.scalar(select(Campaign.placement).where(Campaign.id == params["campaignId"]))
        if placement in MARKET_WAREHOUSE_MODELS:
            return _market_stock(params)
        return _store_stock(params)
    return _business_stock(params)


async def expected_rows(connection: AsyncConnection, kind: str, params: dict[str, Any]) -> int:
    """How many rows the report will have (for its time estimate); none if it names missing resources."""
    try:
        return await (await plan_report(connection, kind, params)).count(connection)
    except MissingResources:
        return 0


async def _check_resources(connection: AsyncConnection, params: dict[str, Any]) -> None:
    for ids, table in ((params.get("warehouseIds"), Warehouse), (params.get("categoryIds"), Category)):
        if ids:
            found = await connection.scalar(select(func.count()).where(table.id.in_(ids))) or 0
            if found < len(set(ids)):
                raise MissingResources()


def sample_plans() -> list[Plan]:
    """One plan of each builder, with every optional filter, for id 0 (which no business, store, warehouse
    or category has: the API takes ids from 1): what a process runs or compiles once before its first
    report (`build_file.warm_up`, `ReportRunner`), so that the first report does not wait for the ORM's
    mappers to be configured and its statements to be compiled for the first time."""
    return [
        _goods_feedback(0),
        _market_stock({"campaignId": 0, "day": "2000-01-02", "warehouseIds": [0], "categoryIds": [0]}),
        _store_stock({"campaignId": 0, "categoryIds": [0], "hasStocks": True}),
        _business_stock({"businessId": 0, "campaignIds": [0], "categoryIds": [0], "hasStocks": False}),
    ]


def report_day(params: dict[str, Any], today: date) -> date:
    """An FBY stock report holds the day before `reportDate` (today by default)."""
    asked = date.fromisoformat(params["reportDate"]) if params.get("reportDate") else today
    return asked - timedelta(days=1)  # reportDate is an IsoDate: never the calendar's first day


def _goods_feedback(business_id: int) -> Plan:
    program, offer, campaign = PaidOpinionProgram, Offer, Campaign
    columns = {
        "sku": offer.shop_sku, "productName": offer.name, "rating": program.rating, "campaignName": campaign.name,
        "campaignStatus": program.status, "maxCharge": program.max_charge,
        "currentOpinionCount": program.current_opinion_count, "targetCount": program.target_count,
        "paidOpinionsCollected": program.paid_opinions_collected,
        "estimatedOpinionsCount": case((program.target_count > program.paid_opinions_collected,
                                        program.target_count - program.paid_opinions_collected), else_=0),
        "orderedItemsTotalAmount": program.ordered_items_total_amount, "modelId": offer.model_id,
        "productLink": offer.link,
    }
    rows = (
        select().select_from(program)
        .join(offer, offer.id == program.offer_id)
        .join(campaign, campaign.id == program.campaign_id)
        .where(offer.business_id == business_id)
        .order_by(campaign.id, offer.shop_sku)
    )
    return Plan("goods_feedback", columns, rows)


def _with_categories(query: Select, params: dict[str, Any]) -> Select:
    if params.get("categoryIds"):
        query = query.where(Offer.category_id.in_(params["categoryIds"]))
    return query


# A stock row's offer as placed in that row's store (its price, status, Market's recommendations).
_PLACEMENT_OF_STOCK = and_(OfferPlacement.campaign_id == Stock.campaign_id, OfferPlacement.offer_id == Stock.offer_id)


def _market_stock(params: dict[str, Any]) -> Plan:
    columns = {
        "shopSku": Offer.shop_sku, "article": Offer.article, "marketSku": Offer.market_sku,
        "productName": Offer.name, "valid": Stock.valid, "reserved": Stock.reserved,
        "availableForOrder": Stock.available, "quarantine": Stock.quarantine, "utilization": Stock.utilization,
        "defect": Stock.defect, "expired": Stock.expired, "length": Offer.length_cm, "width": Offer.width_cm,
        "height": Offer.height_cm, "weight": Offer.weight_kg, "warehouse": Warehouse.name,
        "sellingStatus": OfferPlacement.selling_status, "recommendations": OfferPlacement.recommendations,
    }
    rows = (
        select().select_from(Stock)
        .join(Offer, Offer.id == Stock.offer_id)
        .join(Warehouse, Warehouse.id == Stock.warehouse_id)
        .outerjoin(OfferPlacement, _PLACEMENT_OF_STOCK)
        .where(Stock.campaign_id == params["campaignId"], Stock.day == date.fromisoformat(params["day"]))
        .order_by(Stock.warehouse_id, Stock.offer_id)
    )
    if params.get("warehouseIds"):
        rows = rows.where(Stock.warehouse_id.in_(params["warehouseIds"]))
    return Plan("stocks_fby", columns, _with_categories(rows, params))


def _latest_day(campaign_id: int | SQLColumnExpression[int]) -> ScalarSelect[date]:
    """The last day with stock of a store (`campaign_id` may be a column: then per row's store)."""
    other = aliased(Stock)
    return select(func.max(other.day)).where(other.campaign_id == campaign_id).scalar_subquery()


def _with_has_stocks(query: Select, params: dict[str, Any]) -> Select:
    if params.get("hasStocks") is True:
        query = query.where(Stock.available > 0)
    elif params.get("hasStocks") is False:
        query = query.where(Stock.available == 0)
    return query


def _store_stock(params: dict[str, Any]) -> Plan:
    columns = {
        "errors": literal(None), "warnings": literal(None), "shopSku": Offer.shop_sku, "productName": Offer.name,
        "count": Stock.available,
    }
    rows = (
        select().select_from(Stock)
        .join(Offer, Offer.id == Stock.offer_id)
        .where(Stock.campaign_id == params["campaignId"], Stock.day == _latest_day(params["campaignId"]))
        .order_by(Stock.warehouse_id, Stock.offer_id)
    )
    return Plan("stocks_store", columns, _with_has_stocks(_with_categories(rows, params), params))


def _business_stock(params: dict[str, Any]) -> Plan:
    campaigns = select(Campaign.id).where(
        Campaign.business_id == params["businessId"], Campaign.placement.in_(STORE_MODELS))
    if params.get("campaignIds"):
        campaigns = campaigns.where(Campaign.id.in_(params["campaignIds"]))
    columns = {
        "errors": literal(None), "shopSku": Offer.shop_sku, "productName": Offer.name,
        "placementType": Campaign.placement, "warehouseAndShop": Warehouse.name + literal(" / ") + Campaign.name,
        "count": Stock.available, "reserve": Stock.reserved, "price": OfferPlacement.price,
        "status": OfferPlacement.status, "comment": OfferPlacement.comment,
    }
    rows = (
        select().select_from(Stock)
        .join(Offer, Offer.id == Stock.offer_id)
        .join(Campaign, Campaign.id == Stock.campaign_id)
        .join(Warehouse, Warehouse.id == Stock.warehouse_id)
        .outerjoin(OfferPlacement, _PLACEMENT_OF_STOCK)
        .where(Stock.campaign_id.in_(campaigns), Stock.day == _latest_day(Stock.campaign_id))
        .order_by(Stock.campaign_id, Stock.warehouse_id, Stock.offer_id)
    )
    return Plan("stocks_business", columns, _with_has_stocks(_with_categories(rows, params), params))
