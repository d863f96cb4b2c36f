"""Bodies of the report methods, with the contract's constraints."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from market_api.platform.validation import INT32_MAX, INT64_MAX

ReportFormat = Literal["FILE", "CSV", "JSON"]
Id64 = Annotated[int, Field(ge=1, le=INT64_MAX)]
Id32 = Annotated[int, Field(ge=1, le=INT32_MAX)]
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _unique(name: str, values: list | None) -> list | None:
    if values is not None and len(set(values)) != len(values):
        raise ValueError(f"Collection of {name} must contain unique items")
    return values


class GoodsFeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    businessId: Id64


class StocksRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    campaignId: Id64 | None = None
    businessId: Id64 | None = None
    campaignIds: list[Id64] | None = Field(default=None, min_length=1)
    warehouseIds: list[Id64] | None = Field(default=None, min_length=1)
    categoryIds: list[Id32] | None = Field(default=None, min_length=1)
    reportDate: str | None = Field(default=None, pattern=DATE_PATTERN)
    hasStocks: bool | None = None

    @field_validator("campaignIds", "warehouseIds", "categoryIds")
    @classmethod
    def _unique_items(cls, values, info):
        return _unique(info.field_name, values)
