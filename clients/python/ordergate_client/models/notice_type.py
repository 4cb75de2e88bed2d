from enum import StrEnum

class NoticeType(StrEnum):
    PING = "ping"
    REPORT_DAILY = "report.daily"

    def __str__(self) -> str:
        return str(self.value)
