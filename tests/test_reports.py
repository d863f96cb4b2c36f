"""Report methods end to end: generate, wait for the runner, report info, download, read the file back."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import openpyxl
import pytest
from sqlalchemy import func, select, update

from market_api.reports.build_file import warm_up
from market_api.reports.models import FormatSpeed, Report
from market_api.reports.sheets import sheet
from tests.conftest import IN_CI
from tests.contract import check, check_error

FBS, FBY, DBS = 91000001, 91000002, 91000003
BUSINESS = 90000001
STOCKS = "/v2/reports/stocks-on-warehouses/generate"
GOODS = "/v2/reports/goods-feedback/generate"

OFFERS = [
    {"businessId": BUSINESS, "shopSku": "A-1", "name": "Смартфон Nova 8/256 ГБ", "article": "ART-A",
     "marketSku": 101, "modelId": 501, "categoryId": 1, "lengthCm": 15, "widthCm": 8, "heightCm": 2,
     "weightKg": 0.25, "link": "https://market.yandex.ru/product/101"},
    {"businessId": BUSINESS, "shopSku": "B-2", "name": "Наушники Buds", "article": "ART-B", "marketSku": 102,
     "modelId": 502, "categoryId": 2, "lengthCm": 10, "widthCm": 10, "heightCm": 5, "weightKg": 0.1},
    {"businessId": BUSINESS, "shopSku": "C-3", "name": "Чехол", "categoryId": 2},
]


def stock(campaign, warehouse, sku, day, **counts):
    return {"campaignId": campaign, "warehouseId": warehouse, "shopSku": sku, "day": day, **counts}


async def load(api, kind: str, items: list[dict]) -> None:
    await api.admin("POST", f"/catalog/{kind}", items)


@pytest.fixture
async def catalog(api):
    await load(api, "categories", [{"id": 1, "name": "Электроника"}, {"id": 2, "name": "Аксессуары", "parentId": 1}])
    await load(api, "warehouses", [{"id": 171, "name": "Томилино"}, {"id": 172, "name": "Софьино"},
                                   {"id": 50001, "name": "Склад на Лесной", "campaignId": FBS},
                                   {"id": 50003, "name": "Склад ДБС", "campaignId": DBS}])
    await load(api, "offers", OFFERS)
    await load(api, "placements", [
        {"campaignId": FBY, "shopSku": "A-1", "sellingStatus": "Продаётся", "recommendations": "Пополните запас"},
        {"campaignId": FBS, "shopSku": "A-1", "price": "19990.00", "status": "PUBLISHED", "comment": "хит"},
    ])
    # The clock stands on 2026-06-15: an FBY report holds 2026-06-14 by default.
    await load(api, "stocks", [
        stock(FBY, 171, "A-1", "2026-06-14", valid=10, reserved=2, available=8, quarantine=1, utilization=0,
              defect=1, expired=0),
        stock(FBY, 171, "B-2", "2026-06-14", valid=3, available=3),
        stock(FBY, 172, "A-1", "2026-06-14", valid=7, available=7),
        stock(FBY, 171, "A-1", "2026-06-13", valid=99, available=99),
        stock(FBS, 50001, "A-1", "2026-06-15", valid=6, reserved=1, available=5),
        stock(FBS, 50001, "B-2", "2026-06-15", valid=0, available=0),
        stock(FBS, 50001, "A-1", "2026-06-14", valid=50, available=50),
        stock(DBS, 50003, "C-3", "2026-06-13", valid=4, reserved=4, available=0),  # its latest day is older
    ])
    await load(api, "programs", [
        {"campaignId": FBS, "shopSku": "A-1", "maxCharge": 300, "targetCount": 20, "rating": 4.7,
         "currentOpinionCount": 120, "paidOpinionsCollected": 5, "orderedItemsTotalAmount": 450000},
        {"campaignId": FBY, "shopSku": "B-2", "status": "FINISHED", "maxCharge": 100, "targetCount": 10,
         "paidOpinionsCollected": 12},
    ])
    return api


async def generate(api, path: str, body: dict, report_format: str = "FILE", pace: bool = True) -> str:
    response = await api.client.post(path, params={"format": report_format}, json=body, headers=api.key)
    operation = "generateStocksOnWarehousesReport" if "stocks" in path else "generateGoodsFeedbackReport"
    data = check(response, operation)
    assert response.status_code == 200, data
    assert data["result"]["estimatedGenerationTime"] > 0
    if pace:  # the stock report allows one request per 2 minutes
        api.clock.advance(timedelta(minutes=2))
    return data["result"]["reportId"]


async def info(api, report_id: str, headers=None) -> dict:
    response = await api.client.get(f"/v2/reports/info/{report_id}", headers=headers or api.key)
    data = check(response, "getReportInfo")
    assert response.status_code == 200, data
    return data["result"]


async def finished(api, report_id: str) -> dict:
    await api.app.state.runner.wait_idle()
    return await info(api, report_id)


async def download(api, link: str):
    parts = urlsplit(link)
    return await api.client.get(f"{parts.path}?{parts.query}")


def read_rows(content: bytes, report_format: str, key: str) -> list[dict]:
    """The file's rows as dicts keyed by JSON column names, checking each format's own headers and that
    every value reads back as its column's declared type."""
    rows = _read_rows(content, report_format, key)
    for row in rows:
        for column in sheet(key).columns:
            value = row[column.json]
            assert value is None or type(value) in READ_BACK[column.type], (report_format, column, value)
    return rows


