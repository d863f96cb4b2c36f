from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.feedback_dto import FeedbackDTO
    from ..models.scrolling_pager_dto import ScrollingPagerDTO


T = TypeVar("T", bound="FeedbackListDTO")


@_attrs_define
class FeedbackListDTO:
    """Отзывы пользователей Яндекс Маркета об указанном магазине.

    Attributes:
        feedback_list (list[FeedbackDTO]): Список отзывов.

            Содержит не более 20 отзывов.
        paging (ScrollingPagerDTO | Unset): Информация о страницах результатов.
    """

    feedback_list: list[FeedbackDTO]
    paging: ScrollingPagerDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        feedback_list = []
        for feedback_list_item_data in self.feedback_list:
            feedback_list_item = feedback_list_item_data.to_dict()
            feedback_list.append(feedback_list_item)

        paging: dict[str, Any] | Unset = UNSET
        if not isinstance(self.paging, Unset):
            paging = self.paging.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "feedbackList": feedback_list,
            }
        )
        if paging is not UNSET:
            field_dict["paging"] = paging

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.feedback_dto import FeedbackDTO  # noqa: PLC0415
        from ..models.scrolling_pager_dto import ScrollingPagerDTO  # noqa: PLC0415

        d = dict(src_dict)
        feedback_list = []
        _feedback_list = d.pop("feedbackList")
        for feedback_list_item_data in _feedback_list:
            feedback_list_item = FeedbackDTO.from_dict(feedback_list_item_data)

            feedback_list.append(feedback_list_item)

        _paging = d.pop("paging", UNSET)
        paging: ScrollingPagerDTO | Unset
        if isinstance(_paging, Unset):
            paging = UNSET
        else:
            paging = ScrollingPagerDTO.from_dict(_paging)

        feedback_list_dto = cls(
            feedback_list=feedback_list,
            paging=paging,
        )

        feedback_list_dto.additional_properties = d
        return feedback_list_dto

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
