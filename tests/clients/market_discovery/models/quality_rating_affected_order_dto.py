from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.affected_order_quality_rating_component_type import AffectedOrderQualityRatingComponentType

T = TypeVar("T", bound="QualityRatingAffectedOrderDTO")


@_attrs_define
class QualityRatingAffectedOrderDTO:
    """Информация о заказе, который повлиял на индекс качества.

    Attributes:
        order_id (int): Идентификатор заказа.
        description (str): Описание проблемы.
        component_type (AffectedOrderQualityRatingComponentType): Составляющие индекса качества.

            **Для модели DBS:**
            * `DBS_CANCELLATION_RATE` — доля отмененных товаров.
            * `DBS_LATE_DELIVERY_RATE` — доля заказов, доставленных после плановой даты.

            **Для моделей FBS и Экспресс:**
            * `FBS_CANCELLATION_RATE` — доля отмененных товаров.
            * `FBS_LATE_SHIP_RATE` — доля не вовремя отгруженных заказов.
    """

    order_id: int
    description: str
    component_type: AffectedOrderQualityRatingComponentType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        description = self.description

        component_type = self.component_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "orderId": order_id,
                "description": description,
                "componentType": component_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_id = d.pop("orderId")

        description = d.pop("description")

        component_type = AffectedOrderQualityRatingComponentType(d.pop("componentType"))

        quality_rating_affected_order_dto = cls(
            order_id=order_id,
            description=description,
            component_type=component_type,
        )

        quality_rating_affected_order_dto.additional_properties = d
        return quality_rating_affected_order_dto

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
