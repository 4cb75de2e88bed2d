from enum import StrEnum

class TopBuyersBy(StrEnum):
    AOV = "aov"
    GMV = "gmv"

    def __str__(self) -> str:
        return str(self.value)
