"""Parameters and bodies of the report methods, with the contract's constraints (seeds 002, 003, 004)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from market_api.platform.validation import Id32, Id64, IsoDate

ReportFormat = Literal["FILE", "CSV", "JSON"]


class GenerateParams(BaseModel):
    """Query of the generate methods: the file format (FILE is XLSX)."""

    format: ReportFormat = "FILE"


class GoodsFeedbackRequest(BaseModel):
    """Body of generateGoodsFeedbackReport."""

    model_config = ConfigDict(extra="ignore")

    businessId: Id64


class StocksRequest(BaseModel):
    """Body of generateStocksOnWarehousesReport: a store (reports A and B) or a business (report C)."""

    model_config = ConfigDict(extra="ignore")

    campaignId: Id64 | None = None
    businessId: Id64 | None = None
    campaignIds: list[Id64] | None = Field(default=None, min_length=1)
    warehouseIds: list[Id64] | None = Field(default=None, min_length=1)
    categoryIds: list[Id32] | None = Field(default=None, min_length=1)
    reportDate: IsoDate | None = None
    hasStocks: bool | None = None

    @field_validator("campaignIds", "warehouseIds", "categoryIds")
    @classmethod
    def _unique_items(cls, values: list[int] | None, info: object) -> list[int] | None:
        if values is not None and len(set(values)) != len(values):
            raise ValueError(f"Collection of {getattr(info, 'field_name', 'items')} must contain unique items")
        return values

    @model_validator(mode="after")
    def _one_subject(self) -> StocksRequest:
        if (self.campaignId is None) == (self.businessId is None):
            raise PydanticCustomError("message", "Exactly one of campaignId and businessId must be specified")
        if self.campaignIds is not None and self.businessId is None:
            raise PydanticCustomError("message", "campaignIds may only be specified with businessId")
        return self


class ReportInfoParams(BaseModel):
    """Path and query of getReportInfo: the report, and (/v2 only in the contract) the cabinet type it is
    asked for, SELLER or ADVERTISER, which changes nothing in the answer here but must be one of them."""

    report_id: str = Field(alias="reportId", min_length=1, max_length=255)
    source_type: Literal["SELLER", "ADVERTISER"] | None = Field(default=None, alias="sourceType")
