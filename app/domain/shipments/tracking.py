"""Logistics traces: carrier scans pushed by the commerce core, read by merchants.

A push records the scans not seen before (unique by parcel, ``at`` and ``status``), moves the
parcel to its latest scan's status, flags the order on an ``exception`` scan and, when every
parcel of a fully shipped order is delivered, signs the order at the last delivery."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from app.domain.carriers.repository import tracking_url
from app.domain.shipments.schemas import (
    ShipmentStatus,
    ShipmentTracking,
    TrackingEventIn,
    TrackingStatus,
)
from app.domain.shipments.schemas import TrackingEvent as TrackingEventOut
from app.domain.shipments.service import ShipmentService, all_delivered
from app.kit.clock import rfc3339, utcnow
from app.models import Carrier, Order, Shipment, TrackingEvent

EXCEPTION_FLAG = "logistics_exception"


def event_public(event: TrackingEvent) -> TrackingEventOut:
    return {
        "at": rfc3339(event.at),
        "status": event.status,
        "location": event.location,
        "description": event.description,
    }


class TrackingService:
    def __init__(self, shipments: ShipmentService) -> None:
        self.shipments = shipments
        self.orders = shipments.orders
        self.session = shipments.session

    async def trace(
        self, shop_id: int, shipment_id: int, order_id: int | None = None
    ) -> ShipmentTracking:
        shipment = await self.shipments.get(shop_id, shipment_id, order_id)
        return await self._trace(shipment)

    async def _trace(self, shipment: Shipment) -> ShipmentTracking:
        events = await self._events(shipment)
        template = await self.session.scalar(
            select(Carrier.tracking_url).where(Carrier.code == shipment.carrier_code)
        )
        return {
            "shipment_id": shipment.id,
            "order_id": shipment.order_id,
            "carrier_code": shipment.carrier_code,
            "tracking_no": shipment.tracking_no,
            "tracking_url": tracking_url(template, shipment.tracking_no),
            "status": shipment.status,
            "signed_at": rfc3339(shipment.signed_at),
            "events": [event_public(e) for e in events],
        }

    async def _events(self, shipment: Shipment) -> list[TrackingEvent]:
        rows = await self.session.scalars(
            select(TrackingEvent)
            .where(
                TrackingEvent.shop_id == shipment.shop_id,
                TrackingEvent.shipment_id == shipment.id,
            )
            .order_by(TrackingEvent.at, TrackingEvent.id)
        )
        return list(rows)

    async def ingest(
        self, shop_id: int, shipment_id: int, events: Sequence[TrackingEventIn]
    ) -> ShipmentTracking:
        """Record new scans (replays are ignored) and what they imply for parcel and order."""
        shipment = await self.shipments.get(shop_id, shipment_id)
        order = await self.orders.lock_for(shop_id, shipment.order_id, None, None)
        # The order lock serialises pushes for its parcels; re-read the parcel under it.
        await self.session.refresh(shipment)
        new = await self._insert(shipment, events)
        if not new:
            return await self._trace(shipment)
        now = utcnow()
        history = await self._events(shipment)
        shipment.status = ShipmentStatus(history[-1].status)
        delivered = [e.at for e in history if e.status == TrackingStatus.DELIVERED]
        if delivered and shipment.signed_at is None:
            shipment.signed_at = min(delivered)
        shipment.updated_at = now
        if any(e.status == TrackingStatus.EXCEPTION for e in new) and not order.flagged:
            order.flagged = True
            order.flag_reason = EXCEPTION_FLAG
        await self.session.flush()
        event: dict[str, Any] = {
            "shipment_id": shipment.id,
            "tracking_no": shipment.tracking_no,
            "status": shipment.status,
            "events": [event_public(e) for e in new],
        }
        await self.orders.record(
            order, "shipment.tracking_updated", "tracking_updated", order.version, event, now=now
        )
        await self._sign_when_delivered(order, now)
        return await self._trace(shipment)

    async def _insert(
        self, shipment: Shipment, events: Sequence[TrackingEventIn]
    ) -> list[TrackingEvent]:
        rows = [
            {
                "shop_id": shipment.shop_id,
                "shipment_id": shipment.id,
                "order_id": shipment.order_id,
                "at": e.at,
                "status": e.status,
                "location": e.location,
                "description": e.description,
            }
            for e in events
        ]
        stmt = (
            insert(TrackingEvent)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["shop_id", "shipment_id", "at", "status"])
            .returning(TrackingEvent)
        )
        return list(await self.session.scalars(stmt))

    async def _sign_when_delivered(self, order: Order, now: Any) -> None:
        if order.signed_at is not None:
            return
        parcels = (await self.orders.orders.shipments_of(order.shop_id, [order.id])).get(
            order.id, []
        )
        if not all_delivered(order, parcels):
            return
        signed_at = max(s.signed_at or now for s in parcels)
        order.signed_at = signed_at
        await self.orders.record(
            order,
            "order.signed",
            "signed",
            order.version,
            {"signed_at": rfc3339(signed_at), "source": "tracking"},
            now=now,
        )
