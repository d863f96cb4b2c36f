from enum import StrEnum


class FeedbackCommentAuthorType(StrEnum):
    SHOP = "SHOP"
    USER = "USER"

    def __str__(self) -> str:
        return str(self.value)
