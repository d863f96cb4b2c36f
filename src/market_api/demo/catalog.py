"""Deterministic demo catalogue: categories, Market and store warehouses, offers, stock history and
the reviews-for-points program, for every demo store."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from market_api.catalog import service
from market_api.catalog.schemas import CategoryIn, OfferIn, PlacementIn, ProgramIn, StockIn, WarehouseIn

# Market's tree from its root down (parents first); offers belong to the leaves (PRODUCTS).
CATEGORIES = (
    (90401, "Все товары", None),
    (198119, "Электроника", 90401), (198118, "Бытовая техника", 90401), (90509, "Дом и сад", 90401),
    (91461, "Телефоны и аксессуары", 198119), (90829, "Аудио- и видеотехника", 198119),
    (91009, "Компьютерная техника", 198119), (90585, "Техника для дома", 198118), (90666, "Кухня", 90509),
    (91491, "Смартфоны", 91461), (90555, "Наушники и гарнитуры", 90829), (90566, "Телевизоры", 90829),
    (91013, "Ноутбуки", 91009), (90586, "Пылесосы", 90585), (90675, "Посуда", 90666),
    (90700, "Садовый инвентарь", 90509),
)
MARKET_WAREHOUSES = ((171, "Томилино"), (172, "Софьино"), (147, "Ростов-на-Дону"), (300, "Санкт-Петербург"),
                     (301, "Екатеринбург"))
# Warehouse (Market's by id, a store's own by store id) -> city, street, house number, building, block, GPS.
Address = tuple[str, str, str, str | None, str | None, float, float]
ADDRESSES: dict[int, Address] = {
    171: ("Томилино", "микрорайон Птицефабрика", "4", "1", None, 55.6472, 37.9331),
    172: ("Софьино", "территория Логистический технопарк", "1", "1", None, 55.4991, 38.1127),
    147: ("Аксай", "Новочеркасское шоссе", "111", None, None, 47.2873, 39.8514),
    300: ("Санкт-Петербург", "Московское шоссе", "25", None, "1", 59.7954, 30.3452),
    301: ("Екатеринбург", "Проезжая улица", "10", None, None, 56.7598, 60.7562),
    91000001: ("Москва", "Лесная улица", "5", "2", None, 55.7793, 37.5889),
    91000003: ("Москва", "Варшавское шоссе", "125", None, "1", 55.6291, 37.6197),
    91000004: ("Санкт-Петербург", "Лиговский проспект", "50", "13", None, 59.9214, 30.3563),
    92000001: ("Казань", "улица Восстания", "100", None, None, 55.8242, 49.0824),
}
# Store -> its warehouse's group (id, name) and whether it is the group's main warehouse.
GROUPS = {91000001: (7001, "ТехноМир — Москва", True), 91000003: (7001, "ТехноМир — Москва", False)}
PRODUCTS = {
    91491: ("Смартфон {brand} {model} 8/256 ГБ, {color}", ("Galaxy", "Redmi", "Nova", "Pixel"),
            ("чёрный", "синий", "белый")),
    90555: ("Наушники беспроводные {brand} {model}, {color}", ("Buds", "FreeBuds", "AirDots"), ("чёрные", "белые")),
    91013: ("Ноутбук {brand} {model} 15.6\", 16 ГБ, SSD 512 ГБ, {color}", ("VivoBook", "IdeaPad", "MagicBook"),
            ("серый", "серебристый")),
    90566: ("Телевизор {brand} {model} 55\" 4K, {color}", ("Smart TV", "QLED"), ("чёрный",)),
    90586: ("Робот-пылесос {brand} {model}, {color}", ("Robot", "Vacuum"), ("белый", "чёрный")),
    90675: ("Набор кастрюль {brand} {model}, {color}", ("Classic", "Premium"), ("нержавеющая сталь",)),
    90700: ("Секатор садовый {brand} {model}, {color}", ("Garden", "Pro"), ("зелёный", "оранжевый")),
}
SELLING = ("Продаётся", "Мало остатков", "Не продаётся: нет остатков", "Продаётся")
ADVICE = ("", "Пополните запасы: товара хватит на 5 дней", "Снизьте цену, чтобы ускорить продажи", "")
STOCK_DAYS = 14


def _offers(rng: random.Random, business_id: int, categories: tuple[int, ...], count: int) -> list[OfferIn]:
    offers = []
    for number in range(1, count + 1):
        category = rng.choice(categories)
        template, brands, colors = PRODUCTS[category]
        name = template.format(brand=rng.choice(brands), model=f"{rng.choice('ACMSXZ')}{rng.randint(10, 99)}",
                               color=rng.choice(colors))
        market_sku = 100_000_000_000 + business_id % 1000 * 1_000_000 + number
        offers.append(OfferIn(
            business_id=business_id, shop_sku=f"SKU-{business_id % 1000:03d}-{number:05d}", name=name,
            article=f"ART{number:06d}", market_sku=market_sku, model_id=500_000_000 + number, category_id=category,
            length_cm=rng.randint(5, 120), width_cm=rng.randint(5, 80), height_cm=rng.randint(2, 60),
            weight_kg=round(rng.uniform(0.1, 25), 2), link=f"https://market.yandex.ru/product/{market_sku}",
        ))
    return offers


def _stock(rng: random.Random, campaign_id: int, warehouse_id: int, sku: str, day: date) -> StockIn:
    valid = rng.choice((0, 0, rng.randint(1, 20), rng.randint(20, 500)))
    reserved = rng.randint(0, valid // 4) if valid else 0
    return StockIn(
        campaign_id=campaign_id, warehouse_id=warehouse_id, shop_sku=sku, day=day, valid=valid, reserved=reserved,
        available=valid - reserved, quarantine=rng.choice((0, 0, 0, 2)), utilization=rng.choice((0, 0, 1)),
        defect=rng.choice((0, 0, 0, 1)), expired=rng.choice((0, 0, 0, 0, 3)),
    )


def _address(key: int) -> dict[str, Any]:
    """The WarehouseIn address fields of a warehouse in ADDRESSES (none for one it does not list)."""
    if key not in ADDRESSES:
        return {}
    city, street, number, building, block, latitude, longitude = ADDRESSES[key]
    return {"city": city, "street": street, "number": number, "building": building, "block": block,
            "latitude": latitude, "longitude": longitude}


def _group(campaign_id: int) -> dict[str, Any]:
    """The WarehouseIn group fields of a store's warehouse in GROUPS."""
    if campaign_id not in GROUPS:
        return {}
    group_id, group_name, main = GROUPS[campaign_id]
    return {"group_id": group_id, "group_name": group_name, "group_main": main}


