from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.region_dto import RegionDTO


T = TypeVar("T", bound="FeedbackAuthorDTO")


@_attrs_define
class FeedbackAuthorDTO:
    """Информация об авторе отзыва.

    Если отзыв оставлен анонимно, параметр не возвращается.

        Attributes:
            name (str | Unset): Имя автора отзыва.
            region (RegionDTO | Unset): Регион доставки.
    """

    name: str | Unset = UNSET
    region: RegionDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        region: dict[str, Any] | Unset = UNSET
        if not isinstance(self.region, Unset):
            region = self.region.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.region_dto import RegionDTO  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _region = d.pop("region", UNSET)
        region: RegionDTO | Unset
        if isinstance(_region, Unset):
            region = UNSET
        else:
            region = RegionDTO.from_dict(_region)

        feedback_author_dto = cls(
            name=name,
            region=region,
        )

        feedback_author_dto.additional_properties = d
        return feedback_author_dto

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
