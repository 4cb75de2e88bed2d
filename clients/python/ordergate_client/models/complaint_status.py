from enum import StrEnum

class ComplaintStatus(StrEnum):
    OPEN = "open"
    RESPONDED = "responded"

    def __str__(self) -> str:
        return str(self.value)
