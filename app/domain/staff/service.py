"""Staff of a shop: sub-accounts with a role (viewer, after_sales, shipping). Owner only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.domain.access.scopes import ROLE_SCOPES, Scope
from app.domain.accounts.repository import create_account, find_account_by_email
from app.domain.apps.revocation import owned_on_shop, revoke_private_apps
from app.domain.audit.actor import Actor
from app.domain.audit.service import record_audit
from app.domain.staff.repository import StaffRepository
from app.domain.staff.schemas import StaffMember, StaffRole
from app.domain.webhooks.access import cancel_undeliverable
from app.errors import Conflict, ValidationFailed, field_error
from app.kit.clock import rfc3339
from app.kit.contract import Page
from app.models import Account, ShopMember
from app.models.accounts import Role


def _public(account: Account, member: ShopMember) -> StaffMember:
    allowed = ROLE_SCOPES[member.role]
    return {
        "account_id": account.id,
        "email": account.email,
        "display_name": account.display_name,
        "role": Role(member.role),
        "scopes": [s for s in Scope if s in allowed],
        "created_at": rfc3339(member.created_at),
    }


class StaffService:
    def __init__(self, session: AsyncSession, shops: ShopScope, actor: Actor) -> None:
        self.session = session
        self.shops = shops
        self.actor = actor
        self.repo = StaffRepository(session, shops)

    async def list(self, shop_id: int) -> Page[StaffMember]:
        """Every member, oldest first, in one page (a shop has few)."""
        data = [_public(a, m) for a, m in await self.repo.members(shop_id)]
        return {"data": data, "has_more": False, "next_cursor": None}

    async def _require_not_owner(self, shop_id: int, account_id: int) -> None:
        if await self.repo.owner_of(shop_id) == account_id:
            raise Conflict("The shop owner's membership cannot be changed.")

    async def add(
        self,
        shop_id: int,
        *,
        email: str,
        role: StaffRole,
        password: str | None,
        display_name: str | None,
    ) -> StaffMember:
        self.shops.require(shop_id)
        account = await find_account_by_email(self.session, email)
        if account is None:
            if not password:
                raise ValidationFailed(
                    "A new account needs a password.",
                    [field_error(["body", "password"], "required for a new account")],
                )
            account_id = await create_account(
                self.session, email=email, password=password, display_name=display_name
            )
        else:
            account_id = account.id
            if await self.repo.role_of(shop_id, account_id) is not None:
                raise Conflict(f"{email} is already a member of shop {shop_id}.")
        await self.repo.add(shop_id, account_id, role)
        await self._audit(shop_id, "staff.added", account_id, {"role": role})
        account_row, member = await self.repo.lock_member(shop_id, account_id)
        return _public(account_row, member)

    async def change_role(self, shop_id: int, account_id: int, role: StaffRole) -> StaffMember:
        account, member = await self.repo.lock_member(shop_id, account_id)
        await self._require_not_owner(shop_id, account_id)
        before = member.role
        await self.repo.set_role(shop_id, account_id, role)
        await self._audit(shop_id, "staff.role_changed", account_id, {"from": before, "to": role})
        if before == "owner":
            await self._revoke_private_apps(shop_id, account_id, "stopped being an owner of shop")
        await self.session.refresh(member)
        return _public(account, member)

    async def remove(self, shop_id: int, account_id: int) -> None:
        _, member = await self.repo.lock_member(shop_id, account_id)
        await self._require_not_owner(shop_id, account_id)
        await self.repo.remove(shop_id, account_id)
        await self._audit(shop_id, "staff.removed", account_id, {"role": member.role})
        await self._revoke_private_apps(shop_id, account_id, "left shop")

    async def _revoke_private_apps(self, shop_id: int, account_id: int, what: str) -> None:
        """Private apps need their owner to own every shop they are bound to; webhook endpoints
        the account made stop receiving the shop's data (webhooks/sql.py), and what they had
        pending for it is cancelled."""
        await revoke_private_apps(
            self.session,
            owned_on_shop(account_id, shop_id),
            reason=f"its owner {what} {shop_id}",
            actor=self.actor,
        )
        await cancel_undeliverable(
            self.session,
            shop_id=shop_id,
            account_id=account_id,
            reason=f"Cancelled: the account that made the endpoint {what} {shop_id}.",
        )

    async def _audit(
        self, shop_id: int, action: str, account_id: int, data: dict[str, Any]
    ) -> None:
        await record_audit(
            self.session,
            self.actor,
            shop_id=shop_id,
            action=action,
            entity="staff",
            entity_id=account_id,
            data=data,
        )
