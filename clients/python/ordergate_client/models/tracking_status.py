from enum import StrEnum

class TrackingStatus(StrEnum):
    DELIVERED = "delivered"
    EXCEPTION = "exception"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    PICKED_UP = "picked_up"
    RETURNED_TO_SENDER = "returned_to_sender"

    def __str__(self) -> str:
        return str(self.value)
