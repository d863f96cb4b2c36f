from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gps_dto import GpsDTO


T = TypeVar("T", bound="WarehouseAddressDTO")


@_attrs_define
class WarehouseAddressDTO:
    """Адрес склада.

    Attributes:
        city (str): Город.
        gps (GpsDTO): GPS-координаты широты и долготы.
        street (str | Unset): Улица.
        number (str | Unset): Номер дома.
        building (str | Unset): Номер строения.
        block (str | Unset): Номер корпуса.
    """

    city: str
    gps: GpsDTO
    street: str | Unset = UNSET
    number: str | Unset = UNSET
    building: str | Unset = UNSET
    block: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        city = self.city

        gps = self.gps.to_dict()

        street = self.street

        number = self.number

        building = self.building

        block = self.block

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "city": city,
                "gps": gps,
            }
        )
        if street is not UNSET:
            field_dict["street"] = street
        if number is not UNSET:
            field_dict["number"] = number
        if building is not UNSET:
            field_dict["building"] = building
        if block is not UNSET:
            field_dict["block"] = block

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gps_dto import GpsDTO  # noqa: PLC0415

        d = dict(src_dict)
        city = d.pop("city")

        gps = GpsDTO.from_dict(d.pop("gps"))

        street = d.pop("street", UNSET)

        number = d.pop("number", UNSET)

        building = d.pop("building", UNSET)

        block = d.pop("block", UNSET)

        warehouse_address_dto = cls(
            city=city,
            gps=gps,
            street=street,
            number=number,
            building=building,
            block=block,
        )

        warehouse_address_dto.additional_properties = d
        return warehouse_address_dto

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
