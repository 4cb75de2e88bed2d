"""Keyset pages newest-first by (created_at, id), for the smaller lists (after-sales,
disputes). Orders have their own richer list in domain/orders/listing.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
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
    public: Callable[[Any], Any],  # a read model (TypedDict) of the row
    backward: bool = False,
) -> dict[str, Any]:
    """``{data, next_cursor, has_more}``; ``stmt`` selects one ORM entity, already filtered.

    ``backward`` (GraphQL's ``last``/``before``) reads ``cursor`` as a position to page
    *before*: the ``limit`` rows just before it (the oldest rows without a cursor), still
    newest first; ``has_more`` then says newer rows exist before them."""
    if cursor is not None:
        when, last_id = codec.decode(cursor, listing=listing, sort=NEWEST_FIRST, arity=2)
        if not isinstance(when, int) or not isinstance(last_id, int):
            raise InvalidCursor("The cursor is malformed.")
        try:
            bound = from_micros(when)
        except (OverflowError, ValueError, OSError) as exc:
            raise InvalidCursor("The cursor is malformed.") from exc
        key = tuple_(created_at, id_)
        stmt = stmt.where(
            key > tuple_(bound, last_id) if backward else key < tuple_(bound, last_id)
        )
    if backward:
        stmt = stmt.order_by(created_at.asc(), id_.asc()).limit(limit + 1)
    else:
        stmt = stmt.order_by(created_at.desc(), id_.desc()).limit(limit + 1)
    rows = list((await session.execute(stmt)).scalars())
    has_more = len(rows) > limit
    rows = rows[:limit]
    if backward:
        rows.reverse()
    edge = None
    if has_more:
        row = rows[0] if backward else rows[-1]
        edge = codec.encode(listing, NEWEST_FIRST, [micros(getattr(row, created_at.key)), row.id])
    data = [public(r) for r in rows]
    if backward:
        return {"data": data, "next_cursor": None, "prev_cursor": edge, "has_more": has_more}
    return {"data": data, "next_cursor": edge, "has_more": has_more}


def row_cursor(codec: KeysetCodec, listing: str, row: dict[str, Any]) -> str:
    """The cursor of a public row (``created_at`` RFC 3339, ``id``) of a newest-first list."""
    when = micros(datetime.fromisoformat(row["created_at"]))
    return codec.encode(listing, NEWEST_FIRST, [when, row["id"]])
