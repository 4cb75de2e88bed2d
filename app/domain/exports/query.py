"""The export SELECT, built from the field table and compiled to ``$n`` SQL for asyncpg
(COPY and server-side cursors). Only whitelisted expressions reach the SQL text; every value
(shops, bounds, filters) is a bound parameter."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg

from app.domain.exports.fields import BY_NAME, header, timezone_sql
from app.domain.orders.filters import OrderFilter, filter_conditions
from app.kit.clock import utcnow
from app.models import Order, OrderItem

_DIALECT = PGDialect_asyncpg()  # type: ignore[no-untyped-call]

Bounds = tuple[datetime | None, datetime | None]


@dataclass(frozen=True)
class ExportQuery:
    sql: str
    args: tuple[Any, ...]
    headers: tuple[str, ...]
    kinds: tuple[str, ...]
    count_sql: str  # how many rows the file will hold, without rendering them
    count_args: tuple[Any, ...]


def _compiled(stmt: Select[Any]) -> tuple[str, tuple[Any, ...]]:
    compiled = stmt.compile(dialect=_DIALECT, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    return str(compiled), tuple(params[name] for name in compiled.positiontup or ())


def _shops_condition(zones: dict[int, str], bounds: dict[int, Bounds]) -> ColumnElement[bool]:
    """Each shop with its own creation window (local days differ by timezone); shops sharing
    a window are one ``shop_id IN (…)`` so the common case keeps a plain index range."""
    groups: dict[Bounds, list[int]] = defaultdict(list)
    for shop_id in sorted(zones):
        groups[bounds.get(shop_id, (None, None))].append(shop_id)
    parts: list[ColumnElement[bool]] = []
    for (start, end), ids in groups.items():
        cond: list[ColumnElement[bool]] = [
            Order.shop_id == ids[0] if len(ids) == 1 else Order.shop_id.in_(ids)
        ]
        if start is not None:
            cond.append(Order.created_at >= start)
        if end is not None:
            cond.append(Order.created_at < end)
        parts.append(and_(*cond))
    return parts[0] if len(parts) == 1 else or_(*parts)


def build_query(
    *,
    zones: dict[int, str],
    bounds: dict[int, Bounds],
    fields: list[str],
    filters: OrderFilter,
    granularity: str,
    locale: str,
    mask_pii: bool,
    limit: int | None = None,
) -> ExportQuery:
    """``zones``: shop id → timezone of every shop exported; ``bounds``: shop id → creation
    window ``[start, end)`` (missing or None ends: unbounded)."""
    tz = timezone_sql(zones)
    zh = locale == "zh"
    columns: list[Any] = [
        literal_column(BY_NAME[name].expr(mask=mask_pii, timezone_sql=tz, zh=zh)).label(
            header(name, locale)
        )
        for name in fields
    ]
    source: Any = Order.__table__
    order_by: list[Any] = [Order.created_at, Order.id]
    if len(zones) > 1:
        order_by = [Order.created_at, Order.shop_id, Order.id]
    if granularity == "item":
        items = OrderItem.__table__.alias("i")
        source = source.join(
            items, and_(items.c.shop_id == Order.shop_id, items.c.order_id == Order.id)
        )
        order_by.append(items.c.id)
    conditions = [
        _shops_condition(zones, bounds),
        *filter_conditions(filters, timezones=zones, now=utcnow()),
    ]
    stmt: Select[Any] = select(*columns).select_from(source).where(*conditions).order_by(*order_by)
    counted: Select[Any] = select(func.count()).select_from(source).where(*conditions)
    if limit is not None:
        stmt = stmt.limit(limit)
        counted = select(func.count()).select_from(
            select(Order.id).select_from(source).where(*conditions).limit(limit).subquery()
        )
    sql, args = _compiled(stmt)
    count_sql, count_args = _compiled(counted)
    return ExportQuery(
        sql,
        args,
        tuple(header(n, locale) for n in fields),
        tuple(BY_NAME[n].kind for n in fields),
        count_sql,
        count_args,
    )


def order_ids_query(
    *, zones: dict[int, str], bounds: dict[int, Bounds], filters: OrderFilter
) -> tuple[str, tuple[Any, ...]]:
    """The ids of the orders an export of ``filters`` covers (what its rows are about)."""
    conditions = [
        _shops_condition(zones, bounds),
        *filter_conditions(filters, timezones=zones, now=utcnow()),
    ]
    stmt = select(Order.shop_id, Order.id).where(*conditions).order_by(Order.id)
    return _compiled(cast("Select[Any]", stmt))
