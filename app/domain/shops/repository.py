"""Shops: the only tenant lookups that are not themselves shop-scoped (they define the scope)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.errors import NotFound
from app.models import Shop


async def require_shop(session: AsyncSession, shop_id: int) -> Shop:
    shop = (await session.execute(select(Shop).where(Shop.id == shop_id))).scalar_one_or_none()
    if shop is None:
        raise NotFound(f"Shop {shop_id} was not found.")
    return shop


async def shops_in(session: AsyncSession, shop_ids: ShopScope) -> list[Shop]:
    """The shops of a scope (the principal's own), by id."""
    rows = await session.execute(
        select(Shop).where(Shop.id.in_(shop_ids.sorted_ids())).order_by(Shop.id)
    )
    return list(rows.scalars())
