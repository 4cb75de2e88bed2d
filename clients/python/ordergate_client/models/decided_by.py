from enum import StrEnum

class DecidedBy(StrEnum):
    AUTO = "auto"
    MERCHANT = "merchant"

    def __str__(self) -> str:
        return str(self.value)
