"""Keyset pages newest-first by (created_at, id), for the smaller lists (after-sales,
disputes). Orders have their own richer list in domain/orders/listing.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, Select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.db import execute_alone
from app.domain.orders.filters import MAX_ID, Instant
from app.errors import InvalidCursor
from app.kit.contract import Page
from app.kit.keyset import KeysetCodec, from_micros, micros
from app.kit.render import PageRenderer, page_bytes

NEWEST_FIRST = "-created_at"
E = TypeVar("E")
T = TypeVar("T")

# A list filter on a column: any of these values (``?status=a&status=b``).
Repeatable = Annotated[list[E] | None, Field(description="Repeatable")]


@dataclass(frozen=True, slots=True)
class RowsPage(Generic[E]):
    """A page of entities before they become read models (see :meth:`mapped`)."""

    rows: list[E]
    has_more: bool
    next_cursor: str | None

    def mapped(self, data: Sequence[T]) -> Page[T]:
        """The API page: ``data`` are the rows' representations, in the rows' order."""
        return {"data": list(data), "has_more": self.has_more, "next_cursor": self.next_cursor}


async def newest_first_rows(
    session: AsyncSession,
    stmt: Select[Any],
    *,
    created_at: InstrumentedAttribute[Any],
    id_: InstrumentedAttribute[Any],
    listing: str,
    codec: KeysetCodec,
    cursor: str | None,
    limit: int,
    backward: bool = False,
) -> RowsPage[Any]:
    """A page of the entities ``stmt`` selects (one ORM entity, already filtered).

    ``backward`` (GraphQL's ``last``/``before``) reads ``cursor`` as a position to page
    *before*: the ``limit`` rows just before it (the oldest rows without a cursor), still
    newest first; ``has_more`` then says newer rows exist before them (GraphQL builds its
    cursors from the rows, so a backward page has no ``next_cursor``)."""
    if cursor is not None:
        stmt = stmt.where(
            _beyond(codec, listing, cursor, created_at=created_at, id_=id_, backward=backward)
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
    if has_more and not backward:
        row = rows[-1]
        edge = codec.encode(listing, NEWEST_FIRST, [micros(getattr(row, created_at.key)), row.id])
    return RowsPage(rows, has_more, edge)


def _beyond(
    codec: KeysetCodec,
    listing: str,
    cursor: str,
    *,
    created_at: InstrumentedAttribute[Any],
    id_: InstrumentedAttribute[Any],
    backward: bool,
) -> ColumnElement[bool]:
    """Rows after the cursor's position, newest first (before it when ``backward``)."""
    when, last_id = codec.decode(cursor, listing=listing, sort=NEWEST_FIRST, arity=2)
    if not isinstance(when, int) or not isinstance(last_id, int):
        raise InvalidCursor("The cursor is malformed.")
    try:
        bound = from_micros(when)
    except (OverflowError, ValueError, OSError) as exc:
        raise InvalidCursor("The cursor is malformed.") from exc
    key = tuple_(created_at, id_)
    return key > tuple_(bound, last_id) if backward else key < tuple_(bound, last_id)


@cache
def _newest_first(
    created_at: InstrumentedAttribute[Any], id_: InstrumentedAttribute[Any]
) -> tuple[ColumnElement[Any], ...]:
    """ORDER BY newest first, the same objects every request (see PageRenderer.statement)."""
    return (created_at.desc(), id_.desc())


async def newest_first_rendered(
    session: AsyncSession,
    renderer: PageRenderer,
    where: Sequence[ColumnElement[bool]],
    *,
    created_at: InstrumentedAttribute[Any],
    id_: InstrumentedAttribute[Any],
    listing: str,
    codec: KeysetCodec,
    cursor: str | None,
    limit: int,
) -> bytes:
    """The page of :func:`newest_first_rows` (forward) as the response's JSON bytes, rendered
    by PostgreSQL with ``renderer`` in one statement (app/kit/render.py)."""
    conditions = list(where)
    if cursor is not None:
        conditions.append(
            _beyond(codec, listing, cursor, created_at=created_at, id_=id_, backward=False)
        )
    stmt = renderer.statement(
        where=conditions,
        order_by=_newest_first(created_at, id_),
        limit=limit,
        cursor=[created_at.key, id_.key],
    )
    # The list request's only statement.
    data, has_more, when, last_id = (await execute_alone(session, stmt)).one()
    edge = None
    if has_more and last_id is not None:
        edge = codec.encode(listing, NEWEST_FIRST, [micros(when), int(last_id)])
    return page_bytes(data, has_more, edge)


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
    public: Callable[[Any], T],
    backward: bool = False,
) -> Page[T]:
    """:func:`newest_first_rows` as ``{data, next_cursor, has_more}`` of ``public(row)``."""
    page = await newest_first_rows(
        session,
        stmt,
        created_at=created_at,
        id_=id_,
        listing=listing,
        codec=codec,
        cursor=cursor,
        limit=limit,
        backward=backward,
    )
    return page.mapped([public(r) for r in page.rows])


class NewestFirstParams(BaseModel):
    """The query every newest-first list of an order's entities shares. A subclass adds its
    own filters as :data:`Repeatable` fields named after the entity's column each matches
    (``status: Repeatable[ComplaintStatus] = None``); :func:`with_common_filters` applies
    them."""

    model_config = ConfigDict(extra="forbid")

    order_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    created_from: Instant | None = Field(default=None, description="Inclusive")
    created_to: Instant | None = Field(default=None, description="Exclusive")
    sort: Literal["-created_at"] = "-created_at"
    limit: int = Field(default=50, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=512)


def with_common_filters(stmt: Select[Any], entity: Any, params: NewestFirstParams) -> Select[Any]:
    """``stmt`` narrowed by ``params``' order and creation-time filters on ``entity``, and by
    each filter a subclass adds (the column of the same name is any of the values given)."""
    for name in type(params).model_fields.keys() - NewestFirstParams.model_fields.keys():
        values = getattr(params, name)
        if values:
            stmt = stmt.where(getattr(entity, name).in_(values))
    if params.order_id is not None:
        stmt = stmt.where(entity.order_id == params.order_id)
    if params.created_from is not None:
        stmt = stmt.where(entity.created_at >= params.created_from)
    if params.created_to is not None:
        stmt = stmt.where(entity.created_at < params.created_to)
    return stmt


async def newest_first_list(
    session: AsyncSession,
    stmt: Select[Any],
    entity: Any,
    params: NewestFirstParams,
    codec: KeysetCodec,
    public: Callable[[Any], T],
    *,
    listing: str,
    backward: bool = False,
) -> Page[T]:
    """The page of ``entity`` rows (with ``created_at`` and ``id``) ``params`` asks for."""
    return await newest_first_page(
        session,
        stmt,
        created_at=entity.created_at,
        id_=entity.id,
        listing=listing,
        codec=codec,
        cursor=params.cursor,
        limit=params.limit,
        public=public,
        backward=backward,
    )


def row_cursor(codec: KeysetCodec, listing: str, row: Mapping[str, Any]) -> str:
    """The cursor of a public row (``created_at`` RFC 3339, ``id``) of a newest-first list."""
    when = micros(datetime.fromisoformat(row["created_at"]))
    return codec.encode(listing, NEWEST_FIRST, [when, row["id"]])
