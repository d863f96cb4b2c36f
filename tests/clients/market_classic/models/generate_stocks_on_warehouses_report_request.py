from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GenerateStocksOnWarehousesReportRequest")


@_attrs_define
class GenerateStocksOnWarehousesReportRequest:
    """Данные, необходимые для генерации отчета.

    Attributes:
        campaign_id (int): Идентификатор магазина.
        warehouse_ids (list[int] | None | Unset): Фильтр по идентификаторам складов (только модель FBY). Чтобы узнать
            идентификатор, воспользуйтесь запросом [GET warehouses](../../reference/warehouses/getFulfillmentWarehouses.md).
        report_date (datetime.date | Unset): Фильтр по дате (для модели FBY). В отчет попадут данные за
            **предшествующий** дате день.
        category_ids (list[int] | None | Unset): Фильтр по категориям на Маркете (кроме модели FBY).
        has_stocks (bool | Unset): Фильтр по наличию остатков (кроме модели FBY).
    """

    campaign_id: int
    warehouse_ids: list[int] | None | Unset = UNSET
    report_date: datetime.date | Unset = UNSET
    category_ids: list[int] | None | Unset = UNSET
    has_stocks: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_id = self.campaign_id

        warehouse_ids: list[int] | None | Unset
        if isinstance(self.warehouse_ids, Unset):
            warehouse_ids = UNSET
        elif isinstance(self.warehouse_ids, list):
            warehouse_ids = self.warehouse_ids

        else:
            warehouse_ids = self.warehouse_ids

        report_date: str | Unset = UNSET
        if not isinstance(self.report_date, Unset):
            report_date = self.report_date.isoformat()

        category_ids: list[int] | None | Unset
        if isinstance(self.category_ids, Unset):
            category_ids = UNSET
        elif isinstance(self.category_ids, list):
            category_ids = self.category_ids

        else:
            category_ids = self.category_ids

        has_stocks = self.has_stocks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaignId": campaign_id,
            }
        )
        if warehouse_ids is not UNSET:
            field_dict["warehouseIds"] = warehouse_ids
        if report_date is not UNSET:
            field_dict["reportDate"] = report_date
        if category_ids is not UNSET:
            field_dict["categoryIds"] = category_ids
        if has_stocks is not UNSET:
            field_dict["hasStocks"] = has_stocks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        campaign_id = d.pop("campaignId")

        def _parse_warehouse_ids(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                warehouse_ids_type_0 = cast(list[int], data)

                return warehouse_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        warehouse_ids = _parse_warehouse_ids(d.pop("warehouseIds", UNSET))

        _report_date = d.pop("reportDate", UNSET)
        report_date: datetime.date | Unset
        if isinstance(_report_date, Unset):
            report_date = UNSET
        else:
            report_date = datetime.date.fromisoformat(_report_date)

        def _parse_category_ids(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                category_ids_type_0 = cast(list[int], data)

                return category_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        category_ids = _parse_category_ids(d.pop("categoryIds", UNSET))

        has_stocks = d.pop("hasStocks", UNSET)

        generate_stocks_on_warehouses_report_request = cls(
            campaign_id=campaign_id,
            warehouse_ids=warehouse_ids,
            report_date=report_date,
            category_ids=category_ids,
            has_stocks=has_stocks,
        )

        generate_stocks_on_warehouses_report_request.additional_properties = d
        return generate_stocks_on_warehouses_report_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
