"""Order and its children. Roots are the domain's plain dicts (list rows or full
representations); fields a list row lacks come from per-request DataLoaders."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry
from strawberry.types import Info

from app.domain.access.actions import permitted
from app.domain.after_sales.states import OPEN_AFTER_SALE_STATUSES
from app.domain.orders.states import ORDER_MACHINE
from app.graphql.context import GraphQLContext
from app.graphql.ids import to_global_id
from app.graphql.types.scalars import (
    JSON,
    AfterSaleStatus,
    AfterSaleType,
    DateTime,
    ExchangeOfferStatus,
    OrderStatus,
    PayMethod,
    PayStatus,
    ShipmentStatus,
    TrafficSource,
)
from app.kit.masking import mask_receiver

Ctx = Info[GraphQLContext, None]
Row = dict[str, Any]


def _key(row: Row) -> tuple[int, int]:
    return (row["shop_id"], row["id"])


async def _detail(row: Row, info: Ctx, field: str) -> Any:
    """A field of the full representation, loaded (batched) only when the row lacks it."""
    if field in row:
        return row[field]
    detail: Mapping[str, Any] | None = await info.context.order_details.load(_key(row))
    return detail[field] if detail else None


async def _author_id(row: Row, info: Ctx) -> int | None:
    """A list row carries ``author_id``; a full representation its ``author`` object."""
    if "author_id" in row:
        return row["author_id"]  # type: ignore[no-any-return]
    author = await _detail(row, info, "author")
    return int(author["id"]) if author else None


def _detail_field(name: str, description: str | None = None) -> Any:
    """A field read from the full representation (see :func:`_detail`)."""

    # No return annotation: Strawberry then takes the type from the class attribute.
    async def resolve(root: strawberry.Parent[Row], info: Ctx):  # type: ignore[no-untyped-def]
        return await _detail(root, info, name)

    return strawberry.field(resolver=resolve, description=description)


@strawberry.interface(description="An object with a global id (Relay).")
class Node:
    id: strawberry.ID


@strawberry.type
class Buyer:
    id: str
    nickname: str


def shown_receiver(info: Ctx, shop_id: int, order_id: int, receiver: Row) -> Receiver:
    """``receiver`` masked without orders:read_pii; with it, in clear and noted for the
    operation's ``pii.read`` audit row (app/graphql/extensions.py PiiReadAudit)."""
    if info.context.authorize("orders:read").can_read_pii(shop_id):
        info.context.operation.pii_shown.add((shop_id, order_id))
        return {**receiver, "masked": False}  # type: ignore[return-value]
    return mask_receiver(receiver)  # type: ignore[return-value]


@strawberry.type(description="Receiver; name, phone and address masked without orders:read_pii.")
class Receiver:
    name: str
    phone: str
    address: str
    province: str
    city: str
    masked: bool


@strawberry.type
class OrderItem:
    @strawberry.field
    def database_id(self: Row) -> int:  # type: ignore[misc]
        return int(self["id"])

    product_id: int
    title: str
    sku: str | None
    quantity: int
    unit_price: int = strawberry.field(description="Fen")


@strawberry.type(description="Units of one order line in a parcel")
class ShipmentLine:
    item_id: int
    quantity: int


@strawberry.type(description="One parcel handed to a carrier")
class Shipment:
    @strawberry.field
    def database_id(self: Row) -> int:  # type: ignore[misc]
        return int(self["id"])

    carrier_code: str = strawberry.field(description="Registry code (see carriers)")
    carrier: str = strawberry.field(deprecation_reason="Use carrierCode")
    tracking_no: str
    lines: list[ShipmentLine]
    item_ids: list[int] | None = strawberry.field(deprecation_reason="Use lines")
    status: ShipmentStatus
    corrections: int = strawberry.field(description="Corrections so far (at most 3)")
    shipped_at: DateTime | None
    signed_at: DateTime | None
    updated_at: DateTime


@strawberry.type
class TimelineEvent:
    kind: str
    actor_type: str
    actor_id: str | None
    data: JSON
    created_at: DateTime


@strawberry.type
class Author:
    @strawberry.field
    def database_id(self: Row) -> int:  # type: ignore[misc]
        return int(self["id"])

    nickname: str
    default_commission_bps: int


@strawberry.type(description="A payment reminder (coupon nudge) sent for an unpaid order")
class PaymentReminder:
    @strawberry.field
    def database_id(self: Row) -> int:  # type: ignore[misc]
        return int(self["id"])

    coupon_code: str | None
    message: str | None
    actor: str | None = strawberry.field(description="Who sent it (account or app)")
    created_at: DateTime


@strawberry.type(description="When the platform may decide a submitted dispute")
class ReviewWindow:
    earliest: DateTime
    latest: DateTime
    business_days: str = strawberry.field(description='The window in business days, e.g. "3-5"')
    timezone: str


