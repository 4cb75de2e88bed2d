from enum import StrEnum

class OrderStatus(StrEnum):
    CLOSED = "closed"
    COMPLETED = "completed"
    PAID = "paid"
    PENDING_PAYMENT = "pending_payment"
    SHIPPED = "shipped"

    def __str__(self) -> str:
        return str(self.value)
