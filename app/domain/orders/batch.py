"""Batch reads keyed by (shop_id, order_id), for per-request DataLoaders (GraphQL): one query
per kind of child for a whole page, never one per row. Every key is checked against the scope."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.scope import ShopScope
from app.domain.after_sales.representation import after_sale_public
from app.domain.disputes.representation import dispute_public
from app.domain.orders.representation import order_public, shipment_public
from app.kit.clock import rfc3339
from app.models import AfterSale, Author, Dispute, Order, OrderEvent, OrderItem, Shipment

OrderKey = tuple[int, int]


def _by_shop(scope: ShopScope, keys: Iterable[OrderKey]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    for shop_id, order_id in keys:
        if shop_id in scope:
            grouped[shop_id].append(order_id)
    return grouped


def _of_orders(model: Any, scope: ShopScope, keys: Sequence[OrderKey]) -> ColumnElement[bool]:
    """``model`` rows belonging to the given orders, tenant key first."""
    parts = [
        (model.shop_id == shop_id) & (model.order_id.in_(ids))
        for shop_id, ids in _by_shop(scope, keys).items()
    ]
    return or_(*parts) if parts else model.shop_id.is_(None)


async def public_orders(
    session: AsyncSession, scope: ShopScope, keys: Sequence[OrderKey]
) -> dict[OrderKey, dict[str, Any]]:
    """Full representations (unmasked) of the orders in scope; missing keys are absent."""
    parts = [
        (Order.shop_id == shop_id) & (Order.id.in_(ids))
        for shop_id, ids in _by_shop(scope, keys).items()
    ]
    if not parts:
        return {}
    orders = (await session.execute(select(Order).where(or_(*parts)))).scalars().all()
    items: dict[OrderKey, list[OrderItem]] = defaultdict(list)
    for item in (
        await session.execute(
            select(OrderItem).where(_of_orders(OrderItem, scope, keys)).order_by(OrderItem.id)
        )
    ).scalars():
        items[(item.shop_id, item.order_id)].append(item)
    shipments: dict[OrderKey, list[Shipment]] = defaultdict(list)
    for shipment in (
        await session.execute(
            select(Shipment).where(_of_orders(Shipment, scope, keys)).order_by(Shipment.id)
        )
    ).scalars():
        shipments[(shipment.shop_id, shipment.order_id)].append(shipment)
    return {
        (o.shop_id, o.id): order_public(o, items[(o.shop_id, o.id)], shipments[(o.shop_id, o.id)])
        for o in orders
    }


async def shipments_of(
    session: AsyncSession, scope: ShopScope, keys: Sequence[OrderKey]
) -> dict[OrderKey, list[dict[str, Any]]]:
    grouped: dict[OrderKey, list[dict[str, Any]]] = defaultdict(list)
    rows = await session.execute(
        select(Shipment).where(_of_orders(Shipment, scope, keys)).order_by(Shipment.id)
    )
    for s in rows.scalars():
        grouped[(s.shop_id, s.order_id)].append(shipment_public(s))
    return grouped


async def after_sales_of(
    session: AsyncSession, scope: ShopScope, keys: Sequence[OrderKey]
) -> dict[OrderKey, list[dict[str, Any]]]:
    grouped: dict[OrderKey, list[dict[str, Any]]] = defaultdict(list)
    rows = await session.execute(
        select(AfterSale).where(_of_orders(AfterSale, scope, keys)).order_by(AfterSale.id)
    )
    for a in rows.scalars():
        grouped[(a.shop_id, a.order_id)].append(after_sale_public(a))
    return grouped


async def disputes_of(
    session: AsyncSession, scope: ShopScope, keys: Sequence[OrderKey]
) -> dict[OrderKey, list[dict[str, Any]]]:
    grouped: dict[OrderKey, list[dict[str, Any]]] = defaultdict(list)
    rows = await session.execute(
        select(Dispute).where(_of_orders(Dispute, scope, keys)).order_by(Dispute.id)
    )
    for d in rows.scalars():
        grouped[(d.shop_id, d.order_id)].append(dispute_public(d))
    return grouped


async def timelines_of(
    session: AsyncSession, scope: ShopScope, keys: Sequence[OrderKey]
) -> dict[OrderKey, list[dict[str, Any]]]:
    grouped: dict[OrderKey, list[dict[str, Any]]] = defaultdict(list)
    rows = await session.execute(
        select(OrderEvent).where(_of_orders(OrderEvent, scope, keys)).order_by(OrderEvent.id)
    )
    for e in rows.scalars():
        grouped[(e.shop_id, e.order_id)].append(
            {
                "id": e.id,
                "kind": e.kind,
                "actor_type": e.actor_type,
                "actor_id": e.actor_id,
                "data": e.data,
                "created_at": rfc3339(e.created_at),
            }
        )
    return grouped


async def authors_by_id(session: AsyncSession, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Authors are platform-wide (an influencer sells for many shops), not tenant rows."""
    rows = await session.execute(
        select(Author.id, Author.nickname, Author.default_commission_bps).where(
            Author.id.in_(list(ids))
        )
    )
    return {
        r.id: {
            "id": r.id,
            "nickname": r.nickname,
            "default_commission_bps": r.default_commission_bps,
        }
        for r in rows
    }
