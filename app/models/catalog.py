"""Products (per shop) and authors (influencers, 达人, platform-wide)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Identity, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at_column


class Product(Base):
    __tablename__ = "products"

    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    price: Mapped[int]
    created_at: Mapped[datetime] = created_at_column()


class Author(Base):
    """An influencer who sells through live rooms and short videos for many shops."""

    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    nickname: Mapped[str] = mapped_column(String(100))
    default_commission_bps: Mapped[int] = mapped_column(Integer, server_default="1000")
    created_at: Mapped[datetime] = created_at_column()
