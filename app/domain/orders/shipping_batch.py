"""Batch shipping: up to 500 entries, run by app/domain/batches.py (each in its own
savepoint; one bad entry rolls back only itself and reports its problem)."""

from __future__ import annotations

from typing import Any, cast

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.batches import BatchShape, run_batch
from app.domain.orders.representation import masked
from app.domain.orders.schemas import BatchShipmentEntry, BatchShipResult, Order
from app.domain.shipments.service import ShipmentService

MAX_BATCH = 500


class BatchShipments(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "shipments": [
                        {"order_id": 101, "carrier_code": "SF", "tracking_no": "SF1234567890"},
                        {"order_id": 102, "carrier_code": "YTO", "tracking_no": "YT9876543210"},
                    ]
                }
            ]
        },
    )

    shipments: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        description="Entries `{order_id, carrier_code, tracking_no, lines?, expected_version?}` "
        "(the deprecated `carrier` and `items` still work); each is validated on its own and "
        "answered in `results` at the same position. Without `lines` an entry ships every unit "
        "the order has left as one parcel.",
    )


_SHAPE = BatchShape("shipments", "order_id", "order", BatchShipmentEntry)


async def ship_batch(
    session: AsyncSession,
    service: ShipmentService,
    shop_id: int,
    batch: BatchShipments,
    *,
    pii: bool,
    request_id: str | None = None,
) -> BatchShipResult:
    async def ship(entry: BatchShipmentEntry, loc: tuple[str | int, ...]) -> Order:
        order = await service.ship(shop_id, entry.order_id, entry, loc)
        return order if pii else masked(order)

    result = await run_batch(session, _SHAPE, batch.shipments, ship, request_id=request_id)
    return cast(BatchShipResult, result)
