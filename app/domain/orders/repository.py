"""Shop-scoped access to orders and their children. No method reads outside the scope."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from app.domain.access.scope import ShopScope
from app.errors import NotFound
from app.models import (
    AfterSale,
    Author,
    Dispute,
    DisputeEvidence,
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


OrderKey = tuple[int, int]


def keys_by_shop(scope: ShopScope, keys: Iterable[OrderKey]) -> dict[int, list[int]]:
    """(shop_id, id) keys grouped by shop; shops outside ``scope`` are dropped."""
    grouped: dict[int, list[int]] = defaultdict(list)
    for shop_id, entity_id in keys:
        if shop_id in scope:
            grouped[shop_id].append(entity_id)
    return grouped


def _keyed(
    shop_column: Any, id_column: Any, scope: ShopScope, keys: Iterable[OrderKey]
) -> ColumnElement[bool] | None:
    """Rows whose (shop, id) is among ``keys`` (tenant key first); None when none is in scope."""
    parts = [
        (shop_column == shop_id) & id_column.in_(ids)
        for shop_id, ids in keys_by_shop(scope, keys).items()
    ]
    return or_(*parts) if parts else None


async def orders_by_keys(
    session: AsyncSession, scope: ShopScope, keys: Iterable[OrderKey]
) -> list[Order]:
    where = _keyed(Order.shop_id, Order.id, scope, keys)
    return [] if where is None else list(await session.scalars(select(Order).where(where)))


async def children_by_keys(
    session: AsyncSession, scope: ShopScope, keys: Iterable[OrderKey], model: Any
) -> list[Any]:
    """The orders' ``model`` rows (items, parcels, events, …) in one query, in id order."""
    where = _keyed(model.shop_id, model.order_id, scope, keys)
    if where is None:
        return []
    return list(await session.scalars(select(model).where(where).order_by(model.id)))


async def evidence_by_keys(
    session: AsyncSession, scope: ShopScope, keys: Iterable[OrderKey]
) -> list[DisputeEvidence]:
    """Evidence metadata of the (shop_id, dispute_id) keys, oldest first; never the bytes."""
    where = _keyed(DisputeEvidence.shop_id, DisputeEvidence.dispute_id, scope, keys)
    if where is None:
        return []
    return list(
        await session.scalars(
            select(DisputeEvidence)
            .where(where)
            .order_by(DisputeEvidence.id)
            .options(defer(DisputeEvidence.content))
        )
    )


async def authors_by_ids(session: AsyncSession, ids: Sequence[int]) -> list[tuple[int, str, int]]:
    """Authors are platform-wide (an influencer sells for many shops), not tenant rows."""
    rows = await session.execute(
        select(Author.id, Author.nickname, Author.default_commission_bps).where(
            Author.id.in_(list(ids))
        )
    )
    return [(int(i), str(nickname), bps) for i, nickname, bps in rows]
