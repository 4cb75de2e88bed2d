"""The refund ledger: every sum returned to the buyer is one row (a merchant's partial refund,
the merchant's "refund the rest", a refund after-sale completing), and the order's
``refunded_amount`` is their sum. Nothing is ever refunded above ``refundable_amount``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.domain.audit.actor import Actor
from app.domain.orders.errors import NothingToRefund, RefundExceedsRefundable, UnknownOrderItems
from app.domain.orders.schemas import Order as OrderOut
from app.domain.orders.schemas import RefundCreate, RefundLine, RefundLineIn
from app.domain.orders.service import OrderService
from app.errors import BadRequest
from app.kit.clock import utcnow
from app.models import Order, OrderItem, Refund


def line_amount(order: Order, item: OrderItem, quantity: int) -> int:
    """What ``quantity`` units of ``item`` were paid: their price less the order's discount
    shared in proportion to the goods (fen, rounded down)."""
    if order.goods_amount <= 0:
        return 0
    gross = quantity * item.unit_price
    return gross * (order.goods_amount - order.discount_amount) // order.goods_amount


class RefundLedger:
    def __init__(self, session: AsyncSession, scope: ShopScope, actor: Actor) -> None:
        self.session = session
        self.actor = actor
        self.order_service = OrderService(session, scope, actor)

    async def refund(self, shop_id: int, order_id: int, data: RefundCreate) -> OrderOut:
        """A merchant's partial refund, by amount or by lines (409 on an order that cannot be
        refunded, 422 above what is left)."""
        order = await self.order_service.lock_for(
            shop_id, order_id, "refund", data.expected_version
        )
        if (data.amount is None) == (data.lines is None):
            # A business rule on a well-formed body (the schema cannot say "one of" for every
            # client generator): 400, like the other rules on input.
            raise BadRequest("Give exactly one of amount and lines.")
        lines: list[RefundLine] | None = None
        if data.lines is not None:
            lines = await self._priced(order, data.lines)
            amount = sum(line["amount"] for line in lines)
        else:
            amount = data.amount or 0
        return await self.record(order, amount, data.reason, lines=lines)

    async def record(
        self,
        order: Order,
        amount: int,
        reason: str,
        *,
        after_sale_id: int | None = None,
        lines: list[RefundLine] | None = None,
    ) -> OrderOut:
        """Write one ledger row and the order's refund (the caller holds the order's lock)."""
        refundable = order.paid_amount - order.refunded_amount
        if refundable <= 0:
            raise NothingToRefund("Everything paid for this order was already refunded.")
        if amount <= 0 or amount > refundable:
            raise RefundExceedsRefundable(
                f"A refund must be between 1 and the refundable {refundable} fen, not {amount}.",
                refundable_amount=refundable,
            )
        refund = Refund(
            shop_id=order.shop_id,
            order_id=order.id,
            after_sale_id=after_sale_id,
            amount=amount,
            reason=reason,
            lines={"lines": lines} if lines is not None else None,
            actor_id=self.actor.label,
            created_at=utcnow(),
        )
        self.session.add(refund)
        await self.session.flush()
        event: dict[str, Any] = {"refund_id": refund.id}
        if after_sale_id is not None:
            event["after_sale_id"] = after_sale_id
        if lines is not None:
            event["lines"] = lines
        return await self.order_service.apply_refund(order, amount, reason, event)

    async def _priced(self, order: Order, wanted: Sequence[RefundLineIn]) -> list[RefundLine]:
        items = {
            i.id: i
            for i in (await self.order_service.orders.items_of(order.shop_id, [order.id])).get(
                order.id, []
            )
        }
        unknown = sorted({w.item_id for w in wanted} - set(items))
        if unknown:
            raise UnknownOrderItems(
                f"Unknown item ids for this order: {unknown}.", item_ids=unknown
            )
        done = await self._refunded_quantities(order)
        asked: dict[int, int] = defaultdict(int)
        for w in wanted:
            asked[w.item_id] += w.quantity
        for item_id, quantity in asked.items():
            left = items[item_id].quantity - done.get(item_id, 0)
            if quantity > left:
                raise RefundExceedsRefundable(
                    f"Item {item_id} has {left} unit(s) left to refund, not {quantity}.",
                    item_id=item_id,
                    refundable_quantity=left,
                )
        return [
            {
                "item_id": item_id,
                "quantity": quantity,
                "amount": line_amount(order, items[item_id], quantity),
            }
            for item_id, quantity in asked.items()
        ]

    async def _refunded_quantities(self, order: Order) -> dict[int, int]:
        rows = await self.session.scalars(
            select(Refund.lines).where(
                Refund.shop_id == order.shop_id,
                Refund.order_id == order.id,
                Refund.lines.is_not(None),
            )
        )
        done: dict[int, int] = defaultdict(int)
        for stored in rows:
            for line in (stored or {}).get("lines", []):
                done[int(line["item_id"])] += int(line["quantity"])
        return done