# What a reader gets back for each declared column type: an `integer` column reads as int in every
# format (openpyxl returns a float for `<v>300.0</v>`); a `number` one is an int or a float.
READ_BACK = {"integer": (int,), "number": (int, float), "string": (str,)}


def _read_rows(content: bytes, report_format: str, key: str) -> list[dict]:
    definition = sheet(key)
    if report_format == "FILE":
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        assert workbook.sheetnames == [definition.sheet]
        rows = list(workbook[definition.sheet].iter_rows(values_only=True))
        assert list(rows[0]) == [c.xlsx for c in definition.columns]
        return [dict(zip(definition.keys, row, strict=False)) for row in rows[1:]]
    archive = zipfile.ZipFile(io.BytesIO(content))
    if report_format == "CSV":
        assert archive.namelist() == [f"{definition.file}.csv"]
        rows = list(csv.reader(io.StringIO(archive.read(f"{definition.file}.csv").decode("utf-8"))))
        assert rows[0] == [c.csv for c in definition.columns]
        return [{c.json: _from_csv(v, c.type) for c, v in zip(definition.columns, row, strict=False)}
                for row in rows[1:]]
    assert archive.namelist() == [f"{definition.file}.json"]
    return json.loads(archive.read(f"{definition.file}.json"))


def _from_csv(value: str, kind: str):
    if value == "":
        return None
    return int(value) if kind == "integer" else float(value) if kind == "number" else value


async def report_rows(api, path: str, body: dict, report_format: str, key: str) -> list[dict]:
    result = await finished(api, await generate(api, path, body, report_format))
    assert result["status"] == "DONE", result
    response = await download(api, result["file"])
    assert response.status_code == 200
    extension = "xlsx" if report_format == "FILE" else "zip"
    assert response.headers["content-disposition"] == f'attachment; filename="{sheet(key).file}.{extension}"'
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats" if report_format == "FILE" else "application/zip")
    return read_rows(response.content, report_format, key)


FBY_ROWS = [
    {"shopSku": "A-1", "article": "ART-A", "marketSku": 101, "productName": "Смартфон Nova 8/256 ГБ", "valid": 10,
     "reserved": 2, "availableForOrder": 8, "quarantine": 1, "utilization": 0, "defect": 1, "expired": 0,
     "length": 15, "width": 8, "height": 2, "weight": 0.25, "warehouse": "Томилино", "sellingStatus": "Продаётся",
     "recommendations": "Пополните запас"},
    {"shopSku": "B-2", "article": "ART-B", "marketSku": 102, "productName": "Наушники Buds", "valid": 3,
     "reserved": 0, "availableForOrder": 3, "quarantine": 0, "utilization": 0, "defect": 0, "expired": 0,
     "length": 10, "width": 10, "height": 5, "weight": 0.1, "warehouse": "Томилино", "sellingStatus": None,
     "recommendations": None},
    {"shopSku": "A-1", "article": "ART-A", "marketSku": 101, "productName": "Смартфон Nova 8/256 ГБ", "valid": 7,
     "reserved": 0, "availableForOrder": 7, "quarantine": 0, "utilization": 0, "defect": 0, "expired": 0,
     "length": 15, "width": 8, "height": 2, "weight": 0.25, "warehouse": "Софьино", "sellingStatus": "Продаётся",
     "recommendations": "Пополните запас"},
]


