from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.report_status_type import ReportStatusType
from ..models.report_sub_status_type import ReportSubStatusType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReportInfoDTO")


@_attrs_define
class ReportInfoDTO:
    """Статус генерации и ссылка на готовый отчет или документ.

    Attributes:
        status (ReportStatusType): Статус генерации:

            * `PENDING` — ожидает генерации.
            * `PROCESSING` — генерируется.
            * `FAILED` — во время генерации произошла ошибка.
            * `DONE` — отчет или документ готов.
        generation_requested_at (datetime.datetime): Дата и время запроса на генерацию.
        sub_status (ReportSubStatusType | Unset): Подстатус генерации:
            * `NO_DATA` — для такого отчета или документа нет данных.
            * `TOO_LARGE` — отчет или документ превысил допустимый размер — укажите меньший период времени или уточните
            условия запроса.
            * `RESOURCE_NOT_FOUND` — для такого отчета или документа не удалось найти часть сущностей.
        generation_finished_at (datetime.datetime | Unset): Дата и время завершения генерации.
        file (str | Unset): Ссылка на готовый отчет или документ.

            {% note warning "Срок действия ссылки" %}

            Ссылка актуальна **60 минут** с момента получения ответа. При каждом запросе `GET /v2/reports/info/{reportId}`
            генерируется новая ссылка, срок действия которой ограничен.

            **Рекомендация для интеграций:** сразу после получения ссылки скачайте отчет и сохраните его у себя. Не
            сохраняйте ссылку для последующего использования — она станет недействительной через после истечения срока
            действия.

            {% endnote %}
        estimated_generation_time (int | Unset): Ожидаемая продолжительность генерации в миллисекундах.
    """

    status: ReportStatusType
    generation_requested_at: datetime.datetime
    sub_status: ReportSubStatusType | Unset = UNSET
    generation_finished_at: datetime.datetime | Unset = UNSET
    file: str | Unset = UNSET
    estimated_generation_time: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        generation_requested_at = self.generation_requested_at.isoformat()

        sub_status: str | Unset = UNSET
        if not isinstance(self.sub_status, Unset):
            sub_status = self.sub_status.value

        generation_finished_at: str | Unset = UNSET
        if not isinstance(self.generation_finished_at, Unset):
            generation_finished_at = self.generation_finished_at.isoformat()

        file = self.file

        estimated_generation_time = self.estimated_generation_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "generationRequestedAt": generation_requested_at,
            }
        )
        if sub_status is not UNSET:
            field_dict["subStatus"] = sub_status
        if generation_finished_at is not UNSET:
            field_dict["generationFinishedAt"] = generation_finished_at
        if file is not UNSET:
            field_dict["file"] = file
        if estimated_generation_time is not UNSET:
            field_dict["estimatedGenerationTime"] = estimated_generation_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = ReportStatusType(d.pop("status"))

        generation_requested_at = datetime.datetime.fromisoformat(d.pop("generationRequestedAt"))

        _sub_status = d.pop("subStatus", UNSET)
        sub_status: ReportSubStatusType | Unset
        if isinstance(_sub_status, Unset):
            sub_status = UNSET
        else:
            sub_status = ReportSubStatusType(_sub_status)

        _generation_finished_at = d.pop("generationFinishedAt", UNSET)
        generation_finished_at: datetime.datetime | Unset
        if isinstance(_generation_finished_at, Unset):
            generation_finished_at = UNSET
        else:
            generation_finished_at = datetime.datetime.fromisoformat(_generation_finished_at)

        file = d.pop("file", UNSET)

        estimated_generation_time = d.pop("estimatedGenerationTime", UNSET)

        report_info_dto = cls(
            status=status,
            generation_requested_at=generation_requested_at,
            sub_status=sub_status,
            generation_finished_at=generation_finished_at,
            file=file,
            estimated_generation_time=estimated_generation_time,
        )

        report_info_dto.additional_properties = d
        return report_info_dto

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
