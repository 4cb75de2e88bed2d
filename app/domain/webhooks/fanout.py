"""The fan-out: global change log -> one ``webhook_deliveries`` row per matching endpoint.

It reads with the feed's horizon rule — rows after the stored ``(xid, id)`` cursor and below
``pg_snapshot_xmin(pg_current_snapshot())``, in ``(xid, id)`` order — so it never passes a row
that a running transaction will commit later. Inserting the deliveries and advancing the
cursor happen in one transaction; the unique ``(endpoint_id, change_id, replay_of)`` makes a
rerun after a crash harmless, and the row lock on the singleton cursor serialises several
workers' fan-out loops.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.domain.sync.change_log import NOTIFY_CHANNEL
from app.domain.sync.follower import follow_forever
from app.domain.sync.horizon import HORIZON_SQL
from app.domain.webhooks.sql import MATCHES_SQL, receives_sql

BATCH = 1000
# Tells delivery workers in any process that new deliveries are due.
DUE_CHANNEL = "ordergate_webhooks_due"


async def notify_due(session: AsyncSession) -> None:
    """Wake the delivery workers when this transaction commits (deliveries became due)."""
    await session.execute(text(f"NOTIFY {DUE_CHANNEL}"))


# One transaction, in steps each of which Citus runs (docs/scaling.md): the cursor (a
# coordinator-local singleton, locked), the horizon from a statement without tables (the
# coordinator's), a plain read of the page across shops, the deliveries inserted from that
# page's values, the cursor moved.
_CURSOR_SQL = text(
    "SELECT last_xid::text AS xid, last_change_id AS id FROM webhook_fanout_state "
    "WHERE id = 1 FOR UPDATE"
)
_HORIZON_NOW_SQL = text(f"SELECT {HORIZON_SQL}::text")
_PAGE_SQL = text(
    """
SELECT c.shop_id, c.id, c.xid::text AS xid, c.type, c.entity, c.entity_id FROM change_log c
WHERE (c.xid, c.id) > (CAST(:xid AS xid8), CAST(:id AS bigint)) AND c.xid < CAST(:horizon AS xid8)
ORDER BY c.xid, c.id
LIMIT :n
"""
)
_DELIVERIES_SQL = text(
    f"""
WITH ins AS (
    INSERT INTO webhook_deliveries
        (endpoint_id, shop_id, change_id, event_type, webhook_id, entity, entity_id)
    SELECT e.id, p.shop_id, p.id, p.type, 'msg_' || p.id, p.entity, p.entity_id
    FROM unnest(CAST(:shops AS bigint[]), CAST(:ids AS bigint[]), CAST(:xids AS text[]),
                CAST(:types AS text[]), CAST(:entities AS text[]), CAST(:entity_ids AS bigint[]))
         AS p(shop_id, id, xid, type, entity, entity_id)
    JOIN webhook_endpoints e
      ON p.shop_id = ANY(e.shop_ids) AND CAST(p.xid AS xid8) >= e.start_xid AND {MATCHES_SQL}
    -- Only while the endpoint's app is still installed on the shop (checked again at send).
    WHERE e.deleted_at IS NULL AND e.enabled AND {receives_sql("p.shop_id")}
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT count(*) FROM ins
"""
)
_MOVE_SQL = text(
    "UPDATE webhook_fanout_state SET last_xid = CAST(:xid AS xid8), last_change_id = :id, "
    "updated_at = now() WHERE id = 1"
)


@dataclass(frozen=True)
class FanoutResult:
    changes: int
    deliveries: int


async def fan_out_once(db: Database, *, batch: int = BATCH) -> FanoutResult:
    """One batch: up to ``batch`` changes past the cursor become deliveries."""
    async with db.transaction() as session:
        cursor = (await session.execute(_CURSOR_SQL)).one()
        horizon = int((await session.execute(_HORIZON_NOW_SQL)).scalar_one())
        page = (
            await session.execute(
                _PAGE_SQL, {"xid": int(cursor.xid), "id": cursor.id, "horizon": horizon, "n": batch}
            )
        ).all()
        if not page:
            return FanoutResult(0, 0)
        deliveries = int(
            (
                await session.execute(
                    _DELIVERIES_SQL,
                    {
                        "shops": [r.shop_id for r in page],
                        "ids": [r.id for r in page],
                        "xids": [r.xid for r in page],
                        "types": [r.type for r in page],
                        "entities": [r.entity for r in page],
                        "entity_ids": [r.entity_id for r in page],
                    },
                )
            ).scalar_one()
        )
        await session.execute(_MOVE_SQL, {"xid": int(page[-1].xid), "id": page[-1].id})
        if deliveries:
            await notify_due(session)
    return FanoutResult(len(page), deliveries)


async def fan_out_all(db: Database, *, batch: int = BATCH) -> FanoutResult:
    """Batches until the cursor reaches the horizon."""
    changes = deliveries = 0
    while True:
        result = await fan_out_once(db, batch=batch)
        changes += result.changes
        deliveries += result.deliveries
        if result.changes < batch:
            return FanoutResult(changes, deliveries)


async def fan_out_forever(
    db: Database, stop: asyncio.Event, wake: asyncio.Event, *, recheck_seconds: float = 0.5
) -> None:
    """Fan out whenever a change is notified, re-checking every ``recheck_seconds`` (rows held
    behind the horizon and lost notifications)."""
    await follow_forever(lambda: fan_out_all(db), stop, wake, recheck_seconds=recheck_seconds)


__all__ = [
    "DUE_CHANNEL",
    "NOTIFY_CHANNEL",
    "FanoutResult",
    "fan_out_all",
    "fan_out_once",
    "notify_due",
]
