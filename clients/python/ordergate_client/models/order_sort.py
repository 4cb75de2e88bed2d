from enum import StrEnum

class OrderSort(StrEnum):
    CREATED_AT = "created_at"
    VALUE_0 = "-created_at"
    VALUE_2 = "-paid_amount"
    VALUE_3 = "-updated_at"

    def __str__(self) -> str:
        return str(self.value)
