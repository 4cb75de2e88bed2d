from enum import StrEnum

class PayMethod(StrEnum):
    ALIPAY = "alipay"
    DOUYIN_PAY = "douyin_pay"
    WECHAT_PAY = "wechat_pay"

    def __str__(self) -> str:
        return str(self.value)
