from enum import StrEnum

class ComplaintKind(StrEnum):
    LOGISTICS = "logistics"
    NOT_AS_DESCRIBED = "not_as_described"
    OTHER = "other"
    QUALITY = "quality"
    SERVICE = "service"

    def __str__(self) -> str:
        return str(self.value)
