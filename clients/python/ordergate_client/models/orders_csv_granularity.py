from enum import StrEnum

class OrdersCsvGranularity(StrEnum):
    ITEM = "item"
    ORDER = "order"

    def __str__(self) -> str:
        return str(self.value)
