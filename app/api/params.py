"""Path parameter types shared by every router (bounded so no input reaches the DB unchecked)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_BIGINT = 2**63 - 1

ShopId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Shop id")]
OrderId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Order id")]
ShipmentId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Shipment (parcel) id")]
