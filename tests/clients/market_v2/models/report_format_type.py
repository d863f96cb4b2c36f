from enum import StrEnum


class ReportFormatType(StrEnum):
    CSV = "CSV"
    FILE = "FILE"
    JSON = "JSON"

    def __str__(self) -> str:
        return str(self.value)
