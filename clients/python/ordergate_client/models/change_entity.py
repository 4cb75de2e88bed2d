from enum import StrEnum

class ChangeEntity(StrEnum):
    ADDRESS_CHANGE = "address_change"
    AFTER_SALE = "after_sale"
    COMPLAINT = "complaint"
    DISPUTE = "dispute"
    ORDER = "order"

    def __str__(self) -> str:
        return str(self.value)
