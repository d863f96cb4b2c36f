from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.feedback_state_type import FeedbackStateType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.feedback_author_dto import FeedbackAuthorDTO
    from ..models.feedback_comment_dto import FeedbackCommentDTO
    from ..models.feedback_grades_dto import FeedbackGradesDTO
    from ..models.feedback_order_dto import FeedbackOrderDTO
    from ..models.feedback_shop_dto import FeedbackShopDTO


T = TypeVar("T", bound="FeedbackDTO")


@_attrs_define
class FeedbackDTO:
    """Отзыв пользователя Яндекс Маркета об указанном магазине.

    Attributes:
        comments (list[FeedbackCommentDTO]): Переписка автора отзыва с магазином.
        id (int | Unset): Идентификатор отзыва.
        created_at (datetime.datetime | Unset): Дата и время создания отзыва.

            Формат даты: ISO 8601 со смещением относительно UTC. Например, `2017-11-21T00:00:00+03:00`.
        text (str | Unset): Комментарий автора отзыва.
        state (FeedbackStateType | Unset): Статус отзыва:

            * `LAST` — актуален.
            * `PREVIOUS` — устарел.
            * `DELETED` — удален.
        author (FeedbackAuthorDTO | Unset): Информация об авторе отзыва.

            Если отзыв оставлен анонимно, параметр не возвращается.
        pro (str | Unset): Достоинства магазина, описанные в отзыве.
        contra (str | Unset): Недостатки магазина, описанные в отзыве.
        shop (FeedbackShopDTO | Unset): Информация о магазине.
        resolved (bool | Unset): Решена ли проблема автора отзыва:

            * `true` — да.
            * `false` — нет.

            Если проблема решена, около отзыва на странице магазина появляется соответствующая надпись.
        verified (bool | Unset): {% note warning "Этот параметр устарел" %}

            Не используйте его.

            {% endnote %}

            Является ли отзыв рекомендованным:

            * `true` — да.
            * `false` — нет.
        recommend (bool | Unset): Купил бы автор отзыва в магазине снова:

            * `true` — да.
            * `false` — нет.
        grades (FeedbackGradesDTO | Unset): Информация об оценках, которые поставил автор отзыва магазину, и об оценках
            полезности отзыва от других пользователей Маркета.
        order (FeedbackOrderDTO | Unset): Информация о заказе, указанная в отзыве.
    """

    comments: list[FeedbackCommentDTO]
    id: int | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    text: str | Unset = UNSET
    state: FeedbackStateType | Unset = UNSET
    author: FeedbackAuthorDTO | Unset = UNSET
    pro: str | Unset = UNSET
    contra: str | Unset = UNSET
    shop: FeedbackShopDTO | Unset = UNSET
    resolved: bool | Unset = UNSET
    verified: bool | Unset = UNSET
    recommend: bool | Unset = UNSET
    grades: FeedbackGradesDTO | Unset = UNSET
    order: FeedbackOrderDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comments = []
        for comments_item_data in self.comments:
            comments_item = comments_item_data.to_dict()
            comments.append(comments_item)

        id = self.id

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        text = self.text

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.value

        author: dict[str, Any] | Unset = UNSET
        if not isinstance(self.author, Unset):
            author = self.author.to_dict()

        pro = self.pro

        contra = self.contra

        shop: dict[str, Any] | Unset = UNSET
        if not isinstance(self.shop, Unset):
            shop = self.shop.to_dict()

        resolved = self.resolved

        verified = self.verified

        recommend = self.recommend

        grades: dict[str, Any] | Unset = UNSET
        if not isinstance(self.grades, Unset):
            grades = self.grades.to_dict()

        order: dict[str, Any] | Unset = UNSET
        if not isinstance(self.order, Unset):
            order = self.order.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "comments": comments,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if text is not UNSET:
            field_dict["text"] = text
        if state is not UNSET:
            field_dict["state"] = state
        if author is not UNSET:
            field_dict["author"] = author
        if pro is not UNSET:
            field_dict["pro"] = pro
        if contra is not UNSET:
            field_dict["contra"] = contra
        if shop is not UNSET:
            field_dict["shop"] = shop
        if resolved is not UNSET:
            field_dict["resolved"] = resolved
        if verified is not UNSET:
            field_dict["verified"] = verified
        if recommend is not UNSET:
            field_dict["recommend"] = recommend
        if grades is not UNSET:
            field_dict["grades"] = grades
        if order is not UNSET:
            field_dict["order"] = order

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.feedback_author_dto import FeedbackAuthorDTO  # noqa: PLC0415
        from ..models.feedback_comment_dto import FeedbackCommentDTO  # noqa: PLC0415
        from ..models.feedback_grades_dto import FeedbackGradesDTO  # noqa: PLC0415
        from ..models.feedback_order_dto import FeedbackOrderDTO  # noqa: PLC0415
        from ..models.feedback_shop_dto import FeedbackShopDTO  # noqa: PLC0415

        d = dict(src_dict)
        comments = []
        _comments = d.pop("comments")
        for comments_item_data in _comments:
            comments_item = FeedbackCommentDTO.from_dict(comments_item_data)

            comments.append(comments_item)

        id = d.pop("id", UNSET)

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        text = d.pop("text", UNSET)

        _state = d.pop("state", UNSET)
        state: FeedbackStateType | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = FeedbackStateType(_state)

        _author = d.pop("author", UNSET)
        author: FeedbackAuthorDTO | Unset
        if isinstance(_author, Unset):
            author = UNSET
        else:
            author = FeedbackAuthorDTO.from_dict(_author)

        pro = d.pop("pro", UNSET)

        contra = d.pop("contra", UNSET)

        _shop = d.pop("shop", UNSET)
        shop: FeedbackShopDTO | Unset
        if isinstance(_shop, Unset):
            shop = UNSET
        else:
            shop = FeedbackShopDTO.from_dict(_shop)

        resolved = d.pop("resolved", UNSET)

        verified = d.pop("verified", UNSET)

        recommend = d.pop("recommend", UNSET)

        _grades = d.pop("grades", UNSET)
        grades: FeedbackGradesDTO | Unset
        if isinstance(_grades, Unset):
            grades = UNSET
        else:
            grades = FeedbackGradesDTO.from_dict(_grades)

        _order = d.pop("order", UNSET)
        order: FeedbackOrderDTO | Unset
        if isinstance(_order, Unset):
            order = UNSET
        else:
            order = FeedbackOrderDTO.from_dict(_order)

        feedback_dto = cls(
            comments=comments,
            id=id,
            created_at=created_at,
            text=text,
            state=state,
            author=author,
            pro=pro,
            contra=contra,
            shop=shop,
            resolved=resolved,
            verified=verified,
            recommend=recommend,
            grades=grades,
            order=order,
        )

        feedback_dto.additional_properties = d
        return feedback_dto

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
