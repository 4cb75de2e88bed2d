"""After-sale requests (refunds, returns, exchanges), disputes and their evidence."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

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

from app.models.base import Base, created_at_column, enum_column, one_of
from app.models.orders import order_fk


# One definition each (columns, CHECK constraints, filters, read models, GraphQL).
class AfterSaleType(StrEnum):
    """What the buyer asks for: money back only, return for money, or return for another."""

    REFUND_ONLY = "refund_only"
    RETURN_REFUND = "return_refund"
    EXCHANGE = "exchange"


class AfterSaleStatus(StrEnum):
    """requested -> approved | rejected; approved -> awaiting_return (returns, exchanges) or
    refunded (refund only); awaiting_return -> returned -> refunded | exchanged; open ones can
    be closed."""

    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    AWAITING_RETURN = "awaiting_return"
    RETURNED = "returned"
    REFUNDED = "refunded"
    EXCHANGED = "exchanged"
    CLOSED = "closed"
    EXCHANGE_OFFERED = "exchange_offered"


class ExchangeOfferStatus(StrEnum):
    """The merchant offered an exchange instead of a refund: the buyer's answer."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class DisputeKind(StrEnum):
    """A logistics dispute or an appeal against a malicious claim."""

    LOGISTICS = "logistics"
    MALICIOUS_CLAIM = "malicious_claim"


class DisputeStatus(StrEnum):
    """open -> evidence_submitted -> under_review -> won | lost."""

    OPEN = "open"
    EVIDENCE_SUBMITTED = "evidence_submitted"
    UNDER_REVIEW = "under_review"
    WON = "won"
    LOST = "lost"


class EvidenceKind(StrEnum):
    """What a piece of dispute evidence is."""

    CHAT_LOG = "chat_log"
    QC_REPORT = "qc_report"
    SHIPPING_PROOF = "shipping_proof"
    OTHER = "other"


class AfterSale(Base):
    __tablename__ = "after_sales"
    __table_args__ = (
        order_fk(),
        CheckConstraint(one_of("type", AfterSaleType), name="type_valid"),
        CheckConstraint(one_of("status", AfterSaleStatus), name="status_valid"),
        Index("ix_after_sales_shop_order", "shop_id", "order_id"),
        Index("ix_after_sales_shop_created", "shop_id", "created_at", "id"),
        Index("ix_after_sales_shop_status", "shop_id", "status", "created_at"),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    order_id: Mapped[int]
    type: Mapped[AfterSaleType] = enum_column(AfterSaleType)
    status: Mapped[AfterSaleStatus] = enum_column(AfterSaleStatus)
    reason: Mapped[str] = mapped_column(Text)
    amount: Mapped[int]
    reject_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
    resolved_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())
    # An exchange offered instead of the refund: {status, offered_at, answered_at,
    # from_type, resume_status} (see app/domain/after_sales/exchange_offers.py), else null.
    exchange_offer: Mapped[dict[str, Any] | None]


class Dispute(Base):
    """A logistics dispute or a malicious-claim appeal, reviewed by the platform."""

    __tablename__ = "disputes"
    __table_args__ = (
        order_fk(),
        CheckConstraint(one_of("kind", DisputeKind), name="kind_valid"),
        CheckConstraint(one_of("status", DisputeStatus), name="status_valid"),
        Index("ix_disputes_shop_order", "shop_id", "order_id"),
        Index("ix_disputes_shop_created", "shop_id", "created_at", "id"),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    order_id: Mapped[int]
    after_sale_id: Mapped[int | None]
    kind: Mapped[DisputeKind] = enum_column(DisputeKind)
    status: Mapped[DisputeStatus] = enum_column(DisputeStatus)
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
        CheckConstraint(one_of("kind", EvidenceKind), name="kind_valid"),
        CheckConstraint("size_bytes <= 10485760", name="size_limit"),
        Index("ix_dispute_evidence_shop_dispute", "shop_id", "dispute_id"),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    dispute_id: Mapped[int]
    kind: Mapped[EvidenceKind] = enum_column(EvidenceKind)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = created_at_column()
