"""Parcels' reference data and trail: the carrier registry and each parcel's tracking events.

The parcel itself (``shipments``) lives with the order in :mod:`app.models.orders`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    ForeignKeyConstraint,
    Identity,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at_column, enum_column, one_of


class TrackingStatus(StrEnum):
    """What a carrier scan says about a parcel (the status of one tracking event)."""

    PICKED_UP = "picked_up"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    EXCEPTION = "exception"
    RETURNED_TO_SENDER = "returned_to_sender"


class ShipmentStatus(StrEnum):
    """Where a parcel is: ``shipped`` (handed over, no scan yet), then its latest scan's status."""

    SHIPPED = "shipped"
    PICKED_UP = "picked_up"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    EXCEPTION = "exception"
    RETURNED_TO_SENDER = "returned_to_sender"


class Carrier(Base):
    """A carrier of the registry (platform-wide, seeded by migration 0008)."""

    __tablename__ = "carriers"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    tracking_url: Mapped[str | None] = mapped_column(String(300))
    # Other spellings (free text of the deprecated ``carrier`` field) that mean this carrier.
    aliases: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")
    position: Mapped[int] = mapped_column(server_default="0")


class TrackingEvent(Base):
    """One carrier scan of a parcel; (at, status) is unique per parcel (pushes are replayed)."""

    __tablename__ = "shipment_tracking_events"
    __table_args__ = (
        ForeignKeyConstraint(
            ["shop_id", "shipment_id"], ["shipments.shop_id", "shipments.id"], ondelete="CASCADE"
        ),
        UniqueConstraint("shop_id", "shipment_id", "at", "status"),
        CheckConstraint(one_of("status", TrackingStatus), name="status_valid"),
        Index("ix_shipment_tracking_events_shop_order", "shop_id", "order_id"),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    shipment_id: Mapped[int]
    order_id: Mapped[int]
    at: Mapped[datetime]
    status: Mapped[TrackingStatus] = enum_column(TrackingStatus)
    location: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = created_at_column()
