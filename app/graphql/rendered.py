"""GraphQL order pages rendered by PostgreSQL (app/kit/render.py), as the REST list is.

When a connection's ``nodes`` selection maps onto the order list's read model (plain fields,
aliases and ``__typename`` welcome; no arguments, directives, fragments or per-caller fields
such as ``allowedActions``), the selection becomes one SQL statement whose JSON is the
``nodes`` list exactly as graphql-core would complete it: response keys in selection order,
enums by name, ids global, instants RFC 3339. The bytes reach the response as an
``orjson.Fragment`` (:func:`complete_rendered`), with no Python per row or field.

A page with a value graphql-core would refuse (NULL in a non-null field, a 64-bit id in
``Int``) is answered by normal execution instead, so errors keep graphql-core's semantics.
Anything else (``edges``, fragments, backward pages, a WebSocket) takes the general path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import (
    FieldNode,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLString,
    SelectionSetNode,
)
from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    String,
    case,
    false,
    func,
    literal,
    literal_column,
    or_,
)
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.types import JSON
from strawberry.types import Info

from app.domain.orders.rendering import (
    AFTER_SALE_SUMMARY_COLUMNS,
    BUYER_COLUMNS,
    ITEM_COLUMNS,
    ORDER_COLUMNS,
    ORDER_TABLE,
    items_of_order,
)
from app.kit.render import Children, Expr, PageRenderer, Shape

_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1
_PLAIN_SCALARS = {"DateTime", "Long"}  # serialised as they are (app/graphql/types/scalars.py)


def _global_id(type_name: str, shop_id: Expr, entity_id: Expr) -> ColumnElement[Any]:
    """``app.graphql.ids.to_global_id`` in SQL: unpadded base64url of ``Type:shop:id``."""
    raw = literal(f"{type_name}:", String).concat(shop_id).concat(":").concat(entity_id)
    encoded = func.encode(func.convert_to(raw, literal_column("'UTF8'")), "base64")
    # PostgreSQL wraps base64 at 76 characters (an id is shorter, but never trust it).
    url = func.translate(encoded, literal_column("'+/' || chr(10)"), literal_column("'-_'"))
    return func.rtrim(url, literal_column("'='"))


@dataclass(frozen=True)
class _Object:
    """A GraphQL object's fields as SQL: leaves (the row's REST value) and nested parts."""

    typename: str
    leaves: Mapping[str, Expr]
    objects: Mapping[str, _Object]
    lists: Mapping[str, tuple[Callable[[Shape], Children], _Object]]


_ITEM = _Object(
    "OrderItem",
    {
        "databaseId": ITEM_COLUMNS["id"],
        "productId": ITEM_COLUMNS["product_id"],
        "title": ITEM_COLUMNS["title"],
        "sku": ITEM_COLUMNS["sku"],
        "quantity": ITEM_COLUMNS["quantity"],
        "unitPrice": ITEM_COLUMNS["unit_price"],
    },
    {},
    {},
)
_ROW = ORDER_COLUMNS
_SUMMARY = AFTER_SALE_SUMMARY_COLUMNS

ORDER = _Object(
    "Order",
    {
        "id": _global_id("Order", _ROW["shop_id"], _ROW["id"]),
        "databaseId": _ROW["id"],
        "shopId": _ROW["shop_id"],
        "orderNo": _ROW["order_no"],
        "status": _ROW["status"],
        "payStatus": _ROW["pay_status"],
        "payMethod": _ROW["pay_method"],
        "createdAt": _ROW["created_at"],
        "paidAt": _ROW["paid_at"],
        "paidAmount": _ROW["paid_amount"],
        "trackingNumbers": func.array_to_json(_ROW["tracking_numbers"], type_=JSON),
        "flagged": _ROW["flagged"],
        "trafficSource": _ROW["traffic_source"],
        "province": _ROW["province"],
        "city": _ROW["city"],
        "authorId": _ROW["author_id"],
        "version": _ROW["version"],
        "updatedAt": _ROW["updated_at"],
    },
    {
        "buyer": _Object(
            "Buyer", {"id": BUYER_COLUMNS["id"], "nickname": BUYER_COLUMNS["nickname"]}, {}, {}
        ),
        "afterSaleSummary": _Object(
            "AfterSaleSummary",
            {
                "count": _SUMMARY["count"],
                "open": _SUMMARY["open"],
                "latestStatus": _SUMMARY["latest_status"],
            },
            {},
            {},
        ),
    },
    {"items": (items_of_order, _ITEM)},
)


class NotRenderable(Exception):
    """The selection has something only graphql-core's execution does."""


def _unwrap(type_: GraphQLOutputType) -> tuple[GraphQLOutputType, bool]:
    if isinstance(type_, GraphQLNonNull):
        return type_.of_type, True
    return type_, False


