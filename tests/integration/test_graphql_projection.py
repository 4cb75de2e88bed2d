"""Compiled projections and pages PostgreSQL renders answer exactly like Strawberry's
field-by-field execution: every query of a corpus, run both ways (the
`X-OrderGate-Execution: reference` header forces the reference path), gives the same response
(byte for byte once PostgreSQL's JSON spacing is normalised: same keys in the same order, same
values); the response headers say which path did."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import text

from app.db import Database
from app.graphql.context import REFERENCE_HEADER
from app.graphql.projection import PROJECTED_HEADER, RENDERED_HEADER
from tests.factories import bearer, make_token
from tests.integration.test_graphql import ORDER_FIELDS, _seed_variety

ITEMS = "items { databaseId productId title sku quantity unitPrice }"

# (query, whether a plan projects some of it, whether PostgreSQL renders an order page)
CORPUS: list[tuple[str, bool, bool]] = [
    # The benchmark's page.
    (
        f"query($s: Int!) {{ shop(id: $s) {{ orders {{ nodes {{ {ORDER_FIELDS} }} }} }} }}",
        True,
        True,
    ),
    # Every field the rendered page maps, aliased, with __typename, on a sorted, filtered
    # page (page info and count from the same request), and twice in one document.
    (
        """query($s: Int!) { shop(id: $s) {
          a: orders(first: 3, sort: PAID_AMOUNT_DESC, filter: {status: [PAID, SHIPPED]}) {
            totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            nodes { __typename id n: databaseId shopId orderNo status payStatus payMethod
              createdAt paidAt paidAmount buyer { __typename id nickname }
              items { __typename databaseId productId title sku quantity unitPrice }
              trackingNumbers flagged trafficSource province city authorId
              afterSaleSummary { count open latestStatus } version updatedAt } }
          b: orders(first: 2, sort: UPDATED_AT_DESC) { nodes { orderNo x: items { title } } }
        } }""",
        True,
        True,
    ),
    # Aliases, __typename, a repeated field, fragments (named and inline), edges.
    (
        """query($s: Int!) { shop(id: $s) { orders(first: 20, sort: PAID_AMOUNT_DESC) {
          edges { cursor node { ...Row t: __typename ... on Order { no: orderNo status } } }
          nodes { __typename a: paidAmount paidAmount b: buyer { n: nickname } ...Row } } } }
        fragment Row on Order { databaseId status payMethod buyer { id } items { title } }""",
        True,
        False,
    ),
    # Async fields in the row: the rows run field by field, their items are projected.
    (
        f"""query($s: Int!) {{ shop(id: $s) {{ orders(first: 10) {{ nodes {{
          orderNo receiver {{ name masked }} goodsAmount afterSaleSummary {{ count open }}
          author {{ nickname }} shipments {{ carrier trackingNo }} {ITEMS}
          timeline {{ kind actorType data createdAt }} afterSales {{ id status }} }} }} }} }}""",
        True,
        False,
    ),
    # @include/@skip depend on variables: never projected from a shared plan.
    (
        """query($s: Int!, $yes: Boolean = true, $no: Boolean = false) { shop(id: $s) {
          orders(first: 10) { nodes { orderNo paidAt @include(if: $yes) status @skip(if: $no)
          items @include(if: $no) { title } } } } }""",
        False,
        False,
    ),
    # Shop names load lazily (an async field): those lists run field by field.
    ("{ me { scopes shops { id name timezone } } shops { id name } }", False, False),
    # Other lists of plain objects: after-sales, the multi-shop list.
    (
        """query($s: Int!) { shop(id: $s) { afterSales(first: 10) { nodes { id databaseId
          orderId type status reason amount allowedActions createdAt version } } } }""",
        True,
        False,
    ),
    (
        f"query($ids: [Int!]) {{ orders(shopIds: $ids, first: 5, sort: CREATED_AT_ASC) {{ "
        f"nodes {{ {ORDER_FIELDS} }} pageInfo {{ hasNextPage startCursor endCursor }} }} }}",
        True,
        True,
    ),
    # A backward page, and a page past the last row (no rows, no cursors).
    (
        f"query($s: Int!) {{ shop(id: $s) {{ orders(last: 4) {{ nodes {{ {ORDER_FIELDS} }} "
        f"pageInfo {{ hasPreviousPage startCursor endCursor }} }} }} }}",
        True,
        False,
    ),
    (
        """query($s: Int!) { shop(id: $s) { orders(first: 5, filter: {status: [CLOSED]}) {
          nodes { orderNo } pageInfo { hasNextPage startCursor endCursor } } } }""",
        True,
        True,
    ),
]


def normalised(body: bytes) -> bytes:
    """The same JSON without PostgreSQL's spacing (orjson keeps key order)."""
    return orjson.dumps(orjson.loads(body))


@pytest.mark.parametrize(("query", "projected", "rendered"), CORPUS)
async def test_projection_matches_reference_execution_byte_for_byte(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    query: str,
    projected: bool,
    rendered: bool,
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
    assert normalised(fast.content) == reference.content
    assert PROJECTED_HEADER.lower() not in reference.headers
    assert (PROJECTED_HEADER.lower() in fast.headers) is projected
    assert (RENDERED_HEADER.lower() in fast.headers) is rendered


async def test_a_value_graphql_refuses_takes_the_general_path(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    """A paid amount beyond GraphQL's 32-bit Int (then an item's price): the rendered page
    sees it and graphql-core answers, with its own error, exactly as the reference path does."""
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    await _seed_variety(client, db, shop_id, internal_headers, token)
    query = f"query($s: Int!) {{ shop(id: $s) {{ orders {{ nodes {{ {ORDER_FIELDS} }} }} }} }}"
    body = orjson.dumps({"query": query, "variables": {"s": shop_id}})
    headers = {**bearer(token), "Content-Type": "application/json"}
    fields = (("orders", "paid_amount", "paidAmount"), ("order_items", "unit_price", "unitPrice"))
    for table, column, field in fields:
        shift = text(
            f"UPDATE {table} SET {column} = {column} + :by WHERE shop_id = :s "
            f"AND id = (SELECT min(id) FROM {table} WHERE shop_id = :s)"
        )
        async with db.transaction() as s:
            await s.execute(shift, {"s": shop_id, "by": 2**31})
        fast = await client.post("/graphql", content=body, headers=headers)
        reference = await client.post(
            "/graphql", content=body, headers={**headers, REFERENCE_HEADER: "reference"}
        )
        async with db.transaction() as s:
            await s.execute(shift, {"s": shop_id, "by": -(2**31)})
        assert fast.content == reference.content
        (error,) = fast.json()["errors"]  # graphql-core's (an internal error to the client)
        assert error["path"][-1] == field, error
        assert RENDERED_HEADER.lower() not in fast.headers
