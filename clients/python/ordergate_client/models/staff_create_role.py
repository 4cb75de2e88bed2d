from enum import StrEnum

class StaffCreateRole(StrEnum):
    AFTER_SALES = "after_sales"
    SHIPPING = "shipping"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
