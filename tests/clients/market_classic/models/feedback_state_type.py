from enum import StrEnum


class FeedbackStateType(StrEnum):
    DELETED = "DELETED"
    LAST = "LAST"
    PREVIOUS = "PREVIOUS"

    def __str__(self) -> str:
        return str(self.value)
