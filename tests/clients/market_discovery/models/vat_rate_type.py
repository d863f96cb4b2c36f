from enum import StrEnum


class VatRateType(StrEnum):
    NO_VAT = "NO_VAT"
    VAT_05 = "VAT_05"
    VAT_07 = "VAT_07"
    VAT_10 = "VAT_10"
    VAT_12 = "VAT_12"
    VAT_22 = "VAT_22"

    def __str__(self) -> str:
        return str(self.value)
