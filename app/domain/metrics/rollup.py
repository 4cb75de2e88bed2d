"""The ``metrics_daily`` rollup: exact daily figures per (shop, local day, dimension value).

Maintenance is recompute-not-increment: a day touched by a change is recomputed whole from
the source tables (orders; after-sales and complaints as facts of their order), so the rollup
converges to the source whatever order changes arrive in and a rerun is harmless. The worker
follows the change log past the ``metrics_daily`` cursor with the feed's horizon rule
(:mod:`app.domain.sync.follower`); a page of changes becomes the set of (shop, day) it touches —
the created/paid/signed days of each order that changed or whose after-sale or complaint
changed (rates are shares of the orders paid on a day: a return opened today changes the day
its order was paid, so that older day is recomputed) — those days are recomputed (a short
transaction per shop, whose xid lives only for the row swap), then the cursor moves past the
page.

This relies on order timestamps being write-once (the state machine sets ``paid_at``,
``signed_at`` … once; ``created_at`` never moves), so the current row names every day an
order has ever counted in. A change of a shop's timezone, or data written around the write
trail (no change row), needs ``ordergate metrics rebuild``.

Readers (:mod:`app.domain.metrics.repository`) use the rollup for days no unprocessed change
touches and read the rest live, so answers are exact at read time, not only once the worker
caught up.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Row, delete, insert, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.domain.jobs import JobContext
from app.domain.metrics.definitions import (
    COMPLAINT_ENTITY,
    COMPLAINT_TABLE,
    CONTENT_COLUMNS,
    complained_sql,
    returned_sql,
)
from app.domain.metrics.ranges import DayRange
from app.domain.sync.follower import (
    advance,
    follow_forever,
    has_cursor,
    horizon_position,
    peek_page,
)
from app.logging import get_logger
from app.models import MetricsDaily

log = get_logger(__name__)

CURSOR = "metrics_daily"
BATCH = 2000
# A rebuild recomputes this many days per transaction (short transactions: the horizon is
# cluster-wide, a long one would stall every feed).
REBUILD_CHUNK_DAYS = 7
ROLL_EVERY_SECONDS = 5.0

_TOUCHED_SQL = text(
    f"""
