"""Internal ingest: how orders enter OrderGate from the commerce core (checkout, payment,
carrier scans). Each route is one domain service call in one transaction."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.auth.internal import InternalActor
from app.db import Session
from app.domain.access.scope import ShopScope
from app.domain.after_sales.schemas import AfterSale, AfterSaleCreate
from app.domain.after_sales.service import AfterSaleService
from app.domain.audit.actor import Actor
from app.domain.orders.schemas import (
    Order,
    OrderClose,
    OrderComplete,
    OrderCreate,
    OrderPay,
    OrderShip,
    OrderSign,
)
from app.domain.orders.service import OrderService
from app.domain.shipments.service import ShipmentService
from app.domain.shops.repository import require_shop
from app.web.openapi import problems
from app.web.params import OrderId, ShopId

router = APIRouter(prefix="/internal/v1/shops/{shop_id}", tags=["internal"])
# Ingest writes: unknown shop/order 404; invalid_transition, version_conflict, order_exists 409;
# a business rule on the input (discount above goods, signed twice) 400.
_WRITE = problems(400, 401, 404, 409, 422)


async def _orders(session: Session, shop_id: int, actor: Actor) -> OrderService:
    await require_shop(session, shop_id)
    return OrderService(session, ShopScope.of([shop_id]), actor)


@router.post(
    "/orders",
    status_code=201,
    response_model=Order,
    summary="Ingest a new order",
    responses=_WRITE,
)
async def create_order(
    shop_id: ShopId, body: OrderCreate, session: Session, actor: InternalActor, response: Response
) -> Order:
    order = await (await _orders(session, shop_id, actor)).create(shop_id, body)
    response.headers["Location"] = f"/internal/v1/shops/{shop_id}/orders/{order['id']}"
    return order


@router.get(
    "/orders/{order_id}",
    response_model=Order,
    summary="Read one order (checks and tools)",
    responses=problems(401, 404, 422),
)
async def get_order(
    shop_id: ShopId, order_id: OrderId, session: Session, actor: InternalActor
) -> Order:
    return await (await _orders(session, shop_id, actor)).get(shop_id, order_id)


@router.post(
    "/orders/{order_id}/pay",
    response_model=Order,
    summary="Record the buyer's payment",
    responses=_WRITE,
)
async def pay_order(
    shop_id: ShopId, order_id: OrderId, body: OrderPay, session: Session, actor: InternalActor
) -> Order:
    return await (await _orders(session, shop_id, actor)).pay(shop_id, order_id, body)


@router.post(
    "/orders/{order_id}/close",
    response_model=Order,
    summary="Close an unpaid order (timeout or cancel)",
    responses=_WRITE,
)
async def close_order(
    shop_id: ShopId, order_id: OrderId, body: OrderClose, session: Session, actor: InternalActor
) -> Order:
    return await (await _orders(session, shop_id, actor)).close(shop_id, order_id, body)


@router.post(
    "/orders/{order_id}/ship",
    response_model=Order,
    summary="Record a parcel handed to a carrier",
    responses=_WRITE,
)
async def ship_order(
    shop_id: ShopId, order_id: OrderId, body: OrderShip, session: Session, actor: InternalActor
) -> Order:
    orders = await _orders(session, shop_id, actor)
    return await ShipmentService(orders).ship(shop_id, order_id, body)


@router.post(
    "/orders/{order_id}/sign",
    response_model=Order,
    summary="Carrier delivery scan (signed for)",
    responses=_WRITE,
)
async def sign_order(
    shop_id: ShopId, order_id: OrderId, body: OrderSign, session: Session, actor: InternalActor
) -> Order:
    return await (await _orders(session, shop_id, actor)).sign(shop_id, order_id, body)


@router.post(
    "/orders/{order_id}/complete",
    response_model=Order,
    summary="Complete a delivered order",
    responses=_WRITE,
)
async def complete_order(
    shop_id: ShopId, order_id: OrderId, body: OrderComplete, session: Session, actor: InternalActor
) -> Order:
    return await (await _orders(session, shop_id, actor)).complete(shop_id, order_id, body)


@router.post(
    "/orders/{order_id}/after-sales",
    status_code=201,
    response_model=AfterSale,
    summary="Buyer opens an after-sale request",
    responses=_WRITE,
)
async def open_after_sale(
    shop_id: ShopId,
    order_id: OrderId,
    body: AfterSaleCreate,
    session: Session,
    actor: InternalActor,
    response: Response,
) -> AfterSale:
    await require_shop(session, shop_id)
    after_sale = await AfterSaleService(session, ShopScope.of([shop_id]), actor).open(
        shop_id, order_id, body
    )
    response.headers["Location"] = f"/v1/shops/{shop_id}/after-sales/{after_sale['id']}"
    return after_sale
