from enum import StrEnum

class AfterSaleActionAction(StrEnum):
    APPROVE = "approve"
    CLOSE = "close"
    CONFIRM_RETURN_RECEIVED = "confirm_return_received"
    OFFER_EXCHANGE = "offer_exchange"
    REFUND = "refund"
    REJECT = "reject"
    REQUEST_RETURN = "request_return"

    def __str__(self) -> str:
        return str(self.value)
