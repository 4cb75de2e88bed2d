"""Partial refunds over REST: the refund ledger of one order (an amount or item lines)."""

from __future__ import annotations

from collections.abc import Awaitable

from fastapi import APIRouter
from fastapi.responses import Response

from app.api.writes import Write
from app.auth.dependencies import AfterSalesWrite, Authorized
from app.domain.orders.refunds import RefundLedger
from app.domain.orders.representation import masked
from app.domain.orders.schemas import Order, RefundCreate
from app.web.openapi import WRITE_ERRORS, problems
from app.web.params import OrderId, ShopId

router = APIRouter(tags=["orders"])


@router.post(
    "/v1/shops/{shop_id}/orders/{order_id}/refunds",
    status_code=201,
    summary="Refund part of an order (an amount or item lines), never above refundable_amount",
    response_model=Order,
    responses=problems(*WRITE_ERRORS),
)
async def create_refund(
    shop_id: ShopId, order_id: OrderId, body: RefundCreate, auth: AfterSalesWrite, write: Write
) -> Response:
    data = write.versioned(body)
    ledger = RefundLedger(write.session, auth.shops, auth.actor)
    return await write.run(
        lambda: _masked(auth, shop_id, ledger.refund(shop_id, order_id, data)),
        status_code=201,
        location=lambda o: f"/v1/shops/{shop_id}/orders/{o['id']}",
    )


async def _masked(auth: Authorized, shop_id: int, result: Awaitable[Order]) -> Order:
    body = await result
    return body if auth.can_read_pii(shop_id) else masked(body)
