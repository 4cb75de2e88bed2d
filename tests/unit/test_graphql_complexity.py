"""The selection count and the cost estimate memoise fragments: they equal a naive expansion's
figures, on documents where the expansion is small enough to compute."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
)

from app.graphql.cost import count_selections, estimate_cost
from app.graphql.schema import build_schema


def naive_count(document: DocumentNode) -> int:
    """Every operation and fragment definition, spreads expanded by recursion."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }

    def expand(selection_set: SelectionSetNode) -> int:
        total = 0
        for selection in selection_set.selections:
            total += 1
            if isinstance(selection, FragmentSpreadNode):
                total += expand(fragments[selection.name.value].selection_set)
            elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set:
                total += expand(selection.selection_set)
        return total

    return sum(
        expand(d.selection_set)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode | FragmentDefinitionNode)
    )


def chain(levels: int, spreads: int = 2) -> str:
    lines = [
        f"query {{ ...F{levels} me {{ tokenId }} }}",
        "fragment F0 on Query { me { tokenId } }",
    ]
    body = " ".join(["...F{prev}"] * spreads)
    lines += [
        f"fragment F{i} on Query {{ {body.format(prev=i - 1)} __typename }}"
        for i in range(1, levels + 1)
    ]
    return "\n".join(lines)


DOCUMENTS = [
    "{ me { tokenId shops { id name } } }",
    chain(6),
    chain(4, spreads=3),
    # Diamond: B and C both spread D; the operation spreads B, C and D.
    """query { ...B ...C ...D }
    fragment B on Query { ...D me { tokenId } }
    fragment C on Query { ... on Query { ...D } }
    fragment D on Query { me { scopes shops { id ... on Shop { name } } } }""",
    # Two operations sharing a fragment.
    "query A { ...S } query B { ...S ...S } fragment S on Query { shops { id } }",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_selection_count_equals_the_expansion(text: str) -> None:
    document = parse(text)
    expected = naive_count(document)
    assert count_selections(document, 10_000) == expected
    # Saturates just above the limit, whatever the real size.
    assert count_selections(document, expected - 1) == expected
    assert count_selections(document, expected) == expected


def test_selection_count_is_bounded_on_cycles_and_unknown_fragments() -> None:
    document = parse(
        "query { ...A ...Missing } fragment A on Query { ...B me { tokenId } } "
        "fragment B on Query { ...A ...B }"
    )
    assert count_selections(document, 10_000) < 20


def test_selection_count_walks_long_chains_without_recursion() -> None:
    # Each fragment spreads the previous one once: 600 levels is beyond Python's recursion
    # limit for a recursive walk, and fits in the token limit.
    levels = 600
    lines = [f"query {{ ...F{levels} }}", "fragment F0 on Query { __typename }"]
    lines += [f"fragment F{i} on Query {{ ...F{i - 1} }}" for i in range(1, levels + 1)]
    document = parse("\n".join(lines))
    assert count_selections(document, 10**9) == naive_count_iterative(levels)


def naive_count_iterative(levels: int) -> int:
    # F_i expands to i + 1 selections (i spreads, one __typename); the operation to levels + 2.
    return sum(i + 1 for i in range(levels + 1)) + levels + 2


class Context:
    max_cost = 10**9
    cost: Any = None


def run(schema: Any, query: str) -> Any:
    return asyncio.run(schema.execute(query, context_value=Context()))


def test_cost_of_spread_fragments_is_their_expanded_cost() -> None:
    # F0 costs 1 (me), F_i twice F_{i-1}: F_k costs 2^k; the operation adds its own `me`.
    document = parse(chain(12))
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    assert estimate_cost(build_schema()._schema, operation, fragments, {}) == 2**12 + 1


def test_the_limit_is_the_setting() -> None:
    text = (
        "query { ...F2 } fragment F0 on Query { __typename } "
        "fragment F1 on Query { ...F0 ...F0 } fragment F2 on Query { ...F1 ...F1 }"
    )
    size = naive_count(parse(text))
    at_limit = run(build_schema(max_selections=size), text)
    assert at_limit.errors is None and at_limit.data == {"__typename": "Query"}
    over = run(build_schema(max_selections=size - 1), text)
    assert [e.extensions["code"] for e in over.errors] == ["QUERY_TOO_COMPLEX"]
    assert over.errors[0].extensions["selections"] == {"limit": size - 1}
