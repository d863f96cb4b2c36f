from enum import StrEnum


class SourceType(StrEnum):
    ADVERTISER = "ADVERTISER"
    SELLER = "SELLER"

    def __str__(self) -> str:
        return str(self.value)