WITH ch AS (
    SELECT * FROM unnest(CAST(:shops AS bigint[]), CAST(:entities AS text[]),
                         CAST(:ids AS bigint[])) AS ch(shop_id, entity, entity_id)
), touched_orders AS (
    SELECT ch.shop_id, ch.entity_id AS order_id FROM ch WHERE ch.entity = 'order'
    UNION
    SELECT a.shop_id, a.order_id FROM ch
    JOIN after_sales a ON ch.entity = 'after_sale' AND a.shop_id = ch.shop_id
     AND a.id = ch.entity_id
    UNION
    SELECT c.shop_id, c.order_id FROM ch
    JOIN {COMPLAINT_TABLE} c ON ch.entity = '{COMPLAINT_ENTITY}' AND c.shop_id = ch.shop_id
     AND c.id = ch.entity_id
), touched_ts AS (
    SELECT o.shop_id, t.ts FROM touched_orders x
    JOIN orders o ON o.shop_id = x.shop_id AND o.id = x.order_id
    CROSS JOIN LATERAL (VALUES (o.created_at), (o.paid_at), (o.signed_at)) AS t(ts)
)
SELECT DISTINCT t.shop_id, timezone(s.timezone, t.ts)::date AS day, s.timezone
FROM touched_ts t JOIN shops s ON s.id = t.shop_id
WHERE t.ts IS NOT NULL
"""
)


@dataclass
class Touched:
    days: dict[int, set[date]] = field(default_factory=dict)
    zones: dict[int, str] = field(default_factory=dict)


async def touched_days(session: AsyncSession, changes: Sequence[Row[Any]]) -> Touched:
    """The (shop, local day) pairs whose figures the given changes (``shop_id, entity,
    entity_id``) can have altered: the created/paid/signed days of the order changed, or of
    the order an after-sale or complaint belongs to — rates are shares of the orders paid on
    a day, so a return opened today changes the day its order was paid."""
    out = Touched()
    if not changes:
        return out
    rows = await session.execute(
        _TOUCHED_SQL,
        {
            "shops": [c.shop_id for c in changes],
            "entities": [c.entity for c in changes],
            "ids": [c.entity_id for c in changes],
        },
    )
    for shop_id, day, tz in rows:
        out.days.setdefault(int(shop_id), set()).add(day)
        out.zones[int(shop_id)] = str(tz)
    return out


# One local day bucket per family; every family grouped by day and by each dimension kind
# (pairs encoded as "a/b", as the live path does: see definitions.Dimension).
_DIMS = """GROUPING SETS ((x.day), (x.day, x.traffic_source), (x.day, x.author_id),
                          (x.day, x.province), (x.day, x.pay_method),
                          (x.day, x.province, x.city), (x.day, x.author_id, x.traffic_source),
                          (x.day, x.author_id, x.traffic_source, x.content_id))"""
# author_content first: its grouping set also groups by author_id and traffic_source.
_KIND = """CASE WHEN GROUPING(x.content_id) = 0 THEN 'author_content'
     WHEN GROUPING(x.author_id) = 0 AND GROUPING(x.traffic_source) = 0
          THEN 'author_source'
     WHEN GROUPING(x.province) = 0 AND GROUPING(x.city) = 0 THEN 'city'
     WHEN GROUPING(x.traffic_source) = 0 THEN 'traffic_source'
     WHEN GROUPING(x.author_id) = 0 THEN 'author'
     WHEN GROUPING(x.province) = 0 THEN 'province'
     WHEN GROUPING(x.pay_method) = 0 THEN 'pay_method' ELSE 'total' END"""
_VALUE = """CASE WHEN GROUPING(x.content_id) = 0
          THEN COALESCE(x.author_id::text, '') || '/' || x.traffic_source || '/' || x.content_id
     WHEN GROUPING(x.author_id) = 0 AND GROUPING(x.traffic_source) = 0
          THEN COALESCE(x.author_id::text, '') || '/' || x.traffic_source
     WHEN GROUPING(x.province) = 0 AND GROUPING(x.city) = 0 THEN x.province || '/' || x.city
     WHEN GROUPING(x.traffic_source) = 0 THEN x.traffic_source
     WHEN GROUPING(x.author_id) = 0 THEN x.author_id::text
     WHEN GROUPING(x.province) = 0 THEN x.province
     WHEN GROUPING(x.pay_method) = 0 THEN x.pay_method END"""
_CONTENT_ID = " ".join(f"WHEN '{src}' THEN o.{col}" for src, col in CONTENT_COLUMNS.items())
_ORDER_DIMS = f"""o.traffic_source, o.author_id, o.province, o.city, o.pay_method,
    CASE o.traffic_source {_CONTENT_ID} END AS content_id"""
_IN_DAYS = "timezone(:tz, {ts})::date AS day"
_WINDOW = "{ts} >= :start AND {ts} < :end"


def _family(source: str, ts: str, aggs: str, where: str = "", columns: str = "") -> str:
    """One family's figures by day and every dimension; ``x`` holds the order's dimensions,
    ``day`` and ``columns`` of the rows whose ``ts`` falls in the window."""
    return f"""SELECT x.day, {_KIND} AS kind, {_VALUE} AS value, {aggs}
FROM (SELECT {_ORDER_DIMS}, {_IN_DAYS.format(ts=ts)}{columns}
      FROM {source} WHERE o.shop_id = :shop AND {_WINDOW.format(ts=ts)} {where}) x
