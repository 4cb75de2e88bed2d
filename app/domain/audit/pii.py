"""PII access audit (China's PIPL): a response that shows receivers in clear records who saw
which orders' receivers, as ``pii.read`` audit rows in the request's own transaction.

One row per shop per request (the audit log is kept per shop; a request almost always
touches one), written in one INSERT whatever the number of orders. Callers pass the
``(shop_id, order_id)`` pairs whose receiver they show in clear, after rendering, so this
composes with any renderer; a masked response passes nothing and writes nothing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.audit.actor import Actor
from app.domain.audit.service import audit_values
from app.models import AuditLog

PII_READ = "pii.read"


async def record_pii_read(
    session: AsyncSession, actor: Actor, shown: Iterable[tuple[int, int]]
) -> None:
    """Record that ``actor`` was shown the receivers of ``shown`` ((shop_id, order_id) pairs)."""
    by_shop: dict[int, set[int]] = defaultdict(set)
    for shop_id, order_id in shown:
        by_shop[shop_id].add(order_id)
    if not by_shop:
        return
    rows = []
    for shop_id, ids in sorted(by_shop.items()):
        order_ids = sorted(ids)
        rows.append(
            audit_values(
                actor,
                shop_id=shop_id,
                action=PII_READ,
                entity="order",
                entity_id=order_ids[0] if len(order_ids) == 1 else None,
                data={"order_ids": order_ids},
            )
        )
    await session.execute(insert(AuditLog).values(rows))


def clear_receivers(rows: Iterable[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """The ``(shop_id, order_id)`` of each rendered row showing a receiver in clear: an order
    (its ``id``) or an entity about an order (its ``order_id``)."""
    return [
        (row["shop_id"], row.get("order_id", row.get("id")))
        for row in rows
        if isinstance(row.get("receiver"), Mapping) and row["receiver"].get("masked") is False
    ]
