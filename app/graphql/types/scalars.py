"""Scalars and enums. Enum values are the REST strings, so rows pass through unconverted."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any, NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition


def _parse_datetime(value: Any) -> str:
    parsed = datetime.fromisoformat(str(value))
    if parsed.tzinfo is None:
        raise ValueError("DateTime needs a UTC offset (RFC 3339)")
    return parsed.isoformat()


def _same(value: Any) -> Any:
    return value


# Scalars are plain NewTypes in annotations; their GraphQL definitions go to the schema
# through StrawberryConfig.scalar_map (Strawberry's current API; wrapping the type itself
# with strawberry.scalar(cls) is deprecated).
DateTime = NewType("DateTime", str)
JSON = NewType("JSON", object)
Long = NewType("Long", int)

SCALAR_MAP: dict[object, ScalarDefinition] = {
    DateTime: strawberry.scalar(
        name="DateTime",
        description="RFC 3339 instant in UTC, e.g. 2026-11-26T08:00:00Z",
        serialize=_same,
        parse_value=_parse_datetime,
    ),
    JSON: strawberry.scalar(
        name="JSON",
        description="Arbitrary JSON (timeline event details)",
        serialize=_same,
        parse_value=_same,
    ),
    Long: strawberry.scalar(
        name="Long",
        description="64-bit integer (money totals in fen may exceed 32 bits)",
        serialize=int,
        parse_value=int,
    ),
}


@strawberry.enum
class OrderStatus(enum.Enum):
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    SHIPPED = "shipped"
    COMPLETED = "completed"
    CLOSED = "closed"


@strawberry.enum
class PayStatus(enum.Enum):
    UNPAID = "unpaid"
    PAID = "paid"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"


@strawberry.enum
class PayMethod(enum.Enum):
    DOUYIN_PAY = "douyin_pay"
    ALIPAY = "alipay"
    WECHAT_PAY = "wechat_pay"


@strawberry.enum
class TrafficSource(enum.Enum):
    LIVE_ROOM = "live_room"
    SHORT_VIDEO = "short_video"
    PRODUCT_CARD = "product_card"
    SEARCH = "search"
    OTHER = "other"


@strawberry.enum
class AfterSaleStatus(enum.Enum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    AWAITING_RETURN = "awaiting_return"
    RETURNED = "returned"
    REFUNDED = "refunded"
    EXCHANGED = "exchanged"
    CLOSED = "closed"


@strawberry.enum
class AfterSaleType(enum.Enum):
    REFUND_ONLY = "refund_only"
    RETURN_REFUND = "return_refund"
    EXCHANGE = "exchange"


@strawberry.enum
class DayRange(enum.Enum):
    TODAY = "today"
    LAST_7_DAYS = "last_7_days"
    LAST_30_DAYS = "last_30_days"


@strawberry.enum
class OrderSort(enum.Enum):
    CREATED_AT_DESC = "-created_at"
    CREATED_AT_ASC = "created_at"
    PAID_AMOUNT_DESC = "-paid_amount"
    UPDATED_AT_DESC = "-updated_at"
