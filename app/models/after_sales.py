"""After-sale requests (refunds, returns, exchanges), disputes and their evidence."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKeyConstraint,
    Identity,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at_column, one_of
from app.models.orders import order_fk

AFTER_SALE_TYPES = ("refund_only", "return_refund", "exchange")
AFTER_SALE_STATUSES = (
    "requested",
    "approved",
    "rejected",
    "awaiting_return",
    "returned",
    "refunded",
    "exchanged",
    "closed",
)
DISPUTE_KINDS = ("logistics", "malicious_claim")
DISPUTE_STATUSES = ("open", "evidence_submitted", "under_review", "won", "lost")
EVIDENCE_KINDS = ("chat_log", "qc_report", "shipping_proof", "other")


class AfterSale(Base):
    __tablename__ = "after_sales"
    __table_args__ = (
        order_fk(),
        CheckConstraint(one_of("type", AFTER_SALE_TYPES), name="type_valid"),
        CheckConstraint(one_of("status", AFTER_SALE_STATUSES), name="status_valid"),
        Index("ix_after_sales_shop_order", "shop_id", "order_id"),
        Index("ix_after_sales_shop_created", "shop_id", "created_at", "id"),
        Index("ix_after_sales_shop_status", "shop_id", "status", "created_at"),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    order_id: Mapped[int]
    type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    amount: Mapped[int]
    reject_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
    resolved_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())


class Dispute(Base):
    """A logistics dispute or a malicious-claim appeal, reviewed by the platform."""

    __tablename__ = "disputes"
    __table_args__ = (
        order_fk(),
        CheckConstraint(one_of("kind", DISPUTE_KINDS), name="kind_valid"),
        CheckConstraint(one_of("status", DISPUTE_STATUSES), name="status_valid"),
        Index("ix_disputes_shop_order", "shop_id", "order_id"),
        Index("ix_disputes_shop_created", "shop_id", "created_at", "id"),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    order_id: Mapped[int]
    after_sale_id: Mapped[int | None]
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime | None]
    review_due_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at_column()
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())


class DisputeEvidence(Base):
    __tablename__ = "dispute_evidence"
    __table_args__ = (
        ForeignKeyConstraint(
            ["shop_id", "dispute_id"], ["disputes.shop_id", "disputes.id"], ondelete="CASCADE"
        ),
        CheckConstraint(one_of("kind", EVIDENCE_KINDS), name="kind_valid"),
        CheckConstraint("size_bytes <= 10485760", name="size_limit"),
        Index("ix_dispute_evidence_shop_dispute", "shop_id", "dispute_id"),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    dispute_id: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = created_at_column()
