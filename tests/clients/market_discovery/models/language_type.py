from enum import StrEnum


class LanguageType(StrEnum):
    EN = "EN"
    RU = "RU"

    def __str__(self) -> str:
        return str(self.value)
