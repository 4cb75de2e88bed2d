from enum import StrEnum

class ListOrdersAllShopsPayStatusType0Item(StrEnum):
    PAID = "paid"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"
    UNPAID = "unpaid"

    def __str__(self) -> str:
        return str(self.value)
