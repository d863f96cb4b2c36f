from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.quality_rating_dto import QualityRatingDTO


T = TypeVar("T", bound="CampaignQualityRatingDTO")


@_attrs_define
class CampaignQualityRatingDTO:
    """Информация об индексе качества магазина.

    Attributes:
        campaign_id (int): Идентификатор магазина.
        ratings (list[QualityRatingDTO]): Список значений индекса качества.
    """

    campaign_id: int
    ratings: list[QualityRatingDTO]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_id = self.campaign_id

        ratings = []
        for ratings_item_data in self.ratings:
            ratings_item = ratings_item_data.to_dict()
            ratings.append(ratings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaignId": campaign_id,
                "ratings": ratings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quality_rating_dto import QualityRatingDTO  # noqa: PLC0415

        d = dict(src_dict)
        campaign_id = d.pop("campaignId")

        ratings = []
        _ratings = d.pop("ratings")
        for ratings_item_data in _ratings:
            ratings_item = QualityRatingDTO.from_dict(ratings_item_data)

            ratings.append(ratings_item)

        campaign_quality_rating_dto = cls(
            campaign_id=campaign_id,
            ratings=ratings,
        )

        campaign_quality_rating_dto.additional_properties = d
        return campaign_quality_rating_dto

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
