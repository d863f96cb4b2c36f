from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency_type import CurrencyType
from ..types import UNSET, Unset

T = TypeVar("T", bound="BusinessSettingsDTO")


@_attrs_define
class BusinessSettingsDTO:
    """Настройки кабинета.

    Attributes:
        only_default_price (bool | Unset): Управление ценами на товары:

            * `false` — можно установить цену, которая действует:
              * во всех магазинах кабинета — [POST v2/businesses/{businessId}/offer-
            prices/updates](../../reference/prices/updateBusinessPrices.md);
              * в конкретном магазине — [POST v2/campaigns/{campaignId}/offer-
            prices/updates](../../reference/prices/updatePrices.md).
            * `true` — можно установить только цену, которая действует во всех магазинах кабинета, —
            [POST v2/businesses/{businessId}/offer-prices/updates](../../reference/prices/updateBusinessPrices.md).
        currency (CurrencyType | Unset): Коды валют:

            * `RUR` — российский рубль.
            * `UAH` — украинская гривна.
            * `BYR` — белорусский рубль.
            * `KZT` — казахстанский тенге.
            * `UZS` — узбекский сум.
    """

    only_default_price: bool | Unset = UNSET
    currency: CurrencyType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        only_default_price = self.only_default_price

        currency: str | Unset = UNSET
        if not isinstance(self.currency, Unset):
            currency = self.currency.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if only_default_price is not UNSET:
            field_dict["onlyDefaultPrice"] = only_default_price
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        only_default_price = d.pop("onlyDefaultPrice", UNSET)

        _currency = d.pop("currency", UNSET)
        currency: CurrencyType | Unset
        if isinstance(_currency, Unset):
            currency = UNSET
        else:
            currency = CurrencyType(_currency)

        business_settings_dto = cls(
            only_default_price=only_default_price,
            currency=currency,
        )

        business_settings_dto.additional_properties = d
        return business_settings_dto

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
