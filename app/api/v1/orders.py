"""Orders over REST: list (one shop or all granted shops), detail, and the merchant's writes.

Thin adapters: validation by the domain schemas, scope checks by ``auth``, behaviour in
OrderService / AfterSaleService, idempotency and If-Match by :data:`app.api.writes.Write`.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from app.api.writes import Write
from app.auth.dependencies import AfterSalesWrite, Authorized, OrdersRead, OrdersWrite
from app.db import Session
from app.domain.after_sales.service import AfterSaleService
from app.domain.audit.pii import clear_receivers, record_pii_read
from app.domain.orders.listing import MultiShopOrderListParams, OrderLister, OrderListParams
from app.domain.orders.representation import masked
from app.domain.orders.schemas import (
    BatchShipResult,
    Order,
    OrderClose,
    OrderDetail,
    OrderFlag,
    OrderPatch,
    OrderRefund,
    OrderRow,
    OrderShip,
    PaymentReminderCreate,
    VersionedIn,
)
from app.domain.orders.service import OrderService
from app.domain.orders.shipping_batch import BatchShipments, ship_batch
from app.domain.shipments.service import ShipmentService
from app.kit.contract import Page
from app.kit.versioning import etag
from app.ratelimit import per_entries_cost
from app.web.listing import Codec
from app.web.openapi import READ_ERRORS, WRITE_ERRORS, problems
from app.web.params import OrderId, ShopId
from app.web.responses import JSON, json_bytes_response

router = APIRouter(tags=["orders"])
SHOP = "/v1/shops/{shop_id}"

OrderNo = Annotated[str, Path(pattern=r"^[0-9]{1,19}$", description="19-digit order number")]


def _orders(session: Session, auth: Authorized) -> OrderService:
    return OrderService(session, auth.shops, auth.actor)


@router.get(
    f"{SHOP}/orders",
    summary="List a shop's orders (filters, sort, keyset cursor)",
    response_model=Page[OrderRow],
    responses=problems(*READ_ERRORS),
)
async def list_orders(
    shop_id: ShopId,
    params: Annotated[OrderListParams, Query()],
    auth: OrdersRead,
    session: Session,
    codec: Codec,
) -> Response:
    body = await OrderLister(session, auth.shops, codec).rendered([shop_id], params)
    return Response(body, media_type=JSON)


@router.get(
    "/v1/orders",
    summary="List orders across every shop the token grants (shop_id filter)",
    response_model=Page[OrderRow],
    responses=problems(*READ_ERRORS),
)
async def list_orders_all_shops(
    params: Annotated[MultiShopOrderListParams, Query()],
    auth: OrdersRead,
    session: Session,
    codec: Codec,
) -> Response:
    shops = auth.selected_shops(params.shop_id)
    body = await OrderLister(session, auth.shops, codec).rendered(shops, params)
    return Response(body, media_type=JSON)


@router.get(
    f"{SHOP}/orders/by-no/{{order_no}}",
    summary="One order by its order number, with its whole story",
    response_model=OrderDetail,
    responses=problems(401, 403, 404, 422),
)
async def get_order_by_no(
    shop_id: ShopId, order_no: OrderNo, auth: OrdersRead, session: Session
) -> Response:
    body = await _orders(session, auth).detail(
        shop_id, order_no=order_no, pii=auth.can_read_pii(shop_id)
    )
    await record_pii_read(session, auth.actor, clear_receivers([body]))
    return json_bytes_response(body, headers={"ETag": etag(body["version"])})


@router.get(
    f"{SHOP}/orders/{{order_id}}",
    summary="One order with items, shipments, timeline, after-sales, disputes, reminders",
    response_model=OrderDetail,
    responses=problems(401, 403, 404, 422),
)
async def get_order(
    shop_id: ShopId, order_id: OrderId, auth: OrdersRead, session: Session
) -> Response:
    body = await _orders(session, auth).detail(shop_id, order_id, pii=auth.can_read_pii(shop_id))
    await record_pii_read(session, auth.actor, clear_receivers([body]))
    return json_bytes_response(body, headers={"ETag": etag(body["version"])})


@router.post(
    f"{SHOP}/orders/{{order_id}}/shipments",
    status_code=201,
    summary="Ship a parcel (all or some units): paid -> partially_shipped -> shipped",
    response_model=Order,
    responses=problems(*WRITE_ERRORS),
)
async def ship_order(
    shop_id: ShopId, order_id: OrderId, body: OrderShip, auth: OrdersWrite, write: Write
) -> Response:
    data = write.versioned(body)
    service = ShipmentService(_orders(write.session, auth))
    return await write.run(
        lambda: _masked(auth, shop_id, service.ship(shop_id, order_id, data)),
        status_code=201,
        location=lambda o: f"/v1/shops/{shop_id}/orders/{o['id']}",
    )


@router.post(
    f"{SHOP}/shipments/batch",
    dependencies=[Depends(per_entries_cost("shipments"))],
    summary="Ship up to 500 orders; per-entry results, one bad entry blocks no other",
    response_model=BatchShipResult,
    responses=problems(*WRITE_ERRORS),
)
async def ship_batch_route(
    shop_id: ShopId, body: BatchShipments, auth: OrdersWrite, write: Write
) -> Response:
    service = ShipmentService(_orders(write.session, auth))
    pii = auth.can_read_pii(shop_id)
    request_id = auth.actor.request_id
    return await write.run(
        lambda: ship_batch(write.session, service, shop_id, body, pii=pii, request_id=request_id)
    )


@router.patch(
    f"{SHOP}/orders/{{order_id}}",
    summary="Change shipping fee (before payment), merchant remark, receiver (before shipment)",
    response_model=Order,
    responses=problems(*WRITE_ERRORS),
)
async def patch_order(
    shop_id: ShopId, order_id: OrderId, body: OrderPatch, auth: OrdersWrite, write: Write
) -> Response:
    data = write.versioned(body)
    service = _orders(write.session, auth)
    return await write.run(lambda: _masked(auth, shop_id, service.update(shop_id, order_id, data)))


@router.post(
    f"{SHOP}/orders/{{order_id}}/flag",
    summary="Mark an order abnormal, with a reason",
    response_model=Order,
    responses=problems(*WRITE_ERRORS),
)
async def flag_order(
    shop_id: ShopId, order_id: OrderId, body: OrderFlag, auth: OrdersWrite, write: Write
) -> Response:
    data = write.versioned(body)
    service = _orders(write.session, auth)
    return await write.run(lambda: _masked(auth, shop_id, service.flag(shop_id, order_id, data)))


@router.delete(
    f"{SHOP}/orders/{{order_id}}/flag",
    summary="Clear the abnormal mark",
    response_model=Order,
    responses=problems(*WRITE_ERRORS),
)
async def unflag_order(
    shop_id: ShopId, order_id: OrderId, auth: OrdersWrite, write: Write
) -> Response:
    data = VersionedIn(expected_version=write.expected(None))
    service = _orders(write.session, auth)
    return await write.run(lambda: _masked(auth, shop_id, service.unflag(shop_id, order_id, data)))


@router.post(
    f"{SHOP}/orders/{{order_id}}/payment-reminders",
    summary="Remind an unpaid buyer (< 24 h old, one per 6 h), optionally with a coupon",
    response_model=Order,
    responses=problems(*WRITE_ERRORS),
)
async def remind_payment(
    shop_id: ShopId,
    order_id: OrderId,
    body: PaymentReminderCreate,
    auth: OrdersWrite,
    write: Write,
) -> Response:
    data = write.versioned(body)
    service = _orders(write.session, auth)
    return await write.run(
        lambda: _masked(auth, shop_id, service.remind_payment(shop_id, order_id, data))
    )


@router.post(
    f"{SHOP}/orders/{{order_id}}/close",
    summary="Close an unpaid order, with a reason",
    response_model=Order,
    responses=problems(*WRITE_ERRORS),
)
async def close_order(
    shop_id: ShopId, order_id: OrderId, body: OrderClose, auth: OrdersWrite, write: Write
) -> Response:
    data = write.versioned(body)
    service = _orders(write.session, auth)
    return await write.run(lambda: _masked(auth, shop_id, service.close(shop_id, order_id, data)))


@router.post(
    f"{SHOP}/orders/{{order_id}}/refund",
    summary="Merchant-initiated full refund (a completed refund after-sale; the order closes)",
    response_model=Order,
    responses=problems(*WRITE_ERRORS),
)
async def refund_order(
    shop_id: ShopId, order_id: OrderId, body: OrderRefund, auth: AfterSalesWrite, write: Write
) -> Response:
    data = write.versioned(body)
    service = AfterSaleService(write.session, auth.shops, auth.actor)
    return await write.run(
        lambda: _masked(auth, shop_id, service.merchant_refund(shop_id, order_id, data))
    )


async def _masked(auth: Authorized, shop_id: int, result: Awaitable[Order]) -> Order:
    body = await result
    return body if auth.can_read_pii(shop_id) else masked(body)
