"""The one translation table of enum values in export files (``locale=zh``): every enum
that appears in an export column, member by member. ``tests/unit/test_export_labels.py``
fails when an enum gains a member without a label."""

from __future__ import annotations

from enum import StrEnum

from app.models.after_sales import AfterSaleStatus, AfterSaleType
from app.models.orders import OrderStatus, PayMethod, PayStatus, TrafficSource

ZH: dict[type[StrEnum], dict[str, str]] = {
    OrderStatus: {
        "pending_payment": "待支付",
        "paid": "待发货",
        "shipped": "已发货",
        "completed": "已完成",
        "closed": "已关闭",
        "partially_shipped": "部分发货",
    },
    PayStatus: {
        "unpaid": "未支付",
        "paid": "已支付",
        "partially_refunded": "部分退款",
        "refunded": "已退款",
    },
    PayMethod: {"douyin_pay": "抖音支付", "alipay": "支付宝", "wechat_pay": "微信支付"},
    TrafficSource: {
        "live_room": "直播间",
        "short_video": "短视频",
        "product_card": "商品卡",
        "search": "搜索",
        "other": "其他",
    },
    AfterSaleType: {"refund_only": "仅退款", "return_refund": "退货退款", "exchange": "换货"},
    AfterSaleStatus: {
        "requested": "待处理",
        "approved": "已同意",
        "rejected": "已拒绝",
        "awaiting_return": "待退货",
        "returned": "已退货",
        "refunded": "已退款",
        "exchanged": "已换货",
        "exchange_offered": "协商换货中",
        "closed": "已关闭",
    },
}
YES_NO_ZH = {"true": "是", "false": "否"}


def _case(col: str, labels: dict[str, str]) -> str:
    arms = " ".join(f"WHEN '{value}' THEN '{label}'" for value, label in labels.items())
    return f"CASE {col} {arms} ELSE {col} END"


def translated(col: str, enum: type[StrEnum]) -> str:
    """SQL: the zh label of an enum column's value (unknown values pass through)."""
    return _case(col, ZH[enum])


def yes_no(col: str, *, zh: bool) -> str:
    """SQL: a boolean column as ``true``/``false`` (or 是/否)."""
    yes, no = (YES_NO_ZH["true"], YES_NO_ZH["false"]) if zh else ("true", "false")
    return f"CASE WHEN {col} THEN '{yes}' ELSE '{no}' END"
