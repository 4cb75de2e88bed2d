"""Metrics (DESIGN §13 definitions, same service as REST) and the change feed as types."""

from __future__ import annotations

import strawberry

from app.graphql.types.scalars import JSON, DateTime, Long


@strawberry.type
class ShipToSignHours:
    avg: float | None
    p50: float | None
    p90: float | None


@strawberry.type(description="Metric values over a range (shop timezone)")
class Metrics:
    orders: int
    paid_orders: int
    gmv: Long = strawberry.field(description="Fen")
    payment_conversion: float | None
    aov: int | None = strawberry.field(description="Fen")
    ship_to_sign_hours: ShipToSignHours
    return_rate: float | None
    dispute_rate: float | None


@strawberry.type
class PreviousPeriod:
    from_: str = strawberry.field(name="from")
    to: str
    metrics: Metrics


@strawberry.type
class MetricsSummary:
    from_: str = strawberry.field(name="from")
    to: str
    timezone: str
    metrics: Metrics
    previous: PreviousPeriod


@strawberry.type
class Change:
    id: Long
    type: str
    entity: str
    entity_id: Long
    entity_version: int
    created_at: DateTime
    data: JSON


@strawberry.type(description="A page of the change feed; loop on endCursor forever")
class ChangePage:
    nodes: list[Change]
    end_cursor: str
    has_more: bool
    horizon_lag_ms: int
