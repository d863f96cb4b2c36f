from enum import StrEnum


class BusinessTraitType(StrEnum):
    MARKET_YANDEX_GO = "MARKET_YANDEX_GO"

    def __str__(self) -> str:
        return str(self.value)
