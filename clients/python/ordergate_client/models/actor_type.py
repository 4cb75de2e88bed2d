from enum import StrEnum

class ActorType(StrEnum):
    ACCOUNT = "account"
    APP = "app"
    INTERNAL = "internal"
    SYSTEM = "system"

    def __str__(self) -> str:
        return str(self.value)
