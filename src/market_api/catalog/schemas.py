"""Catalogue records as the admin API and the import files carry them (camelCase, one record a line).

Every value is bounded by what its column holds: ids 1..2^63-1, counts and sizes 0..2^31-1, numbers
finite, text no longer than its column, days from 2000-01-01 up to 2099-12-31. In a JSON body or an NDJSON
line each is of its JSON type (an integer a JSON integer, a flag true/false); a CSV cell is text ("5", "true")."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict, model_validator

from market_api.platform.schemas import CamelModel
from market_api.platform.validation import INT32_MAX, Day, Id64, StrictFlag, StrictNumber, Text

Count = Annotated[int, Strict(), Field(ge=0, le=INT32_MAX)]
Name = Annotated[Text, Field(min_length=1, max_length=255)]


class CategoryIn(CamelModel):
    """A Market category: its id, name, and parent category (none for a root)."""

    id: Id64
    name: Name
    parent_id: Id64 | None = None


class WarehouseIn(CamelModel):
    """A warehouse: one of Market's (no `campaignId`), or a store's own."""

    id: Id64
    name: Name
    campaign_id: Id64 | None = Field(default=None, description="Set for a store's own warehouse; unset: Market's.")
    city: Text | None = Field(default=None, min_length=1, max_length=200)
    street: Text | None = Field(default=None, max_length=512)
    number: Text | None = Field(default=None, max_length=256, description="The house number.")
    building: Text | None = Field(default=None, max_length=16)
    block: Text | None = Field(default=None, max_length=16)
    latitude: StrictNumber | None = Field(default=None, ge=-90, le=90)
    longitude: StrictNumber | None = Field(default=None, ge=-180, le=180)
    express: StrictFlag | None = Field(default=None,
                                       description="Express delivery; unset: whether the store is Express.")
    disabled: StrictFlag = Field(default=False, description="Switched off by the seller (status DISABLED_MANUALLY).")
    group_id: Id64 | None = Field(default=None, description="The warehouse group it is in.")
    group_name: Name | None = None
    group_main: StrictFlag = Field(default=False, description="The group's main warehouse (stock for the whole group).")

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

    business_id: Id64
    shop_sku: Text = Field(min_length=1, max_length=255)
    name: Text = Field(min_length=1)
    article: Text | None = Field(default=None, max_length=255)
    market_sku: Id64 | None = None
    model_id: Id64 | None = None
    category_id: Id64 | None = None
    length_cm: Count | None = None
    width_cm: Count | None = None
    height_cm: Count | None = None
    weight_kg: StrictNumber | None = Field(default=None, ge=0)
    link: Text | None = None


class PlacementIn(CamelModel):
    """An offer (by shop SKU) on sale in a store: price, status, selling status, Market's
    recommendations and a comment, as the stock reports show them (free text)."""

    campaign_id: Id64
    shop_sku: Text = Field(min_length=1, max_length=255)
    price: Text | None = Field(default=None, max_length=32)
    status: Text | None = Field(default=None, max_length=64)
    selling_status: Text | None = Field(default=None, max_length=64)
    recommendations: Text | None = None
    comment: Text | None = None


class StockIn(CamelModel):
    """A store's stock of one offer in one warehouse on `day` (YYYY-MM-DD), in item counts."""

    campaign_id: Id64
    warehouse_id: Id64
    shop_sku: Text = Field(min_length=1, max_length=255)
    day: Day
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

    campaign_id: Id64
    shop_sku: Text = Field(min_length=1, max_length=255)
    status: Text = Field(default="ACTIVE", min_length=1, max_length=32)
    max_charge: Count
    target_count: Count
    rating: StrictNumber | None = Field(default=None, ge=0, le=5)
    current_opinion_count: Count = 0
    paid_opinions_collected: Count = 0
    ordered_items_total_amount: Count = 0


RECORDS: dict[str, type[CamelModel]] = {
    "categories": CategoryIn, "warehouses": WarehouseIn, "offers": OfferIn, "placements": PlacementIn,
    "stocks": StockIn, "programs": ProgramIn,
}
