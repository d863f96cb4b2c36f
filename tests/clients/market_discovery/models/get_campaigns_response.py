from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_dto import CampaignDTO
    from ..models.flipping_pager_dto import FlippingPagerDTO
    from ..models.packaging_forward_scrolling_pager_dto import PackagingForwardScrollingPagerDTO


T = TypeVar("T", bound="GetCampaignsResponse")


@_attrs_define
class GetCampaignsResponse:
    """Результаты поиска магазинов.

    Attributes:
        campaigns (list[CampaignDTO]): Список с информацией по каждому магазину.
        pager (FlippingPagerDTO | Unset): Модель для пагинации.
        paging (PackagingForwardScrollingPagerDTO | Unset): Идентификатор следующей страницы.
    """

    campaigns: list[CampaignDTO]
    pager: FlippingPagerDTO | Unset = UNSET
    paging: PackagingForwardScrollingPagerDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaigns = []
        for campaigns_item_data in self.campaigns:
            campaigns_item = campaigns_item_data.to_dict()
            campaigns.append(campaigns_item)

        pager: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pager, Unset):
            pager = self.pager.to_dict()

        paging: dict[str, Any] | Unset = UNSET
        if not isinstance(self.paging, Unset):
            paging = self.paging.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaigns": campaigns,
            }
        )
        if pager is not UNSET:
            field_dict["pager"] = pager
        if paging is not UNSET:
            field_dict["paging"] = paging

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_dto import CampaignDTO  # noqa: PLC0415
        from ..models.flipping_pager_dto import FlippingPagerDTO  # noqa: PLC0415
        from ..models.packaging_forward_scrolling_pager_dto import PackagingForwardScrollingPagerDTO  # noqa: PLC0415

        d = dict(src_dict)
        campaigns = []
        _campaigns = d.pop("campaigns")
        for campaigns_item_data in _campaigns:
            campaigns_item = CampaignDTO.from_dict(campaigns_item_data)

            campaigns.append(campaigns_item)

        _pager = d.pop("pager", UNSET)
        pager: FlippingPagerDTO | Unset
        if isinstance(_pager, Unset):
            pager = UNSET
        else:
            pager = FlippingPagerDTO.from_dict(_pager)

        _paging = d.pop("paging", UNSET)
        paging: PackagingForwardScrollingPagerDTO | Unset
        if isinstance(_paging, Unset):
            paging = UNSET
        else:
            paging = PackagingForwardScrollingPagerDTO.from_dict(_paging)

        get_campaigns_response = cls(
            campaigns=campaigns,
            pager=pager,
            paging=paging,
        )

        get_campaigns_response.additional_properties = d
        return get_campaigns_response

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
