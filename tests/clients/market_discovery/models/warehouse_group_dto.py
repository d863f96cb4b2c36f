from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.warehouse_dto import WarehouseDTO


T = TypeVar("T", bound="WarehouseGroupDTO")


@_attrs_define
class WarehouseGroupDTO:
    """Информация о группе складов.

    Attributes:
        name (str): Название группы складов.
        main_warehouse (WarehouseDTO): Информация о складе.
        warehouses (list[WarehouseDTO]): Список складов, входящих в группу.
    """

    name: str
    main_warehouse: WarehouseDTO
    warehouses: list[WarehouseDTO]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        main_warehouse = self.main_warehouse.to_dict()

        warehouses = []
        for warehouses_item_data in self.warehouses:
            warehouses_item = warehouses_item_data.to_dict()
            warehouses.append(warehouses_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "mainWarehouse": main_warehouse,
                "warehouses": warehouses,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.warehouse_dto import WarehouseDTO  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        main_warehouse = WarehouseDTO.from_dict(d.pop("mainWarehouse"))

        warehouses = []
        _warehouses = d.pop("warehouses")
        for warehouses_item_data in _warehouses:
            warehouses_item = WarehouseDTO.from_dict(warehouses_item_data)

            warehouses.append(warehouses_item)

        warehouse_group_dto = cls(
            name=name,
            main_warehouse=main_warehouse,
            warehouses=warehouses,
        )

        warehouse_group_dto.additional_properties = d
        return warehouse_group_dto

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
