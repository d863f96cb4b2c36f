from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.packaging_forward_scrolling_pager_dto import PackagingForwardScrollingPagerDTO
    from ..models.warehouse_details_dto import WarehouseDetailsDTO


T = TypeVar("T", bound="PagedWarehousesDTO")


@_attrs_define
class PagedWarehousesDTO:
    """Информация о складах в кабинете.

    Attributes:
        warehouses (list[WarehouseDetailsDTO]): Список складов.
        paging (PackagingForwardScrollingPagerDTO | Unset): Идентификатор следующей страницы.
    """

    warehouses: list[WarehouseDetailsDTO]
    paging: PackagingForwardScrollingPagerDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        warehouses = []
        for warehouses_item_data in self.warehouses:
            warehouses_item = warehouses_item_data.to_dict()
            warehouses.append(warehouses_item)

        paging: dict[str, Any] | Unset = UNSET
        if not isinstance(self.paging, Unset):
            paging = self.paging.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "warehouses": warehouses,
            }
        )
        if paging is not UNSET:
            field_dict["paging"] = paging

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.packaging_forward_scrolling_pager_dto import PackagingForwardScrollingPagerDTO  # noqa: PLC0415
        from ..models.warehouse_details_dto import WarehouseDetailsDTO  # noqa: PLC0415

        d = dict(src_dict)
        warehouses = []
        _warehouses = d.pop("warehouses")
        for warehouses_item_data in _warehouses:
            warehouses_item = WarehouseDetailsDTO.from_dict(warehouses_item_data)

            warehouses.append(warehouses_item)

        _paging = d.pop("paging", UNSET)
        paging: PackagingForwardScrollingPagerDTO | Unset
        if isinstance(_paging, Unset):
            paging = UNSET
        else:
            paging = PackagingForwardScrollingPagerDTO.from_dict(_paging)

        paged_warehouses_dto = cls(
            warehouses=warehouses,
            paging=paging,
        )

        paged_warehouses_dto.additional_properties = d
        return paged_warehouses_dto

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
