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
    Boolean,
    ColumnElement,
    DateTime,
    FromClause,
    Select,
    Text,
    and_,
    case,
    exists,
    false,
    func,
    literal_column,
    select,
    true,
)
from sqlalchemy.dialects import postgresql
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
_UTF8: ColumnElement[str] = literal_column("'UTF8'")
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


@dataclass(frozen=True)
class Children:
    """A list field: the rows of ``source`` that ``link`` ties to the parent, in ``order_by``,
    each rendered by ``shape`` (``[]`` when none)."""

    source: FromClause
    link: ColumnElement[bool]
    order_by: Sequence[Expr]
    shape: Shape

    def any(self, condition: ColumnElement[bool]) -> ColumnElement[bool]:
        """Whether a child row of the parent meets ``condition``."""
        return exists(
            select(literal_column("1")).select_from(self.source).where(self.link, condition)
        )


_SELECTED_KEY = re.compile(r"^[_A-Za-z][_0-9A-Za-z]*$")  # a GraphQL response key


@dataclass(frozen=True)
class Shape:
    """How to produce each field of ``model`` (a ``@read_model`` TypedDict); with no model, a
    selection's keys (GraphQL response keys, aliases included) in ``fields``' order."""

    model: type | None
    fields: Mapping[str, Expr | Shape | Children]
    keys: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        if self.model is None:
            keys = tuple(self.fields)
            if len(keys) > _MAX_PAIRS or not all(_SELECTED_KEY.match(k) for k in keys):
                raise ShapeDrift(f"cannot render the selection {keys}")
            object.__setattr__(self, "keys", keys)
            return
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


PAGE = "page"
_MAX_CACHED = 256  # statement parts kept per renderer (limits x sorts x cursor shapes)


def _compiled_over(expr: ColumnElement[Any], page: FromClause, what: str) -> str:
    """``expr`` (written against the source table) as SQL text over the ``page`` alias."""
    adapted = sql_util.ClauseAdapter(page).traverse(expr)
    # Compiled inside a SELECT from ``page`` so that its subqueries correlate to it.
    marker = "ordergate_rendered_row"
    query = select(adapted.label(marker)).select_from(page)
    literal = {"literal_binds": True}
    compiled = query.compile(dialect=postgresql.dialect(), compile_kwargs=literal)  # type: ignore[no-untyped-call]
    sql = str(compiled).removeprefix("SELECT ").rsplit(f" AS {marker}", 1)[0]
    if "%" in sql:  # would be read as a parameter marker by some drivers
        raise ShapeDrift(f"{what}: '%' in rendered SQL")
    return sql


