"""Staff rows of a shop (memberships joined to their accounts), scoped by shop."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.errors import NotFound
from app.models import Account, Shop, ShopMember


class StaffRepository:
    def __init__(self, session: AsyncSession, scope: ShopScope) -> None:
        self.session = session
        self.scope = scope

    async def members(self, shop_id: int) -> list[tuple[Account, ShopMember]]:
        """Every member, oldest first."""
        rows = await self.session.execute(
            select(Account, ShopMember)
            .join(ShopMember, ShopMember.account_id == Account.id)
            .where(ShopMember.shop_id == self.scope.require(shop_id))
            .order_by(ShopMember.created_at, Account.id)
        )
        return [(account, member) for account, member in rows]

    async def lock_member(self, shop_id: int, account_id: int) -> tuple[Account, ShopMember]:
        """The membership, locked for the rest of the transaction; 404 when not staff."""
        row = (
            await self.session.execute(
                select(Account, ShopMember)
                .join(ShopMember, ShopMember.account_id == Account.id)
                .where(
                    ShopMember.shop_id == self.scope.require(shop_id),
                    ShopMember.account_id == account_id,
                )
                .with_for_update(of=ShopMember)
            )
        ).one_or_none()
        if row is None:
            raise NotFound(f"Account {account_id} is not staff of shop {shop_id}.")
        return row[0], row[1]

    async def owner_of(self, shop_id: int) -> int | None:
        return await self.session.scalar(
            select(Shop.owner_account_id).where(Shop.id == self.scope.require(shop_id))
        )

    async def role_of(self, shop_id: int, account_id: int) -> str | None:
        return await self.session.scalar(
            select(ShopMember.role).where(
                ShopMember.shop_id == self.scope.require(shop_id),
                ShopMember.account_id == account_id,
            )
        )

    async def add(self, shop_id: int, account_id: int, role: str) -> None:
        self.session.add(
            ShopMember(shop_id=self.scope.require(shop_id), account_id=account_id, role=role)
        )
        await self.session.flush()

    async def set_role(self, shop_id: int, account_id: int, role: str) -> None:
        await self.session.execute(
            update(ShopMember)
            .where(
                ShopMember.shop_id == self.scope.require(shop_id),
                ShopMember.account_id == account_id,
            )
            .values(role=role)
        )

    async def remove(self, shop_id: int, account_id: int) -> None:
        await self.session.execute(
            delete(ShopMember).where(
                ShopMember.shop_id == self.scope.require(shop_id),
                ShopMember.account_id == account_id,
            )
        )
