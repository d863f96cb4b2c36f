from enum import StrEnum


class WarehouseStatusType(StrEnum):
    DISABLED_MANUALLY = "DISABLED_MANUALLY"
    OTHER = "OTHER"

    def __str__(self) -> str:
        return str(self.value)
