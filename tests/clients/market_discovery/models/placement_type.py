from enum import StrEnum


class PlacementType(StrEnum):
    DBS = "DBS"
    FBS = "FBS"
    FBY = "FBY"
    LAAS = "LAAS"

    def __str__(self) -> str:
        return str(self.value)
