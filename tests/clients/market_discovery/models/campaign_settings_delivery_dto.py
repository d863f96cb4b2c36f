from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_settings_schedule_dto import CampaignSettingsScheduleDTO


T = TypeVar("T", bound="CampaignSettingsDeliveryDTO")


@_attrs_define
class CampaignSettingsDeliveryDTO:
    """Информация о доставке в своем регионе магазина.

    Attributes:
        schedule (CampaignSettingsScheduleDTO | Unset): Расписание работы службы доставки в своем регионе.
    """

    schedule: CampaignSettingsScheduleDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        schedule: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schedule, Unset):
            schedule = self.schedule.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if schedule is not UNSET:
            field_dict["schedule"] = schedule

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_settings_schedule_dto import CampaignSettingsScheduleDTO  # noqa: PLC0415

        d = dict(src_dict)
        _schedule = d.pop("schedule", UNSET)
        schedule: CampaignSettingsScheduleDTO | Unset
        if isinstance(_schedule, Unset):
            schedule = UNSET
        else:
            schedule = CampaignSettingsScheduleDTO.from_dict(_schedule)

        campaign_settings_delivery_dto = cls(
            schedule=schedule,
        )

        campaign_settings_delivery_dto.additional_properties = d
        return campaign_settings_delivery_dto

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
