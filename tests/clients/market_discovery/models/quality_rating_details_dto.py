from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.quality_rating_affected_order_dto import QualityRatingAffectedOrderDTO


T = TypeVar("T", bound="QualityRatingDetailsDTO")


@_attrs_define
class QualityRatingDetailsDTO:
    """Информация о заказах, которые повлияли на индекс качества.

    Attributes:
        affected_orders (list[QualityRatingAffectedOrderDTO]): Список заказов, которые повлияли на индекс качества.
    """

    affected_orders: list[QualityRatingAffectedOrderDTO]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        affected_orders = []
        for affected_orders_item_data in self.affected_orders:
            affected_orders_item = affected_orders_item_data.to_dict()
            affected_orders.append(affected_orders_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "affectedOrders": affected_orders,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quality_rating_affected_order_dto import QualityRatingAffectedOrderDTO  # noqa: PLC0415

        d = dict(src_dict)
        affected_orders = []
        _affected_orders = d.pop("affectedOrders")
        for affected_orders_item_data in _affected_orders:
            affected_orders_item = QualityRatingAffectedOrderDTO.from_dict(affected_orders_item_data)

            affected_orders.append(affected_orders_item)

        quality_rating_details_dto = cls(
            affected_orders=affected_orders,
        )

        quality_rating_details_dto.additional_properties = d
        return quality_rating_details_dto

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
