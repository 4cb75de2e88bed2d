from enum import StrEnum

class Role(StrEnum):
    AFTER_SALES = "after_sales"
    OWNER = "owner"
    SHIPPING = "shipping"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
