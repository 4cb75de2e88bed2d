"""Shop-scoped access to orders and their children. No method reads outside the scope."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.errors import NotFound
from app.models import (
    AfterSale,
    Author,
    Dispute,
    Order,
    OrderEvent,
    OrderItem,
    PaymentReminder,
    Shipment,
)


class OrderRepository:
    def __init__(self, session: AsyncSession, scope: ShopScope) -> None:
        self.session = session
        self.scope = scope

    async def get(self, shop_id: int, order_id: int, *, for_update: bool = False) -> Order:
        stmt = select(Order).where(
            Order.shop_id == self.scope.require(shop_id), Order.id == order_id
        )
        if for_update:
            stmt = stmt.with_for_update()
        order = (await self.session.execute(stmt)).scalar_one_or_none()
        if order is None:
            raise NotFound(f"Order {order_id} was not found in shop {shop_id}.")
        return order

    async def get_by_no(self, shop_id: int, order_no: str) -> Order:
        stmt = select(Order).where(
            Order.shop_id == self.scope.require(shop_id), Order.order_no == order_no
        )
        order = (await self.session.execute(stmt)).scalar_one_or_none()
        if order is None:
            raise NotFound(f"Order {order_no} was not found in shop {shop_id}.")
        return order

    async def exists_no(self, shop_id: int, order_no: str) -> int | None:
        stmt = select(Order.id).where(
            Order.shop_id == self.scope.require(shop_id), Order.order_no == order_no
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def author_exists(self, author_id: int) -> bool:
        """Authors are platform-wide (one influencer sells for many shops): no shop scope."""
        stmt = select(Author.id).where(Author.id == author_id)
        return (await self.session.execute(stmt)).scalar_one_or_none() is not None

    async def items_of(self, shop_id: int, order_ids: Sequence[int]) -> dict[int, list[OrderItem]]:
        stmt = (
            select(OrderItem)
            .where(OrderItem.shop_id == self.scope.require(shop_id))
            .where(OrderItem.order_id.in_(order_ids))
            .order_by(OrderItem.order_id, OrderItem.id)
        )
        grouped: dict[int, list[OrderItem]] = defaultdict(list)
        for item in (await self.session.execute(stmt)).scalars():
            grouped[item.order_id].append(item)
        return grouped

    async def shipments_of(
        self, shop_id: int, order_ids: Sequence[int]
    ) -> dict[int, list[Shipment]]:
        stmt = (
            select(Shipment)
            .where(Shipment.shop_id == self.scope.require(shop_id))
            .where(Shipment.order_id.in_(order_ids))
            .order_by(Shipment.order_id, Shipment.id)
        )
        grouped: dict[int, list[Shipment]] = defaultdict(list)
        for shipment in (await self.session.execute(stmt)).scalars():
            grouped[shipment.order_id].append(shipment)
        return grouped

    async def timeline(self, shop_id: int, order_id: int) -> list[OrderEvent]:
        stmt = (
            select(OrderEvent)
            .where(OrderEvent.shop_id == self.scope.require(shop_id))
            .where(OrderEvent.order_id == order_id)
            .order_by(OrderEvent.id)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def after_sales_of(self, shop_id: int, order_id: int) -> list[AfterSale]:
        stmt = (
            select(AfterSale)
            .where(AfterSale.shop_id == self.scope.require(shop_id))
            .where(AfterSale.order_id == order_id)
            .order_by(AfterSale.id)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def disputes_of(self, shop_id: int, order_id: int) -> list[Dispute]:
        stmt = (
            select(Dispute)
            .where(Dispute.shop_id == self.scope.require(shop_id))
            .where(Dispute.order_id == order_id)
            .order_by(Dispute.id)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def reminders_of(self, shop_id: int, order_id: int) -> list[PaymentReminder]:
        stmt = (
            select(PaymentReminder)
            .where(PaymentReminder.shop_id == self.scope.require(shop_id))
            .where(PaymentReminder.order_id == order_id)
            .order_by(PaymentReminder.id)
        )
        return list((await self.session.execute(stmt)).scalars())

    def add(self, entity: Order | OrderItem | Shipment | OrderEvent) -> None:
        self.scope.require(entity.shop_id)
        self.session.add(entity)
