from enum import StrEnum

class EvidenceKind(StrEnum):
    CHAT_LOG = "chat_log"
    OTHER = "other"
    QC_REPORT = "qc_report"
    SHIPPING_PROOF = "shipping_proof"

    def __str__(self) -> str:
        return str(self.value)
