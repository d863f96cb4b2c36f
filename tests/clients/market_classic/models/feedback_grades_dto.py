from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.feedback_factor_dto import FeedbackFactorDTO


T = TypeVar("T", bound="FeedbackGradesDTO")


@_attrs_define
class FeedbackGradesDTO:
    """Информация об оценках, которые поставил автор отзыва магазину, и об оценках полезности отзыва от других
    пользователей Маркета.

        Attributes:
            factors (list[FeedbackFactorDTO]): Информация об оценках по параметрам, указанных в отзыве.

                При создании отзыва автору предлагается поставить оценки магазину по нескольким параметрам: например, за
                скорость обработки заказа или удобство самовывоза. Набор параметров зависит от того, какой способ покупки
                (параметр `delivery`) указал автор.
            average (float | Unset): Общая оценка, указанная в отзыве: от `1` («Ужасный магазин») до `5` («Отличный
                магазин»).
            agree_count (int | Unset): Количество пользователей, считающих отзыв полезным.
            reject_count (int | Unset): Количество пользователей, считающих отзыв бесполезным.
    """

    factors: list[FeedbackFactorDTO]
    average: float | Unset = UNSET
    agree_count: int | Unset = UNSET
    reject_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        factors = []
        for factors_item_data in self.factors:
            factors_item = factors_item_data.to_dict()
            factors.append(factors_item)

        average = self.average

        agree_count = self.agree_count

        reject_count = self.reject_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "factors": factors,
            }
        )
        if average is not UNSET:
            field_dict["average"] = average
        if agree_count is not UNSET:
            field_dict["agreeCount"] = agree_count
        if reject_count is not UNSET:
            field_dict["rejectCount"] = reject_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.feedback_factor_dto import FeedbackFactorDTO  # noqa: PLC0415

        d = dict(src_dict)
        factors = []
        _factors = d.pop("factors")
        for factors_item_data in _factors:
            factors_item = FeedbackFactorDTO.from_dict(factors_item_data)

            factors.append(factors_item)

        average = d.pop("average", UNSET)

        agree_count = d.pop("agreeCount", UNSET)

        reject_count = d.pop("rejectCount", UNSET)

        feedback_grades_dto = cls(
            factors=factors,
            average=average,
            agree_count=agree_count,
            reject_count=reject_count,
        )

        feedback_grades_dto.additional_properties = d
        return feedback_grades_dto

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
