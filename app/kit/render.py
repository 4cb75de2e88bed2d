"""Read models rendered by PostgreSQL: a read model (a ``@read_model`` TypedDict) plus one SQL
expression per field becomes one ``json_build_object`` expression, and a keyset page of them
one statement whose single row carries the page's ``data`` array as JSON text.

The shape is checked against its read model when it is built (at import): a field of the
model without an expression, or an expression for a field the model does not have, raises
:class:`ShapeDrift`, so a field added to a read model fails loudly (the first import, hence
every test) until the renderer says how to produce it. Keys come out in the model's order.
Formatting is derived from the column type, never written per field: ``timestamptz`` renders
as the API's RFC 3339 (:func:`rfc3339_sql`, the SQL twin of ``app.kit.clock.rfc3339``).

Python never touches a row: the page's JSON travels as bytes from PostgreSQL to the response.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, get_type_hints

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    DateTime,
    FromClause,
    Select,
    Text,
    and_,
    case,
    cast,
    func,
    literal_column,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql import util as sql_util
from sqlalchemy.types import JSON

_KEY = re.compile(r"^[a-z_][a-z0-9_]*$")
# json_build_object takes at most 100 arguments (PostgreSQL's FUNC_MAX_ARGS): 50 pairs.
_MAX_PAIRS = 50
_SECONDS: ColumnElement[str] = literal_column("""'YYYY-MM-DD"T"HH24:MI:SS"Z"'""")
_MICROS: ColumnElement[str] = literal_column("""'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'""")
_UTC: ColumnElement[str] = literal_column("'UTC'")
_SECOND: ColumnElement[str] = literal_column("'second'")
EMPTY_ARRAY = literal_column("'[]'::json", JSON)


Expr = ColumnElement[Any] | InstrumentedAttribute[Any]
"""A SQL expression or a mapped column (``Order.id``)."""


def _expr(value: Expr) -> ColumnElement[Any]:
    return value.__clause_element__() if isinstance(value, InstrumentedAttribute) else value


class ShapeDrift(TypeError):
    """A shape and its read model disagree on the fields."""


def rfc3339_sql(value: ColumnElement[Any]) -> ColumnElement[Any]:
    """``app.kit.clock.rfc3339`` in SQL: UTC, ``Z``, microseconds only when there are some
    (Python's ``isoformat``), NULL stays NULL."""
    utc = func.timezone(_UTC, value)
    return case(
        (func.date_trunc(_SECOND, utc) == utc, func.to_char(utc, _SECONDS)),
        else_=func.to_char(utc, _MICROS),
    )


def micros_sql(value: Expr) -> ColumnElement[int]:
    """``app.kit.keyset.micros`` in SQL: integer microseconds since the epoch (exact)."""
    return cast(func.extract("epoch", _expr(value)) * 1_000_000, BigInteger)


@dataclass(frozen=True)
class Children:
    """A list field: the rows of ``source`` that ``link`` ties to the parent, in ``order_by``,
    each rendered by ``shape`` (``[]`` when none)."""

    source: FromClause
    link: ColumnElement[bool]
    order_by: Sequence[Expr]
    shape: Shape


@dataclass(frozen=True)
class Shape:
    """How to produce each field of ``model`` (a ``@read_model`` TypedDict)."""

    model: type
    fields: Mapping[str, Expr | Shape | Children]
    keys: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        declared = tuple(get_type_hints(self.model))
        missing = [k for k in declared if k not in self.fields]
        extra = [k for k in self.fields if k not in declared]
        if missing or extra:
            raise ShapeDrift(
                f"{self.model.__name__}: no SQL for {missing or 'nothing'}, "
                f"SQL for unknown fields {extra or 'none'}"
            )
        bad = [k for k in declared if not _KEY.match(k)]
        if bad or len(declared) > _MAX_PAIRS:
            raise ShapeDrift(f"{self.model.__name__}: cannot render keys {bad or declared}")
        object.__setattr__(self, "keys", declared)


def render(shape: Shape) -> ColumnElement[Any]:
    """One ``json_build_object(...)`` for ``shape`` (its fields in the model's order)."""
    args: list[Any] = []
    for key in shape.keys:
        args.append(literal_column(f"'{key}'"))
        args.append(_value(shape.fields[key]))
    return func.json_build_object(*args, type_=JSON)


def _value(spec: Expr | Shape | Children) -> ColumnElement[Any]:
    if isinstance(spec, Shape):
        return render(spec)
    if isinstance(spec, Children):
        order = [_expr(o) for o in spec.order_by]
        rows = func.json_agg(aggregate_order_by(render(spec.shape), *order))
        return (
            select(func.coalesce(rows, EMPTY_ARRAY))
            .select_from(spec.source)
            .where(spec.link)
            .scalar_subquery()
        )
    value = _expr(spec)
    if isinstance(value.type, DateTime):
        return rfc3339_sql(value)
    return value


def page_statement(
    shape: Shape,
    source: FromClause,
    *,
    where: Sequence[ColumnElement[bool]],
    order_by: Sequence[ColumnElement[Any]],
    limit: int,
    cursor_columns: Sequence[Expr],
) -> Select[Any]:
    """One row: (data bytes, has_more, *cursor values of the page's last row).

    The ``limit + 1`` rows of ``source`` matching ``where`` in ``order_by`` are read once (a
    subquery numbered in that order); the shape's expressions, written against ``source``,
    are adapted to it, so children and correlated parts run for those rows only."""
    position = func.row_number().over(order_by=list(order_by)).label("_rn")
    rows = (
        select(*source.c, position)
        .where(and_(true(), *where))
        .order_by(*order_by)
        .limit(limit + 1)
        .subquery("page")
    )
    adapter = sql_util.ClauseAdapter(rows)
    on_page = rows.c._rn <= limit
    last = rows.c._rn == limit
    data = func.json_agg(aggregate_order_by(adapter.traverse(render(shape)), rows.c._rn))
    return select(
        func.convert_to(
            func.coalesce(data.filter(on_page), EMPTY_ARRAY).cast(Text), literal_column("'UTF8'")
        ),
        func.count() > limit,
        *(adapter.traverse(func.max(c)).filter(last) for c in cursor_columns),
    ).select_from(rows)


def page_bytes(data: bytes, has_more: bool, next_cursor: str | None) -> bytes:
    """``{"data": …, "has_more": …, "next_cursor": …}`` (the ``Page`` read model) around the
    rendered array, without parsing it."""
    more = b"true" if has_more else b"false"
    cursor = b"null" if next_cursor is None else b'"' + next_cursor.encode() + b'"'
    return b'{"data":' + data + b',"has_more":' + more + b',"next_cursor":' + cursor + b"}"