async def test_xlsx_opens_in_libreoffice(catalog, tmp_path):
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if IN_CI:  # .ci/run installs it: under CI a missing LibreOffice is a failure, not a skip
            pytest.fail("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    result = await finished(catalog, await generate(catalog, STOCKS, {"campaignId": FBY}))
    workbook = tmp_path / "report.xlsx"
    workbook.write_bytes((await download(catalog, result["file"])).content)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(workbook)],
                   check=True, capture_output=True, timeout=120)
    rows = list(csv.reader((tmp_path / "report.csv").read_text("utf-8").splitlines()))
    definition = sheet("stocks_fby")
    assert rows[0] == [c.xlsx for c in definition.columns]
    parsed = [{c.json: _from_csv(v, c.type) for c, v in zip(definition.columns, row, strict=False)} for row in rows[1:]]
    assert parsed == FBY_ROWS


@pytest.mark.parametrize("report_format", ["FILE", "CSV", "JSON"])
async def test_fby_stock_report_in_every_format(catalog, report_format):
    rows = await report_rows(catalog, STOCKS, {"campaignId": FBY}, report_format, "stocks_fby")
    assert rows == FBY_ROWS


async def test_fby_filters(catalog):
    rows = await report_rows(catalog, STOCKS, {"campaignId": FBY, "warehouseIds": [172]}, "JSON", "stocks_fby")
    assert [r["warehouse"] for r in rows] == ["Софьино"]
    rows = await report_rows(catalog, STOCKS, {"campaignId": FBY, "categoryIds": [2]}, "JSON", "stocks_fby")
    assert [r["shopSku"] for r in rows] == ["B-2"]
    rows = await report_rows(catalog, STOCKS, {"campaignId": FBY, "reportDate": "2026-06-14"}, "JSON", "stocks_fby")
    assert [(r["shopSku"], r["valid"]) for r in rows] == [("A-1", 99)]  # the day before reportDate


@pytest.mark.parametrize("report_format", ["FILE", "CSV", "JSON"])
async def test_store_stock_report(catalog, report_format):
    rows = await report_rows(catalog, STOCKS, {"campaignId": FBS}, report_format, "stocks_store")
    assert rows == [
        {"errors": None, "warnings": None, "shopSku": "A-1", "productName": "Смартфон Nova 8/256 ГБ", "count": 5},
        {"errors": None, "warnings": None, "shopSku": "B-2", "productName": "Наушники Buds", "count": 0},
    ]


async def test_store_stock_has_stocks_filter(catalog):
    rows = await report_rows(catalog, STOCKS, {"campaignId": FBS, "hasStocks": True}, "JSON", "stocks_store")
    assert [r["shopSku"] for r in rows] == ["A-1"]
    rows = await report_rows(catalog, STOCKS, {"campaignId": FBS, "hasStocks": False}, "JSON", "stocks_store")
    assert [r["shopSku"] for r in rows] == ["B-2"]


@pytest.mark.parametrize("report_format", ["FILE", "CSV", "JSON"])
async def test_business_stock_report(catalog, report_format):
    rows = await report_rows(catalog, STOCKS, {"businessId": BUSINESS}, report_format, "stocks_business")
    assert rows == [
        {"errors": None, "shopSku": "A-1", "productName": "Смартфон Nova 8/256 ГБ", "placementType": "FBS",
         "warehouseAndShop": "Склад на Лесной / ТехноМир — склад продавца", "count": 5, "reserve": 1,
         "price": "19990.00", "status": "PUBLISHED", "comment": "хит"},
        {"errors": None, "shopSku": "B-2", "productName": "Наушники Buds", "placementType": "FBS",
         "warehouseAndShop": "Склад на Лесной / ТехноМир — склад продавца", "count": 0, "reserve": 0,
         "price": None, "status": None, "comment": None},
        {"errors": None, "shopSku": "C-3", "productName": "Чехол", "placementType": "DBS",
         "warehouseAndShop": "Склад ДБС / ТехноМир — своя доставка", "count": 0, "reserve": 4,
         "price": None, "status": None, "comment": None},
    ]
    only_dbs = await report_rows(catalog, STOCKS, {"businessId": BUSINESS, "campaignIds": [DBS]}, "JSON",
                                 "stocks_business")
    assert [r["shopSku"] for r in only_dbs] == ["C-3"]