GROUP BY {_DIMS}"""


_ZERO = {
    "orders": "0",
    "converted_orders": "0",
    "paid_orders": "0",
    "gmv": "0",
    "commission": "0",
    "s2s_hours": "NULL::float8[]",
    "returned_orders": "0",
    "complained_orders": "0",
    "refunded_amount": "0",
    "refunded_orders": "0",
    "flagged": "0",
}


def _cols(**given: str) -> str:
    return ", ".join(f"{given.get(k, v)} AS {k}" for k, v in _ZERO.items())


_HOURS = "CAST(EXTRACT(epoch FROM x.signed_at - x.shipped_at) AS float8) / 3600.0"

_AGGREGATE_SQL = text(
    f"""
WITH fam AS (
    {
        _family(
            "orders o",
            "o.created_at",
            _cols(
                orders="count(*)",
                converted_orders="count(x.paid_at)",
                flagged="count(*) FILTER (WHERE x.flagged)",
            ),
            columns=", o.paid_at, o.flagged",
        )
    }
    UNION ALL
    {
        _family(
            "orders o",
            "o.paid_at",
            _cols(
                paid_orders="count(*)",
                gmv="sum(x.paid_amount)",
                commission="sum(x.commission_amount)",
                refunded_amount="sum(x.refunded_amount)",
                refunded_orders="count(*) FILTER (WHERE x.refunded_amount > 0)",
                returned_orders="count(*) FILTER (WHERE x.returned)",
                complained_orders="count(*) FILTER (WHERE x.complained)",
            ),
            columns=", o.paid_amount, o.commission_amount, o.refunded_amount, "
            f"{returned_sql('o')} AS returned, {complained_sql('o')} AS complained",
        )
    }
    UNION ALL
    {
        _family(
            "orders o",
            "o.signed_at",
            _cols(s2s_hours=f"array_agg({_HOURS} ORDER BY {_HOURS})"),
            "AND o.shipped_at IS NOT NULL",
            ", o.signed_at, o.shipped_at",
        )
    }
)
SELECT day, kind AS dim_kind, value AS dim_value, sum(orders)::bigint AS orders,
    sum(converted_orders)::bigint AS converted_orders, sum(paid_orders)::bigint AS paid_orders,
    sum(gmv)::bigint AS gmv, sum(commission)::bigint AS commission,
    COALESCE(max(s2s_hours), '{{}}') AS s2s_hours,
    sum(returned_orders)::bigint AS returned_orders,
    sum(complained_orders)::bigint AS complained_orders,
    sum(refunded_amount)::bigint AS refunded_amount,
    sum(refunded_orders)::bigint AS refunded_orders, sum(flagged)::bigint AS flagged
FROM fam
WHERE kind <> 'author_content' OR value IS NOT NULL  -- orders without a room/video
GROUP BY day, kind, value
"""
)


REBUILD_BACKLOG = 100_000
_BACKLOG_SQL = text(
    """
