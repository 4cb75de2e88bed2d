"""Batch reads keyed by (shop_id, order_id), for per-request DataLoaders (GraphQL): one query
per kind of child for a whole page, never one per row. Every key is checked against the scope."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.actions import for_caller
from app.domain.access.scope import ShopScope
from app.domain.after_sales.representation import after_sale_public
from app.domain.after_sales.schemas import AfterSale as AfterSaleOut
from app.domain.disputes.representation import evidence_public
from app.domain.disputes.schemas import Dispute as DisputeOut
from app.domain.disputes.schemas import Evidence
from app.domain.disputes.service import disputes_public
from app.domain.orders import repository
from app.domain.orders import schemas as read
from app.domain.orders.repository import OrderKey
from app.domain.orders.representation import (
    order_public,
    refund_public,
    reminder_public,
    shipment_public,
)
from app.kit.clock import rfc3339
from app.models import (
    AfterSale,
    Dispute,
    OrderEvent,
    OrderItem,
    PaymentReminder,
    Refund,
    Shipment,
)

V = TypeVar("V")


async def _children(
    session: AsyncSession,
    scope: ShopScope,
    keys: Sequence[OrderKey],
    model: Any,
    public: Callable[[Any], V],
) -> dict[OrderKey, list[V]]:
    """The orders' child rows of ``model`` (one query), grouped by order, in id order."""
    grouped: dict[OrderKey, list[V]] = defaultdict(list)
    for row in await repository.children_by_keys(session, scope, keys, model):
        grouped[(row.shop_id, row.order_id)].append(public(row))
    return grouped


def _same(row: Any) -> Any:
    return row


async def public_orders(
    session: AsyncSession, scope: ShopScope, keys: Sequence[OrderKey]
) -> dict[OrderKey, read.Order]:
    """Full representations (unmasked) of the orders in scope; missing keys are absent."""
    orders = await repository.orders_by_keys(session, scope, keys)
    if not orders:
        return {}
    items = await _children(session, scope, keys, OrderItem, _same)
    shipments = await _children(session, scope, keys, Shipment, _same)
    return {
        (o.shop_id, o.id): order_public(o, items[(o.shop_id, o.id)], shipments[(o.shop_id, o.id)])
        for o in orders
    }


def _event_public(e: OrderEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.kind,
        "actor_type": e.actor_type,
        "actor_id": e.actor_id,
        "data": e.data,
        "created_at": rfc3339(e.created_at),
    }


async def shipments_of(
    session: AsyncSession, scope: ShopScope, keys: Sequence[OrderKey]
) -> dict[OrderKey, list[read.Shipment]]:
    return await _children(session, scope, keys, Shipment, shipment_public)


async def reminders_of(
    session: AsyncSession, scope: ShopScope, keys: Sequence[OrderKey]
) -> dict[OrderKey, list[read.PaymentReminder]]:
    return await _children(session, scope, keys, PaymentReminder, reminder_public)


async def refunds_of(
    session: AsyncSession, scope: ShopScope, keys: Sequence[OrderKey]
) -> dict[OrderKey, list[read.Refund]]:
    """The orders' refund ledgers, oldest first."""
    return await _children(session, scope, keys, Refund, refund_public)


async def after_sales_of(
    session: AsyncSession, scope: ShopScope, keys: Sequence[OrderKey]
) -> dict[OrderKey, list[AfterSaleOut]]:
    def public(a: AfterSale) -> AfterSaleOut:
        return for_caller(scope, "after_sale", after_sale_public(a))

    return await _children(session, scope, keys, AfterSale, public)


async def disputes_of(
    session: AsyncSession, scope: ShopScope, keys: Sequence[OrderKey]
) -> dict[OrderKey, list[DisputeOut]]:
    rows: dict[OrderKey, list[Dispute]] = await _children(session, scope, keys, Dispute, _same)
    flat = [d for group in rows.values() for d in group]
    public = iter(for_caller(scope, "dispute", d) for d in await disputes_public(session, flat))
    return {key: [next(public) for _ in group] for key, group in rows.items()}


async def timelines_of(
    session: AsyncSession, scope: ShopScope, keys: Sequence[OrderKey]
) -> dict[OrderKey, list[dict[str, Any]]]:
    return await _children(session, scope, keys, OrderEvent, _event_public)


async def authors_by_id(session: AsyncSession, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Authors are platform-wide (an influencer sells for many shops), not tenant rows."""
    rows = await repository.authors_by_ids(session, ids)
    return {
        author_id: {"id": author_id, "nickname": nickname, "default_commission_bps": bps}
        for author_id, nickname, bps in rows
    }


DisputeKey = tuple[int, int]


async def evidence_of(
    session: AsyncSession, scope: ShopScope, keys: Sequence[DisputeKey]
) -> dict[DisputeKey, list[Evidence]]:
    """The disputes' evidence metadata (one query for all, never the bytes), oldest first,
    keyed by (shop_id, dispute_id); disputes outside the scope have none."""
    grouped: dict[DisputeKey, list[Evidence]] = defaultdict(list)
    for row in await repository.evidence_by_keys(session, scope, keys):
        grouped[(row.shop_id, row.dispute_id)].append(evidence_public(row))
    return grouped
