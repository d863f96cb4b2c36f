"""Catalogue records as the admin API and the import files carry them (camelCase, one record a line)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from market_api.platform.schemas import CamelModel
from market_api.platform.validation import IsoDate

Count = Annotated[int, Field(ge=0, le=2**31 - 1)]
Name = Annotated[str, Field(min_length=1, max_length=255)]


class CategoryIn(CamelModel):
    """A Market category: its id, name, and parent category (none for a root)."""

    id: int = Field(ge=1, le=2**63 - 1)
    name: Name
    parent_id: int | None = None


class WarehouseIn(CamelModel):
    """A warehouse: one of Market's (no `campaignId`), or a store's own."""

    id: int = Field(ge=1, le=2**63 - 1)
    name: Name
    campaign_id: int | None = Field(default=None, description="Set for a store's own warehouse; unset: Market's.")
    city: str | None = Field(default=None, min_length=1, max_length=200)
    street: str | None = Field(default=None, max_length=512)
    number: str | None = Field(default=None, max_length=256, description="The house number.")
    building: str | None = Field(default=None, max_length=16)
    block: str | None = Field(default=None, max_length=16)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    express: bool | None = Field(default=None, description="Express delivery; unset: whether the store is Express.")
    disabled: bool = Field(default=False, description="Switched off by the seller (status DISABLED_MANUALLY).")
    group_id: int | None = Field(default=None, ge=1, le=2**63 - 1, description="The warehouse group it is in.")
    group_name: Name | None = None
    group_main: bool = Field(default=False, description="The group's main warehouse (stock for the whole group).")

    @model_validator(mode="after")
    def _group_named(self) -> WarehouseIn:
        if (self.group_id is None) != (self.group_name is None):
            raise ValueError("groupId and groupName go together")
        if self.campaign_id is None and (self.group_id is not None or self.express):
            raise ValueError("only a store's own warehouse has a group or Express delivery")
        return self


class OfferIn(CamelModel):
    """A product of a business, identified by business and shop SKU; sizes in whole centimetres,
    weight in kilograms."""

    business_id: int = Field(ge=1)
    shop_sku: str = Field(min_length=1, max_length=255)
    name: str = Field(min_length=1)
    article: str | None = Field(default=None, max_length=255)
    market_sku: int | None = Field(default=None, ge=1, le=2**63 - 1)
    model_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    category_id: int | None = None
    length_cm: Count | None = None
    width_cm: Count | None = None
    height_cm: Count | None = None
    weight_kg: float | None = Field(default=None, ge=0)
    link: str | None = None


class PlacementIn(CamelModel):
    """An offer (by shop SKU) on sale in a store: price, status, selling status, Market's
    recommendations and a comment, as the stock reports show them (free text)."""

    campaign_id: int = Field(ge=1)
    shop_sku: str = Field(min_length=1, max_length=255)
    price: str | None = Field(default=None, max_length=32)
    status: str | None = Field(default=None, max_length=64)
    selling_status: str | None = Field(default=None, max_length=64)
    recommendations: str | None = None
    comment: str | None = None


class StockIn(CamelModel):
    """A store's stock of one offer in one warehouse on `day` (YYYY-MM-DD), in item counts."""

    campaign_id: int = Field(ge=1)
    warehouse_id: int = Field(ge=1)
    shop_sku: str = Field(min_length=1, max_length=255)
    day: IsoDate
    valid: Count = 0
    reserved: Count = 0
    available: Count = 0
    quarantine: Count = 0
    utilization: Count = 0
    defect: Count = 0
    expired: Count = 0


class ProgramIn(CamelModel):
    """An offer (by shop SKU) in a store's reviews-for-points program: the charge and review counts
    the goods-feedback report shows; `rating` from 0 to 5."""

    campaign_id: int = Field(ge=1)
    shop_sku: str = Field(min_length=1, max_length=255)
    status: str = Field(default="ACTIVE", min_length=1, max_length=32)
    max_charge: Count
    target_count: Count
    rating: float | None = Field(default=None, ge=0, le=5)
    current_opinion_count: Count = 0
    paid_opinions_collected: Count = 0
    ordered_items_total_amount: Count = 0


RECORDS: dict[str, type[CamelModel]] = {
    "categories": CategoryIn, "warehouses": WarehouseIn, "offers": OfferIn, "placements": PlacementIn,
    "stocks": StockIn, "programs": ProgramIn,
}
