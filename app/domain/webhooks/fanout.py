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


_FANOUT_SQL = text(
    f"""
WITH st AS (
    SELECT last_xid, last_change_id FROM webhook_fanout_state WHERE id = 1 FOR UPDATE
), page AS (
    -- Scalar subqueries, not a join with st: only then is the row comparison an index bound
    -- (joined, a caught-up cursor scanned the whole log: 1 s per poll on 1M changes).
    SELECT c.shop_id, c.id, c.xid, c.type, c.entity, c.entity_id FROM change_log c
    WHERE (c.xid, c.id) > ((SELECT last_xid FROM st), (SELECT last_change_id FROM st))
      AND c.xid < {HORIZON_SQL}
    ORDER BY c.xid, c.id
    LIMIT :n
), ins AS (
    INSERT INTO webhook_deliveries
        (endpoint_id, shop_id, change_id, event_type, webhook_id, entity, entity_id)
    SELECT e.id, p.shop_id, p.id, p.type, 'msg_' || p.id, p.entity, p.entity_id
    FROM page p JOIN webhook_endpoints e
      ON p.shop_id = ANY(e.shop_ids) AND p.xid >= e.start_xid AND {MATCHES_SQL}
    -- Only while the endpoint's app is still installed on the shop (checked again at send).
    WHERE e.deleted_at IS NULL AND e.enabled AND {receives_sql("p.shop_id")}
    ON CONFLICT DO NOTHING
    RETURNING 1
), last AS (
    SELECT xid, id FROM page ORDER BY xid DESC, id DESC LIMIT 1
), moved AS (
    UPDATE webhook_fanout_state s SET last_xid = last.xid, last_change_id = last.id,
           updated_at = now()
    FROM last WHERE s.id = 1
    RETURNING 1
)
SELECT (SELECT count(*) FROM page) AS changes, (SELECT count(*) FROM ins) AS deliveries
"""
)


@dataclass(frozen=True)
class FanoutResult:
    changes: int
    deliveries: int


async def fan_out_once(db: Database, *, batch: int = BATCH) -> FanoutResult:
    """One batch: up to ``batch`` changes past the cursor become deliveries."""
    async with db.transaction() as session:
        row = (await session.execute(_FANOUT_SQL, {"n": batch})).one()
        result = FanoutResult(int(row.changes), int(row.deliveries))
        if result.deliveries:
            await notify_due(session)
    return result


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
