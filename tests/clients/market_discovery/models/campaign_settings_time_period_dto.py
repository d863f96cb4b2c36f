from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CampaignSettingsTimePeriodDTO")


@_attrs_define
class CampaignSettingsTimePeriodDTO:
    """Период, за который рассчитывается итоговый список нерабочих дней службы доставки.

    Attributes:
        from_date (str | Unset): Формат даты: `ДД-ММ-ГГГГ`.
             Example: 23-09-2022.
        to_date (str | Unset): Формат даты: `ДД-ММ-ГГГГ`.
             Example: 23-09-2022.
    """

    from_date: str | Unset = UNSET
    to_date: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_date = self.from_date

        to_date = self.to_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if from_date is not UNSET:
            field_dict["fromDate"] = from_date
        if to_date is not UNSET:
            field_dict["toDate"] = to_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_date = d.pop("fromDate", UNSET)

        to_date = d.pop("toDate", UNSET)

        campaign_settings_time_period_dto = cls(
            from_date=from_date,
            to_date=to_date,
        )

        campaign_settings_time_period_dto.additional_properties = d
        return campaign_settings_time_period_dto

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
