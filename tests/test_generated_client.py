"""A client written for the real API works unchanged: clients generated from the official contract
documents by openapi-python-client (tests/clients/, scripts/generate-clients) find every id they need
from nothing but an Api-Key (or an OAuth token), then use the seed's methods. The generated models
parse every answer strictly (required fields, enums, types)."""

from __future__ import annotations

import io
import json
import zipfile
from urllib.parse import urlsplit

import httpx
import pytest

from tests.clients.market_classic import Client as ClassicClient
from tests.clients.market_classic.api.feedbacks import get_feedback_and_comment_updates
from tests.clients.market_discovery import Client as DiscoveryClient
from tests.clients.market_discovery.api.campaigns import get_campaigns
from tests.clients.market_discovery.api.categories import get_categories_tree
from tests.clients.market_discovery.api.ratings import get_quality_rating_details
from tests.clients.market_discovery.api.warehouses import get_fulfillment_warehouses
from tests.clients.market_discovery.models import CategoryDTO, GetCategoriesRequest
from tests.clients.market_v2 import Client as V2Client
from tests.clients.market_v2.api.ratings import get_quality_ratings
from tests.clients.market_v2.api.reports import generate_stocks_on_warehouses_report, get_report_info
from tests.clients.market_v2.models import (
    GenerateStocksOnWarehousesReportRequest,
    GetQualityRatingRequest,
    ReportFormatType,
    ReportStatusType,
)
from tests.contract import check_every_answer
from tests.test_reports import catalog  # noqa: F401  (the fixture: categories, warehouses, offers, stock)

BASE = "http://market-api.test"
FBY = 91000002


def clients(api, headers: dict[str, str]) -> tuple[DiscoveryClient, V2Client, ClassicClient]:
    """The three generated clients, speaking to the app in process with these credentials."""
    made = []
    for kind in (DiscoveryClient, V2Client, ClassicClient):
        client = kind(base_url=BASE, raise_on_unexpected_status=True)
        client.set_async_httpx_client(httpx.AsyncClient(
            transport=httpx.ASGITransport(app=api.app), base_url=BASE, headers=headers,
            event_hooks={"response": [check_every_answer]}))
        made.append(client)
    return made[0], made[1], made[2]


def leaves(category: CategoryDTO) -> list[int]:
    """Ids of the categories under `category` (itself included) that have no children."""
    children = category.children if isinstance(category.children, list) else []
    return [category.id] if not children else [leaf for child in children for leaf in leaves(child)]


async def walk_the_seed_methods(api, headers: dict[str, str]) -> list[int]:
    """What a client does from nothing but its credentials: find its stores, a Market warehouse of its
    FBY store and a leaf category; build a stock report filtered by both and read its file; walk the
    store's feed; read the store's quality index and details. Returns the ids of the stores it found."""
    discovery, v2, classic = clients(api, headers)
    stores = (await get_campaigns.asyncio(client=discovery)).campaigns
    fby = next(store for store in stores if store.placement_type.value == "FBY")

    warehouses = (await get_fulfillment_warehouses.asyncio(client=discovery, campaign_id=fby.id)).result.warehouses
    warehouse_id = min(warehouse.id for warehouse in warehouses)
    tree = (await get_categories_tree.asyncio(client=discovery, body=GetCategoriesRequest())).result
    body = GenerateStocksOnWarehousesReportRequest(campaign_id=fby.id, warehouse_ids=[warehouse_id],
                                                   category_ids=[leaves(tree)[0]])
    generated = await generate_stocks_on_warehouses_report.asyncio(client=v2, body=body, format_=ReportFormatType.JSON)
    await api.app.state.runner.wait_idle()
    report = (await get_report_info.asyncio(generated.result.report_id, client=v2)).result
    assert report.status == ReportStatusType.DONE
    link = urlsplit(report.file)
    archive = zipfile.ZipFile(io.BytesIO((await api.client.get(f"{link.path}?{link.query}")).content))
    rows = json.loads(archive.read(archive.namelist()[0]))
    assert rows and {row["warehouse"] for row in rows} == {w.name for w in warehouses if w.id == warehouse_id}

    for text in ("Первый", "Второй", "Третий"):
        await api.admin("POST", f"/campaigns/{fby.id}/reviews", {"grade": 5, "text": text}, status=201)
    texts, token = [], None
    while True:
        page = await get_feedback_and_comment_updates.asyncio(fby.id, client=classic, limit=2,
                                                              **({"page_token": token} if token else {}))
        texts += [review.text for review in page.result.feedback_list]
        token = page.result.paging.next_page_token if page.result.paging else None
        if not token:
            break
    assert texts[-3:] == ["Первый", "Второй", "Третий"]

    details = await get_quality_rating_details.asyncio(fby.id, client=discovery)
    assert details.status.value == "OK"
    ratings = await get_quality_ratings.asyncio(fby.business.id, client=v2,
                                                body=GetQualityRatingRequest(campaign_ids=[fby.id]))
    assert [r.campaign_id for r in ratings.result.campaign_ratings] == [fby.id]
    return [store.id for store in stores]


@pytest.mark.usefixtures("catalog")
async def test_an_api_key_finds_its_ids_and_uses_the_seed_methods(api):
    assert await walk_the_seed_methods(api, api.key) == [91000001, 91000002, 91000003, 91000004]


@pytest.mark.usefixtures("catalog")
async def test_an_oauth_user_of_one_store_finds_that_store_only(api):
    user = await api.admin("POST", "/oauth-users", {"login": "one-store", "campaignIds": [FBY]})
    assert await walk_the_seed_methods(api, {"Authorization": f"Bearer {user['token']}"}) == [FBY]
