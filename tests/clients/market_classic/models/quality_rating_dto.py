from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.quality_rating_component_dto import QualityRatingComponentDTO


T = TypeVar("T", bound="QualityRatingDTO")


@_attrs_define
class QualityRatingDTO:
    """Информация об индексе качества.

    Attributes:
        rating (int): Значение индекса качества.
        calculation_date (datetime.date): Дата вычисления.

            Формат даты: `ГГГГ‑ММ‑ДД`.
        components (list[QualityRatingComponentDTO]): Составляющие индекса качества.
    """

    rating: int
    calculation_date: datetime.date
    components: list[QualityRatingComponentDTO]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rating = self.rating

        calculation_date = self.calculation_date.isoformat()

        components = []
        for components_item_data in self.components:
            components_item = components_item_data.to_dict()
            components.append(components_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rating": rating,
                "calculationDate": calculation_date,
                "components": components,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quality_rating_component_dto import QualityRatingComponentDTO  # noqa: PLC0415

        d = dict(src_dict)
        rating = d.pop("rating")

        calculation_date = datetime.date.fromisoformat(d.pop("calculationDate"))

        components = []
        _components = d.pop("components")
        for components_item_data in _components:
            components_item = QualityRatingComponentDTO.from_dict(components_item_data)

            components.append(components_item)

        quality_rating_dto = cls(
            rating=rating,
            calculation_date=calculation_date,
            components=components,
        )

        quality_rating_dto.additional_properties = d
        return quality_rating_dto

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
