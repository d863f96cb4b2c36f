from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_settings_time_period_dto import CampaignSettingsTimePeriodDTO


T = TypeVar("T", bound="CampaignSettingsScheduleDTO")


@_attrs_define
class CampaignSettingsScheduleDTO:
    """Расписание работы службы доставки в своем регионе.

    Attributes:
        custom_holidays (list[str]): Список дней, в которые служба доставки не работает. Дни магазин указал в кабинете
            продавца на Маркете.
        custom_working_days (list[str]): Список выходных и праздничных дней, в которые служба доставки работает. Дни
            магазин указал в кабинете продавца на Маркете.
        total_holidays (list[str]): Итоговый список нерабочих дней службы доставки. Список рассчитывается с учетом
            выходных, нерабочих дней и государственных праздников. Информацию по ним магазин указывает в кабинете продавца
            на Маркете.
        weekly_holidays (list[int]): Список выходных дней недели и государственных праздников.
        available_on_holidays (bool | Unset): Признак работы службы доставки в государственные праздники.
            Возможные значения.
            * `false` — служба доставки не работает в праздничные дни.
            * `true` — служба доставки работает в праздничные дни.
        period (CampaignSettingsTimePeriodDTO | Unset): Период, за который рассчитывается итоговый список нерабочих дней
            службы доставки.
    """

    custom_holidays: list[str]
    custom_working_days: list[str]
    total_holidays: list[str]
    weekly_holidays: list[int]
    available_on_holidays: bool | Unset = UNSET
    period: CampaignSettingsTimePeriodDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        custom_holidays = self.custom_holidays

        custom_working_days = self.custom_working_days

        total_holidays = self.total_holidays

        weekly_holidays = self.weekly_holidays

        available_on_holidays = self.available_on_holidays

        period: dict[str, Any] | Unset = UNSET
        if not isinstance(self.period, Unset):
            period = self.period.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "customHolidays": custom_holidays,
                "customWorkingDays": custom_working_days,
                "totalHolidays": total_holidays,
                "weeklyHolidays": weekly_holidays,
            }
        )
        if available_on_holidays is not UNSET:
            field_dict["availableOnHolidays"] = available_on_holidays
        if period is not UNSET:
            field_dict["period"] = period

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_settings_time_period_dto import CampaignSettingsTimePeriodDTO  # noqa: PLC0415

        d = dict(src_dict)
        custom_holidays = cast(list[str], d.pop("customHolidays"))

        custom_working_days = cast(list[str], d.pop("customWorkingDays"))

        total_holidays = cast(list[str], d.pop("totalHolidays"))

        weekly_holidays = cast(list[int], d.pop("weeklyHolidays"))

        available_on_holidays = d.pop("availableOnHolidays", UNSET)

        _period = d.pop("period", UNSET)
        period: CampaignSettingsTimePeriodDTO | Unset
        if isinstance(_period, Unset):
            period = UNSET
        else:
            period = CampaignSettingsTimePeriodDTO.from_dict(_period)

        campaign_settings_schedule_dto = cls(
            custom_holidays=custom_holidays,
            custom_working_days=custom_working_days,
            total_holidays=total_holidays,
            weekly_holidays=weekly_holidays,
            available_on_holidays=available_on_holidays,
            period=period,
        )

        campaign_settings_schedule_dto.additional_properties = d
        return campaign_settings_schedule_dto

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
