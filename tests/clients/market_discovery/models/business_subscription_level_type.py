from enum import StrEnum


class BusinessSubscriptionLevelType(StrEnum):
    LIGHT = "LIGHT"
    MEDIUM = "MEDIUM"
    NONE = "NONE"

    def __str__(self) -> str:
        return str(self.value)
