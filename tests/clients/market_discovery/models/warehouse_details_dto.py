from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.warehouse_address_dto import WarehouseAddressDTO
    from ..models.warehouse_group_info_dto import WarehouseGroupInfoDTO
    from ..models.warehouse_status_dto import WarehouseStatusDTO


T = TypeVar("T", bound="WarehouseDetailsDTO")


@_attrs_define
class WarehouseDetailsDTO:
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
        express (bool): Возможна ли доставка для модели Экспресс.
        group_info (WarehouseGroupInfoDTO | Unset): Информация о группе, к которой принадлежит склад.

            Возвращается только для складов в группах.

            [Что такое группы складов и зачем они
            нужны](https://yandex.ru/support/marketplace/assortment/operations/stocks.html#unified-stocks)
        address (WarehouseAddressDTO | Unset): Адрес склада.
        status (WarehouseStatusDTO | Unset): Информация о статусе склада.
    """

    id: int
    name: str
    campaign_id: int
    express: bool
    group_info: WarehouseGroupInfoDTO | Unset = UNSET
    address: WarehouseAddressDTO | Unset = UNSET
    status: WarehouseStatusDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        campaign_id = self.campaign_id

        express = self.express

        group_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.group_info, Unset):
            group_info = self.group_info.to_dict()

        address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.address, Unset):
            address = self.address.to_dict()

        status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.to_dict()

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
        if group_info is not UNSET:
            field_dict["groupInfo"] = group_info
        if address is not UNSET:
            field_dict["address"] = address
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.warehouse_address_dto import WarehouseAddressDTO  # noqa: PLC0415
        from ..models.warehouse_group_info_dto import WarehouseGroupInfoDTO  # noqa: PLC0415
        from ..models.warehouse_status_dto import WarehouseStatusDTO  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        campaign_id = d.pop("campaignId")

        express = d.pop("express")

        _group_info = d.pop("groupInfo", UNSET)
        group_info: WarehouseGroupInfoDTO | Unset
        if isinstance(_group_info, Unset):
            group_info = UNSET
        else:
            group_info = WarehouseGroupInfoDTO.from_dict(_group_info)

        _address = d.pop("address", UNSET)
        address: WarehouseAddressDTO | Unset
        if isinstance(_address, Unset):
            address = UNSET
        else:
            address = WarehouseAddressDTO.from_dict(_address)

        _status = d.pop("status", UNSET)
        status: WarehouseStatusDTO | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = WarehouseStatusDTO.from_dict(_status)

        warehouse_details_dto = cls(
            id=id,
            name=name,
            campaign_id=campaign_id,
            express=express,
            group_info=group_info,
            address=address,
            status=status,
        )

        warehouse_details_dto.additional_properties = d
        return warehouse_details_dto

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
