"""Query cost estimate, computed over the AST before execution (Shopify-like).

A scalar costs 0, an object 1, a connection 1 + ``first`` (or ``last``) × its selection's
cost, a plain list of objects 1 + 10 × its selection's cost (a connection's own nodes/edges
lists count once).
Fragments cost what their expansion would; ``@skip``/``@include`` are ignored (the estimate is
an upper bound). Both walks here are linear in the document: a fragment is costed or counted
once and its figure reused at every spread, so fragments each spreading the previous one twice,
twenty deep, take twenty steps, not 2^20.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    DocumentNode,
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
        # A fragment's cost depends on the fragment alone (its type condition names the type).
        self._fragment_costs: dict[str, int] = {}

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
                total += self._fragment(sel.name.value, seen)
        return total

    def _fragment(self, name: str, seen: set[str]) -> int:
        cost = self._fragment_costs.get(name)
        if cost is not None:
            return cost
        fragment = self.fragments.get(name)
        if fragment is None or name in seen:  # validation has refused both already
            return 0
        target = self.schema.get_type(fragment.type_condition.name.value)
        cost = self._selection(target, fragment.selection_set, seen | {name})
        self._fragment_costs[name] = cost
        return cost

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


def count_selections(document: DocumentNode, limit: int) -> int:
    """The selections of every operation and fragment definition of ``document`` with their
    fragment spreads expanded (what validation walks), counted without expanding anything and
    without recursion (this runs before validation, on any document the parser accepted):
    each fragment's expanded count is computed once, after those it spreads. Saturates at
    ``limit + 1``. A spread of an unknown fragment, or one closing a cycle, counts 1 (the
    validation that runs next refuses both)."""
    cap = limit + 1
    shapes: dict[str, tuple[int, list[str]]] = {}
    operations: list[tuple[int, list[str]]] = []
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            shapes[definition.name.value] = _shape(definition.selection_set)
        elif isinstance(definition, OperationDefinitionNode):
            operations.append(_shape(definition.selection_set))
    totals = _fragment_totals(shapes, cap)
    total = sum(totals.values())
    for own, spreads in operations:
        total += own + sum(totals.get(name, 0) for name in spreads)
        if total >= cap:
            return cap
    return min(total, cap)


def _shape(selection_set: SelectionSetNode) -> tuple[int, list[str]]:
    """(selections in this definition itself, the fragment names it spreads, repeated)."""
    own = 0
    spreads: list[str] = []
    stack = [selection_set]
    while stack:
        for selection in stack.pop().selections:
            own += 1
            if isinstance(selection, FragmentSpreadNode):
                spreads.append(selection.name.value)
            elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set:
                stack.append(selection.selection_set)
    return own, spreads


def _fragment_totals(shapes: dict[str, tuple[int, list[str]]], cap: int) -> dict[str, int]:
    """Each fragment's expanded count (saturated at ``cap``), a depth-first walk of the spreads
    with an explicit stack: a fragment is totalled once all the fragments it spreads are."""
    totals: dict[str, int] = {}
    for root in shapes:
        if root in totals:
            continue
        path = [(root, iter(shapes[root][1]))]
        on_path = {root}
        while path:
            name, pending = path[-1]
            for spread in pending:
                if spread in shapes and spread not in totals and spread not in on_path:
                    path.append((spread, iter(shapes[spread][1])))
                    on_path.add(spread)
                    break
            else:
                path.pop()
                on_path.discard(name)
                own, spreads = shapes[name]
                totals[name] = min(cap, own + sum(totals.get(s, 0) for s in spreads))
    return totals