@pytest.mark.parametrize("report_format", ["FILE", "CSV", "JSON"])
async def test_goods_feedback_report(catalog, report_format):
    rows = await report_rows(catalog, GOODS, {"businessId": BUSINESS}, report_format, "goods_feedback")
    assert rows == [
        {"sku": "A-1", "productName": "Смартфон Nova 8/256 ГБ", "rating": 4.7,
         "campaignName": "ТехноМир — склад продавца", "campaignStatus": "ACTIVE", "maxCharge": 300,
         "currentOpinionCount": 120, "targetCount": 20,
         "paidOpinionsCollected": 5, "estimatedOpinionsCount": 15, "orderedItemsTotalAmount": 450000,
         "modelId": 501, "productLink": "https://market.yandex.ru/product/101"},
        {"sku": "B-2", "productName": "Наушники Buds", "rating": None, "campaignName": "ТехноМир — склады Маркета",
         "campaignStatus": "FINISHED", "maxCharge": 100, "currentOpinionCount": 0, "targetCount": 10,
         "paidOpinionsCollected": 12, "estimatedOpinionsCount": 0, "orderedItemsTotalAmount": 0,
         "modelId": 502, "productLink": None},
    ]


async def test_failed_sub_statuses(catalog):
    no_data = await finished(catalog, await generate(catalog, STOCKS, {"campaignId": FBY, "reportDate": "2020-01-01"}))
    assert (no_data["status"], no_data["subStatus"]) == ("FAILED", "NO_DATA")
    assert "file" not in no_data and "generationFinishedAt" in no_data
    missing = await finished(catalog, await generate(catalog, STOCKS, {"campaignId": FBY, "warehouseIds": [171, 999]}))
    assert (missing["status"], missing["subStatus"]) == ("FAILED", "RESOURCE_NOT_FOUND")
    missing = await finished(catalog, await generate(catalog, STOCKS, {"campaignId": FBS, "categoryIds": [777]}))
    assert missing["subStatus"] == "RESOURCE_NOT_FOUND"


async def test_too_large(catalog, monkeypatch):
    monkeypatch.setattr(catalog.settings, "report_max_rows", 2)
    report = await finished(catalog, await generate(catalog, STOCKS, {"campaignId": FBY}, "CSV"))
    assert (report["status"], report["subStatus"]) == ("FAILED", "TOO_LARGE")


async def test_pending_until_a_runner_takes_it_and_a_dead_runners_job_is_finished(catalog):
    await catalog.app.state.runner.stop()
    report_id = await generate(catalog, STOCKS, {"campaignId": FBS}, pace=False)
    waiting = await info(catalog, report_id)
    assert waiting["status"] == "PENDING" and waiting["estimatedGenerationTime"] > 0
    assert waiting["generationRequestedAt"] == "2026-06-15T12:00:00+03:00"
    # A process took it and died: its lease runs out and another runner finishes the job, once.
    async with catalog.app.state.runtime.sessions() as session:
        await session.execute(update(Report).where(Report.id == report_id).values(
            status="PROCESSING", lease_owner="dead-host:1",
            lease_until=datetime.now(UTC) - timedelta(seconds=1), attempts=1))
        await session.commit()
    assert (await info(catalog, report_id))["status"] == "PROCESSING"
    from market_api.reports.embedded_runner import ReportRunner

    runner = ReportRunner(catalog.app.state.runtime, workers=1)
    catalog.app.state.runner = runner
    runner.start()
    done = await finished(catalog, report_id)
    assert done["status"] == "DONE"
    async with catalog.app.state.runtime.sessions() as session:
        assert (await session.get(Report, report_id)).attempts == 2


async def test_download_links_are_signed_and_expire(catalog):
    report = await finished(catalog, await generate(catalog, STOCKS, {"campaignId": FBS}, "CSV"))
    assert report["file"].startswith("http://127.0.0.1:8080/downloads/")
    tampered = report["file"].replace("signature=", "signature=0")
    check_error(await download(catalog, tampered), 404, "Report file not found, or its link has expired")
    catalog.clock.advance(timedelta(seconds=catalog.settings.download_link_seconds + 1))
    check_error(await download(catalog, report["file"]), 404, "Report file not found, or its link has expired")
    fresh = await info(catalog, (urlsplit(report["file"]).path.split("/"))[2])
    assert (await download(catalog, fresh["file"])).status_code == 200


