from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.campaign_quality_rating_dto import CampaignQualityRatingDTO


T = TypeVar("T", bound="CampaignsQualityRatingDTO")


@_attrs_define
class CampaignsQualityRatingDTO:
    """Информация об индексе качества магазинов.

    Attributes:
        campaign_ratings (list[CampaignQualityRatingDTO]): Список магазинов c информацией об их индексе качества.
    """

    campaign_ratings: list[CampaignQualityRatingDTO]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_ratings = []
        for campaign_ratings_item_data in self.campaign_ratings:
            campaign_ratings_item = campaign_ratings_item_data.to_dict()
            campaign_ratings.append(campaign_ratings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaignRatings": campaign_ratings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_quality_rating_dto import CampaignQualityRatingDTO  # noqa: PLC0415

        d = dict(src_dict)
        campaign_ratings = []
        _campaign_ratings = d.pop("campaignRatings")
        for campaign_ratings_item_data in _campaign_ratings:
            campaign_ratings_item = CampaignQualityRatingDTO.from_dict(campaign_ratings_item_data)

            campaign_ratings.append(campaign_ratings_item)

        campaigns_quality_rating_dto = cls(
            campaign_ratings=campaign_ratings,
        )

        campaigns_quality_rating_dto.additional_properties = d
        return campaigns_quality_rating_dto

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
