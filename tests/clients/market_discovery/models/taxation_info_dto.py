from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.vat_rate_type import VatRateType
from ..types import UNSET, Unset

T = TypeVar("T", bound="TaxationInfoDTO")


@_attrs_define
class TaxationInfoDTO:
    """Информация о налогообложении.

    Attributes:
        vat (VatRateType | Unset): Ставка НДС.
            Возможные значения:

            * `VAT_22` — НДС 22%.
            * `NO_VAT` — НДС не облагается.
            * `VAT_12` — НДС 12%.
            * `VAT_10` — НДС 10%.
            * `VAT_05` — НДС 5%.
            * `VAT_07` — НДС 7%.

            Если у партнёра в кабинете установлена ставка, не входящая в список, — значение не возвращается.
    """

    vat: VatRateType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vat: str | Unset = UNSET
        if not isinstance(self.vat, Unset):
            vat = self.vat.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if vat is not UNSET:
            field_dict["vat"] = vat

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _vat = d.pop("vat", UNSET)
        vat: VatRateType | Unset
        if isinstance(_vat, Unset):
            vat = UNSET
        else:
            vat = VatRateType(_vat)

        taxation_info_dto = cls(
            vat=vat,
        )

        taxation_info_dto.additional_properties = d
        return taxation_info_dto

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
