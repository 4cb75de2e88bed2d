"""The feed reader: one shop's committed changes in (xid, id) order, below the snapshot horizon.

A row becomes readable only once every transaction that started before it has finished
(``xid < pg_snapshot_xmin(pg_current_snapshot())``), so a reader can never move past a row that
a still-running transaction will commit later. One statement returns the page, the horizon,
the epoch, the pruning watermark, the horizon lag and whether committed rows are waiting behind
the horizon — one round trip, one short transaction, no connection held afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import TextClause, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.types import String

from app.db import Database
from app.domain.audit.pii import clear_receivers_in_changes
from app.domain.orders.representation import masked
from app.domain.sync.cursor import START, Cursor, FeedPosition
from app.domain.sync.horizon import HORIZON_LAG_SQL, HORIZON_SQL
from app.domain.sync.schemas import Change
from app.errors import CursorExpired
from app.kit.clock import rfc3339

MAX_LIMIT = 1000

_AFTER = "(c.xid, c.id) > (CAST(:xid AS xid8), :id)"
_TYPES = "AND (CAST(:types AS text[]) IS NULL OR c.type = ANY(CAST(:types AS text[])))"

# The horizon lag: measured here (a pg_stat_activity scan) only when no listener keeps it
# (ChangeListener.cached_lag, refreshed once a second); a page read is then change_log alone.
_MEASURED_LAG = f"({HORIZON_LAG_SQL})"
_KEPT_LAG = "CAST(NULL AS bigint)"


def _page_sql(lag: str) -> TextClause:
    return text(
        f"""
WITH meta AS MATERIALIZED (
    SELECT {HORIZON_SQL} AS xmin,
           fs.epoch, fs.pruned_xid, fs.pruned_id,
           {lag} AS lag_ms
    FROM feed_state fs WHERE fs.id = 1
), page AS (
    SELECT c.id, c.xid, c.type, c.entity, c.entity_id, c.entity_version, c.created_at, c.data
    FROM change_log c, meta
    WHERE c.shop_id = :shop_id AND {_AFTER} AND c.xid < meta.xmin {_TYPES}
    ORDER BY c.xid, c.id
    LIMIT :n
), held AS MATERIALIZED (
    -- The oldest committed row past the cursor that is not below the horizon yet: one index
    -- probe. The listener wakes this shop once the horizon passes its xid.
    SELECT c.xid FROM change_log c, meta
    WHERE c.shop_id = :shop_id AND c.xid >= meta.xmin AND {_AFTER}
    ORDER BY c.xid, c.id LIMIT 1
)
SELECT meta.xmin::text AS xmin, meta.epoch, meta.pruned_xid::text AS pruned_xid,
       meta.pruned_id, meta.lag_ms, (SELECT held.xid::text FROM held) AS held_xid,
       page.id, page.xid::text AS xid, page.type, page.entity, page.entity_id,
       page.entity_version, page.created_at, page.data::text AS data
FROM meta LEFT JOIN page ON true
ORDER BY page.xid, page.id
"""
    ).bindparams(bindparam("types", type_=ARRAY(String)))


def _head_sql(lag: str) -> TextClause:
    return text(
        f"""
SELECT {HORIZON_SQL}::text AS xmin, fs.epoch,
       {lag} AS lag_ms,
       EXISTS (  -- the shop's newest committed row is not below the horizon yet
           SELECT 1 FROM (
               SELECT c.xid FROM change_log c WHERE c.shop_id = :shop_id
               ORDER BY c.xid DESC, c.id DESC LIMIT 1
           ) AS newest WHERE newest.xid >= {HORIZON_SQL}
       ) AS held_back
