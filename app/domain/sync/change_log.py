"""The change-log writer: one row per entity change, in the writer's own transaction.

It also queues one ``NOTIFY`` per transaction; PostgreSQL delivers it only if the transaction
commits, so long-poll waiters never wake for a rolled-back change. A transaction writes the
changes of one shop only (:class:`MultiShopUnitOfWork`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import ChangeLog

NOTIFY_CHANNEL = "ordergate_changes"
_UNIT_KEY = "ordergate.change_unit"


class MultiShopUnitOfWork(RuntimeError):
    """A unit of work tried to write changes of a second shop (a bug in the caller).

    On Citus each shop's rows live in one shard group on one node; a transaction that writes
    two shops becomes a two-phase commit, which commits the coordinator before the workers, so
    a feed reader could pass a change that is not visible yet (docs/scaling.md). Refused on
    plain PostgreSQL too, so the rule holds by construction wherever the code runs."""


async def record_change(
    session: AsyncSession,
    *,
    shop_id: int,
    entity: str,
    entity_id: int,
    entity_version: int,
    type: str,
    data: dict[str, Any],
) -> int:
    """Write one change row in ``session``'s transaction; returns its id."""
    xid = await _claim_unit_of_work(session, shop_id)
    inserted = await session.execute(
        insert(ChangeLog)
        .values(
            shop_id=shop_id,
            xid=xid,
            entity=entity,
            entity_id=entity_id,
            entity_version=entity_version,
            type=type,
            data=data,
        )
        .returning(ChangeLog.id)
    )
    return int(inserted.scalar_one())


async def _claim_unit_of_work(session: AsyncSession, shop_id: int) -> int:
    """This transaction's xid, binding the transaction to ``shop_id`` on its first change.

    The xid and the NOTIFY come from a statement without tables, which Citus runs on the
    coordinator (where the feed's horizon is read), never on the worker that holds the shard.
    One NOTIFY per transaction: notifying commits serialise, so coalescing keeps the cost low.
    """
    transaction = session.get_transaction()
    marker = session.info.get(_UNIT_KEY)
    if marker is not None and marker[0] is transaction:
        if marker[1] != shop_id:
            raise MultiShopUnitOfWork(
                f"This unit of work already wrote changes of shop {marker[1]}; "
                f"a change of shop {shop_id} needs a transaction of its own."
            )
        return int(marker[2])
    xid = (
        await session.execute(
            text("SELECT pg_current_xact_id()::text, pg_notify(:channel, :payload)"),
            {"channel": NOTIFY_CHANNEL, "payload": str(shop_id)},
        )
    ).scalar_one()
    session.info[_UNIT_KEY] = (transaction, shop_id, int(xid))
    return int(xid)
