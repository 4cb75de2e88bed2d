"""Webhook endpoints, one delivery per (endpoint, change), every attempt, the fan-out cursor."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    ARRAY,
    BigInteger,
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
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import XID8, Base, created_at_column


class DeliveryStatus(StrEnum):
    """Where a delivery stands: queued or retrying, answered 2xx, given up, or cancelled."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    CANCELLED = "cancelled"


DELIVERY_STATUSES: tuple[str, ...] = tuple(DeliveryStatus)


class WebhookEndpoint(Base):
    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    owner_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("oauth_clients.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    event_types: Mapped[list[str]] = mapped_column(ARRAY(Text))
    shop_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger))
    # Shops whose merchant switched this endpoint off for their data (the app cannot undo it).
    disabled_shop_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger), server_default="{}")
    # Signing needs the secret itself; it is encrypted with the server key before storage.
    secret_encrypted: Mapped[str] = mapped_column(Text)
    previous_secret_encrypted: Mapped[str | None] = mapped_column(Text)
    previous_secret_expires_at: Mapped[datetime | None]
    enabled: Mapped[bool] = mapped_column(Boolean, server_default="true")
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    failing_since: Mapped[datetime | None]
    # The snapshot xmin when the endpoint was created: every transaction below it had finished,
    # so changes with xid >= start_xid include all committed after creation (replay for older).
    start_xid: Mapped[int] = mapped_column(XID8(), server_default=text("'0'::xid8"))
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())
    deleted_at: Mapped[datetime | None]


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("shop_id", "endpoint_id", "change_id", "replay_of"),
        CheckConstraint(
            "status IN ('pending', 'delivered', 'failed', 'cancelled')", name="status_valid"
        ),
        Index(
            "ix_webhook_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_webhook_deliveries_endpoint", "endpoint_id", "id"),
        # The claim's per-endpoint probe (app/domain/webhooks/delivery.py).
        Index(
            "ix_webhook_deliveries_endpoint_due",
            "endpoint_id",
            "next_attempt_at",
            "id",
            postgresql_where=text("status = 'pending'"),
        ),
        # The claim's per-entity order: an earlier pending delivery of the same entity to the
        # same endpoint holds the later ones back.
        Index(
            "ix_webhook_deliveries_entity_pending",
            "endpoint_id",
            "entity",
            "entity_id",
            "change_id",
            "id",
            postgresql_where=text("status = 'pending' AND entity IS NOT NULL"),
        ),
    )

    # shop_id in every key: the table is distributed by shop on Citus (docs/scaling.md).
    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoints.id", ondelete="CASCADE"))
    change_id: Mapped[int]
    # The change's entity (NULL for pings and reports): deliveries of one entity to one
    # endpoint are sent one at a time, in change order.
    entity: Mapped[str | None] = mapped_column(String(20))
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    # 0 for the original delivery; a replay creates a new row with a new webhook-id.
    replay_of: Mapped[int] = mapped_column(server_default="0")
    event_type: Mapped[str] = mapped_column(String(40))
    webhook_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    next_attempt_at: Mapped[datetime] = created_at_column()
    locked_until: Mapped[datetime | None]
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
    delivered_at: Mapped[datetime | None]


class WebhookAttempt(Base):
    __tablename__ = "webhook_attempts"
    __table_args__ = (
        Index("ix_webhook_attempts_delivery", "delivery_id", "id"),
        ForeignKeyConstraint(
            ["shop_id", "delivery_id"],
            ["webhook_deliveries.shop_id", "webhook_deliveries.id"],
            ondelete="CASCADE",
        ),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    delivery_id: Mapped[int]
    attempted_at: Mapped[datetime] = created_at_column()
    latency_ms: Mapped[int | None] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer)
    response_excerpt: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)


class WebhookFanoutState(Base):
    """Singleton cursor of the fan-out loop over the global change log."""

    __tablename__ = "webhook_fanout_state"
    __table_args__ = (CheckConstraint("id = 1", name="singleton"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_xid: Mapped[int] = mapped_column(XID8(), server_default=text("'0'::xid8"))
    last_change_id: Mapped[int] = mapped_column(server_default="0")
    updated_at: Mapped[datetime] = created_at_column()
