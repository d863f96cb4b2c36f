from enum import StrEnum


class FeedbackDeliveryType(StrEnum):
    DELIVERY = "DELIVERY"
    INSTORE = "INSTORE"
    PICKUP = "PICKUP"

    def __str__(self) -> str:
        return str(self.value)
