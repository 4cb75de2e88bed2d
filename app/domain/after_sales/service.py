"""After-sales: a buyer's request on a paid order, written with timeline, change log, audit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.scope import ShopScope
from app.domain.after_sales.representation import after_sale_public
from app.domain.after_sales.schemas import AfterSaleCreate
from app.domain.after_sales.states import OPEN_AFTER_SALE_STATUSES
from app.domain.audit.actor import Actor
from app.domain.audit.service import record_audit
from app.domain.orders.repository import OrderRepository
from app.domain.sync.change_log import record_change
from app.errors import BadRequest, Conflict, InvalidTransition
from app.kit.clock import utcnow
from app.models import AfterSale, OrderEvent

# Order states in which a buyer may open each kind of request.
_OPENABLE_FROM = {
    "refund_only": ("paid", "shipped", "completed"),
    "return_refund": ("shipped", "completed"),
    "exchange": ("shipped", "completed"),
}


class AfterSaleOpen(Conflict):
    code = "after_sale_open"
    title = "An after-sale request is already open"


class AfterSaleService:
    def __init__(self, session: AsyncSession, scope: ShopScope, actor: Actor) -> None:
        self.session = session
        self.scope = scope
        self.actor = actor
        self.orders = OrderRepository(session, scope)

    async def open(self, shop_id: int, order_id: int, data: AfterSaleCreate) -> dict[str, Any]:
        order = await self.orders.get(shop_id, order_id, for_update=True)
        allowed = _OPENABLE_FROM[data.type]
        if order.status not in allowed:
            raise InvalidTransition("order", order.status, f"open a {data.type} after-sale on", [])
        open_count = await self.session.scalar(
            select(func.count())
            .select_from(AfterSale)
            .where(AfterSale.shop_id == shop_id, AfterSale.order_id == order_id)
            .where(AfterSale.status.in_(OPEN_AFTER_SALE_STATUSES))
        )
        if open_count:
            raise AfterSaleOpen("This order already has an open after-sale request.")
        refundable = order.paid_amount - order.refunded_amount
        amount = data.amount if data.amount is not None else refundable
        if amount > refundable or amount <= 0:
            raise BadRequest(f"amount must be between 1 and the refundable {refundable} fen.")
        now = utcnow()
        after_sale = AfterSale(
            shop_id=shop_id,
            order_id=order_id,
            type=data.type,
            status="requested",
            reason=data.reason,
            amount=amount,
            created_at=now,
            updated_at=now,
            version=1,
        )
        self.session.add(after_sale)
        await self.session.flush()
        self.orders.add(
            OrderEvent(
                shop_id=shop_id,
                order_id=order_id,
                kind="after_sale.requested",
                actor_type=self.actor.type,
                actor_id=self.actor.label,
                data={"after_sale_id": after_sale.id, "type": data.type, "amount": amount},
                created_at=now,
            )
        )
        public = after_sale_public(after_sale)
        await record_change(
            self.session,
            shop_id=shop_id,
            entity="after_sale",
            entity_id=after_sale.id,
            entity_version=1,
            type="after_sale.created",
            data=public,
        )
        await record_audit(
            self.session,
            self.actor,
            shop_id=shop_id,
            action="after_sale.created",
            entity="after_sale",
            entity_id=after_sale.id,
            after_version=1,
        )
        return public
