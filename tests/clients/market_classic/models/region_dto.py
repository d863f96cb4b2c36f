from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.region_type import RegionType
from ..types import UNSET, Unset

T = TypeVar("T", bound="RegionDTO")


@_attrs_define
class RegionDTO:
    """Регион доставки.

    Attributes:
        name (str): Название региона.
        type_ (RegionType): Тип региона.

            Возможные значения:

            * `CITY_DISTRICT` — район города.

            * `CITY` — крупный город.

            * `CONTINENT` — континент.

            * `COUNTRY_DISTRICT` — область.

            * `COUNTRY` — страна.

            * `REGION` — регион.

            * `REPUBLIC_AREA` — район субъекта федерации.

            * `REPUBLIC` — субъект федерации.

            * `SUBWAY_STATION` — станция метро.

            * `VILLAGE` — город.

            * `OTHER` — неизвестный регион.
        id (int | Unset): Идентификатор региона.
        parent (RegionDTO | Unset): Регион доставки.
        children (list[RegionDTO] | None | Unset): Дочерние регионы.
    """

    name: str
    type_: RegionType
    id: int | Unset = UNSET
    parent: RegionDTO | Unset = UNSET
    children: list[RegionDTO] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_.value

        id = self.id

        parent: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parent, Unset):
            parent = self.parent.to_dict()

        children: list[dict[str, Any]] | None | Unset
        if isinstance(self.children, Unset):
            children = UNSET
        elif isinstance(self.children, list):
            children = []
            for children_type_0_item_data in self.children:
                children_type_0_item = children_type_0_item_data.to_dict()
                children.append(children_type_0_item)

        else:
            children = self.children

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "type": type_,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if parent is not UNSET:
            field_dict["parent"] = parent
        if children is not UNSET:
            field_dict["children"] = children

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        type_ = RegionType(d.pop("type"))

        id = d.pop("id", UNSET)

        _parent = d.pop("parent", UNSET)
        parent: RegionDTO | Unset
        if isinstance(_parent, Unset):
            parent = UNSET
        else:
            parent = RegionDTO.from_dict(_parent)

        def _parse_children(data: object) -> list[RegionDTO] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                children_type_0 = []
                _children_type_0 = data
                for children_type_0_item_data in _children_type_0:
                    children_type_0_item = RegionDTO.from_dict(children_type_0_item_data)

                    children_type_0.append(children_type_0_item)

                return children_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RegionDTO] | None | Unset, data)

        children = _parse_children(d.pop("children", UNSET))

        region_dto = cls(
            name=name,
            type_=type_,
            id=id,
            parent=parent,
            children=children,
        )

        region_dto.additional_properties = d
        return region_dto

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
