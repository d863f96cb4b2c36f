from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.api_availability_status_type import ApiAvailabilityStatusType
from ..models.placement_type import PlacementType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.business_dto import BusinessDTO


T = TypeVar("T", bound="CampaignDTO")


@_attrs_define
class CampaignDTO:
    """Информация о магазине.

    Attributes:
        domain (str | Unset): Название магазина.
        id (int | Unset): Идентификатор кампании (магазина) — технический идентификатор, который представляет ваш
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
        client_id (int | Unset): Идентификатор плательщика в Яндекс Балансе.
        business (BusinessDTO | Unset): Информация о кабинете.
        placement_type (PlacementType | Unset): Модель, по которой работает магазин:

            * `FBS` — FBS или Экспресс.
            * `FBY` — FBY.
            * `DBS` — DBS.
            * `LAAS` — LaaS.
        api_availability (ApiAvailabilityStatusType | Unset): Возможность использовать API:

            * `AVAILABLE` — методы API доступны для выполнения запросов.
            * `DISABLED_BY_INACTIVITY` — методы API недоступны, так как магазин не размещал товары на витрине больше 90
            дней.
            * `DISABLED_BY_NO_ACTIVE_CONTRACT` — методы API недоступны из-за отсутствия активного договора с Маркетом.
            * `MANUALLY_DISABLED` — методы API недоступны, так как интеграция выключена вручную.
            * `DISABLED_BY_NO_PLACEMENT_TYPE` — методы API недоступны, так как магазин не подключен к программе размещения.

            [Подробная инструкция по восстановлению доступа](../../concepts/api-access.md)
    """

    domain: str | Unset = UNSET
    id: int | Unset = UNSET
    client_id: int | Unset = UNSET
    business: BusinessDTO | Unset = UNSET
    placement_type: PlacementType | Unset = UNSET
    api_availability: ApiAvailabilityStatusType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        id = self.id

        client_id = self.client_id

        business: dict[str, Any] | Unset = UNSET
        if not isinstance(self.business, Unset):
            business = self.business.to_dict()

        placement_type: str | Unset = UNSET
        if not isinstance(self.placement_type, Unset):
            placement_type = self.placement_type.value

        api_availability: str | Unset = UNSET
        if not isinstance(self.api_availability, Unset):
            api_availability = self.api_availability.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if domain is not UNSET:
            field_dict["domain"] = domain
        if id is not UNSET:
            field_dict["id"] = id
        if client_id is not UNSET:
            field_dict["clientId"] = client_id
        if business is not UNSET:
            field_dict["business"] = business
        if placement_type is not UNSET:
            field_dict["placementType"] = placement_type
        if api_availability is not UNSET:
            field_dict["apiAvailability"] = api_availability

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.business_dto import BusinessDTO  # noqa: PLC0415

        d = dict(src_dict)
        domain = d.pop("domain", UNSET)

        id = d.pop("id", UNSET)

        client_id = d.pop("clientId", UNSET)

        _business = d.pop("business", UNSET)
        business: BusinessDTO | Unset
        if isinstance(_business, Unset):
            business = UNSET
        else:
            business = BusinessDTO.from_dict(_business)

        _placement_type = d.pop("placementType", UNSET)
        placement_type: PlacementType | Unset
        if isinstance(_placement_type, Unset):
            placement_type = UNSET
        else:
            placement_type = PlacementType(_placement_type)

        _api_availability = d.pop("apiAvailability", UNSET)
        api_availability: ApiAvailabilityStatusType | Unset
        if isinstance(_api_availability, Unset):
            api_availability = UNSET
        else:
            api_availability = ApiAvailabilityStatusType(_api_availability)

        campaign_dto = cls(
            domain=domain,
            id=id,
            client_id=client_id,
            business=business,
            placement_type=placement_type,
            api_availability=api_availability,
        )

        campaign_dto.additional_properties = d
        return campaign_dto

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
