from enum import StrEnum

class DisputeDecisionOutcome(StrEnum):
    LOST = "lost"
    WON = "won"

    def __str__(self) -> str:
        return str(self.value)