SELECT count(*) FROM (
    SELECT 1 FROM change_log
    WHERE (xid, id) > ((SELECT last_xid FROM change_log_cursors WHERE name = :name),
                       (SELECT last_change_id FROM change_log_cursors WHERE name = :name))
    ORDER BY xid, id  -- walks the (xid, id) index from the cursor, never the whole table
    LIMIT :n
) AS backlog
"""
)


def runs(days: Iterable[date], *, max_len: int | None = None) -> Iterator[tuple[date, date]]:
    """Contiguous runs ``(first, last)`` of the given days, each at most ``max_len`` long."""
    first = last = None
    for day in sorted(set(days)):
        if (
            last is not None
            and first is not None
            and day == last + timedelta(days=1)
            and (max_len is None or (day - first).days < max_len)
        ):
            last = day
            continue
        if first is not None and last is not None:
            yield first, last
        first = last = day
    if first is not None and last is not None:
        yield first, last


async def recompute(session: AsyncSession, shop_id: int, days: Iterable[date], tz: str) -> None:
    """Replace the rollup rows of ``days`` of one shop with figures from the source tables.

    The aggregation is read first, while the transaction has no xid yet (a read-only statement
    takes none), then the rows are swapped: the xid — which holds the cluster-wide feed horizon
    back — lives for the short DELETE + INSERT only, not for the aggregation.
    """
    # One recomputer per shop at a time: a concurrent rebuild and roll would otherwise both
    # insert a day's rows (the second DELETE cannot see the first's uncommitted rows).
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext('metrics_daily'), CAST(:shop AS int))"),
        {"shop": shop_id},
    )
    fresh: list[tuple[date, date, list[dict[str, Any]]]] = []
    for first, last in runs(days):
        window = DayRange(first, last, tz)
        result = await session.execute(
            _AGGREGATE_SQL, {"shop": shop_id, "tz": tz, "start": window.start, "end": window.end}
        )
        fresh.append((first, last, [{**r, "shop_id": shop_id} for r in result.mappings()]))
    for first, last, rows in fresh:
        await session.execute(
            delete(MetricsDaily).where(
                MetricsDaily.shop_id == shop_id, MetricsDaily.day.between(first, last)
            )
        )
        if rows:
            await session.execute(insert(MetricsDaily), rows)


@dataclass(frozen=True)
class RollResult:
    changes: int
    days: int


async def roll_once(db: Database, *, batch: int = BATCH) -> RollResult:
    """One page of changes past the cursor: recompute the days they touch (a short transaction
    per shop), then move the cursor past the page. Idempotent, so a crash in between, or two
    workers on the same page, only repeat work."""
    async with db.transaction() as session:
        page = await peek_page(session, CURSOR, batch)
        touched = await touched_days(session, page)
    for shop_id, days in touched.days.items():
        async with db.transaction() as session:
            await recompute(session, shop_id, days, touched.zones[shop_id])
    if page:
        async with db.transaction() as session:
            await advance(session, CURSOR, (int(page[-1].xid), int(page[-1].id)))
    return RollResult(len(page), sum(len(d) for d in touched.days.values()))


async def rebuild(db: Database, *, shop_ids: list[int] | None = None) -> int:
    """Recompute every day from each shop's first to its last day with data (of some or all
    shops; days between without data cost an empty aggregation), in short transactions, then
    start (or move) the cursor at the change-log position taken before reading: changes after
    it are replayed by :func:`roll_once`, which is harmless. Returns the days recomputed."""
    async with db.transaction() as session:
        position = await horizon_position(session)
        spans = (await session.execute(_SPANS_SQL, {"shops": shop_ids})).all()
    total = 0
    for shop_id, tz, first, last in spans:
        for run_first, run_last in runs(_span(first, last), max_len=REBUILD_CHUNK_DAYS):
            async with db.transaction() as session:
                await recompute(session, int(shop_id), _span(run_first, run_last), str(tz))
            total += (run_last - run_first).days + 1
        async with db.transaction() as session:  # days without data any more (timezone moved)
            await session.execute(
                text(
                    "DELETE FROM metrics_daily WHERE shop_id = :shop"
                    " AND (day < :first OR day > :last)"
                ),
                {"shop": shop_id, "first": first, "last": last},
            )
    if shop_ids is None:  # only a rebuild of every shop may skip the changes before it
        async with db.transaction() as session:
            await advance(session, CURSOR, position)
    log.info("metrics_rollup_rebuilt", days=total, shops=shop_ids or "all")
    return total


# Each shop's first and last local day with data: index-backed min/max of the order times
# (every figure is an order's created/paid/signed day), not a scan for the distinct days — on a
# big shop that scan is what a rebuild would wait on.
_SPANS_SQL = text(
    """
SELECT s.id, s.timezone, timezone(s.timezone, LEAST(c.lo, p.lo, g.lo))::date AS first,
       timezone(s.timezone, GREATEST(c.hi, p.hi, g.hi))::date AS last
FROM shops s
CROSS JOIN LATERAL (SELECT min(created_at), max(created_at) FROM orders
                    WHERE shop_id = s.id) AS c(lo, hi)
