"""OAuth app rows. Apps belong to an account, not a shop: lookups are by owner or id; the shops
an app reaches are its grants."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.clock import utcnow
from app.models import OAuthClient, OAuthGrant


async def insert_app(session: AsyncSession, **values: Any) -> int:
    row_id: int = (
        await session.execute(insert(OAuthClient).values(**values).returning(OAuthClient.id))
    ).scalar_one()
    return row_id


async def find_app_by_id(session: AsyncSession, app_id: int) -> OAuthClient | None:
    return (
        await session.execute(select(OAuthClient).where(OAuthClient.id == app_id))
    ).scalar_one_or_none()


async def find_app_by_name(
    session: AsyncSession, *, owner_account_id: int | None, name: str
) -> OAuthClient | None:
    stmt = select(OAuthClient).where(OAuthClient.name == name, OAuthClient.deleted_at.is_(None))
    if owner_account_id is not None:
        stmt = stmt.where(OAuthClient.owner_account_id == owner_account_id)
    return (await session.execute(stmt.order_by(OAuthClient.id).limit(1))).scalar_one_or_none()


async def apps_owned_by(session: AsyncSession, owner_account_id: int) -> list[OAuthClient]:
    """The account's live apps, oldest first."""
    rows = await session.scalars(
        select(OAuthClient)
        .where(OAuthClient.owner_account_id == owner_account_id, OAuthClient.deleted_at.is_(None))
        .order_by(OAuthClient.id)
    )
    return list(rows)


async def soft_delete_app(
    session: AsyncSession, *, owner_account_id: int, app_id: int
) -> OAuthClient | None:
    """Marks the owner's live app deleted; None when there is no such app."""
    return (
        await session.execute(
            update(OAuthClient)
            .where(
                OAuthClient.id == app_id,
                OAuthClient.owner_account_id == owner_account_id,
                OAuthClient.deleted_at.is_(None),
            )
            .values(deleted_at=utcnow())
            .returning(OAuthClient)
        )
    ).scalar_one_or_none()


async def shops_installed_on(session: AsyncSession, app_id: int) -> list[int]:
    """The shops on which the app holds a live grant, by id."""
    rows = await session.scalars(
        select(OAuthGrant.shop_id)
        .where(OAuthGrant.client_id == app_id, OAuthGrant.revoked_at.is_(None))
        .distinct()
    )
    return sorted(rows)
