"""After-sales: a buyer's request on a paid order, the merchant's actions on it, and the
merchant-initiated full refund. Every change writes timeline, change log and audit in the
caller's transaction; refunds change the order through OrderService (one order write path)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.actions import for_caller
from app.domain.access.scope import ShopScope
from app.domain.after_sales.exchange_offers import answer_offer, start_offer
from app.domain.after_sales.representation import after_sale_public, rendered_for
from app.domain.after_sales.schemas import AfterSale as AfterSaleOut
from app.domain.after_sales.schemas import (
    AfterSaleAction,
    AfterSaleCreate,
    AfterSaleListParams,
    AfterSaleStatus,
    AfterSaleType,
    ExchangeOfferAnswer,
)
from app.domain.after_sales.states import AFTER_SALE_MACHINE, OPEN_AFTER_SALE_STATUSES
from app.domain.audit.actor import Actor
from app.domain.audit.trail import Written, record_write
from app.domain.orders.errors import NothingToRefund
from app.domain.orders.refunds import RefundLedger
from app.domain.orders.repository import OrderRepository
from app.domain.orders.schemas import Order as OrderOut
from app.domain.orders.schemas import OrderRefund, OrderStatus
from app.domain.orders.service import OrderService
from app.domain.paging import newest_first_rendered, newest_first_rows
from app.errors import (
    BadRequest,
    Conflict,
    InvalidTransition,
    NotFound,
    ValidationFailed,
    VersionConflict,
    field_error,
)
from app.kit.clock import utcnow
from app.kit.contract import Page
from app.kit.keyset import KeysetCodec
from app.models import AfterSale

# Order states in which a buyer may open each kind of request.
_OPENABLE_FROM = {
    AfterSaleType.REFUND_ONLY: (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.COMPLETED),
    AfterSaleType.RETURN_REFUND: (OrderStatus.SHIPPED, OrderStatus.COMPLETED),
    AfterSaleType.EXCHANGE: (OrderStatus.SHIPPED, OrderStatus.COMPLETED),
}
_TERMINAL = frozenset(AFTER_SALE_MACHINE.terminal_states())


class AfterSaleOpen(Conflict):
    code = "after_sale_open"
    title = "An after-sale request is already open"


class AfterSaleService:
    def __init__(self, session: AsyncSession, scope: ShopScope, actor: Actor) -> None:
        self.session = session
        self.scope = scope
        self.actor = actor
        self.orders = OrderRepository(session, scope)
        self.order_service = OrderService(session, scope, actor)
        self.ledger = RefundLedger(session, scope, actor)

    # -- reads ---------------------------------------------------------------------------

    async def get_entity(
        self, shop_id: int, after_sale_id: int, *, for_update: bool = False
    ) -> AfterSale:
        stmt = select(AfterSale).where(
            AfterSale.shop_id == self.scope.require(shop_id), AfterSale.id == after_sale_id
        )
        if for_update:
            stmt = stmt.with_for_update()
        found = (await self.session.execute(stmt)).scalar_one_or_none()
        if found is None:
            raise NotFound(f"After-sale {after_sale_id} was not found in shop {shop_id}.")
        return found

    async def get(self, shop_id: int, after_sale_id: int) -> AfterSaleOut:
        return self.view(after_sale_public(await self.get_entity(shop_id, after_sale_id)))

    def view(self, body: AfterSaleOut) -> AfterSaleOut:
        """``body`` offering only the actions this caller may take."""
        return for_caller(self.scope, "after_sale", body)

    async def list_page(
        self,
        shop_id: int,
        params: AfterSaleListParams,
        codec: KeysetCodec,
        *,
        backward: bool = False,
    ) -> Page[AfterSaleOut]:
        stmt = select(AfterSale).where(*self._conditions(shop_id, params))
        page = await newest_first_rows(
            self.session,
            stmt,
            created_at=AfterSale.created_at,
            id_=AfterSale.id,
            listing="after_sales",
            codec=codec,
            cursor=params.cursor,
            limit=params.limit,
            backward=backward,
        )
        return page.mapped([self.view(after_sale_public(a)) for a in page.rows])

    async def list_rendered(
        self, shop_id: int, params: AfterSaleListParams, codec: KeysetCodec
    ) -> bytes:
        """The page of :meth:`list_page` as JSON bytes rendered by PostgreSQL (one statement)."""
        return await newest_first_rendered(
            self.session,
            rendered_for(self.scope.granted(shop_id)),
            self._conditions(shop_id, params),
            created_at=AfterSale.created_at,
            id_=AfterSale.id,
            listing="after_sales",
            codec=codec,
            cursor=params.cursor,
            limit=params.limit,
        )

    def _conditions(self, shop_id: int, params: AfterSaleListParams) -> list[ColumnElement[bool]]:
        conditions = [AfterSale.shop_id == self.scope.require(shop_id)]
        if params.type:
            conditions.append(AfterSale.type.in_(params.type))
        if params.status:
            conditions.append(AfterSale.status.in_(params.status))
        if params.order_id is not None:
            conditions.append(AfterSale.order_id == params.order_id)
        if params.created_from is not None:
            conditions.append(AfterSale.created_at >= params.created_from)
        if params.created_to is not None:
            conditions.append(AfterSale.created_at < params.created_to)
        return conditions

    # -- writes --------------------------------------------------------------------------

    async def open(self, shop_id: int, order_id: int, data: AfterSaleCreate) -> AfterSaleOut:
        order = await self.orders.get(shop_id, order_id, for_update=True)
        allowed = _OPENABLE_FROM[data.type]
        if order.status not in allowed:
            raise InvalidTransition("order", order.status, f"open a {data.type} after-sale on", [])
        await self._refuse_if_open(shop_id, order_id)
        refundable = order.paid_amount - order.refunded_amount
        amount = data.amount if data.amount is not None else refundable
        if amount > refundable or amount <= 0:
            raise BadRequest(f"amount must be between 1 and the refundable {refundable} fen.")
        now = utcnow()
        after_sale = AfterSale(
            shop_id=shop_id,
            order_id=order_id,
            type=data.type,
            status=AfterSaleStatus.REQUESTED,
            reason=data.reason,
            amount=amount,
            created_at=now,
            updated_at=now,
            version=1,
        )
        self.session.add(after_sale)
        await self.session.flush()
        event = {"type": data.type, "amount": amount}
        return await self._record(after_sale, "created", "requested", None, event)

    async def act(self, shop_id: int, after_sale_id: int, data: AfterSaleAction) -> AfterSaleOut:
        """approve, reject, request_return, confirm_return_received, refund, offer_exchange,
        close — each only from the states the machine allows for this type."""
        current = await self.get_entity(shop_id, after_sale_id)
        # Lock order first, then the after-sale: the same order as merchant_refund takes.
        order = await self.order_service.lock_for(shop_id, current.order_id, None, None)
        after_sale = await self.get_entity(shop_id, after_sale_id, for_update=True)
        if data.expected_version is not None and data.expected_version != after_sale.version:
            raise VersionConflict(data.expected_version, after_sale.version)
        target = AFTER_SALE_MACHINE.target(after_sale.status, data.action, after_sale.type)
        if data.action == "reject":
            if not data.reason:
                raise ValidationFailed(
                    "A rejection needs a reason.", [field_error(["body", "reason"], "required")]
                )
            after_sale.reject_reason = data.reason
        before = after_sale.version
        if target == AfterSaleStatus.EXCHANGE_OFFERED:
            start_offer(after_sale, utcnow())
        after_sale.status = target
        if target in _TERMINAL:
            after_sale.resolved_at = utcnow()
        event: dict[str, Any] = {"action": data.action}
        if data.reason:
            event["reason"] = data.reason
        if data.action == "refund":
            await self.ledger.record(
                order, after_sale.amount, f"after-sale {after_sale.id}", after_sale_id=after_sale.id
            )
        return await self._record(after_sale, "updated", data.action, before, event)

    async def answer_exchange_offer(
        self, shop_id: int, after_sale_id: int, data: ExchangeOfferAnswer
    ) -> AfterSaleOut:
        """The buyer's answer to a pending exchange offer (from the commerce core)."""
        current = await self.get_entity(shop_id, after_sale_id)
        await self.order_service.lock_for(shop_id, current.order_id, None, None)
        after_sale = await self.get_entity(shop_id, after_sale_id, for_update=True)
        if data.expected_version is not None and data.expected_version != after_sale.version:
            raise VersionConflict(data.expected_version, after_sale.version)
        before = after_sale.version
        step = answer_offer(after_sale, data.accepted, utcnow())
        event = {"accepted": data.accepted, "type": after_sale.type}
        return await self._record(after_sale, "updated", step, before, event)

    async def merchant_refund(self, shop_id: int, order_id: int, data: OrderRefund) -> OrderOut:
        """Full refund started by the merchant: a completed refund after-sale, then the order
        (pay_status refunded; a paid/shipped/completed order closes)."""
        order = await self.order_service.lock_for(
            shop_id, order_id, "refund", data.expected_version
        )
        await self._refuse_if_open(shop_id, order_id)
        amount = order.paid_amount - order.refunded_amount
        if amount <= 0:
            raise NothingToRefund("Everything paid for this order was already refunded.")
        now = utcnow()
        after_sale = AfterSale(
            shop_id=shop_id,
            order_id=order_id,
            type=AfterSaleType.REFUND_ONLY,
            status=AfterSaleStatus.REFUNDED,
            reason=data.reason,
            amount=amount,
            created_at=now,
            updated_at=now,
            resolved_at=now,
            version=1,
        )
        self.session.add(after_sale)
        await self.session.flush()
        await self._record(
            after_sale,
            "created",
            "merchant_refund",
            None,
            {"amount": amount, "reason": data.reason},
        )
        return await self.ledger.record(order, amount, data.reason, after_sale_id=after_sale.id)

    # -- helpers -------------------------------------------------------------------------

    async def _refuse_if_open(self, shop_id: int, order_id: int) -> None:
        open_count = await self.session.scalar(
            select(func.count())
            .select_from(AfterSale)
            .where(AfterSale.shop_id == shop_id, AfterSale.order_id == order_id)
            .where(AfterSale.status.in_(OPEN_AFTER_SALE_STATUSES))
        )
        if open_count:
            raise AfterSaleOpen("This order already has an open after-sale request.")

    async def _record(
        self,
        after_sale: AfterSale,
        change: str,
        step: str,
        before_version: int | None,
        event: dict[str, Any],
    ) -> AfterSaleOut:
        """Bump the version (updates) and leave the write's trail."""
        now = utcnow()
        if before_version is not None:
            after_sale.version = before_version + 1
            after_sale.updated_at = now

        async def public() -> AfterSaleOut:
            return after_sale_public(after_sale)

        body = await record_write(
            self.session,
            self.actor,
            Written(
                "after_sale",
                after_sale.id,
                after_sale.shop_id,
                after_sale.order_id,
                after_sale.version,
            ),
            change_type=f"after_sale.{change}",
            step=step,
            before_version=before_version,
            event=event,
            timeline={"after_sale_id": after_sale.id, **event},
            at=now,
            public=public,
        )
        return self.view(body)
