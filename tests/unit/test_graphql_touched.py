"""Which shop a GraphQL operation touches (its rate-limit bucket), read from the document."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse

from app.graphql.ids import to_global_id
from app.graphql.schema import schema
from app.graphql.touched import single_shop


def touched(query: str, variables: dict[str, Any] | None = None) -> int | None:
    document = parse(query)
    op = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    return single_shop(schema._schema, op, fragments, variables)


ORDER_7 = to_global_id("Order", 7, 1)
ORDER_8 = to_global_id("Order", 8, 1)
EXPORT = 'input: {createdFrom: "2026-12-01", createdTo: "2026-12-02"}'


@pytest.mark.parametrize(
    ("query", "variables", "shop"),
    [
        ("{ shop(id: 7) { name } }", None, 7),
        ("query($s: Int!) { shop(id: $s) { name } }", {"s": 7}, 7),
        ("{ __typename a: shop(id: 7) { id } b: shop(id: 7) { name } }", None, 7),
        ("{ orders(shopIds: [7]) { nodes { id } } }", None, 7),
        ("{ orders(shopIds: [7, 8]) { nodes { id } } }", None, None),
        ("{ orders { nodes { id } } }", None, None),  # every shop of the token
        ("{ shop(id: 7) { id } me { tokenId } }", None, None),  # me spans shops
        ("{ shop(id: 7) { id } other: shop(id: 8) { id } }", None, None),
        ('mutation { flagOrder(shopId: 7, orderId: 1, reason: "x") { order { id } } }', None, 7),
        # createExport takes shopId or shopIds
        (f"mutation {{ createExport(shopId: 7, {EXPORT}) {{ userErrors {{ code }} }} }}", None, 7),
        (
            f"mutation {{ createExport(shopIds: [7], {EXPORT}) {{ userErrors {{ code }} }} }}",
            None,
            7,
        ),
        (
            f"mutation {{ createExport(shopIds: [7, 8], {EXPORT}) {{ userErrors {{ code }} }} }}",
            None,
            None,
        ),
        ("subscription($s: Int!) { changes(shopId: $s) { type } }", {"s": 7}, 7),
        ("subscription { orderCreated(shopIds: [7]) { id } }", None, 7),
        (f'{{ node(id: "{ORDER_7}") {{ id }} }}', None, 7),
        (f'{{ nodes(ids: ["{ORDER_7}", "{ORDER_8}"]) {{ id }} }}', None, None),
        ('{ node(id: "not-a-global-id") { id } }', None, None),
        # Root fragments are followed (each once).
        ("{ ...A ...A } fragment A on Query { shop(id: 7) { id } }", None, 7),
        (
            "{ ... on Query { ...A } } fragment A on Query { shop(id: 7) { id } me { tokenId } }",
            None,
            None,
        ),
        ("{ shops { id } }", None, None),
    ],
)
def test_the_one_shop_an_operation_touches(
    query: str, variables: dict[str, Any] | None, shop: int | None
) -> None:
    assert touched(query, variables) == shop
