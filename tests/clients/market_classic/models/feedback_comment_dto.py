from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.feedback_comment_author_dto import FeedbackCommentAuthorDTO


T = TypeVar("T", bound="FeedbackCommentDTO")


@_attrs_define
class FeedbackCommentDTO:
    """Комментарий к отзыву на магазин.

    Attributes:
        id (int | Unset): Идентификатор ответа.
        parent_id (int | Unset): Идентификатор родительского ответа.
        body (str | Unset): Текст ответа.
        created_at (datetime.datetime | Unset): Дата и время создания ответа.

            Формат даты: ISO 8601 со смещением относительно UTC. Например, `2017-11-21T00:00:00+03:00`.
        updated_at (datetime.datetime | Unset): Дата и время изменения ответа.

            Формат даты: ISO 8601 со смещением относительно UTC. Например, `2017-11-21T00:00:00+03:00`.
        author (FeedbackCommentAuthorDTO | Unset): Информация об авторе комментария.
        children (list[FeedbackCommentDTO] | None | Unset): Дочерние ответы.
    """

    id: int | Unset = UNSET
    parent_id: int | Unset = UNSET
    body: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    author: FeedbackCommentAuthorDTO | Unset = UNSET
    children: list[FeedbackCommentDTO] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        parent_id = self.parent_id

        body = self.body

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        author: dict[str, Any] | Unset = UNSET
        if not isinstance(self.author, Unset):
            author = self.author.to_dict()

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
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if parent_id is not UNSET:
            field_dict["parentId"] = parent_id
        if body is not UNSET:
            field_dict["body"] = body
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if author is not UNSET:
            field_dict["author"] = author
        if children is not UNSET:
            field_dict["children"] = children

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.feedback_comment_author_dto import FeedbackCommentAuthorDTO  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        parent_id = d.pop("parentId", UNSET)

        body = d.pop("body", UNSET)

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        _author = d.pop("author", UNSET)
        author: FeedbackCommentAuthorDTO | Unset
        if isinstance(_author, Unset):
            author = UNSET
        else:
            author = FeedbackCommentAuthorDTO.from_dict(_author)

        def _parse_children(data: object) -> list[FeedbackCommentDTO] | None | Unset:
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
                    children_type_0_item = FeedbackCommentDTO.from_dict(children_type_0_item_data)

                    children_type_0.append(children_type_0_item)

                return children_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FeedbackCommentDTO] | None | Unset, data)

        children = _parse_children(d.pop("children", UNSET))

        feedback_comment_dto = cls(
            id=id,
            parent_id=parent_id,
            body=body,
            created_at=created_at,
            updated_at=updated_at,
            author=author,
            children=children,
        )

        feedback_comment_dto.additional_properties = d
        return feedback_comment_dto

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
