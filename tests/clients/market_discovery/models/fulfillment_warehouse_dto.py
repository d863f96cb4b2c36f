from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.warehouse_address_dto import WarehouseAddressDTO


T = TypeVar("T", bound="FulfillmentWarehouseDTO")


@_attrs_define
class FulfillmentWarehouseDTO:
    """Фулфилмент-склад Маркета.

    Attributes:
        id (int): Идентификатор склада.
        name (str): Название склада.
        address (WarehouseAddressDTO | Unset): Адрес склада.
    """

    id: int
    name: str
    address: WarehouseAddressDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.address, Unset):
            address = self.address.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.warehouse_address_dto import WarehouseAddressDTO  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        _address = d.pop("address", UNSET)
        address: WarehouseAddressDTO | Unset
        if isinstance(_address, Unset):
            address = UNSET
        else:
            address = WarehouseAddressDTO.from_dict(_address)

        fulfillment_warehouse_dto = cls(
            id=id,
            name=name,
            address=address,
        )

        fulfillment_warehouse_dto.additional_properties = d
        return fulfillment_warehouse_dto

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
