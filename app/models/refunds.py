"""The refund ledger: one row per sum of money returned to the buyer (a merchant's partial or
full refund, or a refund after-sale completing). ``orders.refunded_amount`` is their sum."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Identity, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at_column
from app.models.orders import order_fk


class Refund(Base):
    __tablename__ = "order_refunds"
    __table_args__ = (
        order_fk(),
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_order_refunds_shop_order", "shop_id", "order_id", "id"),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    order_id: Mapped[int]
    after_sale_id: Mapped[int | None]
    amount: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    # [{item_id, quantity, amount}] when refunded by lines, else null (an amount).
    lines: Mapped[dict[str, Any] | None]
    actor_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = created_at_column()
