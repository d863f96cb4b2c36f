from enum import StrEnum


class AffectedOrderQualityRatingComponentType(StrEnum):
    DBS_CANCELLATION_RATE = "DBS_CANCELLATION_RATE"
    DBS_LATE_DELIVERY_RATE = "DBS_LATE_DELIVERY_RATE"
    FBS_CANCELLATION_RATE = "FBS_CANCELLATION_RATE"
    FBS_LATE_SHIP_RATE = "FBS_LATE_SHIP_RATE"

    def __str__(self) -> str:
        return str(self.value)
