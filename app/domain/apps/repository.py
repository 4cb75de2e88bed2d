"""OAuth app rows. Apps belong to an account, not a shop: lookups are by owner or id; the shops
an app reaches are its grants."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.domain.access.scope import ShopScope
from app.kit.clock import utcnow
from app.models import Account, OAuthClient, OAuthGrant, OAuthToken


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


async def live_grants_on(
    session: AsyncSession, shops: ShopScope, shop_id: int
) -> list[tuple[OAuthGrant, str, str]]:
    """The live grants on the shop with their app's client id and name, oldest first."""
    rows = await session.execute(
        select(OAuthGrant, OAuthClient.client_id, OAuthClient.name)
        .join(OAuthClient, OAuthClient.id == OAuthGrant.client_id)
        .where(
            OAuthGrant.shop_id == shops.require(shop_id),
            OAuthGrant.revoked_at.is_(None),
            OAuthClient.deleted_at.is_(None),
        )
        .order_by(OAuthGrant.created_at, OAuthGrant.client_id, OAuthGrant.account_id)
    )
    return [(grant, client_id, name) for grant, client_id, name in rows]


async def revoke_grants(
    session: AsyncSession, shops: ShopScope, shop_id: int, app_id: int
) -> list[int]:
    """Revokes every account's live grant of the app on the shop; the accounts, sorted."""
    rows = await session.execute(
        update(OAuthGrant)
        .where(
            OAuthGrant.shop_id == shops.require(shop_id),
            OAuthGrant.client_id == app_id,
            OAuthGrant.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
        .returning(OAuthGrant.account_id)
    )
    return sorted(r.account_id for r in rows)


async def ensure_system_account(session: AsyncSession, email: str, password_hash: str) -> int:
    """The disabled account that owns the platform's own apps, made once."""
    await session.execute(
        pg_insert(Account)
        .values(
            email=email, display_name="OrderGate", password_hash=password_hash, disabled_at=utcnow()
        )
        .on_conflict_do_nothing(index_elements=["email"])
    )
    owner: int = (
        await session.execute(select(Account.id).where(Account.email == email))
    ).scalar_one()
    return owner


async def align_first_party_app(
    session: AsyncSession, client_id: str, owner: int, tier: str, values: dict[str, Any]
) -> None:
    """Creates the first-party app ``client_id``, or realigns it with ``values`` when it was
    edited or deleted by hand (writing only when something differs, so concurrent starts of
    ``serve --workers N`` do not contend). The tier is set once: an operator may move the app
    to another one by SQL."""
    await session.execute(
        pg_insert(OAuthClient)
        .values(client_id=client_id, owner_account_id=owner, tier=tier, **values)
        .on_conflict_do_nothing(index_elements=["client_id"])
    )
    differs = or_(
        *(OAuthClient.__table__.c[name].is_distinct_from(value) for name, value in values.items()),
        OAuthClient.deleted_at.is_not(None),
    )
    await session.execute(
        update(OAuthClient)
        .where(OAuthClient.client_id == client_id, differs)
        .values(deleted_at=None, **values)
    )


def soft_delete_private_apps(
    session: Session, which: ColumnElement[bool], at: datetime
) -> list[tuple[int, list[int]]]:
    """Marks the live private apps ``which`` selects deleted; (id, private shop ids) of each."""
    rows = session.execute(
        update(OAuthClient)
        .where(which, OAuthClient.deleted_at.is_(None), OAuthClient.private_shop_ids.is_not(None))
        .values(deleted_at=at)
        .returning(OAuthClient.id, OAuthClient.private_shop_ids)
    ).all()
    return [(int(r.id), sorted(r.private_shop_ids or [])) for r in rows]


def revoke_tokens_and_grants_of(session: Session, app_ids: list[int], at: datetime) -> None:
    """Every live token and grant of these apps, revoked at ``at``."""
    session.execute(
        update(OAuthToken)
        .where(OAuthToken.client_id.in_(app_ids), OAuthToken.revoked_at.is_(None))
        .values(revoked_at=at)
    )
    session.execute(
        update(OAuthGrant)
        .where(OAuthGrant.client_id.in_(app_ids), OAuthGrant.revoked_at.is_(None))
        .values(revoked_at=at)
    )
