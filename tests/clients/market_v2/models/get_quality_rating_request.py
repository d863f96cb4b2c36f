from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetQualityRatingRequest")


@_attrs_define
class GetQualityRatingRequest:
    """Запрос информации по индексу качества.

    Attributes:
        campaign_ids (list[int]): Список идентификаторов кампаний магазинов.
        date_from (datetime.date | Unset): Начало периода.

            Формат даты: `ГГГГ‑ММ‑ДД`.

            Не может быть раньше 30 дней от текущей даты.
        date_to (datetime.date | Unset): Конец периода.

            Формат даты: `ГГГГ‑ММ‑ДД`.

            Не может быть позже текущей даты.
    """

    campaign_ids: list[int]
    date_from: datetime.date | Unset = UNSET
    date_to: datetime.date | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_ids = self.campaign_ids

        date_from: str | Unset = UNSET
        if not isinstance(self.date_from, Unset):
            date_from = self.date_from.isoformat()

        date_to: str | Unset = UNSET
        if not isinstance(self.date_to, Unset):
            date_to = self.date_to.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaignIds": campaign_ids,
            }
        )
        if date_from is not UNSET:
            field_dict["dateFrom"] = date_from
        if date_to is not UNSET:
            field_dict["dateTo"] = date_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        campaign_ids = cast(list[int], d.pop("campaignIds"))

        _date_from = d.pop("dateFrom", UNSET)
        date_from: datetime.date | Unset
        if isinstance(_date_from, Unset):
            date_from = UNSET
        else:
            date_from = datetime.date.fromisoformat(_date_from)

        _date_to = d.pop("dateTo", UNSET)
        date_to: datetime.date | Unset
        if isinstance(_date_to, Unset):
            date_to = UNSET
        else:
            date_to = datetime.date.fromisoformat(_date_to)

        get_quality_rating_request = cls(
            campaign_ids=campaign_ids,
            date_from=date_from,
            date_to=date_to,
        )

        get_quality_rating_request.additional_properties = d
        return get_quality_rating_request

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
