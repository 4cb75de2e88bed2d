"""The carrier registry and parcels' logistics traces (the parcel itself is on Order)."""

from __future__ import annotations

import strawberry

from app.graphql.types.scalars import DateTime, ShipmentStatus, TrackingStatus


@strawberry.type(description="A carrier of the registry; send its code as carrierCode")
class Carrier:
    code: str
    name_zh: str
    name_en: str
    tracking_url: str | None = strawberry.field(
        description="Tracking page template; {tracking_no} stands for the number"
    )


@strawberry.type(description="One carrier scan of a parcel")
class TrackingEvent:
    at: DateTime
    status: TrackingStatus
    location: str | None
    description: str


@strawberry.type(description="A parcel's logistics trace, oldest scan first")
class ShipmentTracking:
    shipment_id: int
    order_id: int
    carrier_code: str
    tracking_no: str
    tracking_url: str | None
    status: ShipmentStatus
    signed_at: DateTime | None
    events: list[TrackingEvent]
