from enum import StrEnum

class PayStatus(StrEnum):
    PAID = "paid"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"
    UNPAID = "unpaid"

    def __str__(self) -> str:
        return str(self.value)
