"""Query cost estimate, computed over the AST before execution (Shopify-like).

A scalar costs 0, an object 1, a connection 1 + ``first`` (or ``last``) × its selection's
cost, a plain list of objects 1 + 10 × its selection's cost (a connection's own nodes/edges
lists count once).
Fragments are expanded; ``@skip``/``@include`` are ignored (the estimate is an upper bound).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast,
)
from graphql.type.definition import GraphQLInterfaceType, GraphQLOutputType, GraphQLUnionType

LIST_ASSUMED_SIZE = 10
DEFAULT_FIRST = 50


def _unwrap(t: GraphQLOutputType) -> tuple[Any, bool]:
    is_list = False
    while isinstance(t, GraphQLNonNull | GraphQLList):
        if isinstance(t, GraphQLList):
            is_list = True
        t = t.of_type
    return t, is_list


class CostEstimator:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any] | None,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables or {}

    def operation(self, op: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(op.operation)
        if root is None:
            return 0
        return self._selection(root, op.selection_set, set())

    def _selection(
        self, parent: Any, selection_set: SelectionSetNode | None, seen: set[str]
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for sel in selection_set.selections:
            if isinstance(sel, FieldNode):
                total += self._field(parent, sel, seen)
            elif isinstance(sel, InlineFragmentNode):
                target = (
                    self.schema.get_type(sel.type_condition.name.value)
                    if sel.type_condition
                    else parent
                )
                total += self._selection(target, sel.selection_set, seen)
            elif isinstance(sel, FragmentSpreadNode):
                name = sel.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue
                target = self.schema.get_type(fragment.type_condition.name.value)
                total += self._selection(target, fragment.selection_set, seen | {name})
        return total

    def _field(self, parent: Any, node: FieldNode, seen: set[str]) -> int:
        if node.name.value.startswith("__"):
            return 0
        fields = getattr(parent, "fields", None)
        if not fields or node.name.value not in fields:
            return 0
        definition = fields[node.name.value]
        named, is_list = _unwrap(definition.type)
        if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            return 0
        child = self._selection(named, node.selection_set, seen)
        if get_named_type(named).name.endswith("Connection"):
            return 1 + self._first(node, definition) * child
        # A connection's nodes/edges are already multiplied by its `first`.
        if is_list and not get_named_type(parent).name.endswith("Connection"):
            return 1 + LIST_ASSUMED_SIZE * child
        return 1 + child

    def _first(self, node: FieldNode, definition: Any) -> int:
        """The page size: ``first`` or ``last`` (the larger if both), else the default."""
        sizes = []
        for arg in node.arguments or ():
            if arg.name.value in ("first", "last"):
                arg_def = definition.args.get(arg.name.value)
                value = value_from_ast(arg.value, arg_def.type, self.variables) if arg_def else None
                if isinstance(value, int) and value > 0:
                    sizes.append(value)
        return max(sizes, default=DEFAULT_FIRST)


def estimate_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any] | None,
) -> int:
    return max(1, CostEstimator(schema, fragments, variables).operation(operation))
