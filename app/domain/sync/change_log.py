"""The change-log writer: one row per entity change, in the writer's own transaction.

It also queues one ``NOTIFY`` per shop per transaction; PostgreSQL delivers it only if the
transaction commits, so long-poll waiters never wake for a rolled-back change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import ChangeLog

NOTIFY_CHANNEL = "ordergate_changes"
_NOTIFIED_KEY = "ordergate.notified_shops"


async def record_change(
    session: AsyncSession,
    *,
    shop_id: int,
    entity: str,
    entity_id: int,
    entity_version: int,
    type: str,
    data: dict[str, Any],
) -> None:
    await session.execute(
        insert(ChangeLog).values(
            shop_id=shop_id,
            entity=entity,
            entity_id=entity_id,
            entity_version=entity_version,
            type=type,
            data=data,
        )
    )
    await _notify_once(session, shop_id)


async def _notify_once(session: AsyncSession, shop_id: int) -> None:
    # Notifying commits serialise; coalescing to one per shop per transaction keeps the cost low.
    transaction = session.get_transaction()
    marker = session.info.get(_NOTIFIED_KEY)
    if marker is None or marker[0] is not transaction:
        marker = (transaction, set[int]())
        session.info[_NOTIFIED_KEY] = marker
    if shop_id in marker[1]:
        return
    marker[1].add(shop_id)
    await session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": NOTIFY_CHANNEL, "payload": str(shop_id)},
    )