FROM feed_state fs WHERE fs.id = 1
"""
    )


# (statement, with the lag measured in it): indexed by whether a kept lag is at hand.
_PAGE_SQL = {False: _page_sql(_MEASURED_LAG), True: _page_sql(_KEPT_LAG)}
_HEAD_SQL = {False: _head_sql(_MEASURED_LAG), True: _head_sql(_KEPT_LAG)}

# The horizon lag someone keeps current (ms), or None when it must be measured.
KeptLag = Callable[[], int | None]


@dataclass(frozen=True)
class FeedPage:
    changes: list[Change]
    cursor: Cursor
    has_more: bool
    horizon_lag_ms: int
    # xid of the oldest committed row past the cursor still behind an older running
    # transaction (None: nothing is held back); it comes once the horizon passes this xid.
    held_xid: int | None = None
    # (shop_id, order_id) of the receivers the page shows in clear, for the reader's
    # ``pii.read`` audit row (empty when masked).
    receivers_shown: list[tuple[int, int]] = field(default_factory=list)

    @property
    def held_back(self) -> bool:
        return self.held_xid is not None

    @property
    def caught_up(self) -> bool:
        """Every change committed before this read is in this page or before it."""
        return not self.has_more and not self.held_back


@dataclass(frozen=True)
class Head:
    cursor: Cursor
    horizon_lag_ms: int
    # Changes committed before the read wait behind the horizon (they come after the head).
    held_back: bool


@dataclass(frozen=True)
class Rows:
    """One read of a shop's change log: the readable rows after ``start`` (at most ``n + 1``,
    in (xid, id) order) and the feed's state at that moment. Pages for any cursor at or after
    ``start`` are cut from it (:func:`page_of`), so parked requests woken together share it."""

    shop_id: int
    start: FeedPosition
    rows: list[Any]
    # More readable rows may follow the last one (the read hit its limit).
    truncated: bool
    xmin: int
    epoch: int
    pruned: FeedPosition
    lag_ms: int
    held_xid: int | None


def horizon_position(xmin: int) -> FeedPosition:
    # Every xid below xmin has finished, and any later row has xid >= xmin and id >= 1.
    return FeedPosition(xmin, 0)


def resync_hint(shop_id: int) -> dict[str, Any]:
    base = f"/v1/shops/{shop_id}"
    return {
        "head_cursor": f"{base}/changes?cursor=now",
        "snapshot": [f"{base}/{what}" for what in ("orders", "after-sales", "disputes", "exports")],
        "steps": (
            "Take the head cursor first, copy every entity again (list API or export), "
            "then follow the feed from that head cursor, keeping the highest version per entity."
        ),
    }


class FeedReader:
    def __init__(self, db: Database, kept_lag: KeptLag | None = None) -> None:
        self.db = db
        self.kept_lag = kept_lag or (lambda: None)

    async def head(self, shop_id: int) -> Head:
        kept = self.kept_lag()
        async with self.db.engine.connect() as conn:
            row = (await conn.execute(_HEAD_SQL[kept is not None], {"shop_id": shop_id})).one()
        position = horizon_position(int(row.xmin))
        lag = kept if kept is not None else int(row.lag_ms)
        return Head(Cursor(row.epoch, shop_id, position), lag, bool(row.held_back))

    async def fetch(
        self, shop_id: int, start: FeedPosition, limit: int, types: Sequence[str] | None = None
    ) -> Rows:
        """One statement: up to ``limit + 1`` readable rows after ``start`` (of ``types``)."""
        params = {
            "shop_id": shop_id,
            "xid": start.xid,
            "id": start.id,
            "n": limit + 1,
            "types": list(types) if types else None,
        }
        kept = self.kept_lag()
        async with self.db.engine.connect() as conn:
            found = (await conn.execute(_PAGE_SQL[kept is not None], params)).all()
        meta = found[0]
        rows = [r for r in found if r.id is not None]
        return Rows(
            shop_id=shop_id,
            start=start,
            rows=rows,
            truncated=len(rows) > limit,
            xmin=int(meta.xmin),
            epoch=meta.epoch,
            pruned=FeedPosition(int(meta.pruned_xid), meta.pruned_id),
            lag_ms=kept if kept is not None else int(meta.lag_ms),
            held_xid=None if meta.held_xid is None else int(meta.held_xid),
        )


def page_of(
    read: Rows,
    cursor: Cursor | None,
    *,
    limit: int,
    types: Sequence[str] | None = None,
    pii: bool = True,
    raw_json: bool = False,
) -> FeedPage | None:
    """The page ``cursor`` would get from its own read, cut from ``read`` (which started at or
    before the cursor); None when ``read`` stops before that page is complete."""
    position = cursor.position if cursor else START
    if position < read.start:
        return None
    if cursor is not None:
        _check_alive(cursor, read.epoch, read.pruned)
    wanted = set(types) if types else None
    found = [
        r
        for r in read.rows
        if FeedPosition(int(r.xid), r.id) > position and (wanted is None or r.type in wanted)
    ]
    has_more = len(found) > limit
    if not has_more and read.truncated:
        return None  # rows past the read's end may belong to this page
    found = found[:limit]
    if has_more:
        next_position = FeedPosition(int(found[-1].xid), found[-1].id)
    else:
        # Nothing else is readable: move up to the horizon, past rows the filter skipped.
        next_position = max(position, horizon_position(read.xmin))
    return FeedPage(
        changes=[_change(r, pii, raw_json) for r in found],
        cursor=Cursor(read.epoch, read.shop_id, next_position),
        has_more=has_more,
        horizon_lag_ms=read.lag_ms,
        held_xid=read.held_xid,
        receivers_shown=clear_receivers_in_changes(read.shop_id, found) if pii else [],
    )


def _check_alive(cursor: Cursor, epoch: int, pruned: FeedPosition) -> None:
    if cursor.epoch != epoch:
        raise CursorExpired(
            "The feed was reset (new epoch) after this cursor was issued.",
            resync=resync_hint(cursor.shop_id),
        )
    if cursor.position < pruned:
        raise CursorExpired(
            "Changes after this cursor were removed by retention.",
            resync=resync_hint(cursor.shop_id),
        )


def _change(row: Any, pii: bool, raw_json: bool) -> Change:
    data: Any
    if pii and raw_json:
        # The stored JSON goes out as is: no parse and re-serialise of every page (orjson
        # writes the fragment's text: on the wire it is the same object).
        data = orjson.Fragment(row.data)
    else:
        data = orjson.loads(row.data)
        if not pii and isinstance(data.get("receiver"), dict):
            data = masked(data)
    return {
        "id": row.id,
        "type": row.type,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "entity_version": row.entity_version,
        "created_at": rfc3339(row.created_at) or "",
        "data": data,
    }
