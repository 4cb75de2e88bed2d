"""Order lifecycle: every change bumps the version and writes timeline, change log and audit
in the caller's transaction. Services never commit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.actions import for_caller, permitted
from app.domain.access.scope import ShopScope
from app.domain.after_sales.representation import after_sale_public
from app.domain.audit.actor import Actor
from app.domain.audit.trail import Written, record_write
from app.domain.disputes.service import disputes_public
from app.domain.orders.batch import refunds_of
from app.domain.orders.errors import (
    ReceiverLocked,
    ReminderTooSoon,
    ReminderWindowClosed,
    ShippingFeeLocked,
)
from app.domain.orders.repository import OrderRepository
from app.domain.orders.representation import masked, order_public, reminder_public
from app.domain.orders.schemas import Order as OrderOut
from app.domain.orders.schemas import (
    OrderClose,
    OrderComplete,
    OrderCreate,
    OrderDetail,
    OrderFlag,
    OrderPatch,
    OrderPay,
    OrderSign,
    OrderStatus,
    PaymentReminderCreate,
    PayStatus,
    VersionedIn,
)
from app.domain.orders.states import ORDER_MACHINE
from app.errors import (
    AppError,
    BadRequest,
    InvalidTransition,
    ValidationFailed,
    VersionConflict,
    field_error,
)
from app.kit.clock import rfc3339, utcnow
from app.kit.ids import new_order_no
from app.models import Order, OrderItem, PaymentReminder
from app.models.shipments import ShipmentStatus

# Timeline and audit name what happened (past tense), not the command that caused it.
_EVENT_KIND = {"pay": "paid", "close": "closed", "complete": "completed", "refund": "refunded"}
REMINDER_WINDOW = timedelta(hours=24)
REMINDER_INTERVAL = timedelta(hours=6)


class OrderExists(AppError):
    code = "order_exists"
    status = 409
    title = "Order number already exists"


class OrderService:
    def __init__(self, session: AsyncSession, scope: ShopScope, actor: Actor) -> None:
        self.session = session
        self.actor = actor
        self.scope = scope
        self.orders = OrderRepository(session, scope)

    # -- reads ---------------------------------------------------------------------------

    async def public(self, order: Order) -> OrderOut:
        items = await self.orders.items_of(order.shop_id, [order.id])
        shipments = await self.orders.shipments_of(order.shop_id, [order.id])
        return order_public(order, items.get(order.id, []), shipments.get(order.id, []))

    async def get(self, shop_id: int, order_id: int) -> OrderOut:
        return await self.public(await self.orders.get(shop_id, order_id))

    async def detail(
        self,
        shop_id: int,
        order_id: int | None = None,
        order_no: str | None = None,
        *,
        pii: bool,
    ) -> OrderDetail:
        """The order's whole story: representation + timeline, after-sales, disputes,
        payment reminders. The receiver is masked unless ``pii``."""
        if order_id is not None:
            order = await self.orders.get(shop_id, order_id)
        else:
            order = await self.orders.get_by_no(shop_id, order_no or "")
        public = await self.public(order)
        disputes = await self.orders.disputes_of(shop_id, order.id)
        return {
            **(public if pii else masked(public)),
            "timeline": [
                {
                    "kind": e.kind,
                    "actor": {"type": e.actor_type, "id": e.actor_id},
                    "data": e.data,
                    "at": rfc3339(e.created_at),
                }
                for e in await self.orders.timeline(shop_id, order.id)
            ],
            "after_sales": [
                for_caller(self.scope, "after_sale", after_sale_public(a))
                for a in await self.orders.after_sales_of(shop_id, order.id)
            ],
            "disputes": [
                for_caller(self.scope, "dispute", d)
                for d in await disputes_public(self.session, disputes)
            ],
            "payment_reminders": [
                reminder_public(r) for r in await self.orders.reminders_of(shop_id, order.id)
            ],
            "refunds": (await refunds_of(self.session, self.scope, [(shop_id, order.id)])).get(
                (shop_id, order.id), []
            ),
            "allowed_actions": permitted(
                "order", ORDER_MACHINE.allowed_actions(order.status), self.scope.granted(shop_id)
            ),
        }

    # -- writes --------------------------------------------------------------------------

    async def create(self, shop_id: int, data: OrderCreate) -> OrderOut:
        now = utcnow()
        created_at = data.created_at or now
        order_no = data.order_no or new_order_no(created_at, shop_id)
        existing = await self.orders.exists_no(shop_id, order_no)
        if existing is not None:
            raise OrderExists(f"Order {order_no} already exists.", order_id=existing)
        goods = sum(i.quantity * i.unit_price for i in data.items)
        if data.discount_amount > goods:
            raise BadRequest("discount_amount cannot exceed the goods amount.")
        if data.author_id is not None and not await self.orders.author_exists(data.author_id):
            raise ValidationFailed(
                f"Author {data.author_id} does not exist.",
                [field_error(["body", "author_id"], "no such author")],
            )
        order = Order(
            shop_id=shop_id,
            order_no=order_no,
            status=OrderStatus.PENDING_PAYMENT,
            pay_status=PayStatus.UNPAID,
            pay_method=data.pay_method,
            goods_amount=goods,
            discount_amount=data.discount_amount,
            shipping_fee=data.shipping_fee,
            paid_amount=0,
            refunded_amount=0,
            buyer_id=data.buyer.id,
            buyer_nickname=data.buyer.nickname,
            receiver_name=data.receiver.name,
            receiver_phone=data.receiver.phone,
            receiver_address=data.receiver.address,
            province=data.receiver.province,
            city=data.receiver.city,
            traffic_source=data.traffic_source,
            room_id=data.room_id,
            video_id=data.video_id,
            author_id=data.author_id,
            commission_rate_bps=data.commission_rate_bps if data.author_id else 0,
            commission_amount=0,
            buyer_note=data.buyer_note,
            flagged=False,
            created_at=created_at,
            updated_at=now,
            version=1,
        )
        self.orders.add(order)
        await self.session.flush()
        for item in data.items:
            self.orders.add(OrderItem(shop_id=shop_id, order_id=order.id, **item.model_dump()))
        await self.session.flush()
        return await self._record(order, "order.created", "created", None, {})

    async def pay(self, shop_id: int, order_id: int, data: OrderPay) -> OrderOut:
        def mutate(order: Order, now: datetime) -> dict[str, Any]:
            order.pay_method = data.pay_method
            order.pay_status = PayStatus.PAID
            order.paid_at = data.paid_at or now
            order.paid_amount = order.goods_amount - order.discount_amount + order.shipping_fee
            order.commission_amount = order.paid_amount * order.commission_rate_bps // 10_000
            return {"pay_method": data.pay_method, "paid_amount": order.paid_amount}

        return await self._transition(
            shop_id, order_id, "pay", data.expected_version, "order.paid", mutate
        )

    async def close(self, shop_id: int, order_id: int, data: OrderClose) -> OrderOut:
        def mutate(order: Order, now: datetime) -> dict[str, Any]:
            order.closed_at = now
            order.close_reason = data.reason
            return {"reason": data.reason}

        return await self._transition(
            shop_id, order_id, "close", data.expected_version, "order.closed", mutate
        )

    async def sign(self, shop_id: int, order_id: int, data: OrderSign) -> OrderOut:
        order = await self._lock(shop_id, order_id, "sign", data.expected_version)
        if order.signed_at is not None:
            raise BadRequest("The order was already signed for.")
        now = utcnow()
        signed_at = data.signed_at or now
        order.signed_at = signed_at
        for shipments in (await self.orders.shipments_of(shop_id, [order_id])).values():
            for shipment in shipments:
                shipment.signed_at = shipment.signed_at or signed_at
                shipment.status = ShipmentStatus.DELIVERED
        await self.session.flush()
        return await self._record(
            order,
            "order.signed",
            "signed",
            order.version,
            {"signed_at": rfc3339(signed_at)},
            now=now,
        )

    async def complete(self, shop_id: int, order_id: int, data: OrderComplete) -> OrderOut:
        def mutate(order: Order, now: datetime) -> dict[str, Any]:
            order.completed_at = now
            return {}

        return await self._transition(
            shop_id, order_id, "complete", data.expected_version, "order.completed", mutate
        )

    async def update(self, shop_id: int, order_id: int, data: OrderPatch) -> OrderOut:
        """Merchant edits: shipping fee before payment, remark, receiver before shipment."""
        fields = data.model_fields_set - {"expected_version"}
        if not fields:
            raise ValidationFailed(
                "Nothing to change.",
                [field_error(["body"], "set shipping_fee, merchant_remark or receiver")],
            )
        order = await self._lock(shop_id, order_id, None, data.expected_version)
        event: dict[str, Any] = {"fields": sorted(fields)}
        if "shipping_fee" in fields:
            if data.shipping_fee is None:
                raise ValidationFailed(
                    "shipping_fee cannot be null.", [field_error(["body", "shipping_fee"], "null")]
                )
            if order.status != OrderStatus.PENDING_PAYMENT:
                raise ShippingFeeLocked(
                    f"The order is '{order.status}'; the shipping fee is fixed once paid."
                )
            event["shipping_fee"] = {"from": order.shipping_fee, "to": data.shipping_fee}
            order.shipping_fee = data.shipping_fee
        if "receiver" in fields:
            if data.receiver is None:
                raise ValidationFailed(
                    "receiver cannot be null.", [field_error(["body", "receiver"], "null")]
                )
            if order.status not in (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID):
                raise ReceiverLocked(
                    f"The order is '{order.status}'; the receiver is fixed once shipped."
                )
            order.receiver_name = data.receiver.name
            order.receiver_phone = data.receiver.phone
            order.receiver_address = data.receiver.address
            order.province = data.receiver.province
            order.city = data.receiver.city
        if "merchant_remark" in fields:
            order.merchant_remark = data.merchant_remark or None
            event["merchant_remark"] = order.merchant_remark
        return await self._record(order, "order.updated", "updated", order.version, event)

    async def flag(self, shop_id: int, order_id: int, data: OrderFlag) -> OrderOut:
        order = await self._lock(shop_id, order_id, None, data.expected_version)
        order.flagged = True
        order.flag_reason = data.reason
        return await self._record(
            order, "order.updated", "flagged", order.version, {"reason": data.reason}
        )

    async def unflag(self, shop_id: int, order_id: int, data: VersionedIn) -> OrderOut:
        order = await self._lock(shop_id, order_id, None, data.expected_version)
        if not order.flagged:
            return await self.public(order)  # already unflagged: nothing to record
        order.flagged = False
        order.flag_reason = None
        return await self._record(order, "order.updated", "unflagged", order.version, {})

    async def remind_payment(
        self, shop_id: int, order_id: int, data: PaymentReminderCreate
    ) -> OrderOut:
        """Nudge an unpaid buyer (optionally with a coupon): < 24 h old, one per 6 h."""
        order = await self._lock(shop_id, order_id, None, data.expected_version)
        if order.status != OrderStatus.PENDING_PAYMENT:
            raise InvalidTransition(
                "order",
                order.status,
                "send a payment reminder for",
                ORDER_MACHINE.allowed_actions(order.status),
            )
        now = utcnow()
        if now - order.created_at >= REMINDER_WINDOW:
            raise ReminderWindowClosed("The order is more than 24 hours old.")
        last = await self.session.scalar(
            select(func.max(PaymentReminder.created_at)).where(
                PaymentReminder.shop_id == shop_id, PaymentReminder.order_id == order_id
            )
        )
        if last is not None and now - last < REMINDER_INTERVAL:
            next_at = last + REMINDER_INTERVAL
            raise ReminderTooSoon(
                f"The last reminder was sent at {rfc3339(last)}; the next is possible at "
                f"{rfc3339(next_at)}.",
                next_allowed_at=rfc3339(next_at),
            )
        self.session.add(
            PaymentReminder(
                shop_id=shop_id,
                order_id=order_id,
                coupon_code=data.coupon_code,
                message=data.message,
                actor_id=self.actor.label,
                created_at=now,
            )
        )
        event = {"coupon_code": data.coupon_code, "message": data.message}
        return await self._record(
            order, "order.updated", "payment_reminder", order.version, event, now=now
        )

    async def apply_refund(
        self, order: Order, amount: int, reason: str, details: dict[str, Any]
    ) -> OrderOut:
        """Money went back to the buyer (the refund ledger's row is written; the caller holds
        the order lock and checked state). Change ``order.refunded``.

        A refund of everything closes a paid/shipped/completed order through the machine.
        """
        before = order.version
        now = utcnow()
        order.refunded_amount += amount
        full = order.refunded_amount >= order.paid_amount
        order.pay_status = PayStatus.REFUNDED if full else PayStatus.PARTIALLY_REFUNDED
        event: dict[str, Any] = {"amount": amount, "reason": reason, **details}
        if full and ORDER_MACHINE.can(order.status, "refund"):
            order.status = ORDER_MACHINE.target(order.status, "refund")
            order.closed_at = now
            order.close_reason = f"refunded: {reason}"
        return await self._record(order, "order.refunded", "refunded", before, event, now=now)

    async def record(
        self,
        order: Order,
        change_type: str,
        step: str,
        before_version: int,
        event: dict[str, Any],
        *,
        now: datetime,
    ) -> OrderOut:
        """Bump the version of an order another service changed (it holds the lock) and leave
        the write's trail: timeline ``step``, change ``change_type``, audit ``order.<step>``."""
        return await self._record(order, change_type, step, before_version, event, now=now)

    async def lock_for(
        self, shop_id: int, order_id: int, action: str | None, expected_version: int | None
    ) -> Order:
        """The locked, version-checked order, for services that change it with another entity."""
        return await self._lock(shop_id, order_id, action, expected_version)

    # -- the one path every change takes -------------------------------------------------

    async def _lock(
        self, shop_id: int, order_id: int, action: str | None, expected_version: int | None
    ) -> Order:
        """Lock the row, check the version, and (for a state action) that it is allowed."""
        order = await self.orders.get(shop_id, order_id, for_update=True)
        if expected_version is not None and expected_version != order.version:
            raise VersionConflict(expected_version, order.version)
        if action is not None:
            ORDER_MACHINE.target(order.status, action)  # 409 invalid_transition, no change yet
        return order

    async def _transition(
        self,
        shop_id: int,
        order_id: int,
        action: str,
        expected_version: int | None,
        change_type: str,
        mutate: Callable[[Order, datetime], dict[str, Any]],
    ) -> OrderOut:
        order = await self._lock(shop_id, order_id, action, expected_version)
        before = order.version
        now = utcnow()
        order.status = ORDER_MACHINE.target(order.status, action)
        event = mutate(order, now)
        kind = _EVENT_KIND.get(action, action)
        return await self._record(order, change_type, kind, before, event, now=now)

    async def _record(
        self,
        order: Order,
        change_type: str,
        event_kind: str,
        before_version: int | None,
        event: dict[str, Any],
        *,
        now: datetime | None = None,
    ) -> OrderOut:
        """Bump the version (for updates) and leave the write's trail."""
        if before_version is not None:
            order.version = before_version + 1
            order.updated_at = now or utcnow()
        return await record_write(
            self.session,
            self.actor,
            Written("order", order.id, order.shop_id, order.id, order.version),
            change_type=change_type,
            step=event_kind,
            before_version=before_version,
            event=event,
            timeline=event,
            at=now or order.created_at,
            public=lambda: self.public(order),
        )