def _leaf(
    type_: GraphQLOutputType, value: Expr, checks: list[ColumnElement[bool]]
) -> ColumnElement[Any] | Expr:
    """``value`` serialised as graphql-core would; what it would refuse goes to ``checks``."""
    named, non_null = _unwrap(type_)
    expr: Any = value
    column = value.expression if isinstance(value, InstrumentedAttribute) else value
    if isinstance(named, GraphQLList):
        inner, _ = _unwrap(named.of_type)
        if inner is not GraphQLString:
            raise NotRenderable
    elif isinstance(named, GraphQLEnumType):
        names = {}
        for name, definition in named.values.items():
            stored = getattr(definition.value, "value", definition.value)
            if named.serialize(stored) != name:
                raise NotRenderable
            names[stored] = name
        expr = case(names, value=value, else_=None)
    elif named is GraphQLInt:
        if isinstance(getattr(column, "type", None), BigInteger):
            checks.append(~expr.between(_INT_MIN, _INT_MAX))
    elif not (
        named in (GraphQLString, GraphQLID, GraphQLBoolean)
        or (isinstance(named, GraphQLScalarType) and named.name in _PLAIN_SCALARS)
    ):
        raise NotRenderable
    # A computed value (global id, tracking numbers, counts) is never NULL; a column may be,
    # and so may an enum's unknown value.
    nullable_column = isinstance(column, Column) and column.nullable
    if non_null and (isinstance(named, GraphQLEnumType) or nullable_column):
        checks.append(expr.is_(None))
    return expr  # type: ignore[no-any-return]


def _selected(selection_set: SelectionSetNode | None) -> list[tuple[str, FieldNode]]:
    """(response key, field) of a selection of plain fields, or NotRenderable."""
    if selection_set is None:
        raise NotRenderable
    out: list[tuple[str, FieldNode]] = []
    for node in selection_set.selections:
        if not isinstance(node, FieldNode) or node.directives or node.arguments:
            raise NotRenderable
        key = (node.alias or node.name).value
        if any(key == seen for seen, _ in out):
            raise NotRenderable  # graphql-core would merge the two: leave that to it
        out.append((key, node))
    return out


def _shape(
    spec: _Object,
    type_: GraphQLObjectType,
    selection_set: SelectionSetNode | None,
    checks: list[ColumnElement[bool]],
) -> Shape:
    fields: dict[str, Any] = {}
    for key, node in _selected(selection_set):
        name = node.name.value
        if name == "__typename":
            fields[key] = literal(spec.typename, String)
            continue
        definition = type_.fields.get(name)
        if definition is None:
            raise NotRenderable
        if name in spec.leaves:
            fields[key] = _leaf(definition.type, spec.leaves[name], checks)
            continue
        named, _ = _unwrap(definition.type)
        if name in spec.objects and isinstance(named, GraphQLObjectType):
            # Always present on a list row (never null), whatever its nullability.
            fields[key] = _shape(spec.objects[name], named, node.selection_set, checks)
            continue
        if name in spec.lists and isinstance(named, GraphQLList):
            children, child = spec.lists[name]
            item, _ = _unwrap(named.of_type)
            if not isinstance(item, GraphQLObjectType):
                raise NotRenderable
            child_checks: list[ColumnElement[bool]] = []
            shape = _shape(child, item, node.selection_set, child_checks)
            link = children(shape)
            fields[key] = link
            if child_checks:
                checks.append(link.any(or_(*child_checks)))
            continue
        raise NotRenderable
    return Shape(None, fields)


def order_nodes_renderer(nodes: FieldNode, order_type: GraphQLObjectType) -> PageRenderer | None:
    """The renderer of a ``nodes { … }`` selection on orders, or None (general path)."""
    checks: list[ColumnElement[bool]] = []
    try:
        shape = _shape(ORDER, order_type, nodes.selection_set, checks)
    except NotRenderable:
        return None
    return PageRenderer(shape, ORDER_TABLE, or_(false(), *checks))


@dataclass(frozen=True, slots=True)
class RenderedNodes:
    """A ``nodes`` list PostgreSQL rendered: the JSON array's bytes and its length."""

    data: bytes
    count: int


def complete_rendered(result: RenderedNodes) -> orjson.Fragment:
    """The list as it goes into the response: bytes orjson copies as they are."""
    return orjson.Fragment(result.data)


# Renderers are cached per ``nodes`` field node (from the parser cache, so the same object for
# every request of one document), like the projection plans; cleared when full.
_RENDERERS: dict[int, tuple[FieldNode, PageRenderer | None]] = {}
_MAX_RENDERERS = 256


def rendered_nodes(info: Info[Any, Any]) -> PageRenderer | None:
    """The renderer for the ``nodes`` of the order connection ``info`` resolves, or None when
    the general path answers (see module)."""
    context = info.context
    if not context.projection or context.http_request.scope.get("type") != "http":
        return None
    raw = info._raw_info
    if len(raw.field_nodes) != 1 or raw.field_nodes[0].selection_set is None:
        return None
    nodes = None
    for node in raw.field_nodes[0].selection_set.selections:
        if not isinstance(node, FieldNode) or node.directives:
            return None
        name = node.name.value
        if name == "edges" or (name == "nodes" and nodes is not None):
            return None  # edges build on the rows; a repeated nodes merges its selections
        if name == "nodes":
            nodes = node
    if nodes is None:
        return None
    cached = _RENDERERS.get(id(nodes))
    if cached is not None and cached[0] is nodes:
        return cached[1]
    order_type = raw.schema.get_type("Order")
    renderer = None
    if isinstance(order_type, GraphQLObjectType):
        renderer = order_nodes_renderer(nodes, order_type)
    if len(_RENDERERS) >= _MAX_RENDERERS:
        _RENDERERS.clear()
    _RENDERERS[id(nodes)] = (nodes, renderer)
    return renderer
