from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GenerateGoodsFeedbackRequest")


@_attrs_define
class GenerateGoodsFeedbackRequest:
    """Данные, необходимые для генерации отчета.

    Attributes:
        business_id (int): Идентификатор кабинета. {% if audience == "partner" %}Чтобы его узнать, воспользуйтесь
            запросом [GET v2/campaigns](../../reference/campaigns/getCampaigns.md).

            ℹ️ [Что такое кабинет и магазин на Маркете](https://yandex.ru/support/marketplace/account/introduction.html)
            {% endif %}
    """

    business_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        business_id = self.business_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "businessId": business_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        business_id = d.pop("businessId")

        generate_goods_feedback_request = cls(
            business_id=business_id,
        )

        generate_goods_feedback_request.additional_properties = d
        return generate_goods_feedback_request

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
