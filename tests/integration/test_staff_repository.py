"""StaffRepository and the apps repository inside one rolled-back session: scope first, then
rows; nothing here is committed."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.domain.accounts.repository import create_account
from app.domain.apps import repository as apps
from app.domain.apps.service import create_app
from app.domain.staff.repository import StaffRepository
from app.errors import NotFound


async def test_members_roles_and_removal_stay_in_scope(
    session: AsyncSession, session_shop: dict[str, int]
) -> None:
    shop_id, owner = session_shop["shop_id"], session_shop["owner_id"]
    staff = StaffRepository(session, ShopScope.of([shop_id]))
    clerk = await create_account(
        session, email=f"clerk-{shop_id}@example.test", password="x", password_hash="x"
    )
    await staff.add(shop_id, clerk, "viewer")
    assert [(a.id, m.role) for a, m in await staff.members(shop_id)] == [
        (owner, "owner"),
        (clerk, "viewer"),
    ]
    assert await staff.owner_of(shop_id) == owner
    await staff.set_role(shop_id, clerk, "shipping")
    assert await staff.role_of(shop_id, clerk) == "shipping"
    _, member = await staff.lock_member(shop_id, clerk)
    assert member.role == "shipping"
    await staff.remove(shop_id, clerk)
    with pytest.raises(NotFound):
        await staff.lock_member(shop_id, clerk)
    # A scope without the shop sees nothing and says so as 404, before any SQL runs.
    outside = StaffRepository(session, ShopScope.of([shop_id + 1_000_000]))
    with pytest.raises(NotFound):
        await outside.members(shop_id)


async def test_grants_are_listed_and_revoked_per_shop(
    session: AsyncSession, session_shop: dict[str, int]
) -> None:
    shop_id, owner = session_shop["shop_id"], session_shop["owner_id"]
    scope = ShopScope.of([shop_id])
    created = await create_app(
        session, owner_account_id=owner, name="Private", private_shop_ids=[shop_id]
    )
    assert await apps.shops_installed_on(session, created.id) == [shop_id]
    [(grant, client_id, name)] = await apps.live_grants_on(session, scope, shop_id)
    assert (grant.account_id, client_id, name) == (owner, created.client_id, "Private")
    assert await apps.revoke_grants(session, scope, shop_id, created.id) == [owner]
    assert await apps.live_grants_on(session, scope, shop_id) == []
    assert await apps.revoke_grants(session, scope, shop_id, created.id) == []
    deleted = await apps.soft_delete_app(session, owner_account_id=owner, app_id=created.id)
    assert deleted is not None and deleted.deleted_at is not None
    assert await apps.apps_owned_by(session, owner) == []
