"""Loading the catalogue: the admin API and the CLI take all records or none, and say what is wrong."""

from __future__ import annotations

import json

from tests.contract import check_error
from tests.test_cli import run_cli

BUSINESS = 90000001


async def test_bad_records_are_all_reported_and_nothing_is_loaded(api):
    await api.admin("POST", "/catalog/categories", [{"id": 1, "name": "Электроника"}])
    response = await api.client.post("/admin/catalog/offers", headers=api.admin_headers, json=[
        {"businessId": BUSINESS, "shopSku": "OK-1", "name": "Годный товар", "categoryId": 1},
        {"businessId": BUSINESS, "shopSku": "", "name": "Без SKU"},
        {"businessId": 5, "shopSku": "X", "name": "Чужой кабинет"},
        {"businessId": BUSINESS, "shopSku": "Y", "name": "Нет категории", "categoryId": 404},
    ])
    data = check_error(response, 400)
    assert [e["message"] for e in data["errors"]] == [
        "line 2: Length of shopSku (0) must be greater than or equal to 1",
    ]
    response = await api.client.post("/admin/catalog/offers", headers=api.admin_headers, json=[
        {"businessId": BUSINESS, "shopSku": "OK-1", "name": "Годный товар", "categoryId": 1},
        {"businessId": 5, "shopSku": "X", "name": "Чужой кабинет"},
        {"businessId": BUSINESS, "shopSku": "Y", "name": "Нет категории", "categoryId": 404},
    ])
    data = check_error(response, 400)
    assert [e["message"] for e in data["errors"]] == [
        "line 2: Business not found: '5'", "line 3: Unknown category: 404"]
    # Nothing was written: stock for OK-1 cannot be loaded, the offer does not exist.
    response = await api.client.post("/admin/catalog/placements", headers=api.admin_headers,
                                      json=[{"campaignId": 91000001, "shopSku": "OK-1"}])
    check_error(response, 400, "line 1: Offer not found in business 90000001: 'OK-1'")


async def test_stock_goes_to_the_warehouses_of_its_model(api):
    await api.admin("POST", "/catalog/warehouses", [{"id": 171, "name": "Томилино"},
                                                   {"id": 50001, "name": "Свой склад", "campaignId": 91000001}])
    await api.admin("POST", "/catalog/offers", [{"businessId": BUSINESS, "shopSku": "A", "name": "Товар"}])
    response = await api.client.post("/admin/catalog/stocks", headers=api.admin_headers, json=[
        {"campaignId": 91000002, "warehouseId": 50001, "shopSku": "A", "day": "2026-06-14", "valid": 1},
        {"campaignId": 91000001, "warehouseId": 171, "shopSku": "A", "day": "2026-06-14", "valid": 1},
        {"campaignId": 91000001, "warehouseId": 9, "shopSku": "A", "day": "2026-06-14", "valid": -1},
    ])
    data = check_error(response, 400)
    assert [e["message"] for e in data["errors"]] == [
        "line 3: Value of valid (-1) must be greater than or equal to 0"]
    response = await api.client.post("/admin/catalog/stocks", headers=api.admin_headers, json=[
        {"campaignId": 91000002, "warehouseId": 50001, "shopSku": "A", "day": "2026-06-14", "valid": 1},
        {"campaignId": 91000001, "warehouseId": 171, "shopSku": "A", "day": "2026-06-14", "valid": 1},
        {"campaignId": 91000001, "warehouseId": 9, "shopSku": "A", "day": "2026-06-14", "valid": 1},
    ])
    data = check_error(response, 400)
    assert [e["message"] for e in data["errors"]] == [
        "line 1: Warehouse 50001 does not serve campaign 91000002",
        "line 2: Warehouse 171 does not serve campaign 91000001",
        "line 3: Warehouse not found: '9'",
    ]


def test_cli_imports_csv_and_ndjson(tmp_path):
    assert run_cli(tmp_path, "seed", "--demo", "--json").returncode == 0
    categories = tmp_path / "categories.csv"
    categories.write_text("id,name,parentId\n7001,Игрушки,\n7002,Конструкторы,7001\n", encoding="utf-8")
    result = run_cli(tmp_path, "catalog", "import", "categories", str(categories), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"imported": 2, "errors": []}
    offers = tmp_path / "offers.ndjson"
    offers.write_text(json.dumps({"businessId": BUSINESS, "shopSku": "TOY-1", "name": "Конструктор",
                                  "categoryId": 7002}, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    result = run_cli(tmp_path, "catalog", "import", "offers", str(offers))
    assert result.returncode == 2
    assert "line 2: JSON: " in result.stderr and "nothing was imported" in result.stderr
