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
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import aclosing
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import orjson

from app.db import Database
from app.domain.sync.cursor import START, Cursor, CursorCodec, FeedPosition
from app.domain.sync.feed import FeedReader, _check_alive, horizon_position
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
  AND ($5::text[] IS NULL OR c.type = ANY($5::text[]))
ORDER BY c.xid, c.id
"""
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
_FALLBACK_PAGE = 1000


def bulk_changes(
    db: Database,
    codec: CursorCodec,
    shop_id: int,
    cursor: Cursor | None,
    *,
    types: Sequence[str] | None,
    pii: bool,
) -> AsyncIterator[bytes]:
    """NDJSON chunks. Prime it with one ``__anext__()`` (yields ``b""``) before answering:
    that checks the cursor, so an expired one is a 410 rather than a broken stream."""
    if not pii:  # masking is Python's job: the paged reader, page by page
        return _masked_pages(db, codec, shop_id, cursor, types)
    return _copied(db, codec, shop_id, cursor, types)


async def _copied(
    db: Database,
    codec: CursorCodec,
    shop_id: int,
    cursor: Cursor | None,
    types: Sequence[str] | None,
) -> AsyncIterator[bytes]:
    async with driver_connection(db) as apg:
        conn: asyncpg.Connection = apg
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            await conn.execute(STREAM_SETTINGS)
            meta = await conn.fetchrow(_META)
            if cursor is not None:
                _check_alive(
                    cursor, meta["epoch"], FeedPosition(int(meta["pruned_xid"]), meta["pruned_id"])
                )
            yield b""  # primed: the cursor is fine, the response may start
            position = cursor.position if cursor else START
            args = (
                shop_id,
                str(position.xid),
                position.id,
                meta["xmin"],
                list(types or []) or None,
            )
            copied = CopyOutcome()
            # Closed at once when the client goes away mid-stream: that cancels the COPY.
            chunks = copy_chunks(
                conn, ROWS_SQL, *args, queue_size=_CHUNKS, outcome=copied, **_COPY_OPTIONS
            )
            async with aclosing(chunks):
                async for chunk in chunks:
                    yield chunk
    last = max(position, horizon_position(int(meta["xmin"])))
    yield _trailer(codec, Cursor(meta["epoch"], shop_id, last), copied.rows)


async def _masked_pages(
    db: Database,
    codec: CursorCodec,
    shop_id: int,
    cursor: Cursor | None,
    types: Sequence[str] | None,
) -> AsyncIterator[bytes]:
    reader = FeedReader(db)
    page = await reader.read(shop_id, cursor, limit=_FALLBACK_PAGE, types=types, pii=False)
    yield b""  # primed (the first read checked the cursor)
    count = 0
    while True:
        count += len(page.changes)
        yield b"".join(orjson.dumps(change) + b"\n" for change in page.changes)
        if not page.has_more:
            break
        page = await reader.read(shop_id, page.cursor, limit=_FALLBACK_PAGE, types=types, pii=False)
    yield _trailer(codec, page.cursor, count)


def _trailer(codec: CursorCodec, cursor: Cursor, count: int) -> bytes:
    return orjson.dumps({"next_cursor": codec.encode(cursor), "count": count}) + b"\n"
