from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.campaign_settings_schedule_source_type import CampaignSettingsScheduleSourceType
from ..models.region_type import RegionType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_settings_delivery_dto import CampaignSettingsDeliveryDTO


T = TypeVar("T", bound="CampaignSettingsLocalRegionDTO")


@_attrs_define
class CampaignSettingsLocalRegionDTO:
    """Информация о своем регионе магазина.

    Attributes:
        id (int | Unset): Идентификатор региона.
        name (str | Unset): Название региона.
        type_ (RegionType | Unset): Тип региона.

            Возможные значения:

            * `CITY_DISTRICT` — район города.

            * `CITY` — крупный город.

            * `CONTINENT` — континент.

            * `COUNTRY_DISTRICT` — область.

            * `COUNTRY` — страна.

            * `REGION` — регион.

            * `REPUBLIC_AREA` — район субъекта федерации.

            * `REPUBLIC` — субъект федерации.

            * `SUBWAY_STATION` — станция метро.

            * `VILLAGE` — город.

            * `OTHER` — неизвестный регион.
        delivery_options_source (CampaignSettingsScheduleSourceType | Unset): Источник информации о расписании работы
            службы доставки.
            Возможные значения:
            * `WEB` — информация получена из настроек кабинета продавца на Маркете.
            * `YML` — информация получена из прайс-листа магазина.
        delivery (CampaignSettingsDeliveryDTO | Unset): Информация о доставке в своем регионе магазина.
    """

    id: int | Unset = UNSET
    name: str | Unset = UNSET
    type_: RegionType | Unset = UNSET
    delivery_options_source: CampaignSettingsScheduleSourceType | Unset = UNSET
    delivery: CampaignSettingsDeliveryDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        delivery_options_source: str | Unset = UNSET
        if not isinstance(self.delivery_options_source, Unset):
            delivery_options_source = self.delivery_options_source.value

        delivery: dict[str, Any] | Unset = UNSET
        if not isinstance(self.delivery, Unset):
            delivery = self.delivery.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if type_ is not UNSET:
            field_dict["type"] = type_
        if delivery_options_source is not UNSET:
            field_dict["deliveryOptionsSource"] = delivery_options_source
        if delivery is not UNSET:
            field_dict["delivery"] = delivery

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_settings_delivery_dto import CampaignSettingsDeliveryDTO  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: RegionType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = RegionType(_type_)

        _delivery_options_source = d.pop("deliveryOptionsSource", UNSET)
        delivery_options_source: CampaignSettingsScheduleSourceType | Unset
        if isinstance(_delivery_options_source, Unset):
            delivery_options_source = UNSET
        else:
            delivery_options_source = CampaignSettingsScheduleSourceType(_delivery_options_source)

        _delivery = d.pop("delivery", UNSET)
        delivery: CampaignSettingsDeliveryDTO | Unset
        if isinstance(_delivery, Unset):
            delivery = UNSET
        else:
            delivery = CampaignSettingsDeliveryDTO.from_dict(_delivery)

        campaign_settings_local_region_dto = cls(
            id=id,
            name=name,
            type_=type_,
            delivery_options_source=delivery_options_source,
            delivery=delivery,
        )

        campaign_settings_local_region_dto.additional_properties = d
        return campaign_settings_local_region_dto

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
