"""Batch shipping: up to 500 entries, each in its own savepoint, so one bad entry (invalid,
unknown order, wrong state, stale version) rolls back only itself and reports its problem."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.orders.representation import masked
from app.domain.orders.schemas import BatchShipEntry, BatchShipmentEntry, BatchShipResult
from app.domain.shipments.service import ShipmentService
from app.errors import AppError, ValidationFailed

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


def _entry_error(index: int, exc: ValidationError) -> ValidationFailed:
    errors = [
        {"loc": ["shipments", index, *[str(p) for p in e["loc"]]], "msg": e["msg"]}
        for e in exc.errors()
    ]
    return ValidationFailed(f"Shipment entry {index} is invalid.", errors)


async def ship_batch(
    session: AsyncSession,
    service: ShipmentService,
    shop_id: int,
    batch: BatchShipments,
    *,
    pii: bool,
    request_id: str | None = None,
) -> BatchShipResult:
    results: list[BatchShipEntry] = []
    for index, raw in enumerate(batch.shipments):
        order_id = raw.get("order_id")
        try:
            entry = BatchShipmentEntry.model_validate(raw)
        except ValidationError as exc:
            problem = _entry_error(index, exc).problem(request_id)
            bad_id = order_id if isinstance(order_id, int) else None
            results.append({"order_id": bad_id, "ok": False, "error": problem})
            continue
        savepoint = await session.begin_nested()
        try:
            order = await service.ship(shop_id, entry.order_id, entry, ("shipments", index))
        except AppError as exc:
            await savepoint.rollback()
            results.append(
                {"order_id": entry.order_id, "ok": False, "error": exc.problem(request_id)}
            )
            continue
        await savepoint.commit()
        results.append(
            {"order_id": entry.order_id, "ok": True, "order": order if pii else masked(order)}
        )
    ok = sum(1 for r in results if r["ok"])
    return {"results": results, "succeeded": ok, "failed": len(results) - ok}
