"""Internal ingest of carrier scans (the commerce core relays carrier pushes)."""

from __future__ import annotations

from fastapi import APIRouter

from app.auth.internal import InternalActor
from app.db import Session
from app.domain.access.scope import ShopScope
from app.domain.orders.service import OrderService
from app.domain.shipments.schemas import ShipmentTracking, TrackingEventsIn
from app.domain.shipments.service import ShipmentService
from app.domain.shipments.tracking import TrackingService
from app.domain.shops.repository import require_shop
from app.web.openapi import problems
from app.web.params import ShipmentId, ShopId

router = APIRouter(prefix="/internal/v1/shops/{shop_id}", tags=["internal"])


@router.post(
    "/shipments/{shipment_id}/tracking-events",
    response_model=ShipmentTracking,
    summary="Record carrier scans of a parcel (replayed scans are ignored)",
    responses=problems(400, 401, 404, 409, 422),
)
async def push_tracking_events(
    shop_id: ShopId,
    shipment_id: ShipmentId,
    body: TrackingEventsIn,
    session: Session,
    actor: InternalActor,
) -> ShipmentTracking:
    await require_shop(session, shop_id)
    orders = OrderService(session, ShopScope.of([shop_id]), actor)
    return await TrackingService(ShipmentService(orders)).ingest(shop_id, shipment_id, body.root)
