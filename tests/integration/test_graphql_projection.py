"""Compiled projections answer exactly like Strawberry's field-by-field execution: every query
of a corpus, run both ways (the `X-OrderGate-Execution: reference` header forces the
reference path), gives the same response bytes; the response header says which path did."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest

from app.db import Database
from app.graphql.context import REFERENCE_HEADER
from app.graphql.projection import PROJECTED_HEADER
from tests.factories import bearer, make_token
from tests.integration.test_graphql import ORDER_FIELDS, _seed_variety

ITEMS = "items { databaseId productId title sku quantity unitPrice }"

# (query, whether a plan projects some of it)
CORPUS: list[tuple[str, bool]] = [
    # The benchmark's page.
    (f"query($s: Int!) {{ shop(id: $s) {{ orders {{ nodes {{ {ORDER_FIELDS} }} }} }} }}", True),
    # Aliases, __typename, a repeated field, fragments (named and inline), edges.
    (
        """query($s: Int!) { shop(id: $s) { orders(first: 20, sort: PAID_AMOUNT_DESC) {
          edges { cursor node { ...Row t: __typename ... on Order { no: orderNo status } } }
          nodes { __typename a: paidAmount paidAmount b: buyer { n: nickname } ...Row } } } }
        fragment Row on Order { databaseId status payMethod buyer { id } items { title } }""",
        True,
    ),
    # Async fields in the row: the rows run field by field, their items are projected.
    (
        f"""query($s: Int!) {{ shop(id: $s) {{ orders(first: 10) {{ nodes {{
          orderNo receiver {{ name masked }} goodsAmount afterSaleSummary {{ count open }}
          author {{ nickname }} shipments {{ carrier trackingNo }} {ITEMS}
          timeline {{ kind actorType data createdAt }} afterSales {{ id status }} }} }} }} }}""",
        True,
    ),
    # @include/@skip depend on variables: never projected from a shared plan.
    (
        """query($s: Int!, $yes: Boolean = true, $no: Boolean = false) { shop(id: $s) {
          orders(first: 10) { nodes { orderNo paidAt @include(if: $yes) status @skip(if: $no)
          items @include(if: $no) { title } } } } }""",
        False,
    ),
    # Shop names load lazily (an async field): those lists run field by field.
    ("{ me { scopes shops { id name timezone } } shops { id name } }", False),
    # Other lists of plain objects: after-sales, the multi-shop list.
    (
        """query($s: Int!) { shop(id: $s) { afterSales(first: 10) { nodes { id databaseId
          orderId type status reason amount allowedActions createdAt version } } } }""",
        True,
    ),
    (
        f"query($ids: [Int!]) {{ orders(shopIds: $ids, first: 5, sort: CREATED_AT_ASC) {{ "
        f"nodes {{ {ORDER_FIELDS} }} pageInfo {{ hasNextPage startCursor }} }} }}",
        True,
    ),
]


@pytest.mark.parametrize(("query", "projected"), CORPUS)
async def test_projection_matches_reference_execution_byte_for_byte(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    query: str,
    projected: bool,
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    await _seed_variety(client, db, shop_id, internal_headers, token)
    body = orjson.dumps({"query": query, "variables": {"s": shop_id, "ids": [shop_id]}})
    headers = {**bearer(token), "Content-Type": "application/json"}

    async def run(extra: dict[str, str]) -> httpx.Response:
        r = await client.post("/graphql", content=body, headers={**headers, **extra})
        assert r.status_code == 200, r.text
        return r

    fast = await run({})
    reference = await run({REFERENCE_HEADER: "reference"})
    data: dict[str, Any] = orjson.loads(fast.content)
    assert "errors" not in data, data
    assert fast.content == reference.content
    assert PROJECTED_HEADER.lower() not in reference.headers
    assert (PROJECTED_HEADER.lower() in fast.headers) is projected