async def seed_catalog(
    session: AsyncSession, seed: int, today: date, stores: Sequence[tuple[int, str, str, int]],
    businesses: Mapping[int, tuple[tuple[int, ...], int]],
) -> None:
    """`stores`: (campaign id, name, placement, business id); `businesses`: {id: (category ids, offer count)}."""
    rng = random.Random(f"market-api-catalog-{seed}")
    await service.load_categories(session, list(enumerate(
        (CategoryIn(id=i, name=n, parent_id=p) for i, n, p in CATEGORIES), start=1)))
    warehouses = [WarehouseIn(id=i, name=n, **_address(i)) for i, n in MARKET_WAREHOUSES]
    warehouses += [WarehouseIn(id=50_000 + n, name=f"Склад магазина «{name}»", campaign_id=cid, **_address(cid),
                               **_group(cid))
                   for n, (cid, name, placement, _b) in enumerate(stores, start=1) if placement not in ("FBY", "LAAS")]
    await service.load_warehouses(session, list(enumerate(warehouses, start=1)))
    offers = {b: _offers(rng, b, categories, count) for b, (categories, count) in businesses.items()}
    await service.load_offers(session, list(enumerate((o for group in offers.values() for o in group), start=1)))
    placements, stocks, programs = [], [], []
    for number, (campaign_id, _name, placement, business_id) in enumerate(stores, start=1):
        for offer in offers[business_id]:
            placements.append(PlacementIn(
                campaign_id=campaign_id, shop_sku=offer.shop_sku, price=f"{rng.randint(5, 900) * 100}.00",
                status="PUBLISHED", selling_status=rng.choice(SELLING), recommendations=rng.choice(ADVICE) or None,
                comment=None))
            if placement in ("FBY", "LAAS"):
                for warehouse_id, _wname in rng.sample(MARKET_WAREHOUSES, 2):
                    stocks += [_stock(rng, campaign_id, warehouse_id, offer.shop_sku, today - timedelta(days=d))
                               for d in range(1, STOCK_DAYS + 1)]
            else:
                stocks += [_stock(rng, campaign_id, 50_000 + number, offer.shop_sku, today - timedelta(days=d))
                           for d in range(0, 3)]
            if rng.random() < 0.3:
                target = rng.choice((10, 20, 50))
                collected = rng.randint(0, target)
                programs.append(ProgramIn(
                    campaign_id=campaign_id, shop_sku=offer.shop_sku,
                    status=rng.choice(("ACTIVE", "ACTIVE", "FINISHED")),
                    max_charge=rng.choice((100, 200, 300, 500)), target_count=target,
                    rating=round(rng.uniform(3.5, 5.0), 1), current_opinion_count=collected + rng.randint(0, 200),
                    paid_opinions_collected=collected, ordered_items_total_amount=rng.randint(0, 2_000_000)))
    await service.load_placements(session, list(enumerate(placements, start=1)))
    await service.load_stocks(session, list(enumerate(stocks, start=1)))
    await service.load_programs(session, list(enumerate(programs, start=1)))
