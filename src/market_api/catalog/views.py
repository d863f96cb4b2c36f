"""The catalogue's discovery methods (discovery.md): what a client reads to find the ids of Market's
catalogue before it filters reports by them — Market's category tree (POST /categories/tree), and the
warehouses, Market's and the cabinet's own."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select
from starlette.responses import Response

from market_api.access.operations import Call, Resources
from market_api.access.principals import forbidden
from market_api.access.resources import campaign_access
from market_api.accounts.models import Campaign
from market_api.accounts.views import campaigns_resources
from market_api.catalog.models import Category, Stock, Warehouse
from market_api.platform.errors import ApiError
from market_api.platform.responses import json_ok
from market_api.platform.validation import INT64_MAX, Id64, IntParam

# Market's own root of the tree, answered when the catalogue has no single top-level category.
ROOT_ID, ROOT_NAME = 90401, "Все товары"


class NoParams(BaseModel):
    """A path without parameters, and no query parameters."""


class CategoriesRequest(BaseModel):
    """Body of getCategoriesTree (optional): the language of the names, RU (default) or EN."""

    model_config = ConfigDict(extra="ignore")

    language: Literal["RU", "EN"] = "RU"


async def categories_tree(call: Call[NoParams, CategoriesRequest]) -> Response:
    """getCategoriesTree: ``{"status": "OK", "result": CategoryDTO}`` — the root with its `children`, each
    category with its own, ordered by id; a leaf has no `children`. The root is the catalogue's only
    top-level category, else Market's "Все товары" holding them all. Names are stored once, in Russian,
    and answered so in every language."""
    async with call.runtime.sessions() as session:
        rows = (await session.execute(
            select(Category.id, Category.name, Category.parent_id).order_by(Category.id))).all()
    nodes: dict[int, dict[str, Any]] = {row.id: {"id": row.id, "name": row.name} for row in rows}
    roots = []
    for row in rows:
        if row.parent_id is None:
            roots.append(nodes[row.id])
        else:
            nodes[row.parent_id].setdefault("children", []).append(nodes[row.id])
    if len(roots) == 1:
        return json_ok(roots[0])
    # Several top-level categories hang under Market's root: the stored one when there is one.
    root = nodes.get(ROOT_ID) or {"id": ROOT_ID, "name": ROOT_NAME}
    others = [node for node in roots if node is not root]
    if others:
        root["children"] = sorted([*root.get("children", []), *others], key=lambda node: node["id"])
    return json_ok(root)


WAREHOUSES_LIMIT, WAREHOUSES_MAX_LIMIT = 15, 30  # getPagedWarehouses' page size: default and maximum
INVALID_TOKEN = "Invalid page_token: it was not issued for this request"


class FulfillmentParams(BaseModel):
    """Query of getFulfillmentWarehouses: `campaignId`, only Market's warehouses tied to that store."""

    campaign_id: IntParam | None = Field(default=None, alias="campaignId", ge=1, le=INT64_MAX)


async def fulfillment_resources(call: Call[Any, None]) -> Resources:
    """The resources of getFulfillmentWarehouses: the store of `campaignId` (404 unknown, 403 foreign or
    switched off); without it none is named and, as getCampaigns, it is counted on the caller's business."""
    if call.params.campaign_id is not None:
        return Resources(campaign_ids=(call.params.campaign_id,))
    return await campaigns_resources(call)


async def fulfillment_warehouses(call: Call[FulfillmentParams, None]) -> Response:
    """getFulfillmentWarehouses: ``{"status": "OK", "result": {"warehouses": [{id, name, address?}]}}`` —
    Market's warehouses by id; with `campaignId`, only those the store has stock rows in (any day)."""
    query = select(Warehouse).where(Warehouse.campaign_id.is_(None)).order_by(Warehouse.id)
    if call.params.campaign_id is not None:
        query = query.where(Warehouse.id.in_(select(Stock.warehouse_id).where(Stock.campaign_id == call.campaign.id)))
    async with call.runtime.sessions() as session:
        found = (await session.scalars(query)).all()
    return json_ok({"warehouses": [{"id": w.id, "name": w.name} | _address(w) for w in found]})


def _address(warehouse: Warehouse) -> dict[str, Any]:
    """``{"address": WarehouseAddressDTO}`` when the city and both coordinates are known, else nothing."""
    if warehouse.city is None or warehouse.latitude is None or warehouse.longitude is None:
        return {}
    parts = {"street": warehouse.street, "number": warehouse.number, "building": warehouse.building,
             "block": warehouse.block}
    return {"address": {"city": warehouse.city, **{k: v for k, v in parts.items() if v is not None},
                        "gps": {"latitude": warehouse.latitude, "longitude": warehouse.longitude}}}


class WarehousesParams(BaseModel):
    """Path of getWarehouses."""

    business_id: IntParam = Field(alias="businessId", ge=1, le=INT64_MAX)


class PagedWarehousesParams(WarehousesParams):
    """Path and query of getPagedWarehouses: `pageToken` (alias ``page_token``) and `limit` (1..30, default 15)."""

    page_token: str | None = Field(default=None, validation_alias=AliasChoices("pageToken", "page_token"))
    limit: IntParam = Field(default=WAREHOUSES_LIMIT, ge=1, le=WAREHOUSES_MAX_LIMIT)


