from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.feedback_delivery_type import FeedbackDeliveryType
from ..types import UNSET, Unset

T = TypeVar("T", bound="FeedbackOrderDTO")


@_attrs_define
class FeedbackOrderDTO:
    """Информация о заказе, указанная в отзыве.

    Attributes:
        shop_order_id (str | Unset): Номер заказа, указанный в отзыве.
        delivery (FeedbackDeliveryType | Unset): Способ покупки, указанный в отзыве:

            * `DELIVERY` — доставка.
            * `PICKUP` — самовывоз.
            * `INSTORE` — в магазине.
    """

    shop_order_id: str | Unset = UNSET
    delivery: FeedbackDeliveryType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        shop_order_id = self.shop_order_id

        delivery: str | Unset = UNSET
        if not isinstance(self.delivery, Unset):
            delivery = self.delivery.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if shop_order_id is not UNSET:
            field_dict["shopOrderId"] = shop_order_id
        if delivery is not UNSET:
            field_dict["delivery"] = delivery

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        shop_order_id = d.pop("shopOrderId", UNSET)

        _delivery = d.pop("delivery", UNSET)
        delivery: FeedbackDeliveryType | Unset
        if isinstance(_delivery, Unset):
            delivery = UNSET
        else:
            delivery = FeedbackDeliveryType(_delivery)

        feedback_order_dto = cls(
            shop_order_id=shop_order_id,
            delivery=delivery,
        )

        feedback_order_dto.additional_properties = d
        return feedback_order_dto

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