CROSS JOIN LATERAL (SELECT min(paid_at), max(paid_at) FROM orders
                    WHERE shop_id = s.id AND paid_at IS NOT NULL) AS p(lo, hi)
CROSS JOIN LATERAL (SELECT min(signed_at), max(signed_at) FROM orders
                    WHERE shop_id = s.id AND signed_at IS NOT NULL) AS g(lo, hi)
WHERE (CAST(:shops AS bigint[]) IS NULL OR s.id = ANY(CAST(:shops AS bigint[])))
  AND c.lo IS NOT NULL
"""
)


def _span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


async def roll_up_all(db: Database, *, batch: int = BATCH) -> RollResult:
    """Catch up to the horizon. Rebuild instead when the rollup was never built, or when a
    full page reveals a backlog so large (a bulk load, a long outage) that a rebuild is
    cheaper than paging (checked only then: the count is not free on a big log)."""
    async with db.transaction() as session:
        ready = await has_cursor(session, CURSOR)
    if not ready:
        await rebuild(db)
    changes = days = 0
    checked = False
    while True:
        result = await roll_once(db, batch=batch)
        changes += result.changes
        days += result.days
        if result.changes < batch:
            return RollResult(changes, days)
        if not checked:
            checked = True
            async with db.transaction() as session:
                backlog = await session.scalar(_BACKLOG_SQL, {"name": CURSOR, "n": REBUILD_BACKLOG})
            if (backlog or 0) >= REBUILD_BACKLOG:
                await rebuild(db)


async def roll_up_forever(
    db: Database, stop: asyncio.Event, *, every_seconds: float = ROLL_EVERY_SECONDS
) -> None:
    """Catch up every ``every_seconds``. Deliberately not on every NOTIFY: readers are exact
    without the worker (unrolled days are read live), and a busy shop would otherwise have
    today recomputed after each write; a cadence batches them."""
    await follow_forever(
        lambda: roll_up_all(db), stop, asyncio.Event(), recheck_seconds=every_seconds
    )


# Changes of some shops the rollup has not processed yet (visible, past the cursor, below the
# horizon or not). Past MAX_PENDING the reader gives up on the rollup and reads live.
MAX_PENDING = 20_000
_PENDING_SQL = text(
    """
SELECT c.shop_id, c.entity, c.entity_id FROM change_log c
WHERE c.shop_id = ANY(CAST(:shops AS bigint[])) AND (c.xid, c.id) > (
    (SELECT last_xid FROM change_log_cursors WHERE name = :name),
    (SELECT last_change_id FROM change_log_cursors WHERE name = :name))
LIMIT :n
"""
)


async def unrolled_days(session: AsyncSession, shop_id: int) -> set[date] | None:
    """Days of the shop whose rollup rows may be stale (touched by a change not rolled up yet);
    ``None`` when the rollup cannot serve this shop (never built, or too far behind)."""
    return (await unrolled_days_of(session, [shop_id]))[shop_id]


async def unrolled_days_of(
    session: AsyncSession, shop_ids: Sequence[int]
) -> dict[int, set[date] | None]:
    """:func:`unrolled_days` of several shops in two statements (a multi-shop read would
    otherwise pay them per shop); ``None`` for all when their backlog together is too long."""
    if not await has_cursor(session, CURSOR):
        return dict.fromkeys(shop_ids)
    pending = (
        await session.execute(
            _PENDING_SQL, {"name": CURSOR, "shops": list(shop_ids), "n": MAX_PENDING}
        )
    ).all()
    if len(pending) >= MAX_PENDING:
        return dict.fromkeys(shop_ids)
    touched = await touched_days(session, pending)
    return {s: touched.days.get(s, set()) for s in shop_ids}


async def rollup_job(ctx: JobContext) -> None:
    """Worker job ``metrics_rollup``."""
    await roll_up_forever(ctx.db, ctx.stop)
