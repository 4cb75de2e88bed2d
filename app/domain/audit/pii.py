"""PII access audit (China's PIPL): a response that shows receivers in clear records who saw
which orders' receivers, as ``pii.read`` audit rows in the request's own transaction.

One row per shop per request (the audit log is kept per shop; a request almost always
touches one), written in one INSERT whatever the number of orders. Callers pass the
``(shop_id, order_id)`` pairs whose receiver they show in clear, after rendering, so this
composes with any renderer; a masked response passes nothing and writes nothing. Where they
come from: :func:`clear_receivers` over any rendered body (reads, write responses and their
replays), :func:`clear_receivers_in_changes` over change-log rows sent as stored (feed pages),
and the export's own order-id query (files)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import orjson
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


def clear_receivers(body: Any) -> list[tuple[int, int]]:
    """The ``(shop_id, order_id)`` of each rendered entity within ``body`` (an entity, a list
    of them, or any JSON nesting them: a batch's results) showing a receiver in clear: an
    order (its ``id``) or an entity about an order (its ``order_id``)."""
    shown: list[tuple[int, int]] = []
    stack = [body]
    while stack:
        value = stack.pop()
        if isinstance(value, Mapping):
            receiver = value.get("receiver")
            order_id = value.get("order_id", value.get("id"))
            if (
                isinstance(receiver, Mapping)
                and receiver.get("masked") is False
                and isinstance(value.get("shop_id"), int)
                and isinstance(order_id, int)
            ):
                shown.append((value["shop_id"], order_id))
            stack.extend(v for k, v in value.items() if k != "receiver")
        elif isinstance(value, list):
            stack.extend(value)
    return shown


class StoredChange(Protocol):
    """A change-log row as the feed reads it: ``data`` is the entity's stored JSON text."""

    entity: str
    entity_id: int
    data: str


def clear_receivers_in_changes(shop_id: int, rows: Iterable[StoredChange]) -> list[tuple[int, int]]:
    """:func:`clear_receivers` of change-log rows sent unmasked, without parsing the orders'
    JSON (the feed sends it as stored): every order shows its receiver; any other entity
    that carries one (an address-change request) is parsed."""
    shown: list[tuple[int, int]] = []
    for row in rows:
        if row.entity == "order":
            shown.append((shop_id, row.entity_id))
        elif '"receiver"' in row.data:
            shown.extend(clear_receivers(orjson.loads(row.data)))
    return shown
