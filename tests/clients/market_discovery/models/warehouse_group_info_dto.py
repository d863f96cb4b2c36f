from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WarehouseGroupInfoDTO")


@_attrs_define
class WarehouseGroupInfoDTO:
    """Информация о группе, к которой принадлежит склад.

    Возвращается только для складов в группах.

    [Что такое группы складов и зачем они
    нужны](https://yandex.ru/support/marketplace/assortment/operations/stocks.html#unified-stocks)

        Attributes:
            name (str): Название группы, к которой принадлежит склад.
            id (int): Идентификатор группы складов.
    """

    name: str
    id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "id": id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        id = d.pop("id")

        warehouse_group_info_dto = cls(
            name=name,
            id=id,
        )

        warehouse_group_info_dto.additional_properties = d
        return warehouse_group_info_dto

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