@pytest.mark.parametrize(("body", "message"), [
    ({"campaignId": FBS, "businessId": BUSINESS}, "Exactly one of campaignId and businessId must be specified"),
    ({}, "Exactly one of campaignId and businessId must be specified"),
    ({"campaignId": FBS, "campaignIds": [FBS]}, "campaignIds may only be specified with businessId"),
    ({"campaignId": FBY, "warehouseIds": []}, "Collection of warehouseIds must not be empty"),
    ({"campaignId": FBY, "warehouseIds": [171, 171]},
     "Invalid value of warehouseIds: Collection of warehouseIds must contain unique items"),
    ({"campaignId": FBY, "categoryIds": [0]}, "Value of categoryIds[0] (0) must be greater than or equal to 1"),
    ({"campaignId": 0}, "Value of campaignId (0) must be greater than or equal to 1"),
    ({"campaignId": FBY, "reportDate": "2026-02-30"},
     "Value of reportDate (2026-02-30) must match the pattern: 'YYYY-MM-DD'"),
    ({"campaignId": FBY, "reportDate": "9999-12-31"},
     "Value of reportDate (9999-12-31) must match the pattern: 'YYYY-MM-DD'"),
    ({"campaignId": FBY, "reportDate": "14.06.2026"},
     "Value of reportDate (14.06.2026) must match the pattern: 'YYYY-MM-DD'"),
])
async def test_stock_request_validation(catalog, body, message):
    response = await catalog.client.post(STOCKS, json=body, headers=catalog.key)
    check(response, "generateStocksOnWarehousesReport")
    check_error(response, 400, message)
    async with catalog.app.state.runtime.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Report)) == 0  # nothing was queued


async def test_format_must_be_known(catalog):
    response = await catalog.client.post(STOCKS, params={"format": "XLS"}, json={"campaignId": FBS},
                                         headers=catalog.key)
    data = check_error(response, 400)
    assert data["errors"][0]["message"].startswith("Value of format (XLS) must be one of:")


async def test_goods_feedback_needs_business(catalog):
    response = await catalog.client.post(GOODS, json={}, headers=catalog.key)
    check(response, "generateGoodsFeedbackReport")
    check_error(response, 400, "Missing field: businessId")


async def test_access(catalog):
    check_error(await catalog.client.post(STOCKS, json={"campaignId": 92000001}, headers=catalog.key), 403,
                "Access denied")
    check_error(await catalog.client.post(STOCKS, json={"businessId": 90000002}, headers=catalog.key), 403,
                "Access denied")
    check_error(await catalog.client.post(STOCKS, json={"businessId": BUSINESS, "campaignIds": [92000001]},
                                          headers=catalog.key), 403, "Access denied")
    check_error(await catalog.client.post(STOCKS, json={"campaignId": 12345}, headers=catalog.key), 404,
                "Campaign not found: '12345'")
    check_error(await catalog.client.post(GOODS, json={"businessId": 90000002}, headers=catalog.key), 403,
                "Access denied")
    mine = await generate(catalog, STOCKS, {"campaignId": FBS})
    foreign = await catalog.new_key("all-methods", business_id=90000002)
    response = await catalog.client.get(f"/v2/reports/info/{mine}", headers=foreign)
    check(response, "getReportInfo")
    check_error(response, 404, f"Report not found: '{mine}'")
    check_error(await catalog.client.get("/reports/info/nope", headers=catalog.key), 404, "Report not found: 'nope'")
    pricing = await catalog.new_key("pricing")
    check_error(await catalog.client.post(STOCKS, json={"campaignId": FBS}, headers=pricing), 403,
                "Token does not have any of the scopes to access the API method")


async def test_classic_paths_answer_too(catalog):
    response = await catalog.client.post("/reports/stocks-on-warehouses/generate", json={"campaignId": FBS},
                                         headers=catalog.key)
    report_id = check(response, "generateStocksOnWarehousesReport")["result"]["reportId"]
    await catalog.app.state.runner.wait_idle()
    assert check(await catalog.client.get(f"/reports/info/{report_id}", headers=catalog.key),
                 "getReportInfo")["result"]["status"] == "DONE"


async def test_stock_report_limit_follows_the_subscription(catalog):
    await generate(catalog, STOCKS, {"campaignId": FBS}, pace=False)
    response = await catalog.client.post(STOCKS, json={"campaignId": FBY}, headers=catalog.key)
    check(response, "generateStocksOnWarehousesReport")
    check_error(response, 420,
                "Hit rate limit of 1 requests per 2 minutes for resource generateStocksOnWarehousesReport")
    catalog.clock.advance(timedelta(minutes=2))
    await generate(catalog, STOCKS, {"campaignId": FBY}, pace=False)
    await catalog.admin("PATCH", f"/businesses/{BUSINESS}", {"subscription": "medium"})
    catalog.clock.advance(timedelta(minutes=1))
    await generate(catalog, STOCKS, {"campaignId": FBY}, pace=False)
    response = await catalog.client.post(STOCKS, json={"campaignId": FBY}, headers=catalog.key)
    check_error(response, 420, "Hit rate limit of 1 requests per minute for resource generateStocksOnWarehousesReport")


