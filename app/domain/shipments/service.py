"""Parcels: ship one (whole or part of the order), correct its carrier or tracking number.

Every write locks the order, checks its version and leaves the order's trail through
:meth:`OrderService.record` (parcels are part of the order aggregate: the order's version,
change-log row and ETag cover them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.domain.carriers.repository import CarrierRegistry
from app.domain.orders.schemas import Order as OrderOut
from app.domain.orders.schemas import OrderShip, OrderStatus
from app.domain.orders.service import OrderService
from app.domain.orders.states import ORDER_MACHINE
from app.domain.shipments.errors import CorrectionLimitReached, ShipmentDelivered
from app.domain.shipments.lines import parcel_lines, unshipped
from app.domain.shipments.schemas import ShipmentPatch, ShipmentStatus
from app.errors import NotFound
from app.kit.clock import utcnow
from app.models import Order, Shipment

MAX_CORRECTIONS = 3


class ShipmentService:
    def __init__(self, orders: OrderService) -> None:
        self.orders = orders
        self.session = orders.session
        self.carriers = CarrierRegistry(orders.session)

    async def get(self, shop_id: int, shipment_id: int, order_id: int | None = None) -> Shipment:
        """The parcel in the caller's scope (and of ``order_id`` when given), or 404."""
        stmt = select(Shipment).where(
            Shipment.shop_id == self.orders.orders.scope.require(shop_id),
            Shipment.id == shipment_id,
        )
        if order_id is not None:
            stmt = stmt.where(Shipment.order_id == order_id)
        shipment = await self.session.scalar(stmt)
        if shipment is None:
            raise NotFound(f"Shipment {shipment_id} was not found in shop {shop_id}.")
        return shipment

    async def ship(
        self, shop_id: int, order_id: int, data: OrderShip, loc: tuple[str | int, ...] = ("body",)
    ) -> OrderOut:
        """One parcel: ``paid``/``partially_shipped`` -> ``partially_shipped`` while units are
        left, ``shipped`` once every unit is in a parcel."""
        order = await self.orders.lock_for(shop_id, order_id, "ship", data.expected_version)
        code = await self.carriers.resolve(data.carrier_code, data.carrier, loc)
        repo = self.orders.orders
        items = (await repo.items_of(shop_id, [order_id])).get(order_id, [])
        earlier = (await repo.shipments_of(shop_id, [order_id])).get(order_id, [])
        left = unshipped(items, earlier)
        lines = parcel_lines(left, data.lines, data.item_ids)
        for line in lines:
            left[line["item_id"]] -= line["quantity"]
        partial = any(n > 0 for n in left.values())
        now = utcnow()
        shipment = Shipment(
            shop_id=shop_id,
            order_id=order_id,
            carrier_code=code,
            tracking_no=data.tracking_no,
            lines=lines,
            status=ShipmentStatus.SHIPPED,
            corrections=0,
            shipped_at=now,
            updated_at=now,
        )
        repo.add(shipment)
        first = order.shipped_at is None
        before = order.version
        order.status = ORDER_MACHINE.target(order.status, "ship", "partial" if partial else None)
        if first:
            order.shipped_at = now
        await self.session.flush()
        event = {
            "shipment_id": shipment.id,
            "carrier_code": code,
            "tracking_no": data.tracking_no,
            "lines": lines,
            "partial": partial,
        }
        change = "order.shipped" if first else "order.updated"
        return await self.orders.record(order, change, "shipped", before, event, now=now)

    async def correct(
        self, shop_id: int, order_id: int, shipment_id: int, data: ShipmentPatch
    ) -> OrderOut:
        """Change a parcel's carrier and/or tracking number: before delivery, at most 3 times."""
        order = await self.orders.lock_for(shop_id, order_id, None, data.expected_version)
        shipment = await self.get(shop_id, shipment_id, order_id)
        if shipment.status == ShipmentStatus.DELIVERED or shipment.signed_at is not None:
            raise ShipmentDelivered(f"Shipment {shipment_id} was delivered.")
        if shipment.corrections >= MAX_CORRECTIONS:
            raise CorrectionLimitReached(
                f"Shipment {shipment_id} was corrected {shipment.corrections} times already.",
                corrections=shipment.corrections,
            )
        code = shipment.carrier_code
        if data.carrier_code is not None:
            code = await self.carriers.resolve(data.carrier_code, None, ("body",))
        tracking_no = data.tracking_no or shipment.tracking_no
        if (code, tracking_no) == (shipment.carrier_code, shipment.tracking_no):
            return await self.orders.public(order)  # nothing changes: nothing to record
        event: dict[str, Any] = {
            "shipment_id": shipment.id,
            "from": {"carrier_code": shipment.carrier_code, "tracking_no": shipment.tracking_no},
            "to": {"carrier_code": code, "tracking_no": tracking_no},
            "corrections": shipment.corrections + 1,
        }
        now = utcnow()
        shipment.carrier_code = code
        shipment.tracking_no = tracking_no
        shipment.corrections += 1
        shipment.updated_at = now
        before = order.version
        await self.session.flush()
        return await self.orders.record(
            order, "shipment.updated", "shipment_updated", before, event, now=now
        )


def all_delivered(order: Order, shipments: list[Shipment]) -> bool:
    """Every unit shipped and every parcel delivered: the order is signed for."""
    return (
        order.status == OrderStatus.SHIPPED
        and bool(shipments)
        and all(s.status == ShipmentStatus.DELIVERED for s in shipments)
    )