@strawberry.type
class AfterSaleSummary:
    count: int
    open: int
    latest_status: AfterSaleStatus | None


@strawberry.type(description="An exchange offered instead of a refund, and the buyer's answer")
class ExchangeOffer:
    status: ExchangeOfferStatus
    from_type: AfterSaleType = strawberry.field(description="What the buyer had asked for")
    offered_at: DateTime
    answered_at: DateTime | None


@strawberry.type
class RefundLine:
    item_id: int
    quantity: int
    amount: int = strawberry.field(description="Fen")


@strawberry.type(description="Money returned to the buyer: one row of the refund ledger")
class Refund:
    @strawberry.field
    def database_id(self: Row) -> int:  # type: ignore[misc]
        return int(self["id"])

    order_id: int
    after_sale_id: int | None
    amount: int = strawberry.field(description="Fen")
    reason: str
    lines: list[RefundLine] | None
    actor: str | None = strawberry.field(description="Who refunded (account or app)")
    created_at: DateTime


@strawberry.type
class AfterSale(Node):
    @strawberry.field
    def id(self: Row) -> strawberry.ID:  # type: ignore[misc]
        return strawberry.ID(to_global_id("AfterSale", self["shop_id"], self["id"]))

    @strawberry.field
    def database_id(self: Row) -> int:  # type: ignore[misc]
        return int(self["id"])

    shop_id: int
    order_id: int
    type: AfterSaleType
    status: AfterSaleStatus
    reason: str
    amount: int
    reject_reason: str | None
    exchange_offer: ExchangeOffer | None
    allowed_actions: list[str] = strawberry.field(
        description="What the caller (its role and scopes) may do now"
    )
    created_at: DateTime
    resolved_at: DateTime | None
    version: int
    updated_at: DateTime

    @classmethod
    def is_type_of(cls, obj: Any, info: Any) -> bool:
        return isinstance(obj, dict) and obj.get("__typename") == "AfterSale"


@strawberry.type
class Dispute(Node):
    @strawberry.field
    def id(self: Row) -> strawberry.ID:  # type: ignore[misc]
        return strawberry.ID(to_global_id("Dispute", self["shop_id"], self["id"]))

    @strawberry.field
    def database_id(self: Row) -> int:  # type: ignore[misc]
        return int(self["id"])

    shop_id: int
    order_id: int
    after_sale_id: int | None
    kind: str
    status: str
    description: str
    allowed_actions: list[str] = strawberry.field(
        description="What the caller may do now (never the platform's win or lose)"
    )
    submitted_at: DateTime | None
    review_due_at: DateTime | None
    decided_at: DateTime | None
    created_at: DateTime
    version: int
    updated_at: DateTime

    review_window: ReviewWindow | None = strawberry.field(
        description="Null until the dispute is submitted for review"
    )

    @strawberry.field(description="The evidence files' metadata (bytes are on REST)")
    async def evidence(self: Row, info: Ctx) -> list[Evidence]:  # type: ignore[misc]
        found = await info.context.evidence.load((self["shop_id"], self["id"]))
        return found or []  # type: ignore[return-value]

    @classmethod
    def is_type_of(cls, obj: Any, info: Any) -> bool:
        return isinstance(obj, dict) and obj.get("__typename") == "Dispute"


@strawberry.type(description="A dispute's evidence file (metadata; the bytes are on REST)")
class Evidence:
    @strawberry.field
    def database_id(self: Row) -> int:  # type: ignore[misc]
        return int(self["id"])

    dispute_id: int
    kind: str
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    created_at: DateTime