class PagedWarehousesRequest(BaseModel):
    """Body of getPagedWarehouses (optional): the parts to answer (ADDRESS, STATUS) and up to 25 stores."""

    model_config = ConfigDict(extra="ignore")

    components: list[Literal["ADDRESS", "STATUS"]] | None = Field(default=None, min_length=1)
    campaignIds: list[Id64] | None = Field(default=None, min_length=1, max_length=25)

    @field_validator("components", "campaignIds")
    @classmethod
    def _unique(cls, values: list[Any] | None) -> list[Any] | None:
        if values is not None and len(set(values)) != len(values):
            raise ValueError("Collection must contain unique items")
        return values


async def warehouses_resources(call: Call[WarehousesParams, Any]) -> Resources:
    """The resources of getWarehouses and getPagedWarehouses: the business (403 foreign, unknown or switched
    off), and the stores the body names. A caller that reaches only some stores of the business (an OAuth
    user) names its active stores there instead, and sees only their warehouses."""
    named = tuple(call.body.campaignIds or ()) if isinstance(call.body, PagedWarehousesRequest) else ()
    business_id = call.params.business_id
    if call.principal.reaches_business(business_id):
        return Resources(business_id=business_id, campaign_ids=named)
    own = []
    for campaign_id in sorted(call.principal.campaign_ids):
        campaign = await campaign_access(call.runtime, campaign_id)
        if campaign is not None and campaign.business_id == business_id and campaign.active:
            own.append(campaign_id)
    if not own or not set(named) <= set(own):
        raise forbidden()
    return Resources(campaign_ids=named or tuple(own))


async def _business_warehouses(call: Call[Any, Any], stores: tuple[int, ...] = (), after: int = 0,
                               limit: int | None = None) -> list[Warehouse]:
    """The business's own warehouses by id, after `after` (only those of `stores` when given)."""
    query = select(Warehouse).join(Campaign, Campaign.id == Warehouse.campaign_id).where(
        Campaign.business_id == call.params.business_id, Warehouse.id > after).order_by(Warehouse.id).limit(limit)
    if stores:
        query = query.where(Warehouse.campaign_id.in_(stores))
    async with call.runtime.sessions() as session:
        return list((await session.scalars(query)).all())


def _warehouse_dto(warehouse: Warehouse, address: bool = True) -> dict[str, Any]:
    """WarehouseDTO: id, name, campaignId, express and (when `address` and known) the address."""
    return {"id": warehouse.id, "name": warehouse.name, "campaignId": warehouse.campaign_id,
            "express": warehouse.express} | (_address(warehouse) if address else {})


async def warehouses(call: Call[WarehousesParams, None]) -> Response:
    """getWarehouses: ``{"status": "OK", "result": {"warehouses": [...], "warehouseGroups": [{name,
    mainWarehouse, warehouses}]}}`` — the warehouses in no group, and the groups by id with their warehouses.
    A group's main warehouse is the one marked so (else its lowest id), among the warehouses the caller
    sees: an OAuth user who reaches some stores of the business sees nothing of the others."""
    stores = tuple(c.id for c in call.campaigns)
    found = await _business_warehouses(call, stores)
    grouped: dict[int, list[Warehouse]] = {}
    for warehouse in found:
        if warehouse.group_id is not None:
            grouped.setdefault(warehouse.group_id, []).append(warehouse)
    groups = []
    for _group_id, members in sorted(grouped.items()):
        main = next((w for w in members if w.group_main), members[0])
        groups.append({"name": main.group_name, "mainWarehouse": _warehouse_dto(main),
                       "warehouses": [_warehouse_dto(w) for w in members]})
    return json_ok({"warehouses": [_warehouse_dto(w) for w in found if w.group_id is None],
                    "warehouseGroups": groups})


async def paged_warehouses(call: Call[PagedWarehousesParams, PagedWarehousesRequest]) -> Response:
    """getPagedWarehouses: ``{"status": "OK", "result": {"warehouses": [WarehouseDetailsDTO], "paging":
    {"nextPageToken"?}}}`` — the business's own warehouses by id, `limit` a page, each with its groupInfo
    when in a group, and the address and status only when `components` asks for them. 400 for a page
    token this service did not issue for this business."""
    params, components = call.params, set(call.body.components or ())
    signer = await call.runtime.signer("page-tokens")
    after = 0
    if params.page_token:
        data = signer.loads(params.page_token)
        if data is None or data.get("op") != "getPagedWarehouses" or data.get("b") != params.business_id \
                or not isinstance(data.get("a"), int):
            raise ApiError(400, INVALID_TOKEN)
        after = data["a"]
    found = await _business_warehouses(call, tuple(c.id for c in call.campaigns), after, params.limit + 1)
    page = found[:params.limit]
    items = []
    for warehouse in page:
        item = _warehouse_dto(warehouse, address="ADDRESS" in components)
        if warehouse.group_id is not None:
            item["groupInfo"] = {"name": warehouse.group_name, "id": warehouse.group_id}
        if "STATUS" in components:
            item["status"] = {"status": "DISABLED_MANUALLY" if warehouse.disabled else "OTHER"}
        items.append(item)
    paging = {"nextPageToken": signer.dumps({"op": "getPagedWarehouses", "b": params.business_id,
                                             "a": page[-1].id})} if len(found) > params.limit else {}
    return json_ok({"warehouses": items, "paging": paging})
