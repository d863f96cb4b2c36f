from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.warehouse_dto import WarehouseDTO
    from ..models.warehouse_group_dto import WarehouseGroupDTO


T = TypeVar("T", bound="WarehousesDTO")


@_attrs_define
class WarehousesDTO:
    """Информация о складах и группах складов.

    Attributes:
        warehouses (list[WarehouseDTO]): Список складов, не входящих в группы.
        warehouse_groups (list[WarehouseGroupDTO]): Список групп складов.
    """

    warehouses: list[WarehouseDTO]
    warehouse_groups: list[WarehouseGroupDTO]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        warehouses = []
        for warehouses_item_data in self.warehouses:
            warehouses_item = warehouses_item_data.to_dict()
            warehouses.append(warehouses_item)

        warehouse_groups = []
        for warehouse_groups_item_data in self.warehouse_groups:
            warehouse_groups_item = warehouse_groups_item_data.to_dict()
            warehouse_groups.append(warehouse_groups_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "warehouses": warehouses,
                "warehouseGroups": warehouse_groups,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.warehouse_dto import WarehouseDTO  # noqa: PLC0415
        from ..models.warehouse_group_dto import WarehouseGroupDTO  # noqa: PLC0415

        d = dict(src_dict)
        warehouses = []
        _warehouses = d.pop("warehouses")
        for warehouses_item_data in _warehouses:
            warehouses_item = WarehouseDTO.from_dict(warehouses_item_data)

            warehouses.append(warehouses_item)

        warehouse_groups = []
        _warehouse_groups = d.pop("warehouseGroups")
        for warehouse_groups_item_data in _warehouse_groups:
            warehouse_groups_item = WarehouseGroupDTO.from_dict(warehouse_groups_item_data)

            warehouse_groups.append(warehouse_groups_item)

        warehouses_dto = cls(
            warehouses=warehouses,
            warehouse_groups=warehouse_groups,
        )

        warehouses_dto.additional_properties = d
        return warehouses_dto

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