@strawberry.type
class Order(Node):
    @strawberry.field(description="Global id")
    def id(self: Row) -> strawberry.ID:  # type: ignore[misc]
        return strawberry.ID(to_global_id("Order", self["shop_id"], self["id"]))

    @strawberry.field(description="The id used by the REST API")
    def database_id(self: Row) -> int:  # type: ignore[misc]
        return int(self["id"])

    shop_id: int
    order_no: str
    status: OrderStatus
    pay_status: PayStatus
    pay_method: PayMethod | None
    created_at: DateTime
    paid_at: DateTime | None
    paid_amount: int = strawberry.field(description="Fen")
    buyer: Buyer
    items: list[OrderItem]
    tracking_numbers: list[str]
    flagged: bool
    traffic_source: TrafficSource
    version: int
    updated_at: DateTime

    goods_amount: int = _detail_field("goods_amount", description="Fen")
    discount_amount: int = _detail_field("discount_amount", description="Fen")
    shipping_fee: int = _detail_field("shipping_fee", description="Fen")
    refunded_amount: int = _detail_field("refunded_amount", description="Fen")
    refundable_amount: int = _detail_field(
        "refundable_amount", description="Fen: paid_amount - refunded_amount"
    )

    @strawberry.field
    async def receiver(self: Row, info: Ctx) -> Receiver:  # type: ignore[misc]
        receiver: Row = await _detail(self, info, "receiver")
        return shown_receiver(info, self["shop_id"], self["id"], receiver)

    province: str = _detail_field("province")
    city: str = _detail_field("city")
    room_id: str | None = _detail_field("room_id")
    video_id: str | None = _detail_field("video_id")
    merchant_remark: str | None = _detail_field("merchant_remark")
    buyer_note: str | None = _detail_field("buyer_note")
    flag_reason: str | None = _detail_field("flag_reason")
    shipped_at: DateTime | None = _detail_field("shipped_at")
    signed_at: DateTime | None = _detail_field("signed_at")
    completed_at: DateTime | None = _detail_field("completed_at")
    closed_at: DateTime | None = _detail_field("closed_at")
    close_reason: str | None = _detail_field("close_reason")

    @strawberry.field(description="Fen")
    async def commission_amount(self: Row, info: Ctx) -> int:  # type: ignore[misc]
        author = await _detail(self, info, "author")
        return int(author["commission_amount"]) if author else 0

    @strawberry.field(description="The author's commission on this order, in basis points")
    async def commission_rate_bps(self: Row, info: Ctx) -> int | None:  # type: ignore[misc]
        author = await _detail(self, info, "author")
        return int(author["commission_rate_bps"]) if author else None

    @strawberry.field(
        description="What the caller (its role and scopes) may do next in the order's state"
    )
    def allowed_actions(self: Row, info: Ctx) -> list[str]:  # type: ignore[misc]
        granted = info.context.principal.scopes_on(self["shop_id"])
        return permitted("order", ORDER_MACHINE.allowed_actions(self["status"]), granted)

    @strawberry.field(description="Payment reminders sent for the order, oldest first")
    async def payment_reminders(self: Row, info: Ctx) -> list[PaymentReminder]:  # type: ignore[misc]
        if "payment_reminders" in self:
            return self["payment_reminders"]  # type: ignore[no-any-return]
        return await info.context.payment_reminders.load(_key(self)) or []  # type: ignore[return-value]

    @strawberry.field(description="The influencer (达人) credited with the sale, if any")
    async def author_id(self: Row, info: Ctx) -> int | None:  # type: ignore[misc]
        return await _author_id(self, info)

    @strawberry.field
    async def author(self: Row, info: Ctx) -> Author | None:  # type: ignore[misc]
        author_id = await _author_id(self, info)
        if author_id is None:
            return None
        return await info.context.authors.load(author_id)  # type: ignore[return-value]

    @strawberry.field
    async def after_sale_summary(self: Row, info: Ctx) -> AfterSaleSummary:  # type: ignore[misc]
        if "after_sale" in self:
            return self["after_sale"]  # type: ignore[no-any-return]
        rows = await info.context.after_sales.load(_key(self)) or []
        open_states = set(OPEN_AFTER_SALE_STATUSES)
        return {  # type: ignore[return-value]
            "count": len(rows),
            "open": sum(1 for a in rows if a["status"] in open_states),
            "latest_status": rows[-1]["status"] if rows else None,
        }

    @strawberry.field
    async def shipments(self: Row, info: Ctx) -> list[Shipment]:  # type: ignore[misc]
        if "shipments" in self:
            return self["shipments"]  # type: ignore[no-any-return]
        return await info.context.shipments.load(_key(self)) or []  # type: ignore[return-value]

    @strawberry.field(description="The refund ledger, oldest first")
    async def refunds(self: Row, info: Ctx) -> list[Refund]:  # type: ignore[misc]
        return await info.context.refunds.load(_key(self)) or []  # type: ignore[return-value]

    @strawberry.field
    async def timeline(self: Row, info: Ctx) -> list[TimelineEvent]:  # type: ignore[misc]
        return await info.context.timelines.load(_key(self)) or []  # type: ignore[return-value]

    @strawberry.field(description="Needs after_sales:read; empty without it")
    async def after_sales(self: Row, info: Ctx) -> list[AfterSale]:  # type: ignore[misc]
        rows = await info.context.after_sales.load(_key(self)) or []
        return [{**r, "__typename": "AfterSale"} for r in rows]  # type: ignore[misc]

    @strawberry.field(description="Needs after_sales:read; empty without it")
    async def disputes(self: Row, info: Ctx) -> list[Dispute]:  # type: ignore[misc]
        rows = await info.context.disputes.load(_key(self)) or []
        return [{**r, "__typename": "Dispute"} for r in rows]  # type: ignore[misc]

    @classmethod
    def is_type_of(cls, obj: Any, info: Any) -> bool:
        return isinstance(obj, dict) and obj.get("__typename", "Order") == "Order"
