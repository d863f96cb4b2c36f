from enum import StrEnum


class ReportFormatType(StrEnum):
    CSV = "CSV"
    FILE = "FILE"

    def __str__(self) -> str:
        return str(self.value)
