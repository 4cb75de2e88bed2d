"""Keyset pages newest-first by (created_at, id), for the smaller lists (after-sales,
disputes). Orders have their own richer list in domain/orders/listing.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.errors import InvalidCursor
from app.kit.keyset import KeysetCodec, from_micros, micros

NEWEST_FIRST = "-created_at"


async def newest_first_page(
    session: AsyncSession,
    stmt: Select[Any],
    *,
    created_at: InstrumentedAttribute[Any],
    id_: InstrumentedAttribute[Any],
    listing: str,
    codec: KeysetCodec,
    cursor: str | None,
    limit: int,
    public: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """``{data, next_cursor, has_more}``; ``stmt`` selects one ORM entity, already filtered."""
    if cursor is not None:
        when, last_id = codec.decode(cursor, listing=listing, sort=NEWEST_FIRST, arity=2)
        if not isinstance(when, int) or not isinstance(last_id, int):
            raise InvalidCursor("The cursor is malformed.")
        try:
            bound = from_micros(when)
        except (OverflowError, ValueError, OSError) as exc:
            raise InvalidCursor("The cursor is malformed.") from exc
        stmt = stmt.where(tuple_(created_at, id_) < tuple_(bound, last_id))
    stmt = stmt.order_by(created_at.desc(), id_.desc()).limit(limit + 1)
    rows = list((await session.execute(stmt)).scalars())
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if has_more:
        last = rows[-1]
        next_cursor = codec.encode(
            listing, NEWEST_FIRST, [micros(getattr(last, created_at.key)), last.id]
        )
    return {"data": [public(r) for r in rows], "next_cursor": next_cursor, "has_more": has_more}
