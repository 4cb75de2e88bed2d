"""Scalars and enums. Enum values are the REST strings, so rows pass through unconverted."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from app.domain.orders.filters import DayRangeName
from app.domain.orders.listing import OrderSort
from app.models.after_sales import AfterSaleStatus, AfterSaleType, ExchangeOfferStatus
from app.models.buyer_requests import (
    AddressChangeStatus,
    ComplaintKind,
    ComplaintStatus,
    DecidedBy,
)
from app.models.orders import OrderStatus, PayMethod, PayStatus, TrafficSource
from app.models.shipments import ShipmentStatus, TrackingStatus


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


# The domain's enums, defined once (app/models, app/domain): strawberry.enum registers each
# class itself, so GraphQL's names and values are theirs and rows pass through unconverted.
for _enum in (
    OrderStatus,
    PayStatus,
    PayMethod,
    TrafficSource,
    AfterSaleStatus,
    AfterSaleType,
    OrderSort,
    ShipmentStatus,
    TrackingStatus,
    AddressChangeStatus,
    DecidedBy,
    ComplaintKind,
    ComplaintStatus,
    ExchangeOfferStatus,
):
    strawberry.enum(_enum)
strawberry.enum(DayRangeName, name="DayRange")
DayRange = DayRangeName

__all__ = [
    "JSON",
    "SCALAR_MAP",
    "AddressChangeStatus",
    "AfterSaleStatus",
    "AfterSaleType",
    "ComplaintKind",
    "ComplaintStatus",
    "DateTime",
    "DayRange",
    "DecidedBy",
    "ExchangeOfferStatus",
    "Long",
    "OrderSort",
    "OrderStatus",
    "PayMethod",
    "PayStatus",
    "ShipmentStatus",
    "TrackingStatus",
    "TrafficSource",
]
