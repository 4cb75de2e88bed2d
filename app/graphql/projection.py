"""Compiled projections for lists of plain objects (docs/graphql.md).

graphql-core executes a list of objects field by field: a resolver call, a resolve-info object
and a completion step for every field of every row (~5 µs each; a page of 50 orders with items
is ~1,700 fields). Most of those fields are plain: a key of the domain's row dict, or a pure
function of the row (``databaseId``, the global ``id``). For such a selection we build once a
projection — a tree of small closures — that turns each row into the response dict in exactly
graphql-core's key order, with the same leaf serialisation, and use it in place of execution.

Strawberry stays the gate: parsing, validation, limits, the cost estimate, authorisation and
every resolver above the list (and every non-plain field) run as before. A selection is
projected only when every field below the list is plain (no arguments, no directives, no async
or info-taking resolver, no permission class or field extension, no abstract type) and no
schema extension hooks field resolution; the projection itself falls back to normal execution
on anything unusual in the data (a null in a non-null field, a value a scalar refuses, a
failing ``is_type_of``), so errors keep graphql-core's exact semantics. Projected rows are
counted on the context, and the HTTP response says which path answered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    FragmentSpreadNode,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLString,
    Undefined,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

from app.graphql.rendered import RenderedNodes, complete_rendered

Project = Callable[[Any], Any]
_BACKREF = GraphQLCoreConverter.DEFINITION_BACKREF
# Plans are cached per (type, field nodes); the nodes come from the parser cache, so they are
# the same objects for every request of one document. The cache keeps the nodes alive (their
# ids cannot be reused) and is cleared when full.
_PLANS: dict[tuple[Any, ...], tuple[tuple[Any, ...], Project | None]] = {}
_MAX_PLANS = 512


def field_of(root: Any, name: str) -> Any:
    """The schema's default resolver: roots are the domain's plain dicts, read directly
    (no per-row objects); ``from_`` (a Python keyword) is the dict's "from"."""
    if type(root) is dict:
        return root[name] if name in root else root[name.rstrip("_")]
    return getattr(root, name)


class Fallback(Exception):
    """The row does not fit the plan: execute the list normally (same errors as ever)."""


_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


def _leaf(type_: GraphQLScalarType | GraphQLEnumType, non_null: bool) -> Project:
    """Serialise a leaf like graphql-core's completion (``coerce_output_value``), with the
    common cases (a str for String/ID, an int for Int, a bool for Boolean, a known enum
    value) answered inline; anything else goes through the type's own coercion."""
    coerce = type_.coerce_output_value

    def slow(value: Any) -> Any:
        if value is None and not non_null:
            return None
        try:
            out = coerce(value)
        except Exception as exc:  # the normal path turns this into a located error
            raise Fallback from exc
        if out is None or out is Undefined:
            raise Fallback
        return out

    if type_ is GraphQLString or type_ is GraphQLID:
        return lambda v: v if type(v) is str else slow(v)
    if type_ is GraphQLInt:
        return lambda v: v if type(v) is int and _INT_MIN <= v <= _INT_MAX else slow(v)
    if type_ is GraphQLBoolean:
        return lambda v: v if type(v) is bool else slow(v)
    if isinstance(type_, GraphQLEnumType):
        # Enum values are strings here (the REST spellings); remember their names.
        names: dict[Any, Any] = {}

        def enum(value: Any) -> Any:
            if type(value) is str:
                name = names.get(value)
                if name is None:
                    name = names[value] = slow(value)
                return name
            return slow(value)

        return enum
    return slow


def _non_null(inner: Project) -> Project:
    def non_null(value: Any) -> Any:
        if value is None:
            raise Fallback
        out = inner(value)
        if out is None:
            raise Fallback
        return out

    return non_null


def _nullable(inner: Project) -> Project:
    def nullable(value: Any) -> Any:
        return None if value is None or value is Undefined else inner(value)

    return nullable


def _list(inner: Project) -> Project:
    def as_list(value: Any) -> Any:
        if type(value) is not list and type(value) is not tuple:
            raise Fallback
        return [inner(v) for v in value]

    return as_list


class CompiledListExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with lists of plain objects projected (see module)."""

    def complete_list_value(
        self,
        return_type: GraphQLList[GraphQLOutputType],
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        if type(result) is RenderedNodes:  # PostgreSQL rendered the list (app/graphql/rendered.py)
            _count(self.context_value, result.count, RENDERED_HEADER)
            return complete_rendered(result)
        if (
            type(result) is list
            and getattr(self.context_value, "projection", False)
            and not self.middleware_manager_hooks_fields()
        ):
            project = self._list_plan(return_type, field_details_list)
            if project is not None:
                try:
                    completed = project(result)
                except Fallback:
                    pass
                else:
                    _count(self.context_value, len(result))
                    return completed
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def middleware_manager_hooks_fields(self) -> bool:
        manager = self.middleware_manager
        return bool(manager is not None and manager.middlewares)

    def _list_plan(
        self, return_type: GraphQLList[GraphQLOutputType], field_details_list: FieldDetailsList
    ) -> Project | None:
        if any(fd.fragment_variable_values for fd in field_details_list):
            return None
        item_type = return_type.of_type
        named = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
        if not isinstance(named, GraphQLObjectType):
            return None
        nodes = tuple(fd.node for fd in field_details_list)
        key = (return_type, *map(id, nodes))
        cached = _PLANS.get(key)
        if cached is not None:
            return cached[1]
        plan: Project | None = None
        # @skip/@include depend on variables, but a plan is shared by every request. The nodes
        # are the cache key, so whether they carry directives is decided once, here.
        if not any(self._has_directives(fd.node, set()) for fd in field_details_list):
            try:
                plan = self._type_plan(item_type, field_details_list)
            except _NotPlain:
                plan = None
        if plan is not None:
            plan = _list(plan)
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        _PLANS[key] = (nodes, plan)
        return plan

    def _has_directives(self, node: Any, seen: set[str]) -> bool:
        if node.directives:
            return True
        selection_set = getattr(node, "selection_set", None)
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if selection.directives:
                    return True
                if name in seen:
                    continue
                seen.add(name)
                fragment = self.fragment_definitions.get(name)
                if fragment is None or self._has_directives(fragment, seen):
                    return True
            elif self._has_directives(selection, seen):
                return True
        return False

    def _type_plan(self, type_: GraphQLOutputType, details: FieldDetailsList) -> Project:
        if isinstance(type_, GraphQLNonNull):
            inner = type_.of_type
            if isinstance(inner, GraphQLScalarType | GraphQLEnumType):
                return _leaf(inner, non_null=True)  # a leaf refusing None covers non-null
            return _non_null(self._type_plan(inner, details))
        if isinstance(type_, GraphQLList):
            return _nullable(_list(self._type_plan(type_.of_type, details)))
        if isinstance(type_, GraphQLScalarType | GraphQLEnumType):
            return _leaf(type_, non_null=False)
        if isinstance(type_, GraphQLObjectType):
            return _nullable(self._object_plan(type_, details))
        raise _NotPlain  # interfaces and unions resolve their type at run time

    def _object_plan(self, type_: GraphQLObjectType, details: FieldDetailsList) -> Project:
        grouped, defers, forbidden = self.collect_subfields(type_, details)
        if defers or forbidden:
            raise _NotPlain
        fields: list[tuple[str, Project, Project]] = []
        for response_key, group in grouped.items():
            node = group[0].node
            if any(fd.node.directives or fd.node.arguments for fd in group):
                raise _NotPlain
            if any(fd.fragment_variable_values for fd in group):
                raise _NotPlain
            name = node.name.value
            if name == "__typename":
                fields.append((response_key, _constant(type_.name), _same))
                continue
            definition = type_.fields[name]
            fields.append(
                (
                    response_key,
                    self._getter(definition),
                    self._type_plan(definition.type, group),
                )
            )
        is_type_of = type_.is_type_of

        def project(row: Any) -> dict[str, Any]:
            # Our is_type_of predicates read the row only (no resolve info for nested rows).
            if is_type_of is not None and is_type_of(row, None) is not True:  # type: ignore[arg-type]
                raise Fallback
            out = {}
            try:
                for response_key, get, complete in fields:
                    out[response_key] = complete(get(row))
            except Fallback:
                raise
            except Exception as exc:  # a resolver error: the normal path reports it
                raise Fallback from exc
            return out

        return project

    def _getter(self, definition: Any) -> Project:
        field = definition.extensions.get(_BACKREF)
        if field is None or field.extensions or getattr(field, "permission_classes", None):
            raise _NotPlain
        if getattr(definition.resolve, "_is_default", False):
            # Exactly what Strawberry's basic-field path calls.
            python_name = field.python_name
            default = field.default_resolver
            if default is field_of:
                # Inlined: field_of reads a dict row's key directly.
                return lambda row: (
                    row[python_name]
                    if type(row) is dict and python_name in row
                    else field_of(row, python_name)
                )
            return lambda row: default(row, python_name)
        resolver = field.base_resolver
        if (
            resolver is None
            or resolver.is_async
            or resolver.arguments
            or resolver.info_parameter is not None
            or resolver.self_parameter is None
            or len(resolver.signature.parameters) != 1
        ):
            raise _NotPlain
        # A sync resolver of the parent alone (``def database_id(self) -> int``): pure.
        func: Project = resolver.wrapped_func
        return func


def _constant(value: Any) -> Project:
    return lambda _row: value


def _same(value: Any) -> Any:
    return value


class _NotPlain(Exception):
    """The selection has something only normal execution does (see module docstring)."""


PROJECTED_HEADER = "X-OrderGate-Projected-Rows"
RENDERED_HEADER = "X-OrderGate-Rendered-Rows"  # of those, rows PostgreSQL rendered


def _count(context: Any, rows: int, also: str | None = None) -> None:
    """Record on the context (and the HTTP response) how many rows plans projected (and
    in ``also``, how many of them the path named there answered)."""
    total = getattr(context, "projected_rows", 0) + rows
    context.projected_rows = total
    response = getattr(context, "response", None)
    if response is not None:
        response.headers[PROJECTED_HEADER] = str(total)
        if also is not None:
            response.headers[also] = str(int(response.headers.get(also, "0")) + rows)
