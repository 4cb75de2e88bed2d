"""Every change after a cursor, up to the horizon, as one NDJSON stream.

For initial syncs and long catch-ups: the same rows, order and horizon rule as the paged feed,
but PostgreSQL writes the lines itself (``COPY (SELECT json_build_object(...)) TO STDOUT``) and
they go to the client as they come, so the server does no per-row work. The last line is a
trailer ``{"next_cursor": ..., "count": n}``: follow the paged feed from it. A stream without
the trailer is incomplete (the connection broke): start it again, versions make re-applying
harmless.

The horizon and the rows come from one REPEATABLE READ, read-only transaction: the rows are
exactly those below that horizon, and retention cannot prune any of them in between. A
read-only transaction has no xid, so streaming for minutes never holds any feed back.

Parallel copies: ``until`` bounds a stream above (rows at or before that cursor), and
:func:`plan_slices` cuts everything between a cursor and the horizon into N disjoint ranges
of about the same number of rows, whose last ``until`` is where the feed continues. Every
``until`` of a plan is below the horizon it was planned at, so each slice is final: any
later stream of it returns the same rows.
"""

from __future__ import annotations

import math
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from contextlib import aclosing
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import orjson

from app.db import Database
from app.domain.orders.representation import masked
from app.domain.sync.cursor import START, Cursor, CursorCodec, FeedPosition
from app.domain.sync.feed import _check_alive, horizon_position
from app.domain.sync.schemas import BulkSlice, BulkSlicePlan
from app.pg_copy import CopyOutcome, copy_chunks, driver_connection

_META = """
SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, fs.epoch,
       fs.pruned_xid::text AS pruned_xid, fs.pruned_id
FROM feed_state fs WHERE fs.id = 1
"""
# The feed's change shape, written as text so the stored JSON goes out as it is (no rebuild);
# created_at as rfc3339() writes it (no fraction when it is zero; nothing else in it has a ".").
# One ``concat`` allocates each line once; a chain of ``||`` copies the growing line at every
# step (~10% of the COPY's time on 1M changes). ``data`` is the last member of every line
# (documented): a client can take the entity's JSON without parsing it.
ROWS_SQL = r"""
SELECT concat('{"id":', c.id, ',"type":', to_json(c.type), ',"entity":', to_json(c.entity),
    ',"entity_id":', c.entity_id, ',"entity_version":', c.entity_version, ',"created_at":"',
    replace(to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '.000000', ''),
    'Z","data":', c.data, '}')
FROM change_log c
WHERE c.shop_id = $1 AND (c.xid, c.id) > ($2::text::xid8, $3) AND c.xid < $4::text::xid8
  AND (c.xid, c.id) <= ($6::text::xid8, $7)
  AND ($5::text[] IS NULL OR c.type = ANY($5::text[]))
ORDER BY c.xid, c.id
"""
# The plan: the shop's rows between the cursor and the horizon, numbered in feed order (an
# index-only walk of (shop_id, xid, id)); every ``step``-th one ends a slice.
_COUNT_SQL = """
SELECT count(*) FROM change_log c
WHERE c.shop_id = $1 AND (c.xid, c.id) > ($2::text::xid8, $3) AND c.xid < $4::text::xid8
"""
_BOUNDS_SQL = """
SELECT xid::text AS xid, id FROM (
    SELECT c.xid, c.id, row_number() OVER (ORDER BY c.xid, c.id) AS n FROM change_log c
    WHERE c.shop_id = $1 AND (c.xid, c.id) > ($2::text::xid8, $3) AND c.xid < $4::text::xid8
) numbered WHERE n % $5 = 0 AND n < $6 ORDER BY n
"""
MAX_SLICES = 32
# Long streams are the point (no statement timeout). The first line should leave at once, so
# the client's writes overlap the rest of the scan: the shop's rows come in feed order from the
# (shop_id, xid, id) index. Left alone, the planner costs those heap reads as scattered (the
# change log of many shops is interleaved) and prefers to scan and sort everything before the
# first row, and to JIT-compile first: on 1M changes that is ~0.7 s of silence per stream. The
# log is appended in commit order, so one shop's rows in xid order are close on disk.
STREAM_SETTINGS = """
SET LOCAL statement_timeout = 0; SET LOCAL jit = off; SET LOCAL enable_sort = off;
SET LOCAL random_page_cost = 1.1
"""
# CSV with a quote and delimiter that JSON text never contains (PostgreSQL escapes control
# characters inside strings): each line is the JSON exactly as built, nothing escaped.
_COPY_OPTIONS: dict[str, Any] = {"format": "csv", "quote": "\x01", "delimiter": "\x02"}
_CHUNKS = 8  # chunks buffered between COPY and the response (back-pressure)


