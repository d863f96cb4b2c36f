"""Report files in S3-compatible storage, against a local S3 server the test starts (moto)."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer

from market_api.demo.seed import seed_demo
from tests.conftest import Api, start_api
from tests.server import free_port
from tests.test_reports import FBS, STOCKS, finished, generate, load

BUCKET = "market-api-reports"


@pytest.fixture
def s3(monkeypatch):
    for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                        ("AWS_DEFAULT_REGION", "us-east-1")):
        monkeypatch.setenv(name, value)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint)
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.stop()


@pytest.fixture
async def s3_api(settings, clock, s3):
    endpoint, _client = s3
    configured = settings.model_copy(update={"storage_url": f"s3://{BUCKET}/files", "s3_endpoint_url": endpoint})
    app, client, lifespan = await start_api(configured, clock)
    async with app.state.runtime.sessions() as session:
        demo = await seed_demo(session, clock, reviews_per_store=0, catalog=False)
        await session.commit()
    api = Api(app, client, clock, demo, configured)
    await load(api, "warehouses", [{"id": 50001, "name": "Склад на Лесной", "campaignId": FBS}])
    await load(api, "offers", [{"businessId": 90000001, "shopSku": "A-1", "name": "Смартфон"}])
    await load(api, "stocks", [{"campaignId": FBS, "warehouseId": 50001, "shopSku": "A-1", "day": "2026-06-15",
                                "valid": 3, "available": 3}])
    try:
        yield api
    finally:
        await client.aclose()
        await lifespan.__aexit__(None, None, None)


async def test_files_go_to_s3_and_links_are_presigned(s3_api, s3):
    endpoint, client = s3
    report_id = await generate(s3_api, STOCKS, {"campaignId": FBS}, "CSV")
    report = await finished(s3_api, report_id)
    assert report["status"] == "DONE"
    assert report["file"].startswith(f"{endpoint}/{BUCKET}/files/reports/{report_id}/mass_shared_stocks.zip?")
    response = httpx.get(report["file"])
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="mass_shared_stocks.zip"'
    assert response.headers["content-type"] == "application/zip"
    text = zipfile.ZipFile(io.BytesIO(response.content)).read("mass_shared_stocks.csv").decode("utf-8")
    assert text.splitlines() == ["ERRORS,WARNINGS,SHOP_SKU,PRODUCT_NAME,COUNT", ",,A-1,Смартфон,3"]
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"files/reports/{report_id}/mass_shared_stocks.zip"]  # one object, no leftovers
    s3_api.clock.advance(timedelta(hours=s3_api.settings.report_retention_hours, seconds=1))
    await s3_api.app.state.runner.wait_idle()
    assert client.list_objects_v2(Bucket=BUCKET).get("KeyCount") == 0