async def test_old_reports_and_their_files_are_removed(catalog):
    report_id = await generate(catalog, STOCKS, {"campaignId": FBS}, "JSON")
    done = await finished(catalog, report_id)
    async with catalog.app.state.runtime.sessions() as session:
        key = (await session.get(Report, report_id)).file_key
    stored = catalog.settings.report_storage_dir / key
    assert stored.is_file()
    catalog.clock.advance(timedelta(hours=catalog.settings.report_retention_hours, seconds=1))
    await catalog.app.state.runner.wait_idle()
    assert not stored.exists()
    check_error(await catalog.client.get(f"/v2/reports/info/{report_id}", headers=catalog.key), 404,
                f"Report not found: '{report_id}'")
    check_error(await download(catalog, done["file"]), 404, "Report file not found, or its link has expired")


async def test_a_store_only_oauth_user_follows_the_report_of_its_store(catalog):
    user = await catalog.admin("POST", "/oauth-users", {"login": "store-manager", "campaignIds": [FBS]})
    headers = {"Authorization": f"Bearer {user['token']}"}
    response = await catalog.client.post(STOCKS, json={"campaignId": FBS}, headers=headers)
    report_id = check(response, "generateStocksOnWarehousesReport")["result"]["reportId"]
    await catalog.app.state.runner.wait_idle()
    assert (await info(catalog, report_id, headers))["status"] == "DONE"
    # The business's other reports stay out of its reach.
    other = await generate(catalog, GOODS, {"businessId": BUSINESS})
    response = await catalog.client.get(f"/v2/reports/info/{other}", headers=headers)
    check_error(response, 404, f"Report not found: '{other}'")


async def test_text_over_the_xlsx_cell_limit_is_cut_in_xlsx_only(catalog):
    long_advice = "Пополните запас. " * 2500  # 42,500 characters; an XLSX cell holds 32,767
    await load(catalog, "placements", [{"campaignId": FBY, "shopSku": "A-1", "recommendations": long_advice}])
    xlsx = await report_rows(catalog, STOCKS, {"campaignId": FBY}, "FILE", "stocks_fby")
    assert xlsx[0]["recommendations"] == long_advice[:32_767]
    json_rows = await report_rows(catalog, STOCKS, {"campaignId": FBY}, "JSON", "stocks_fby")
    assert json_rows[0]["recommendations"] == long_advice


async def test_a_download_is_sent_whole_whatever_range_is_asked(catalog):
    result = await finished(catalog, await generate(catalog, GOODS, {"businessId": BUSINESS}, "CSV"))
    whole = await download(catalog, result["file"])
    parts = urlsplit(result["file"])
    for asked in ("bytes=999999-", "bytes=5-2,abc", "bytes=0-9"):
        response = await catalog.client.get(f"{parts.path}?{parts.query}", headers={"Range": asked})
        assert response.status_code == 200 and response.content == whole.content, asked
        assert response.headers["accept-ranges"] == "none"


async def test_warming_up_changes_nothing_and_fails_nowhere(catalog, caplog, tmp_path):
    """What a process does once before its first report (the API's statements rehearsed on reports that do
    not exist, a worker's writers tried in a temporary folder) leaves the reports as they were."""
    done = await finished(catalog, await generate(catalog, STOCKS, {"campaignId": FBS}, "CSV"))
    waiting = await generate(catalog, GOODS, {"businessId": BUSINESS}, pace=False)
    await catalog.app.state.runner.stop()  # the job stays PENDING

    async def state() -> tuple[list, list]:
        async with catalog.app.state.runtime.sessions() as session:
            reports = (await session.execute(select(Report.__table__).order_by(Report.id))).all()
            speeds = (await session.execute(select(FormatSpeed.__table__))).all()
        return reports, speeds

    before = await state()
    storage = tmp_path / "storage"
    await catalog.app.state.runner._rehearse()
    warm_up(catalog.settings.effective_database_url, None, str(storage), None)
    assert await state() == before
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")], caplog.text
    assert not storage.exists()
    assert done["status"] == "DONE" and (await info(catalog, waiting))["status"] == "PENDING"
