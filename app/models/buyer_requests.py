"""What buyers ask of a merchant about an order: address changes and complaints (投诉)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Identity, Index, Integer, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at_column, enum_column, one_of
from app.models.orders import order_fk


class AddressChangeStatus(StrEnum):
    """pending -> approved | rejected (by the merchant, or automatically)."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class DecidedBy(StrEnum):
    """Who settled an address-change request: the merchant or the platform's timer."""

    MERCHANT = "merchant"
    AUTO = "auto"


class ComplaintKind(StrEnum):
    """What the buyer complains about."""

    QUALITY = "quality"
    NOT_AS_DESCRIBED = "not_as_described"
    LOGISTICS = "logistics"
    SERVICE = "service"
    OTHER = "other"


class ComplaintStatus(StrEnum):
    """open -> responded (the merchant's answer)."""

    OPEN = "open"
    RESPONDED = "responded"


class AddressChangeRequest(Base):
    """A buyer's request to ship to another receiver; the order changes only on approval."""

    __tablename__ = "address_change_requests"
    __table_args__ = (
        order_fk(),
        CheckConstraint(one_of("status", AddressChangeStatus), name="status_valid"),
        CheckConstraint(
            f"decided_by IS NULL OR {one_of('decided_by', DecidedBy)}", name="decided_by_valid"
        ),
        Index("ix_address_change_requests_shop_order", "shop_id", "order_id"),
        Index("ix_address_change_requests_shop_created", "shop_id", "created_at", "id"),
        Index("ix_address_change_requests_shop_status", "shop_id", "status", "created_at"),
        # The worker's sweep: pending requests only, across shops.
        Index(
            "ix_address_change_requests_pending",
            "auto_approve_at",
            postgresql_where=text("status = 'pending'"),
        ),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    order_id: Mapped[int]
    status: Mapped[AddressChangeStatus] = enum_column(AddressChangeStatus)
    receiver_name: Mapped[str] = mapped_column(String(100))
    receiver_phone: Mapped[str] = mapped_column(String(32))
    receiver_address: Mapped[str] = mapped_column(String(500))
    province: Mapped[str] = mapped_column(String(32))
    city: Mapped[str] = mapped_column(String(64))
    reject_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[DecidedBy | None] = enum_column(DecidedBy)
    auto_approve_at: Mapped[datetime]
    created_at: Mapped[datetime] = created_at_column()
    decided_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())


class Complaint(Base):
    """A buyer's complaint about an order and the merchant's response."""

    __tablename__ = "complaints"
    __table_args__ = (
        order_fk(),
        CheckConstraint(one_of("kind", ComplaintKind), name="kind_valid"),
        CheckConstraint(one_of("status", ComplaintStatus), name="status_valid"),
        Index("ix_complaints_shop_order", "shop_id", "order_id"),
        Index("ix_complaints_shop_created", "shop_id", "created_at", "id"),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    order_id: Mapped[int]
    kind: Mapped[ComplaintKind] = enum_column(ComplaintKind)
    status: Mapped[ComplaintStatus] = enum_column(ComplaintStatus)
    description: Mapped[str] = mapped_column(Text)
    response: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at_column()
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())
