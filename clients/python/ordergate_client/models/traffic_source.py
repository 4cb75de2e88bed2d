from enum import StrEnum

class TrafficSource(StrEnum):
    LIVE_ROOM = "live_room"
    OTHER = "other"
    PRODUCT_CARD = "product_card"
    SEARCH = "search"
    SHORT_VIDEO = "short_video"

    def __str__(self) -> str:
        return str(self.value)
