"""Orders and what hangs off them: items, shipments, timeline events, payment reminders."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Identity,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at_column, enum_column, one_of
from app.models.shipments import ShipmentStatus


# The one definition of each order enum: the columns, the CHECK constraints, the filters, the
# read models and GraphQL (strawberry.enum) all use these; values are the API's spellings.
class OrderStatus(StrEnum):
    """Where the order is in its life: pending_payment -> paid -> (partially_shipped ->)
    shipped -> completed; an unpaid order can be closed, and a full refund closes a paid one."""

    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    SHIPPED = "shipped"
    COMPLETED = "completed"
    CLOSED = "closed"
    PARTIALLY_SHIPPED = "partially_shipped"


class PayStatus(StrEnum):
    """Money state, independent of fulfilment (a shipped order can be partially refunded)."""

    UNPAID = "unpaid"
    PAID = "paid"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"


class PayMethod(StrEnum):
    """How the buyer paid."""

    DOUYIN_PAY = "douyin_pay"
    ALIPAY = "alipay"
    WECHAT_PAY = "wechat_pay"


class TrafficSource(StrEnum):
    """Where the buyer came from (live room, short video, product card, search, other)."""

    LIVE_ROOM = "live_room"
    SHORT_VIDEO = "short_video"
    PRODUCT_CARD = "product_card"
    SEARCH = "search"
    OTHER = "other"


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("shop_id", "order_no"),
        CheckConstraint(one_of("status", OrderStatus), name="status_valid"),
        CheckConstraint(one_of("pay_status", PayStatus), name="pay_status_valid"),
        CheckConstraint(
            f"pay_method IS NULL OR {one_of('pay_method', PayMethod)}", name="pay_method_valid"
        ),
        CheckConstraint(one_of("traffic_source", TrafficSource), name="traffic_source_valid"),
        CheckConstraint("paid_amount >= 0 AND goods_amount >= 0", name="amounts_non_negative"),
        Index("ix_orders_shop_created", "shop_id", text("created_at DESC"), text("id DESC")),
        Index("ix_orders_shop_updated", "shop_id", text("updated_at DESC"), text("id DESC")),
        Index("ix_orders_shop_status_created", "shop_id", "status", text("created_at DESC")),
        Index("ix_orders_shop_paid_amount", "shop_id", text("paid_amount DESC"), text("id DESC")),
        Index("ix_orders_shop_buyer", "shop_id", "buyer_id"),
        Index("ix_orders_shop_author", "shop_id", "author_id"),
        # List filters that are selective enough to deserve their own keyset-ordered index.
        Index(
            "ix_orders_shop_flagged_created",
            "shop_id",
            text("created_at DESC"),
            text("id DESC"),
            postgresql_where=text("flagged"),
        ),
        Index(
            "ix_orders_shop_province_created",
            "shop_id",
            "province",
            text("created_at DESC"),
            text("id DESC"),
        ),
        Index(
            "ix_orders_shop_source_created",
            "shop_id",
            "traffic_source",
            text("created_at DESC"),
            text("id DESC"),
        ),
        Index(
            "ix_orders_shop_pay_status_created",
            "shop_id",
            "pay_status",
            text("created_at DESC"),
            text("id DESC"),
        ),
        # Metrics bucket paid and signed orders by those times (created_at has its own).
        Index(
            "ix_orders_shop_paid",
            "shop_id",
            "paid_at",
            postgresql_where=text("paid_at IS NOT NULL"),
        ),
        Index(
            "ix_orders_shop_signed",
            "shop_id",
            "signed_at",
            postgresql_where=text("signed_at IS NOT NULL"),
        ),
        # The orders still waiting for payment (metrics' unpaid_over_24h, the funnel): few
        # in a live shop, counted by an index-only scan without visiting the heap.
        Index(
            "ix_orders_shop_pending_created",
            "shop_id",
            "created_at",
            # = metrics.definitions.PENDING_PAYMENT_SQL (tests/unit/test_metrics_definitions.py)
            postgresql_where=text("status = 'pending_payment' AND paid_at IS NULL"),
        ),
    )

    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    order_no: Mapped[str] = mapped_column(String(19))
    status: Mapped[OrderStatus] = enum_column(OrderStatus)
    pay_status: Mapped[PayStatus] = enum_column(PayStatus)
    pay_method: Mapped[PayMethod | None] = enum_column(PayMethod)
    goods_amount: Mapped[int]
    discount_amount: Mapped[int] = mapped_column(server_default="0")
    shipping_fee: Mapped[int] = mapped_column(server_default="0")
    paid_amount: Mapped[int] = mapped_column(server_default="0")
    refunded_amount: Mapped[int] = mapped_column(server_default="0")
    buyer_id: Mapped[str] = mapped_column(String(32))
    buyer_nickname: Mapped[str] = mapped_column(String(100))
    receiver_name: Mapped[str] = mapped_column(String(100))
    receiver_phone: Mapped[str] = mapped_column(String(32))
    receiver_address: Mapped[str] = mapped_column(String(500))
    province: Mapped[str] = mapped_column(String(32))
    city: Mapped[str] = mapped_column(String(64))
    traffic_source: Mapped[TrafficSource] = enum_column(TrafficSource, server_default="other")
    room_id: Mapped[str | None] = mapped_column(String(32))
    video_id: Mapped[str | None] = mapped_column(String(32))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("authors.id"))
    commission_rate_bps: Mapped[int] = mapped_column(Integer, server_default="0")
    commission_amount: Mapped[int] = mapped_column(server_default="0")
    merchant_remark: Mapped[str | None] = mapped_column(Text)
    buyer_note: Mapped[str | None] = mapped_column(Text)
    flagged: Mapped[bool] = mapped_column(Boolean, server_default="false")
    flag_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
    paid_at: Mapped[datetime | None]
    shipped_at: Mapped[datetime | None]
    signed_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    close_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())


# Substring search in the notes (buyer_note_contains, merchant_remark_contains) is served by
# the trigram indexes ix_orders_buyer_note_trgm / ix_orders_merchant_remark_trgm where the server
# has pg_trgm (migration 0008 creates them only then; migrations/env.py leaves them out of the
# model comparison). Without it (the embedded server) the filter scans the shop's rows.

# Prefix search on the nickname, case-insensitive (LIKE 'abc%' on lower()).
Index(
    "ix_orders_shop_nickname",
    Order.shop_id,
    func.lower(Order.buyer_nickname).label("lower_nickname"),
    postgresql_ops={"lower_nickname": "text_pattern_ops"},
)


def order_fk() -> ForeignKeyConstraint:
    """(shop_id, order_id) -> orders: the tenant key leads every reference."""
    return ForeignKeyConstraint(
        ["shop_id", "order_id"], ["orders.shop_id", "orders.id"], ondelete="CASCADE"
    )


class OrderItem(Base):
    __tablename__ = "order_items"
    __table_args__ = (
        order_fk(),
        Index("ix_order_items_shop_order", "shop_id", "order_id"),
        Index("ix_order_items_shop_product", "shop_id", "product_id"),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    order_id: Mapped[int]
    product_id: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    sku: Mapped[str | None] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int]


class Shipment(Base):
    """One parcel: its carrier (a registry code), tracking number and the units it holds."""

    __tablename__ = "shipments"
    __table_args__ = (
        order_fk(),
        Index("ix_shipments_shop_order", "shop_id", "order_id"),
        Index("ix_shipments_shop_tracking", "shop_id", "tracking_no"),
        CheckConstraint(one_of("status", ShipmentStatus), name="status_valid"),
        CheckConstraint("corrections BETWEEN 0 AND 3", name="corrections_range"),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    order_id: Mapped[int]
    carrier_code: Mapped[str] = mapped_column(ForeignKey("carriers.code"))
    tracking_no: Mapped[str] = mapped_column(String(64))
    # [{"item_id": …, "quantity": …}]: the units of each order line in this parcel.
    lines: Mapped[list[dict[str, int]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    status: Mapped[ShipmentStatus] = enum_column(ShipmentStatus, server_default="shipped")
    corrections: Mapped[int] = mapped_column(Integer, server_default="0")
    shipped_at: Mapped[datetime] = created_at_column()
    signed_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = created_at_column()


class OrderEvent(Base):
    """One step of an order's timeline (created, paid, shipped, after-sale steps …)."""

    __tablename__ = "order_events"
    __table_args__ = (order_fk(), Index("ix_order_events_shop_order", "shop_id", "order_id", "id"))

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    order_id: Mapped[int]
    kind: Mapped[str] = mapped_column(String(64))
    actor_type: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[str | None] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime] = created_at_column()


class PaymentReminder(Base):
    __tablename__ = "payment_reminders"
    __table_args__ = (order_fk(), Index("ix_payment_reminders_shop_order", "shop_id", "order_id"))

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    order_id: Mapped[int]
    coupon_code: Mapped[str | None] = mapped_column(String(64))
    message: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = created_at_column()
