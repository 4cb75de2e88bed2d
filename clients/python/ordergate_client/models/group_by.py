from enum import StrEnum

class GroupBy(StrEnum):
    AUTHOR = "author"
    PAY_METHOD = "pay_method"
    PROVINCE = "province"
    TRAFFIC_SOURCE = "traffic_source"

    def __str__(self) -> str:
        return str(self.value)
