"""SQL fragments shared by the fan-out and replay.

``HORIZON_SQL`` is the feed's visibility rule (see ``app/domain/sync/feed.py``): a change is
readable once its xid is below the snapshot xmin. ``MATCHES_SQL`` applies an endpoint's
event-type patterns (``*``, ``order.*``, exact) to change ``p.type`` of endpoint ``e``.
"""

from __future__ import annotations

HORIZON_SQL = "pg_snapshot_xmin(pg_current_snapshot())"

MATCHES_SQL = """EXISTS (
    SELECT 1 FROM unnest(e.event_types) AS pat
    WHERE pat = '*' OR pat = p.type
       OR (right(pat, 2) = '.*' AND left(p.type, length(pat) - 1) = left(pat, length(pat) - 1))
)"""
