"""How far the snapshot horizon is held back, measured the way the feed experiences it.

The feed shows rows with ``xid < pg_snapshot_xmin(pg_current_snapshot())``. That xmin is the
oldest transaction that still *holds an xid* (it has written something) — cluster-wide, in any
database, including prepared transactions. Sessions that only hold a snapshot
(``backend_xmin`` without ``backend_xid``, e.g. a long read) do not hold it back, so they are
not counted. The lag is the age of the oldest xid holder: its ``xact_start`` (an upper bound,
as PostgreSQL does not record when the xid was assigned) or, for a prepared transaction, the
moment it was prepared.
"""

from __future__ import annotations

# The feed's visibility rule, shared by every reader of the change log (pages, bulk, webhook
# fan-out and replay, followers): a change is readable once its xid is below this.
HORIZON_SQL = "pg_snapshot_xmin(pg_current_snapshot())"

HORIZON_LAG_SQL = """
SELECT COALESCE((
    SELECT (EXTRACT(EPOCH FROM clock_timestamp() - started) * 1000)::bigint
    FROM (
        SELECT backend_xid AS holder, xact_start AS started
        FROM pg_stat_activity
        WHERE backend_xid IS NOT NULL AND xact_start IS NOT NULL
        UNION ALL
        SELECT transaction, prepared FROM pg_prepared_xacts
    ) AS holders
    ORDER BY age(holder) DESC
    LIMIT 1
), 0)
"""
