from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GenerateReportDTO")


@_attrs_define
class GenerateReportDTO:
    """Идентификатор, который понадобится для отслеживания статуса генерации и получения готового отчета.

    Attributes:
        report_id (str): Идентификатор, который понадобится для отслеживания статуса генерации и получения готового
            отчета.
        estimated_generation_time (int): Ожидаемая продолжительность генерации в миллисекундах.
    """

    report_id: str
    estimated_generation_time: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        report_id = self.report_id

        estimated_generation_time = self.estimated_generation_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reportId": report_id,
                "estimatedGenerationTime": estimated_generation_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        report_id = d.pop("reportId")

        estimated_generation_time = d.pop("estimatedGenerationTime")

        generate_report_dto = cls(
            report_id=report_id,
            estimated_generation_time=estimated_generation_time,
        )

        generate_report_dto.additional_properties = d
        return generate_report_dto

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
