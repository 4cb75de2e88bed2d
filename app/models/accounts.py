"""Accounts (merchant people), shops and their membership roles."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Identity, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at_column


class Role(StrEnum):
    """An account's role on a shop; each role allows a fixed set of scopes."""

    OWNER = "owner"
    VIEWER = "viewer"
    AFTER_SALES = "after_sales"
    SHIPPING = "shipping"


ROLES: tuple[str, ...] = tuple(Role)


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
    disabled_at: Mapped[datetime | None]


class Shop(Base):
    __tablename__ = "shops"

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    owner_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    timezone: Mapped[str] = mapped_column(String(64), server_default="Asia/Shanghai")
    created_at: Mapped[datetime] = created_at_column()


class ShopMember(Base):
    __tablename__ = "shop_members"
    __table_args__ = (
        CheckConstraint(
            "role IN ('owner', 'viewer', 'after_sales', 'shipping')", name="role_valid"
        ),
    )

    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = created_at_column()
