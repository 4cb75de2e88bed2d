from enum import StrEnum

class AfterSaleType(StrEnum):
    EXCHANGE = "exchange"
    REFUND_ONLY = "refund_only"
    RETURN_REFUND = "return_refund"

    def __str__(self) -> str:
        return str(self.value)
