from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.warehouse_component_type import WarehouseComponentType
from ..types import UNSET, Unset

T = TypeVar("T", bound="GetPagedWarehousesRequest")


@_attrs_define
class GetPagedWarehousesRequest:
    """Запрос на получение складов кабинета.

    Attributes:
        components (list[WarehouseComponentType] | None | Unset): Свойства складов, которые необходимо вернуть. Если
            какое-то значение параметра не задано, этой информации в ответе не будет.

            Передавайте параметр, только если нужна информация, которую он возвращает.

            Можно передать сразу несколько значений.
        campaign_ids (list[int] | None | Unset): Список идентификаторов кампании тех магазинов, склады которых
            необходимо вернуть.

            Их можно узнать с помощью запроса [GET v2/campaigns](../../reference/campaigns/getCampaigns.md) или найти в
            кабинете продавца на Маркете — нажмите на иконку вашего аккаунта → **Настройки** и в меню слева выберите **API и
            модули**:

              * блок **Идентификатор кампании**;
              * вкладка **Лог запросов** → выпадающий список в блоке **Показывать логи**.

            ⚠️ Не используйте вместо них идентификаторы магазинов, которые указаны в кабинете продавца на Маркете рядом с
            названием магазина и в некоторых отчетах.
    """

    components: list[WarehouseComponentType] | None | Unset = UNSET
    campaign_ids: list[int] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        components: list[str] | None | Unset
        if isinstance(self.components, Unset):
            components = UNSET
        elif isinstance(self.components, list):
            components = []
            for components_type_0_item_data in self.components:
                components_type_0_item = components_type_0_item_data.value
                components.append(components_type_0_item)

        else:
            components = self.components

        campaign_ids: list[int] | None | Unset
        if isinstance(self.campaign_ids, Unset):
            campaign_ids = UNSET
        elif isinstance(self.campaign_ids, list):
            campaign_ids = self.campaign_ids

        else:
            campaign_ids = self.campaign_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if components is not UNSET:
            field_dict["components"] = components
        if campaign_ids is not UNSET:
            field_dict["campaignIds"] = campaign_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_components(data: object) -> list[WarehouseComponentType] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                components_type_0 = []
                _components_type_0 = data
                for components_type_0_item_data in _components_type_0:
                    components_type_0_item = WarehouseComponentType(components_type_0_item_data)

                    components_type_0.append(components_type_0_item)

                return components_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[WarehouseComponentType] | None | Unset, data)

        components = _parse_components(d.pop("components", UNSET))

        def _parse_campaign_ids(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                campaign_ids_type_0 = cast(list[int], data)

                return campaign_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        campaign_ids = _parse_campaign_ids(d.pop("campaignIds", UNSET))

        get_paged_warehouses_request = cls(
            components=components,
            campaign_ids=campaign_ids,
        )

        get_paged_warehouses_request.additional_properties = d
        return get_paged_warehouses_request

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
