from enum import StrEnum

class ChangeEntity(StrEnum):
    AFTER_SALE = "after_sale"
    DISPUTE = "dispute"
    ORDER = "order"

    def __str__(self) -> str:
        return str(self.value)
