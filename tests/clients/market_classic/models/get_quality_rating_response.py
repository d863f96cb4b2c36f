from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.api_response_status_type import ApiResponseStatusType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaigns_quality_rating_dto import CampaignsQualityRatingDTO


T = TypeVar("T", bound="GetQualityRatingResponse")


@_attrs_define
class GetQualityRatingResponse:
    """Информация об индексе качества магазинов.

    Attributes:
        status (ApiResponseStatusType | Unset): Тип ответа.
        result (CampaignsQualityRatingDTO | Unset): Информация об индексе качества магазинов.
    """

    status: ApiResponseStatusType | Unset = UNSET
    result: CampaignsQualityRatingDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaigns_quality_rating_dto import CampaignsQualityRatingDTO  # noqa: PLC0415

        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: ApiResponseStatusType | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ApiResponseStatusType(_status)

        _result = d.pop("result", UNSET)
        result: CampaignsQualityRatingDTO | Unset
        if isinstance(_result, Unset):
            result = UNSET
        else:
            result = CampaignsQualityRatingDTO.from_dict(_result)

        get_quality_rating_response = cls(
            status=status,
            result=result,
        )

        get_quality_rating_response.additional_properties = d
        return get_quality_rating_response

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
