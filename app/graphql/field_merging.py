"""Field selection merging (the spec's "Field Selection Merging") in time linear in the
document once its fragments are expanded; it replaces graphql-core's
OverlappingFieldsCanBeMergedRule, which compares every pair of same-named fields of a
selection set and every pair of fragments spread in one: quadratic, so a document under every
limit (660 × ``me { tokenId }``, 9.9 KB) took seconds to validate.

The rule's conditions are equivalences within the groups they apply to, so each field is
compared with one representative of its group instead of with every other field:

- shape (SameResponseShape): all fields at one response path, whatever their parent types,
  return the same list/non-null wrapping of the same leaf type, or of composite types whose
  subfields are checked in turn. Checked over each path's fields at once.
- identity (same field name, same arguments): required of two fields at one response path
  when, at every level from the root, their parent types are the same object type or either
  is abstract (an interface, a union: they may overlap). A path's fields are split by object
  parent type, the abstract-parent fields joining every part; within a part they all match one
  representative (an abstract-parent field when there is one: it must match them all), and
  each part's subfields are merged and checked the same way.

Fragments are expanded, each field node taken once per merged group (a fragment spread twice
adds nothing new), and each field's subfields collected once. The expansion is bounded before
validation by the selection limit (BoundedValidation); the rule also stops after
``WORK_LIMIT`` steps with QUERY_TOO_COMPLEX, so it is bounded wherever it runs (only parts
repeated for several object parent types could exceed the expansion).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graphql import (
    SKIP,
    ASTValidationRule,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLOutputType,
    InlineFragmentNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    OverlappingFieldsCanBeMergedRule,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    ValueNode,
    VariableNode,
    VisitorAction,
    get_named_type,
    is_interface_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
    type_from_ast,
)

# Steps (selections visited, fields merged) per document: a document under the selection
# limit takes a few times its expanded size.
WORK_LIMIT = 50_000


@dataclass(frozen=True, slots=True)
class _Field:
    node: FieldNode
    parent: GraphQLNamedType | None
    definition: GraphQLField | None


# Fields by response name, in document order.
_Grouped = dict[str, list[_Field]]


class _TooMuchWork(Exception):
    pass


class FieldsCanMergeRule(ValidationRule):
    """Same-named fields can be merged: identity and shape as graphql-core checks them."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self._fragments = {
            d.name.value: d
            for d in context.document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }
        self._subfields: dict[int, _Grouped] = {}
        self._arguments: dict[int, tuple[Any, ...]] = {}
        self._reported: set[tuple[int, int]] = set()
        self._work = 0
        self._aborted = False

    def enter_operation_definition(
        self, node: OperationDefinitionNode, *_args: Any
    ) -> VisitorAction:
        root = self.context.schema.get_root_type(node.operation)
        if self._aborted:
            return SKIP
        try:
            fields = self._collect(root, node.selection_set)
            self._check_identity(fields)
            self._check_shapes(fields)
        except _TooMuchWork:
            self._aborted = True
            self.report_error(
                GraphQLError(
                    "The document is too complex to validate; select fewer fields or spread "
                    "fragments fewer times.",
                    extensions={"code": "QUERY_TOO_COMPLEX", "problem": "query_too_complex"},
                )
            )
        return SKIP

    def enter_fragment_definition(self, *_args: Any) -> VisitorAction:
        # Checked where spread (an unused fragment is refused by its own rule).
        return SKIP

    def _spend(self, steps: int) -> None:
        self._work += steps
        if self._work > WORK_LIMIT:
            raise _TooMuchWork

    def _collect(
        self, parent: GraphQLNamedType | None, selection_set: SelectionSetNode
    ) -> _Grouped:
        """The fields of ``selection_set``, fragments expanded, each fragment once (a second
        spread, or one closing a cycle, adds the same nodes again). No recursion."""
        schema = self.context.schema
        grouped: _Grouped = {}
        expanded: set[str] = set()
        stack = [(parent, iter(selection_set.selections))]
        while stack:
            scope, selections = stack[-1]
            selection = next(selections, None)
            if selection is None:
                stack.pop()
                continue
            self._spend(1)
            if isinstance(selection, FieldNode):
                name = selection.name.value
                has_fields = is_object_type(scope) or is_interface_type(scope)
                definition = scope.fields.get(name) if has_fields else None  # type: ignore[union-attr]
                key = selection.alias.value if selection.alias else name
                grouped.setdefault(key, []).append(_Field(selection, scope, definition))
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = type_from_ast(schema, condition) if condition else scope
                stack.append((target, iter(selection.selection_set.selections)))
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self._fragments.get(name)
                if fragment is not None and name not in expanded:
                    expanded.add(name)
                    target = type_from_ast(schema, fragment.type_condition)
                    stack.append((target, iter(fragment.selection_set.selections)))
        return grouped

    def _children(self, fields: Iterable[_Field]) -> _Grouped:
        """The subfields of ``fields`` merged, each field node once."""
        merged: _Grouped = {}
        seen: set[int] = set()
        for field in fields:
            for key, group in self._subfields_of(field).items():
                self._spend(len(group))
                into = merged.setdefault(key, [])
                for child in group:
                    if id(child.node) not in seen:
                        seen.add(id(child.node))
                        into.append(child)
        return merged

    def _subfields_of(self, field: _Field) -> _Grouped:
        # A field node's parent type is fixed by where it is written: collected once.
        found = self._subfields.get(id(field.node))
        if found is None:
            selection_set = field.node.selection_set
            named = get_named_type(field.definition.type) if field.definition else None
            found = self._collect(named, selection_set) if selection_set else {}
            self._subfields[id(field.node)] = found
        return found

    def _check_identity(self, root: _Grouped) -> None:
        stack: list[tuple[tuple[str, ...], _Grouped]] = [((), root)]
        while stack:
            path, grouped = stack.pop()
            for key, fields in grouped.items():
                where = (*path, key)
                abstract = [f for f in fields if not is_object_type(f.parent)]
                by_type: dict[int, list[_Field]] = {}
                for field in fields:
                    if is_object_type(field.parent):
                        by_type.setdefault(id(field.parent), []).append(field)
                if abstract:
                    # Comparable with every field: all must match it.
                    same = self._same_field(where, abstract[0], fields)
                else:
                    same = all([self._same_field(where, p[0], p) for p in by_type.values()])
                if not same:
                    continue
                parts = [[*p, *abstract] for p in by_type.values()] or [abstract]
                for part in parts:
                    if any(f.node.selection_set for f in part):
                        stack.append((where, self._children(part)))

    def _same_field(self, where: tuple[str, ...], reference: _Field, fields: list[_Field]) -> bool:
        name = reference.node.name.value
        arguments = self._arguments_of(reference.node)
        for field in fields:
            if field is reference:
                continue
            other = field.node.name.value
            if other != name:
                reason = f"'{name}' and '{other}' are different fields"
            elif self._arguments_of(field.node) != arguments:
                reason = "they have differing arguments"
            else:
                continue
            self._conflict(where, reason, reference.node, field.node)
            return False
        return True

    def _arguments_of(self, node: FieldNode) -> tuple[Any, ...]:
        found = self._arguments.get(id(node))
        if found is None:
            found = tuple(sorted((a.name.value, _value_key(a.value)) for a in node.arguments or ()))
            self._arguments[id(node)] = found
        return found

    def _check_shapes(self, root: _Grouped) -> None:
        stack: list[tuple[tuple[str, ...], _Grouped]] = [((), root)]
        while stack:
            path, grouped = stack.pop()
            for key, fields in grouped.items():
                where = (*path, key)
                typed = [f for f in fields if f.definition is not None]
                if typed:
                    first = typed[0].definition.type  # type: ignore[union-attr]
                    for field in typed[1:]:
                        other = field.definition.type  # type: ignore[union-attr]
                        if _types_conflict(first, other):
                            reason = f"they return conflicting types '{first}' and '{other}'"
                            self._conflict(where, reason, typed[0].node, field.node)
                            break
                    else:
                        if any(f.node.selection_set for f in fields):
                            stack.append((where, self._children(fields)))

    def _conflict(self, where: tuple[str, ...], reason: str, a: FieldNode, b: FieldNode) -> None:
        pair = (min(id(a), id(b)), max(id(a), id(b)))
        if pair in self._reported:
            return
        self._reported.add(pair)
        self.report_error(
            GraphQLError(
                f"Fields '{'.'.join(where)}' conflict because {reason}. Use different aliases "
                "on the fields to fetch both if this was intentional.",
                [a, b],
            )
        )


