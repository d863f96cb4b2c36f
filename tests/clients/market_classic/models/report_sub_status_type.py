from enum import StrEnum


class ReportSubStatusType(StrEnum):
    NO_DATA = "NO_DATA"
    RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND"
    TOO_LARGE = "TOO_LARGE"

    def __str__(self) -> str:
        return str(self.value)
