"""Internal ingest: how orders enter OrderGate from the commerce core (checkout, payment,
carrier scans). Each route is one domain service call in one transaction."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from app.api.params import OrderId, ShopId
from app.auth.internal import InternalActor
from app.auth.scope import ShopScope
from app.db import Session
from app.domain.after_sales.schemas import AfterSaleCreate
from app.domain.after_sales.service import AfterSaleService
from app.domain.audit.actor import Actor
from app.domain.orders.schemas import (
    OrderClose,
    OrderComplete,
    OrderCreate,
    OrderPay,
    OrderShip,
    OrderSign,
)
from app.domain.orders.service import OrderService
from app.domain.shops.repository import require_shop

router = APIRouter(prefix="/internal/v1/shops/{shop_id}", tags=["internal"])


async def _orders(session: Session, shop_id: int, actor: Actor) -> OrderService:
    await require_shop(session, shop_id)
    return OrderService(session, ShopScope.of([shop_id]), actor)


@router.post("/orders", status_code=201, summary="Ingest a new order")
async def create_order(
    shop_id: ShopId, body: OrderCreate, session: Session, actor: InternalActor, response: Response
) -> dict[str, Any]:
    order = await (await _orders(session, shop_id, actor)).create(shop_id, body)
    response.headers["Location"] = f"/internal/v1/shops/{shop_id}/orders/{order['id']}"
    return order


@router.get("/orders/{order_id}", summary="Read one order (checks and tools)")
async def get_order(
    shop_id: ShopId, order_id: OrderId, session: Session, actor: InternalActor
) -> dict[str, Any]:
    return await (await _orders(session, shop_id, actor)).get(shop_id, order_id)


@router.post("/orders/{order_id}/pay", summary="Record the buyer's payment")
async def pay_order(
    shop_id: ShopId, order_id: OrderId, body: OrderPay, session: Session, actor: InternalActor
) -> dict[str, Any]:
    return await (await _orders(session, shop_id, actor)).pay(shop_id, order_id, body)


@router.post("/orders/{order_id}/close", summary="Close an unpaid order (timeout or cancel)")
async def close_order(
    shop_id: ShopId, order_id: OrderId, body: OrderClose, session: Session, actor: InternalActor
) -> dict[str, Any]:
    return await (await _orders(session, shop_id, actor)).close(shop_id, order_id, body)


@router.post("/orders/{order_id}/ship", summary="Record a parcel handed to a carrier")
async def ship_order(
    shop_id: ShopId, order_id: OrderId, body: OrderShip, session: Session, actor: InternalActor
) -> dict[str, Any]:
    return await (await _orders(session, shop_id, actor)).ship(shop_id, order_id, body)


@router.post("/orders/{order_id}/sign", summary="Carrier delivery scan (signed for)")
async def sign_order(
    shop_id: ShopId, order_id: OrderId, body: OrderSign, session: Session, actor: InternalActor
) -> dict[str, Any]:
    return await (await _orders(session, shop_id, actor)).sign(shop_id, order_id, body)


@router.post("/orders/{order_id}/complete", summary="Complete a delivered order")
async def complete_order(
    shop_id: ShopId, order_id: OrderId, body: OrderComplete, session: Session, actor: InternalActor
) -> dict[str, Any]:
    return await (await _orders(session, shop_id, actor)).complete(shop_id, order_id, body)


@router.post(
    "/orders/{order_id}/after-sales", status_code=201, summary="Buyer opens an after-sale request"
)
async def open_after_sale(
    shop_id: ShopId,
    order_id: OrderId,
    body: AfterSaleCreate,
    session: Session,
    actor: InternalActor,
    response: Response,
) -> dict[str, Any]:
    await require_shop(session, shop_id)
    after_sale = await AfterSaleService(session, ShopScope.of([shop_id]), actor).open(
        shop_id, order_id, body
    )
    response.headers["Location"] = f"/v1/shops/{shop_id}/after-sales/{after_sale['id']}"
    return after_sale
