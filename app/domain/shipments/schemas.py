"""Parcels' inputs (lines, corrections, carrier tracking pushes) and read models (the line of
a parcel, its tracking). The parcel itself is published inside the order
(:class:`app.domain.orders.schemas.Shipment`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, RootModel, model_validator
from typing_extensions import TypedDict

from app.kit.contract import Timestamp, read_model
from app.kit.inputs import DateTimeIn, StrictModel, VersionedIn, never_null
from app.models.shipments import ShipmentStatus, TrackingStatus

__all__ = ["ShipmentStatus", "TrackingStatus"]

MAX_ID = 2**63 - 1
CarrierCode = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=r"^[^\x00-\x1f\x7f]+$",
        description="A registry code (GET /v1/carriers), e.g. SF.",
        examples=["SF"],
    ),
]
TrackingNo = Annotated[
    str, Field(min_length=4, max_length=64, pattern=r"^[A-Za-z0-9\-]+$", examples=["SF1234567890"])
]


class ShipmentLineIn(StrictModel):
    item_id: int = Field(ge=1, le=MAX_ID, description="The order item (line) id")
    quantity: int = Field(ge=1, le=9999, description="Units of that line in this parcel")


def unique_items(lines: list[ShipmentLineIn] | None) -> list[ShipmentLineIn] | None:
    if lines is not None and len({line.item_id for line in lines}) != len(lines):
        raise ValueError("each item_id may appear once in lines")
    return lines


class ShipmentPatch(VersionedIn):
    """A correction of a parcel's carrier or tracking number (at most 3, before delivery).
    Send at least one of ``carrier_code`` and ``tracking_no``: otherwise 422
    validation_error."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [{"tracking_no": "SF1234567899", "expected_version": 4}],
        },
    )

    carrier_code: CarrierCode | None = Field(default=None, json_schema_extra=never_null)
    tracking_no: TrackingNo | None = Field(default=None, json_schema_extra=never_null)

    @model_validator(mode="after")
    def _something(self) -> ShipmentPatch:
        if self.carrier_code is None and self.tracking_no is None:
            raise ValueError("set carrier_code or tracking_no")
        return self


class TrackingEventIn(StrictModel):
    at: DateTimeIn = Field(description="When the carrier scanned the parcel (RFC 3339)")
    status: TrackingStatus
    location: str | None = Field(default=None, min_length=1, max_length=200)
    description: str = Field(min_length=1, max_length=500)


class TrackingEventsIn(RootModel[list[TrackingEventIn]]):
    """Carrier scans of one parcel; a scan already recorded (same ``at`` and ``status``) is
    ignored, so a push can be replayed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                [
                    {
                        "at": "2026-11-26T09:00:00Z",
                        "status": "picked_up",
                        "location": "杭州",
                        "description": "快件已揽收",
                    }
                ]
            ]
        }
    )

    root: list[TrackingEventIn] = Field(min_length=1, max_length=100)


# -- read models ---------------------------------------------------------------------------


@read_model
class ShipmentLine(TypedDict):
    """Units of one order line in a parcel."""

    item_id: Annotated[int, Field(description="The order item (line) id.")]
    quantity: Annotated[int, Field(ge=1, examples=[1])]


@read_model
class TrackingEvent(TypedDict):
    """One carrier scan."""

    at: Timestamp
    status: TrackingStatus
    location: Annotated[str | None, Field(examples=["杭州转运中心"])]
    description: Annotated[str, Field(examples=["快件已到达杭州转运中心"])]


@read_model
class ShipmentTracking(TypedDict):
    """A parcel's logistics trace, oldest scan first."""

    shipment_id: int
    order_id: int
    carrier_code: Annotated[str, Field(examples=["SF"])]
    tracking_no: Annotated[str, Field(examples=["SF1234567890"])]
    tracking_url: Annotated[
        str | None, Field(description="The carrier's tracking page for this parcel.")
    ]
    status: ShipmentStatus
    signed_at: Annotated[Timestamp | None, Field(description="First delivered scan, or null.")]
    events: list[TrackingEvent]
