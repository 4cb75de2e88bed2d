"""Retention: delete change-log rows older than the retention window, in small batches.

Each batch is its own short transaction (no long locks, no long-held xid to stall the feed) and
raises the pruning watermark in ``feed_state`` in that same transaction, so a cursor that points
below removed rows answers 410 ``cursor_expired`` instead of silently skipping them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import text

from app.config import Settings
from app.db import Database
from app.kit.clock import utcnow

_BATCH_SQL = text(
    """
WITH doomed AS (
    SELECT shop_id, id FROM change_log
    WHERE created_at < :cutoff
      -- Never past the horizon: the watermark then stays below every head cursor handed out.
      AND xid < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY created_at
    LIMIT :batch
    FOR UPDATE SKIP LOCKED
), gone AS (
    DELETE FROM change_log c USING doomed
    WHERE c.shop_id = doomed.shop_id AND c.id = doomed.id
    RETURNING c.xid, c.id
), top AS (
    SELECT xid, id FROM gone ORDER BY xid DESC, id DESC LIMIT 1
), moved AS (
    UPDATE feed_state fs SET pruned_xid = top.xid, pruned_id = top.id
    FROM top
    WHERE fs.id = 1 AND (top.xid, top.id) > (fs.pruned_xid, fs.pruned_id)
)
SELECT count(*) FROM gone
"""
)


async def prune_change_log(
    db: Database, settings: Settings, *, batch_size: int = 5000, now: datetime | None = None
) -> int:
    """Delete expired change-log rows; returns how many were removed."""
    cutoff = (now or utcnow()) - timedelta(days=settings.feed_retention_days)
    total = 0
    while True:
        async with db.transaction() as session:
            removed = int(
                (
                    await session.execute(_BATCH_SQL, {"cutoff": cutoff, "batch": batch_size})
                ).scalar_one()
            )
        total += removed
        if removed < batch_size:
            return total
