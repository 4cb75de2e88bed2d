"""Parcel errors (stable codes; see docs/errors.md)."""

from __future__ import annotations

from app.errors import Conflict, ValidationFailed


class QuantityExceedsUnshipped(ValidationFailed):
    code = "quantity_exceeds_unshipped"
    title = "More units than the order line has left to ship"


class CorrectionLimitReached(Conflict):
    code = "correction_limit_reached"
    title = "A parcel's carrier or tracking number can be corrected at most 3 times"


class ShipmentDelivered(Conflict):
    code = "shipment_delivered"
    title = "The parcel was delivered; it can no longer be corrected"
