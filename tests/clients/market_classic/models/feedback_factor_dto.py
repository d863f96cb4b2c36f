from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FeedbackFactorDTO")


@_attrs_define
class FeedbackFactorDTO:
    """Информация об оценках по параметрам, указанных в отзыве.

    При создании отзыва автору предлагается поставить оценки магазину по нескольким параметрам: например, за скорость
    обработки заказа или удобство самовывоза. Набор параметров зависит от того, какой способ покупки (параметр
    `delivery`) указал автор.

        Attributes:
            id (int | Unset): Идентификатор параметра.
            title (str | Unset): Название параметра. Например, `Скорость обработки заказа`.
            description (str | Unset): Описание параметра. Например, `Как быстро с вами связались для подтверждения
                заказа?`.
            value (int | Unset): Оценка по параметру, указанная в отзыве: от `1` (низшая оценка) до `5` (высшая оценка).
    """

    id: int | Unset = UNSET
    title: str | Unset = UNSET
    description: str | Unset = UNSET
    value: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        description = self.description

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        title = d.pop("title", UNSET)

        description = d.pop("description", UNSET)

        value = d.pop("value", UNSET)

        feedback_factor_dto = cls(
            id=id,
            title=title,
            description=description,
            value=value,
        )

        feedback_factor_dto.additional_properties = d
        return feedback_factor_dto

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
