"""Parcels over REST: correct a parcel's carrier/tracking number, read its logistics trace.
(Shipping a parcel is ``POST …/orders/{order_id}/shipments`` in :mod:`app.api.v1.orders`.)"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from app.api.v1.orders import _masked as masked_for
from app.api.writes import Write
from app.auth.dependencies import OrdersRead, OrdersWrite
from app.db import Session
from app.domain.orders.schemas import Order
from app.domain.orders.service import OrderService
from app.domain.shipments.schemas import ShipmentPatch, ShipmentTracking
from app.domain.shipments.service import ShipmentService
from app.domain.shipments.tracking import TrackingService
from app.web.openapi import WRITE_ERRORS, problems
from app.web.params import OrderId, ShipmentId, ShopId
from app.web.responses import json_bytes_response

router = APIRouter(tags=["shipments"])
PARCEL = "/v1/shops/{shop_id}/orders/{order_id}/shipments/{shipment_id}"


@router.patch(
    PARCEL,
    summary="Correct a parcel's carrier or tracking number (before delivery, at most 3 times)",
    response_model=Order,
    responses=problems(*WRITE_ERRORS),
)
async def correct_shipment(
    shop_id: ShopId,
    order_id: OrderId,
    shipment_id: ShipmentId,
    body: ShipmentPatch,
    auth: OrdersWrite,
    write: Write,
) -> Response:
    data = write.versioned(body)
    service = ShipmentService(OrderService(write.session, auth.shops, auth.actor))
    return await write.run(
        lambda: masked_for(auth, shop_id, service.correct(shop_id, order_id, shipment_id, data))
    )


@router.get(
    f"{PARCEL}/tracking",
    summary="A parcel's logistics trace (carrier scans, oldest first)",
    response_model=ShipmentTracking,
    responses=problems(401, 403, 404, 422),
)
async def shipment_tracking(
    shop_id: ShopId, order_id: OrderId, shipment_id: ShipmentId, auth: OrdersRead, session: Session
) -> Response:
    service = TrackingService(ShipmentService(OrderService(session, auth.shops, auth.actor)))
    return json_bytes_response(await service.trace(shop_id, shipment_id, order_id))