def _types_conflict(first: GraphQLOutputType, second: GraphQLOutputType) -> bool:
    """Different list/non-null wrapping, or different leaf types (composites are compared
    through their subfields): an equivalence, so one representative per path suffices."""
    while first is not second:
        if is_list_type(first) or is_list_type(second):
            if not (is_list_type(first) and is_list_type(second)):
                return True
        elif is_non_null_type(first) or is_non_null_type(second):
            if not (is_non_null_type(first) and is_non_null_type(second)):
                return True
        else:
            return is_leaf_type(first) or is_leaf_type(second)
        first, second = first.of_type, second.of_type
    return False


def _value_key(value: ValueNode) -> Any:
    """An argument value comparable with ``==`` as graphql-core compares them: object fields
    in name order, a block string unlike a quoted one."""
    if isinstance(value, VariableNode):
        return ("$", value.name.value)
    if isinstance(value, ObjectValueNode):
        return ("{", tuple(sorted((f.name.value, _value_key(f.value)) for f in value.fields)))
    if isinstance(value, ListValueNode):
        return ("[", tuple(_value_key(v) for v in value.values))
    return (value.kind, getattr(value, "value", None), getattr(value, "block", None))


def merging_rules(
    rules: Iterable[type[ASTValidationRule]],
) -> tuple[type[ASTValidationRule], ...]:
    """``rules`` with graphql-core's overlapping-fields rule replaced by FieldsCanMergeRule."""
    return tuple(
        FieldsCanMergeRule if rule is OverlappingFieldsCanBeMergedRule else rule for rule in rules
    )
