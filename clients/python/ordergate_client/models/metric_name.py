from enum import StrEnum

class MetricName(StrEnum):
    AOV = "aov"
    COMPLAINT_RATE = "complaint_rate"
    DISPUTE_RATE = "dispute_rate"
    GMV = "gmv"
    ORDERS = "orders"
    PAID_ORDERS = "paid_orders"
    PAYMENT_CONVERSION = "payment_conversion"
    RETURN_RATE = "return_rate"
    SHIP_TO_SIGN_HOURS = "ship_to_sign_hours"

    def __str__(self) -> str:
        return str(self.value)
