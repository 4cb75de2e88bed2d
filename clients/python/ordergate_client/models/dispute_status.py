from enum import StrEnum

class DisputeStatus(StrEnum):
    EVIDENCE_SUBMITTED = "evidence_submitted"
    LOST = "lost"
    OPEN = "open"
    UNDER_REVIEW = "under_review"
    WON = "won"

    def __str__(self) -> str:
        return str(self.value)
