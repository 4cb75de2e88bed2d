from enum import StrEnum

class OrderStatus(StrEnum):
    CLOSED = "closed"
    COMPLETED = "completed"
    PAID = "paid"
    PARTIALLY_SHIPPED = "partially_shipped"
    PENDING_PAYMENT = "pending_payment"
    SHIPPED = "shipped"

    def __str__(self) -> str:
        return str(self.value)
