from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.quality_rating_component_type import QualityRatingComponentType

T = TypeVar("T", bound="QualityRatingComponentDTO")


@_attrs_define
class QualityRatingComponentDTO:
    """Составляющая индекса качества.

    Attributes:
        value (float): Значение составляющей в процентах.
        component_type (QualityRatingComponentType): Составляющие индекса качества.

            **Для модели DBS:**
            * `DBS_CANCELLATION_RATE` — доля отмененных товаров.
            * `DBS_LATE_DELIVERY_RATE` — доля заказов, доставленных после плановой даты.

            **Для моделей FBS и Экспресс:**
            * `FBS_CANCELLATION_RATE` — доля отмененных товаров.
            * `FBS_LATE_SHIP_RATE` — доля не вовремя отгруженных заказов.

            **Для модели FBY:**
            * `FBY_LATE_DELIVERY_RATE` — доля товаров, которые приехали на склад с опозданием.
            * `FBY_CANCELLATION_RATE` — доля отмененных или недоставленных товаров.
            * `FBY_DELIVERY_DIFF_RATE` — доля товаров, которые не прибыли вместе с поставкой или которые не приняли.
            * `FBY_LATE_EDITING_RATE` — доля товаров, которые поздно убрали из заявки.
    """

    value: float
    component_type: QualityRatingComponentType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        component_type = self.component_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "value": value,
                "componentType": component_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value = d.pop("value")

        component_type = QualityRatingComponentType(d.pop("componentType"))

        quality_rating_component_dto = cls(
            value=value,
            component_type=component_type,
        )

        quality_rating_component_dto.additional_properties = d
        return quality_rating_component_dto

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
