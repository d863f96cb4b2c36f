from enum import StrEnum


class WarehouseComponentType(StrEnum):
    ADDRESS = "ADDRESS"
    STATUS = "STATUS"

    def __str__(self) -> str:
        return str(self.value)
