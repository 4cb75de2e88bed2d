"""Followers of the global change log: a named cursor and the feed's horizon rule.

A follower reads the rows after its stored ``(xid, id)`` and below
``pg_snapshot_xmin(pg_current_snapshot())`` in ``(xid, id)`` order — the rule of the feed and
of the webhook fan-out — so it never passes a row that a running transaction will commit
later. A follower peeks a page, does idempotent work, then moves the cursor forward.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy import Row, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.sync.horizon import HORIZON_SQL

_PAGE_SQL = text(
    f"""
SELECT c.shop_id, c.id, c.xid::text AS xid, c.entity, c.entity_id, c.type FROM change_log c
-- Scalar subqueries, not a join: only then is the row comparison an index bound.
WHERE (c.xid, c.id) > ((SELECT last_xid FROM change_log_cursors WHERE name = :name),
                       (SELECT last_change_id FROM change_log_cursors WHERE name = :name))
  AND c.xid < {HORIZON_SQL}
ORDER BY c.xid, c.id
LIMIT :n
"""
)


async def peek_page(session: AsyncSession, name: str, batch: int) -> Sequence[Row[Any]]:
    """Up to ``batch`` changes past cursor ``name`` (``shop_id, id, xid, entity, entity_id,
    type``), read-only: the caller does its work, then :func:`advance` — in short transactions
    of its own, so no transaction holds an xid (and the horizon) for the whole page. Work
    must be idempotent: after a crash in between, the page is read again."""
    return (await session.execute(_PAGE_SQL, {"name": name, "n": batch})).all()


# The newest change a follower may start after: everything at or before it is committed (or
# aborted) and so visible to any statement that starts later.
_HORIZON_POSITION_SQL = text(
    f"""
SELECT COALESCE((SELECT xid FROM change_log WHERE xid < {HORIZON_SQL}
                 ORDER BY xid DESC, id DESC LIMIT 1), '0'::xid8)::text AS xid,
       COALESCE((SELECT id FROM change_log WHERE xid < {HORIZON_SQL}
                 ORDER BY xid DESC, id DESC LIMIT 1), 0) AS id
"""
)


async def horizon_position(session: AsyncSession) -> tuple[int, int]:
    row = (await session.execute(_HORIZON_POSITION_SQL)).one()
    return int(row.xid), int(row.id)


async def has_cursor(session: AsyncSession, name: str) -> bool:
    found = await session.scalar(
        text("SELECT 1 FROM change_log_cursors WHERE name = :name"), {"name": name}
    )
    return found is not None


async def advance(session: AsyncSession, name: str, position: tuple[int, int]) -> None:
    """Create the cursor at ``position``, or move it forward to it (never backwards)."""
    await session.execute(
        text(
            """
INSERT INTO change_log_cursors (name, last_xid, last_change_id)
VALUES (:name, CAST(:xid AS xid8), :id)
ON CONFLICT (name) DO UPDATE SET last_xid = excluded.last_xid,
    last_change_id = excluded.last_change_id, updated_at = now()
WHERE (change_log_cursors.last_xid, change_log_cursors.last_change_id)
    < (excluded.last_xid, excluded.last_change_id)
"""
        ),
        {"name": name, "xid": position[0], "id": position[1]},
    )


async def follow_forever(
    step: Callable[[], Awaitable[object]],
    stop: asyncio.Event,
    wake: asyncio.Event,
    *,
    recheck_seconds: float = 0.5,
) -> None:
    """Run ``step`` (which drains up to the horizon) whenever ``wake`` is set, and at least every
    ``recheck_seconds`` (rows held behind the horizon and lost notifications)."""
    while not stop.is_set():
        wake.clear()
        await step()
        waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(wake.wait())]
        await asyncio.wait(waiters, timeout=recheck_seconds, return_when=asyncio.FIRST_COMPLETED)
        for waiter in waiters:
            waiter.cancel()
