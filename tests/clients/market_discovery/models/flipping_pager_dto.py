from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FlippingPagerDTO")


@_attrs_define
class FlippingPagerDTO:
    """Модель для пагинации.

    Attributes:
        total (int | Unset): Сколько всего найдено элементов.
        from_ (int | Unset): Начальный номер найденного элемента на странице.
        to (int | Unset): Конечный номер найденного элемента на странице.
        current_page (int | Unset): Текущая страница.
        pages_count (int | Unset): Общее количество страниц.
        page_size (int | Unset): Размер страницы.
    """

    total: int | Unset = UNSET
    from_: int | Unset = UNSET
    to: int | Unset = UNSET
    current_page: int | Unset = UNSET
    pages_count: int | Unset = UNSET
    page_size: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        from_ = self.from_

        to = self.to

        current_page = self.current_page

        pages_count = self.pages_count

        page_size = self.page_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total is not UNSET:
            field_dict["total"] = total
        if from_ is not UNSET:
            field_dict["from"] = from_
        if to is not UNSET:
            field_dict["to"] = to
        if current_page is not UNSET:
            field_dict["currentPage"] = current_page
        if pages_count is not UNSET:
            field_dict["pagesCount"] = pages_count
        if page_size is not UNSET:
            field_dict["pageSize"] = page_size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total = d.pop("total", UNSET)

        from_ = d.pop("from", UNSET)

        to = d.pop("to", UNSET)

        current_page = d.pop("currentPage", UNSET)

        pages_count = d.pop("pagesCount", UNSET)

        page_size = d.pop("pageSize", UNSET)

        flipping_pager_dto = cls(
            total=total,
            from_=from_,
            to=to,
            current_page=current_page,
            pages_count=pages_count,
            page_size=page_size,
        )

        flipping_pager_dto.additional_properties = d
        return flipping_pager_dto

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
