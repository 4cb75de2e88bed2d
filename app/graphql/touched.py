"""Which shop an operation touches, read from its document before execution: an
operation on one shop is charged to that (app, shop) bucket, exactly as REST is; one that spans
shops goes to the app-wide bucket.

Only root fields name shops (``shopId``, ``shopIds``, ``shop(id:)``, ``node(id:)``,
``nodes(ids:)``). A root field naming none (``me``, ``shops``, ``orders`` without ``shopIds``)
spans the token's shops. Linear in the document: each fragment is read once.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    value_from_ast,
)

from app.errors import NotFound
from app.graphql.ids import from_global_id

SPANS = object()  # a root field over several (or all) shops


def single_shop(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any] | None,
) -> int | None:
    """The one shop the operation touches, or None (several, all, or none named)."""
    root = schema.get_root_type(operation.operation)
    if root is None:
        return None
    shops: set[int] = set()
    seen: set[str] = set()
    pending: list[SelectionSetNode] = [operation.selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = fragments.get(name)
                if fragment is not None and name not in seen:
                    seen.add(name)
                    pending.append(fragment.selection_set)
            elif isinstance(selection, FieldNode) and selection.name.value != "__typename":
                named = _shops_of(root.fields.get(selection.name.value), selection, variables)
                if named is SPANS:
                    return None
                assert isinstance(named, set)
                shops |= named
                if len(shops) > 1:
                    return None
    return next(iter(shops)) if len(shops) == 1 else None


def _shops_of(definition: Any, node: FieldNode, variables: dict[str, Any] | None) -> object:
    if definition is None:
        return SPANS
    args: dict[str, Any] = {}
    for arg in node.arguments or ():
        arg_def = definition.args.get(arg.name.value)
        if arg_def is not None:
            args[arg.name.value] = value_from_ast(arg.value, arg_def.type, variables or {})
    name = node.name.value
    either = "shopIds" in definition.args  # createExport takes shopId or shopIds
    if "shopId" in definition.args and (not either or args.get("shopId") is not None):
        return _ints([args.get("shopId")])
    if "shopIds" in definition.args:
        listed = args.get("shopIds")
        return _ints(listed) if isinstance(listed, list) else SPANS
    if name == "shop":
        return _ints([args.get("id")])
    if name == "node":
        return _nodes([args.get("id")])
    if name == "nodes":
        ids = args.get("ids")
        return _nodes(ids) if isinstance(ids, list) else SPANS
    return SPANS


def _ints(values: list[Any]) -> set[int]:
    return {v for v in values if isinstance(v, int)}


def _nodes(ids: list[Any]) -> set[int]:
    shops: set[int] = set()
    for global_id in ids:
        if isinstance(global_id, str):
            try:
                shops.add(from_global_id(global_id)[1])
            except NotFound:
                continue  # answered NOT_FOUND; touches no shop
    return shops
