"""Every report builder maps exactly its sheet's columns (sheets.toml), and its query selects them in
the sheet's order. A builder that misses a column, or gives one the sheet does not have, fails here
rather than in a report job."""

from __future__ import annotations

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from market_api.reports import builders
from market_api.reports.sheets import sheet, sheets

# Every plan shape: each builder, with and without each optional filter of its request.
PLANS = {
    "goods_feedback": lambda: builders._goods_feedback(1),
    "stocks_fby": lambda: builders._market_stock({"campaignId": 1, "day": "2026-06-14"}),
    "stocks_fby filtered": lambda: builders._market_stock(
        {"campaignId": 1, "day": "2026-06-14", "warehouseIds": [1, 2], "categoryIds": [3]}),
    "stocks_store": lambda: builders._store_stock({"campaignId": 1}),
    "stocks_store with stock": lambda: builders._store_stock({"campaignId": 1, "hasStocks": True, "categoryIds": [3]}),
    "stocks_store without stock": lambda: builders._store_stock({"campaignId": 1, "hasStocks": False}),
    "stocks_business": lambda: builders._business_stock({"businessId": 1}),
    "stocks_business filtered": lambda: builders._business_stock(
        {"businessId": 1, "campaignIds": [1, 2], "hasStocks": True, "categoryIds": [3]}),
}


@pytest.mark.parametrize("shape", PLANS)
def test_a_plan_maps_exactly_its_sheets_columns(shape):
    plan = PLANS[shape]()
    keys = sheet(plan.sheet).keys
    assert sorted(plan.columns) == sorted(keys), f"{shape}: the builder's columns differ from sheets.toml"
    assert tuple(column.key for column in plan.query.selected_columns) == keys
    for dialect in (sqlite.dialect(), postgresql.dialect()):
        plan.query.compile(dialect=dialect, compile_kwargs={"literal_binds": True})


def test_every_sheet_has_a_builder():
    assert {PLANS[shape]().sheet for shape in PLANS} == set(sheets())
