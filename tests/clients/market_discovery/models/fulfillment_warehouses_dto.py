from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.fulfillment_warehouse_dto import FulfillmentWarehouseDTO


T = TypeVar("T", bound="FulfillmentWarehousesDTO")


@_attrs_define
class FulfillmentWarehousesDTO:
    """Список фулфилмент-складов Маркета.

    Attributes:
        warehouses (list[FulfillmentWarehouseDTO]): Список фулфилмент-складов Маркета.
    """

    warehouses: list[FulfillmentWarehouseDTO]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        warehouses = []
        for warehouses_item_data in self.warehouses:
            warehouses_item = warehouses_item_data.to_dict()
            warehouses.append(warehouses_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "warehouses": warehouses,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fulfillment_warehouse_dto import FulfillmentWarehouseDTO  # noqa: PLC0415

        d = dict(src_dict)
        warehouses = []
        _warehouses = d.pop("warehouses")
        for warehouses_item_data in _warehouses:
            warehouses_item = FulfillmentWarehouseDTO.from_dict(warehouses_item_data)

            warehouses.append(warehouses_item)

        fulfillment_warehouses_dto = cls(
            warehouses=warehouses,
        )

        fulfillment_warehouses_dto.additional_properties = d
        return fulfillment_warehouses_dto

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
