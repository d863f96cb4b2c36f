from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.business_subscription_level_type import BusinessSubscriptionLevelType
from ..models.business_trait_type import BusinessTraitType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.business_dto import BusinessDTO
    from ..models.business_settings_dto import BusinessSettingsDTO


T = TypeVar("T", bound="GetBusinessSettingsInfoDTO")


@_attrs_define
class GetBusinessSettingsInfoDTO:
    """Информация о кабинете и его настройках.

    Attributes:
        info (BusinessDTO | Unset): Информация о кабинете.
        settings (BusinessSettingsDTO | Unset): Настройки кабинета.
        subscription_level (BusinessSubscriptionLevelType | Unset): Уровень подписки кабинета:

            * `NONE` — подписка отсутствует.
            * `LIGHT` — уровень подписки Лайт.
            * `MEDIUM` — уровень подписки Медиум.
        traits (list[BusinessTraitType] | None | Unset): Свойства кабинета.
    """

    info: BusinessDTO | Unset = UNSET
    settings: BusinessSettingsDTO | Unset = UNSET
    subscription_level: BusinessSubscriptionLevelType | Unset = UNSET
    traits: list[BusinessTraitType] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.info, Unset):
            info = self.info.to_dict()

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        subscription_level: str | Unset = UNSET
        if not isinstance(self.subscription_level, Unset):
            subscription_level = self.subscription_level.value

        traits: list[str] | None | Unset
        if isinstance(self.traits, Unset):
            traits = UNSET
        elif isinstance(self.traits, list):
            traits = []
            for traits_type_0_item_data in self.traits:
                traits_type_0_item = traits_type_0_item_data.value
                traits.append(traits_type_0_item)

        else:
            traits = self.traits

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if info is not UNSET:
            field_dict["info"] = info
        if settings is not UNSET:
            field_dict["settings"] = settings
        if subscription_level is not UNSET:
            field_dict["subscriptionLevel"] = subscription_level
        if traits is not UNSET:
            field_dict["traits"] = traits

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.business_dto import BusinessDTO  # noqa: PLC0415
        from ..models.business_settings_dto import BusinessSettingsDTO  # noqa: PLC0415

        d = dict(src_dict)
        _info = d.pop("info", UNSET)
        info: BusinessDTO | Unset
        if isinstance(_info, Unset):
            info = UNSET
        else:
            info = BusinessDTO.from_dict(_info)

        _settings = d.pop("settings", UNSET)
        settings: BusinessSettingsDTO | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = BusinessSettingsDTO.from_dict(_settings)

        _subscription_level = d.pop("subscriptionLevel", UNSET)
        subscription_level: BusinessSubscriptionLevelType | Unset
        if isinstance(_subscription_level, Unset):
            subscription_level = UNSET
        else:
            subscription_level = BusinessSubscriptionLevelType(_subscription_level)

        def _parse_traits(data: object) -> list[BusinessTraitType] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                traits_type_0 = []
                _traits_type_0 = data
                for traits_type_0_item_data in _traits_type_0:
                    traits_type_0_item = BusinessTraitType(traits_type_0_item_data)

                    traits_type_0.append(traits_type_0_item)

                return traits_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[BusinessTraitType] | None | Unset, data)

        traits = _parse_traits(d.pop("traits", UNSET))

        get_business_settings_info_dto = cls(
            info=info,
            settings=settings,
            subscription_level=subscription_level,
            traits=traits,
        )

        get_business_settings_info_dto.additional_properties = d
        return get_business_settings_info_dto

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
