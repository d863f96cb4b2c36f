from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.api_response_status_type import ApiResponseStatusType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.get_business_settings_info_dto import GetBusinessSettingsInfoDTO


T = TypeVar("T", bound="GetBusinessSettingsResponse")


@_attrs_define
class GetBusinessSettingsResponse:
    """Ответ на запрос настроек кабинета.

    Attributes:
        status (ApiResponseStatusType): Тип ответа.
            Возможные значения:
            * `OK` — ошибок нет.
            * `ERROR` — при обработке запроса произошла ошибка.
        result (GetBusinessSettingsInfoDTO | Unset): Информация о кабинете и его настройках.
    """

    status: ApiResponseStatusType
    result: GetBusinessSettingsInfoDTO | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.get_business_settings_info_dto import GetBusinessSettingsInfoDTO  # noqa: PLC0415

        d = dict(src_dict)
        status = ApiResponseStatusType(d.pop("status"))

        _result = d.pop("result", UNSET)
        result: GetBusinessSettingsInfoDTO | Unset
        if isinstance(_result, Unset):
            result = UNSET
        else:
            result = GetBusinessSettingsInfoDTO.from_dict(_result)

        get_business_settings_response = cls(
            status=status,
            result=result,
        )

        get_business_settings_response.additional_properties = d
        return get_business_settings_response

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
