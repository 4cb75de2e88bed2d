"""Grants: an app installed on a shop by an account. Listing and uninstalling, audited."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.domain.apps import repository
from app.domain.apps.revocation import made_through_grant, revoke_private_apps
from app.domain.apps.schemas import Grant
from app.domain.audit.actor import Actor
from app.domain.audit.service import record_audit
from app.domain.webhooks.access import cancel_undeliverable
from app.errors import NotFound
from app.kit.clock import rfc3339
from app.kit.contract import Page


async def record_installs(
    session: AsyncSession, actor: Actor, app_id: int, shop_ids: Iterable[int], scope: str
) -> None:
    """Audit rows for a consent that installed an app (the grant rows are already written);
    ``actor`` is the consenting account acting through the app."""
    for shop_id in shop_ids:
        await record_audit(
            session,
            actor,
            shop_id=shop_id,
            action="app.installed",
            entity="app",
            entity_id=app_id,
            data={"scope": scope},
        )


async def list_grants(session: AsyncSession, shops: ShopScope, shop_id: int) -> Page[Grant]:
    """The apps installed on the shop, oldest first, in one page (a shop has few)."""
    rows = await repository.live_grants_on(session, shops, shop_id)
    data: list[Grant] = [
        {
            "app_id": g.client_id,
            "client_id": client_id,
            "app_name": name,
            "account_id": g.account_id,
            "scope": g.scope,
            "created_at": rfc3339(g.created_at),
        }
        for g, client_id, name in rows
    ]
    return {"data": data, "has_more": False, "next_cursor": None}


async def revoke_app_grants(
    session: AsyncSession, actor: Actor, shops: ShopScope, shop_id: int, app_id: int
) -> int:
    """Uninstall an app from a shop (every account's grant there); its tokens lose the shop."""
    accounts = await repository.revoke_grants(session, shops, shop_id, app_id)
    if not accounts:
        raise NotFound(f"App {app_id} is not installed on shop {shop_id}.")
    await revoke_private_apps(
        session,
        made_through_grant(app_id, accounts, shop_id),
        reason=f"the app it was made through was uninstalled from shop {shop_id}",
        actor=actor,
    )
    await cancel_undeliverable(
        session,
        shop_id=shop_id,
        client_ids=[app_id],
        reason=f"Cancelled: the app was uninstalled from shop {shop_id}.",
    )
    await record_audit(
        session,
        actor,
        shop_id=shop_id,
        action="app.uninstalled",
        entity="app",
        entity_id=app_id,
        data={"accounts": accounts},
    )
    return len(accounts)
