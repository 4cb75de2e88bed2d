from enum import StrEnum

class DisputeKind(StrEnum):
    LOGISTICS = "logistics"
    MALICIOUS_CLAIM = "malicious_claim"

    def __str__(self) -> str:
        return str(self.value)
