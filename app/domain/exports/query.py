"""The export SELECT, built from the field table and compiled to ``$n`` SQL for asyncpg
(COPY and server-side cursors). Only whitelisted expressions reach the SQL text; every value
(shop, bounds, filters) is a bound parameter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, literal_column, select
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg

from app.domain.exports.fields import BY_NAME, header
from app.domain.orders.filters import OrderFilter, filter_conditions
from app.kit.clock import utcnow
from app.models import Order, OrderItem

_DIALECT = PGDialect_asyncpg()  # type: ignore[no-untyped-call]


@dataclass(frozen=True)
class ExportQuery:
    sql: str
    args: tuple[Any, ...]
    headers: tuple[str, ...]
    kinds: tuple[str, ...]


def build_query(
    *,
    shop_id: int,
    timezone: str,
    start: datetime | None,
    end: datetime | None,
    fields: list[str],
    filters: OrderFilter,
    granularity: str,
    locale: str,
    mask_pii: bool,
    limit: int | None = None,
) -> ExportQuery:
    columns: list[Any] = [
        literal_column(BY_NAME[name].expr(mask=mask_pii, timezone=timezone)).label(
            header(name, locale)
        )
        for name in fields
    ]
    source: Any = Order.__table__
    order_by: list[Any] = [Order.created_at, Order.id]
    if granularity == "item":
        items = OrderItem.__table__.alias("i")
        source = source.join(
            items, and_(items.c.shop_id == Order.shop_id, items.c.order_id == Order.id)
        )
        order_by.append(items.c.id)
    stmt: Select[Any] = (
        select(*columns)
        .select_from(source)
        .where(*_matching(shop_id, timezone, filters, start, end))
        .order_by(*order_by)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    sql, args = _compiled(stmt)
    return ExportQuery(
        sql,
        args,
        tuple(header(n, locale) for n in fields),
        tuple(BY_NAME[n].kind for n in fields),
    )


def order_ids_query(
    *, shop_id: int, timezone: str, filters: OrderFilter
) -> tuple[str, tuple[Any, ...]]:
    """The ids of the orders an export of ``filters`` covers (what its rows are about)."""
    stmt = select(Order.id).where(*_matching(shop_id, timezone, filters, None, None))
    return _compiled(stmt.order_by(Order.id))


def _matching(
    shop_id: int,
    timezone: str,
    filters: OrderFilter,
    start: datetime | None,
    end: datetime | None,
) -> list[Any]:
    conditions = filter_conditions(filters, timezones={shop_id: timezone}, now=utcnow())
    if start is not None:
        conditions.append(Order.created_at >= start)
    if end is not None:
        conditions.append(Order.created_at < end)
    return [Order.shop_id == shop_id, *conditions]


def _compiled(stmt: Select[Any]) -> tuple[str, tuple[Any, ...]]:
    compiled = stmt.compile(dialect=_DIALECT, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    return str(compiled), tuple(params[name] for name in compiled.positiontup or ())
