from enum import StrEnum

class AfterSaleStatus(StrEnum):
    APPROVED = "approved"
    AWAITING_RETURN = "awaiting_return"
    CLOSED = "closed"
    EXCHANGED = "exchanged"
    EXCHANGE_OFFERED = "exchange_offered"
    REFUNDED = "refunded"
    REJECTED = "rejected"
    REQUESTED = "requested"
    RETURNED = "returned"

    def __str__(self) -> str:
        return str(self.value)