def bulk_changes(
    db: Database,
    codec: CursorCodec,
    shop_id: int,
    cursor: Cursor | None,
    *,
    types: Sequence[str] | None,
    pii: bool,
    until: Cursor | None = None,
) -> AsyncIterator[bytes]:
    """NDJSON chunks of the changes after ``cursor`` up to ``until`` (inclusive; None: the
    horizon). Prime it with one ``__anext__()`` (yields ``b""``) before answering: that checks
    the cursors, so an expired one is a 410 rather than a broken stream."""
    chunks = _copied(db, codec, shop_id, cursor, types, until)
    # Without the PII scope the receiver is masked, line by line (masking is Python's job).
    return chunks if pii else _masked(chunks)


async def _copied(
    db: Database,
    codec: CursorCodec,
    shop_id: int,
    cursor: Cursor | None,
    types: Sequence[str] | None,
    until: Cursor | None,
) -> AsyncGenerator[bytes, None]:
    async with driver_connection(db) as apg:
        conn: asyncpg.Connection = apg
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            await conn.execute(STREAM_SETTINGS)
            meta = await conn.fetchrow(_META)
            pruned = FeedPosition(int(meta["pruned_xid"]), meta["pruned_id"])
            for given in (cursor, until):
                if given is not None:
                    _check_alive(given, meta["epoch"], pruned)
            yield b""  # primed: the cursors are fine, the response may start
            position = cursor.position if cursor else START
            horizon = horizon_position(int(meta["xmin"]))
            # Up to ``until`` when it is below the horizon, else up to the horizon.
            bound = min(until.position, horizon) if until is not None else horizon
            args = (
                shop_id,
                str(position.xid),
                position.id,
                meta["xmin"],
                list(types or []) or None,
                str(bound.xid),
                bound.id,
            )
            copied = CopyOutcome()
            # Closed at once when the client goes away mid-stream: that cancels the COPY.
            chunks = copy_chunks(
                conn, ROWS_SQL, *args, queue_size=_CHUNKS, outcome=copied, **_COPY_OPTIONS
            )
            async with aclosing(chunks):
                async for chunk in chunks:
                    yield chunk
    last = max(position, bound)
    yield _trailer(codec, Cursor(meta["epoch"], shop_id, last), copied.rows)


async def _masked(chunks: AsyncGenerator[bytes, None]) -> AsyncIterator[bytes]:
    """The same stream with each change's receiver masked (the trailer passes as it is)."""
    rest = b""
    async with aclosing(chunks):
        async for chunk in chunks:
            lines = (rest + chunk).split(b"\n")
            rest = lines.pop()  # a line cut by the chunk, or b"" after a full line
            out = []
            for line in lines:
                change = orjson.loads(line)
                data = change.get("data")
                if isinstance(data, dict) and isinstance(data.get("receiver"), dict):
                    change["data"] = masked(data)
                out.append(orjson.dumps(change) + b"\n")
            yield b"".join(out)
    if rest:
        yield rest


async def plan_slices(
    db: Database, codec: CursorCodec, shop_id: int, cursor: Cursor | None, slices: int
) -> BulkSlicePlan:
    """Up to ``slices`` disjoint ranges (``cursor``, ``until``] covering every change after
    ``cursor`` up to the horizon, in feed order, of about the same number of rows; fewer when
    there are fewer rows. ``next_cursor`` (the last ``until``) is where the feed continues."""
    async with driver_connection(db) as apg:
        conn: asyncpg.Connection = apg
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            meta = await conn.fetchrow(_META)
            if cursor is not None:
                pruned = FeedPosition(int(meta["pruned_xid"]), meta["pruned_id"])
                _check_alive(cursor, meta["epoch"], pruned)
            position = cursor.position if cursor else START
            after = (shop_id, str(position.xid), position.id, meta["xmin"])
            total = int(await conn.fetchval(_COUNT_SQL, *after))
            step = max(1, math.ceil(total / max(1, slices)))
            bounds = [
                FeedPosition(int(r["xid"]), r["id"])
                for r in await conn.fetch(_BOUNDS_SQL, *after, step, total)
            ]
    epoch = meta["epoch"]
    horizon = max(position, horizon_position(int(meta["xmin"])))
    ends = [*bounds, horizon]
    starts = [position, *bounds]
    counts = [step] * len(bounds) + [total - step * len(bounds)]

    def token(at: FeedPosition) -> str:
        return codec.encode(Cursor(epoch, shop_id, at))

    plan: list[BulkSlice] = [
        {
            "cursor": token(start) if (start != START or cursor is not None) else None,
            "until": token(end),
            "count": count,
        }
        for start, end, count in zip(starts, ends, counts, strict=True)
    ]
    return {"data": plan, "next_cursor": token(horizon), "count": total}


def _trailer(codec: CursorCodec, cursor: Cursor, count: int) -> bytes:
    return orjson.dumps({"next_cursor": codec.encode(cursor), "count": count}) + b"\n"