class PageRenderer:
    """``shape`` compiled once to SQL text over the page's rows (the ``page`` subquery of
    ``source`` columns): per request only the small page query is built, the per-field SQL
    (the bulk of the statement) is one opaque, already compiled element.

    ``check`` (optional, a condition on a source row) is whether a row cannot be rendered
    faithfully (e.g. a value GraphQL's Int refuses): the page statement then says so, and the
    caller takes its general path for that page."""

    def __init__(
        self, shape: Shape, source: FromClause, check: ColumnElement[bool] | None = None
    ) -> None:
        self.source = source
        page = source.alias(PAGE)
        what = shape.model.__name__ if shape.model is not None else "selection"
        sql = _compiled_over(render(shape), page, what)
        self.row_json: ColumnElement[Any] = literal_column(sql, JSON)
        self.check: ColumnElement[bool] | None = None
        if check is not None:
            check_sql = _compiled_over(check, page, what)
            self.check = literal_column(check_sql, Boolean)
            sql += " " + check_sql
        # Parts of page statements that repeat across requests (see statement()).
        self._inners: dict[tuple[Any, ...], tuple[tuple[Any, ...], list[Any]]] = {}
        self._outers: dict[tuple[Any, ...], list[ColumnElement[Any]]] = {}
        # Only the source columns the shape reads travel through the page subquery.
        used = set(re.findall(rf"\b{PAGE}\.(\w+)", sql))
        self.columns = [c.name for c in source.c if c.name in used]

    def statement(
        self,
        *,
        where: Sequence[ColumnElement[bool]],
        order_by: Sequence[ColumnElement[Any]],
        limit: int,
        cursor: Sequence[str],
        ends: bool = False,
    ) -> Select[Any]:
        """One row: (data bytes, has_more, *the ``cursor`` columns of the page's last row).

        With ``ends`` (Relay connections, which name both ends of every page) the ``cursor``
        columns are those of the last row even when no row follows it, then come those of the
        first row, the page's row count, and whether ``check`` holds for any of its rows.

        The ``limit + 1`` rows of ``source`` matching ``where`` in ``order_by`` are read once
        (a subquery numbered in that order); the shape's children and correlated parts run
        for those rows only."""
        inner = self._inner(order_by, cursor)
        rows = (
            select(*inner)
            .where(and_(true(), *where))
            .order_by(*order_by)
            .limit(limit + 1)
            .subquery(PAGE)
        )
        return select(*self._outer(tuple(cursor), limit, ends)).select_from(rows)

    def _inner(
        self, order_by: Sequence[ColumnElement[Any]], cursor: Sequence[str]
    ) -> list[ColumnElement[Any]]:
        """The page subquery's columns (what the shape reads, the cursor's, the position in
        ``order_by``), built once per ``order_by`` object: callers pass constants per sort."""
        key = (*map(id, order_by), *cursor)
        known = self._inners.get(key)
        if known is not None and all(a is b for a, b in zip(known[0], order_by, strict=True)):
            return known[1]
        names = [*self.columns, *(n for n in cursor if n not in self.columns)]
        position = func.row_number().over(order_by=list(order_by)).label("_rn")
        columns: list[ColumnElement[Any]] = [*(self.source.c[n] for n in names), position]
        if len(self._inners) >= _MAX_CACHED:
            self._inners.clear()
        self._inners[key] = (tuple(order_by), columns)
        return columns

    def _outer(self, cursor: tuple[str, ...], limit: int, ends: bool) -> list[ColumnElement[Any]]:
        """The page row's columns over the ``page`` subquery, built once per their key."""
        key = (cursor, limit, ends)
        known = self._outers.get(key)
        if known is not None:
            return known
        rn: ColumnElement[int] = literal_column(f"{PAGE}._rn")
        data = func.json_agg(aggregate_order_by(self.row_json, rn)).filter(rn <= limit)
        columns: list[ColumnElement[Any]] = [
            func.convert_to(func.coalesce(data, EMPTY_ARRAY).cast(Text), _UTF8),
            func.count() > limit,
        ]
        if not ends:
            columns += [func.max(literal_column(f"{PAGE}.{n}")).filter(rn == limit) for n in cursor]
        else:
            for newest in (True, False):  # the last row's columns, then the first row's
                for n in cursor:
                    ordered = rn.desc() if newest else rn
                    column: ColumnElement[Any] = literal_column(f"{PAGE}.{n}")
                    values: Any = func.array_agg(aggregate_order_by(column, ordered))
                    columns.append(values.filter(rn <= limit)[1])
            columns.append(func.count().filter(rn <= limit))
            if self.check is not None:
                check = func.bool_or(self.check).filter(rn <= limit)
                columns.append(func.coalesce(check, false()))
        if len(self._outers) >= _MAX_CACHED:
            self._outers.clear()
        self._outers[key] = columns
        return columns


def page_bytes(data: bytes, has_more: bool, next_cursor: str | None) -> bytes:
    """``{"data": …, "has_more": …, "next_cursor": …}`` (the ``Page`` read model) around the
    rendered array, without parsing it."""
    more = b"true" if has_more else b"false"
    cursor = b"null" if next_cursor is None else b'"' + next_cursor.encode() + b'"'
    return b'{"data":' + data + b',"has_more":' + more + b',"next_cursor":' + cursor + b"}"
