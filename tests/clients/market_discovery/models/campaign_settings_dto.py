from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_settings_local_region_dto import CampaignSettingsLocalRegionDTO
    from ..models.taxation_info_dto import TaxationInfoDTO


T = TypeVar("T", bound="CampaignSettingsDTO")


@_attrs_define
class CampaignSettingsDTO:
    """Настройки магазина.

    Attributes:
        taxation (TaxationInfoDTO): Информация о налогообложении.
        country_region (int | Unset): Идентификатор региона, в котором находится магазин.
        shop_name (str | Unset): Наименование магазина на Яндекс Маркете.
            Если наименование отсутствует, значение параметра выводится — `null`.
        show_in_context (bool | Unset): Признак размещения магазина на сайтах партнеров Яндекс Дистрибуции.
            Возможные значения:
            * `false` — магазин не размещен на сайтах партнеров Яндекс Дистрибуции.
            * `true` — магазин размещен на сайтах партнеров Яндекс Дистрибуции.
        show_in_premium (bool | Unset): Признак показа предложений магазина в блоке над результатами поиска
            (cпецразмещение).
            Возможные значения:
            * `false` — предложения не показываются в блоке cпецразмещения.
            * `true` — предложения показываются в блоке cпецразмещения.
        use_open_stat (bool | Unset): Признак использования внешней интернет-статистики.
            Возможные значения:
            * `false` — внешняя интернет-статистика не используется.
            * `true` — внешняя интернет-статистика используется.
        local_region (CampaignSettingsLocalRegionDTO | Unset): Информация о своем регионе магазина.
    """

    taxation: TaxationInfoDTO
    country_region: int | Unset = UNSET
    shop_name: str | Unset = UNSET
    show_in_context: bool | Unset = UNSET
    show_in_premium: bool | Unset = UNSET
    use_open_stat: bool | Unset = UNSET
    local_region: CampaignSettingsLocalRegionDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        taxation = self.taxation.to_dict()

        country_region = self.country_region

        shop_name = self.shop_name

        show_in_context = self.show_in_context

        show_in_premium = self.show_in_premium

        use_open_stat = self.use_open_stat

        local_region: dict[str, Any] | Unset = UNSET
        if not isinstance(self.local_region, Unset):
            local_region = self.local_region.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "taxation": taxation,
            }
        )
        if country_region is not UNSET:
            field_dict["countryRegion"] = country_region
        if shop_name is not UNSET:
            field_dict["shopName"] = shop_name
        if show_in_context is not UNSET:
            field_dict["showInContext"] = show_in_context
        if show_in_premium is not UNSET:
            field_dict["showInPremium"] = show_in_premium
        if use_open_stat is not UNSET:
            field_dict["useOpenStat"] = use_open_stat
        if local_region is not UNSET:
            field_dict["localRegion"] = local_region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_settings_local_region_dto import CampaignSettingsLocalRegionDTO  # noqa: PLC0415
        from ..models.taxation_info_dto import TaxationInfoDTO  # noqa: PLC0415

        d = dict(src_dict)
        taxation = TaxationInfoDTO.from_dict(d.pop("taxation"))

        country_region = d.pop("countryRegion", UNSET)

        shop_name = d.pop("shopName", UNSET)

        show_in_context = d.pop("showInContext", UNSET)

        show_in_premium = d.pop("showInPremium", UNSET)

        use_open_stat = d.pop("useOpenStat", UNSET)

        _local_region = d.pop("localRegion", UNSET)
        local_region: CampaignSettingsLocalRegionDTO | Unset
        if isinstance(_local_region, Unset):
            local_region = UNSET
        else:
            local_region = CampaignSettingsLocalRegionDTO.from_dict(_local_region)

        campaign_settings_dto = cls(
            taxation=taxation,
            country_region=country_region,
            shop_name=shop_name,
            show_in_context=show_in_context,
            show_in_premium=show_in_premium,
            use_open_stat=use_open_stat,
            local_region=local_region,
        )

        campaign_settings_dto.additional_properties = d
        return campaign_settings_dto

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
