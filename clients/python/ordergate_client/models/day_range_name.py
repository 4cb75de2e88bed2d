from enum import StrEnum

class DayRangeName(StrEnum):
    LAST_30_DAYS = "last_30_days"
    LAST_7_DAYS = "last_7_days"
    TODAY = "today"

    def __str__(self) -> str:
        return str(self.value)
