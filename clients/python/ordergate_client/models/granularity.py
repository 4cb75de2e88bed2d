from enum import StrEnum

class Granularity(StrEnum):
    ITEM = "item"
    ORDER = "order"

    def __str__(self) -> str:
        return str(self.value)
