"""The change log (one row per committed entity change) and the feed's epoch."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Identity, Index, Integer, SmallInteger, String, text
from sqlalchemy.dialects.postgresql import JSON
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import XID8, Base, created_at_column, one_of


class ChangeType(StrEnum):
    """The type of a change in the feed (and of the webhook event that carries it)."""

    ORDER_CREATED = "order.created"
    ORDER_PAID = "order.paid"
    ORDER_SHIPPED = "order.shipped"
    ORDER_SIGNED = "order.signed"
    ORDER_COMPLETED = "order.completed"
    ORDER_CLOSED = "order.closed"
    ORDER_UPDATED = "order.updated"
    AFTER_SALE_CREATED = "after_sale.created"
    AFTER_SALE_UPDATED = "after_sale.updated"
    DISPUTE_CREATED = "dispute.created"
    DISPUTE_UPDATED = "dispute.updated"
    SHIPMENT_UPDATED = "shipment.updated"
    SHIPMENT_TRACKING_UPDATED = "shipment.tracking_updated"
    ADDRESS_CHANGE_REQUESTED = "address_change.requested"
    ADDRESS_CHANGE_APPROVED = "address_change.approved"
    ADDRESS_CHANGE_REJECTED = "address_change.rejected"
    COMPLAINT_OPENED = "complaint.opened"
    COMPLAINT_RESPONDED = "complaint.responded"
    ORDER_REFUNDED = "order.refunded"


CHANGE_TYPES: tuple[str, ...] = tuple(ChangeType)


class ChangeEntity(StrEnum):
    """The kind of entity a change is about (``entity`` of a change)."""

    ORDER = "order"
    AFTER_SALE = "after_sale"
    DISPUTE = "dispute"
    ADDRESS_CHANGE = "address_change"
    COMPLAINT = "complaint"


class ChangeLog(Base):
    """Written in the same transaction as the entity change; read in (xid, id) order below the
    snapshot horizon so that no reader ever passes a row a running transaction will commit."""

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_shop_xid_id", "shop_id", "xid", "id"),
        Index("ix_change_log_xid_id", "xid", "id"),
        Index("ix_change_log_created_at", "created_at"),
        CheckConstraint(one_of("entity", ChangeEntity), name="entity_valid"),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    xid: Mapped[int] = mapped_column(XID8(), server_default=text("pg_current_xact_id()"))
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int]
    entity_version: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(40))
    # json, not jsonb: the feed only sends the stored text back out (pages, bulk, webhooks);
    # jsonb would parse it on every write and print it again on every read.
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = created_at_column()


class FeedState(Base):
    """Singleton row: the feed epoch (bumped after a restore so old cursors expire)."""

    __tablename__ = "feed_state"
    __table_args__ = (CheckConstraint("id = 1", name="singleton"),)

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    epoch: Mapped[int] = mapped_column(Integer, server_default="1")
    # Highest (xid, id) removed by retention pruning: a cursor below it may have missed rows.
    pruned_xid: Mapped[int] = mapped_column(XID8(), server_default=text("'0'::xid8"))
    pruned_id: Mapped[int] = mapped_column(server_default="0")
    updated_at: Mapped[datetime] = created_at_column()
