from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_settings_dto import CampaignSettingsDTO


T = TypeVar("T", bound="GetCampaignSettingsResponse")


@_attrs_define
class GetCampaignSettingsResponse:
    """Ответ на запрос настроек магазина.

    Attributes:
        settings (CampaignSettingsDTO | Unset): Настройки магазина.
    """

    settings: CampaignSettingsDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if settings is not UNSET:
            field_dict["settings"] = settings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_settings_dto import CampaignSettingsDTO  # noqa: PLC0415

        d = dict(src_dict)
        _settings = d.pop("settings", UNSET)
        settings: CampaignSettingsDTO | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = CampaignSettingsDTO.from_dict(_settings)

        get_campaign_settings_response = cls(
            settings=settings,
        )

        get_campaign_settings_response.additional_properties = d
        return get_campaign_settings_response

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
