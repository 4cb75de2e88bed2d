"""Retention: delete change-log rows older than the retention window, in small batches.

Each batch is a few short transactions (no long locks, no long-held xid to stall the feed): it
first raises the pruning watermark in ``feed_state``, then deletes the rows shop by shop, so a
cursor that points below removed rows answers 410 ``cursor_expired`` instead of silently
skipping them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import text

from app.config import Settings
from app.db import Database
from app.domain.sync.horizon import HORIZON_SQL
from app.kit.clock import utcnow

# Every statement stays within what Citus runs (docs/scaling.md): the horizon from a statement
# without tables (the coordinator's), a plain read across shops, the watermark on the
# coordinator's feed_state, then one single-shard delete per shop.
_HORIZON_SQL = text(f"SELECT {HORIZON_SQL}::text")
_DOOMED_SQL = text(
    """
SELECT shop_id, id, xid::text AS xid FROM change_log
WHERE created_at < :cutoff
  -- Never past the horizon: the watermark then stays below every head cursor handed out.
  AND xid < CAST(:horizon AS xid8)
ORDER BY created_at
LIMIT :batch
"""
)
_WATERMARK_SQL = text(
    """
UPDATE feed_state fs SET pruned_xid = CAST(:xid AS xid8), pruned_id = :id
WHERE fs.id = 1 AND (CAST(:xid AS xid8), CAST(:id AS bigint)) > (fs.pruned_xid, fs.pruned_id)
"""
)
_DELETE_SQL = text(
    "DELETE FROM change_log WHERE shop_id = :shop_id AND id = ANY(CAST(:ids AS bigint[]))"
)


async def prune_change_log(
    db: Database, settings: Settings, *, batch_size: int = 5000, now: datetime | None = None
) -> int:
    """Delete expired change-log rows; returns how many were removed."""
    cutoff = (now or utcnow()) - timedelta(days=settings.feed_retention_days)
    total = 0
    while True:
        doomed = await _doomed(db, cutoff, batch_size)
        if doomed:
            total += await _prune(db, doomed)
        if len(doomed) < batch_size:
            return total


async def _doomed(db: Database, cutoff: datetime, batch_size: int) -> list[tuple[int, int, int]]:
    """Up to ``batch_size`` expired rows below the horizon as (shop_id, id, xid)."""
    async with db.transaction() as session:
        horizon = int((await session.execute(_HORIZON_SQL)).scalar_one())
        rows = await session.execute(
            _DOOMED_SQL, {"cutoff": cutoff, "horizon": horizon, "batch": batch_size}
        )
        return [(int(r.shop_id), int(r.id), int(r.xid)) for r in rows]


async def _prune(db: Database, doomed: list[tuple[int, int, int]]) -> int:
    """Raise the watermark past ``doomed``, then delete them, one transaction per shop.

    The watermark commits first: a cursor below it answers 410 while its rows are still being
    removed (harmless), never the other way round (a silent gap)."""
    top_xid, top_id = max((xid, row_id) for _, row_id, xid in doomed)
    async with db.transaction() as session:
        await session.execute(_WATERMARK_SQL, {"xid": top_xid, "id": top_id})
    by_shop: dict[int, list[int]] = {}
    for shop_id, row_id, _ in doomed:
        by_shop.setdefault(shop_id, []).append(row_id)
    removed = 0
    for shop_id, ids in sorted(by_shop.items()):
        async with db.transaction() as session:
            result = await session.execute(_DELETE_SQL, {"shop_id": shop_id, "ids": ids})
            removed += int(getattr(result, "rowcount", 0) or 0)
    return removed
