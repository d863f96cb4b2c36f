from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.warehouse_address_dto import WarehouseAddressDTO


T = TypeVar("T", bound="WarehouseDTO")


@_attrs_define
class WarehouseDTO:
    """Информация о складе.

    Attributes:
        id (int): Идентификатор склада.
        name (str): Название склада.
        campaign_id (int): Идентификатор кампании (магазина) — технический идентификатор, который представляет ваш
            магазин в системе Яндекс Маркета при работе через API. Он однозначно связывается с вашим магазином, но
            предназначен только для автоматизированного взаимодействия.

            Его можно узнать с помощью запроса [GET v2/campaigns](../../reference/campaigns/getCampaigns.md) или найти в
            кабинете продавца на Маркете. Нажмите на иконку вашего аккаунта → **Настройки** и в меню слева выберите **API и
            модули**:

            * блок **Идентификатор кампании**;
            * вкладка **Лог запросов** → выпадающий список в блоке **Показывать логи**.

            ⚠️ Не путайте его с:
            - идентификатором магазина, который отображается в личном кабинете продавца;
            - рекламными кампаниями.
        express (bool): Возможна ли доставка по модели Экспресс.
        address (WarehouseAddressDTO | Unset): Адрес склада.
    """

    id: int
    name: str
    campaign_id: int
    express: bool
    address: WarehouseAddressDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        campaign_id = self.campaign_id

        express = self.express

        address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.address, Unset):
            address = self.address.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "campaignId": campaign_id,
                "express": express,
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

        campaign_id = d.pop("campaignId")

        express = d.pop("express")

        _address = d.pop("address", UNSET)
        address: WarehouseAddressDTO | Unset
        if isinstance(_address, Unset):
            address = UNSET
        else:
            address = WarehouseAddressDTO.from_dict(_address)

        warehouse_dto = cls(
            id=id,
            name=name,
            campaign_id=campaign_id,
            express=express,
            address=address,
        )

        warehouse_dto.additional_properties = d
        return warehouse_dto

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
