"""GraphQL over the same services as REST: parity, limits before any SQL, batching, BOLA."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from app.db import Database
from app.domain.orders.filters import OrderFilter
from app.graphql.ids import to_global_id
from app.graphql.inputs import OrderFilterInput
from app.graphql.types.scalars import OrderSort
from app.models import Author
from tests.conftest import order_payload
from tests.factories import bearer, make_account, make_shop, make_token

ORDER_FIELDS = """
  id databaseId shopId orderNo status payStatus payMethod createdAt paidAt paidAmount
  buyer { id nickname } items { databaseId productId title sku quantity unitPrice }
  trackingNumbers flagged trafficSource version updatedAt
"""


async def gql(
    client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    r = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=bearer(token)
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def seed_orders(
    client: httpx.AsyncClient, shop_id: int, headers: dict[str, str], n: int = 6
) -> list[dict[str, Any]]:
    """A mix of states: unpaid, paid by each method, one shipped with a tracking number."""
    created = []
    methods = ["alipay", "wechat_pay", "douyin_pay"]
    base = f"/internal/v1/shops/{shop_id}/orders"
    for i in range(n):
        body = order_payload(
            buyer={"id": f"b{i % 3}", "nickname": f"Buyer{i}"},
            items=[
                {
                    "product_id": 10 + i,
                    "title": f"P{i}",
                    "quantity": 1 + i % 2,
                    "unit_price": 1000 * (i + 1),
                }
            ],
        )
        order = (await client.post(base, json=body, headers=headers)).json()
        if i % 3 != 0:
            order = (
                await client.post(
                    f"{base}/{order['id']}/pay",
                    json={"pay_method": methods[i % 3]},
                    headers=headers,
                )
            ).json()
        if i == 4:
            order = (
                await client.post(
                    f"{base}/{order['id']}/ship",
                    json={"carrier": "SF", "tracking_no": "SF0000000004"},
                    headers=headers,
                )
            ).json()
        created.append(order)
    return created


def _rest_to_graphql(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": to_global_id("Order", row["shop_id"], row["id"]),
        "databaseId": row["id"],
        "shopId": row["shop_id"],
        "orderNo": row["order_no"],
        "status": row["status"].upper(),
        "payStatus": row["pay_status"].upper(),
        "payMethod": row["pay_method"].upper() if row["pay_method"] else None,
        "createdAt": row["created_at"],
        "paidAt": row["paid_at"],
        "paidAmount": row["paid_amount"],
        "buyer": row["buyer"],
        "items": [
            {
                "databaseId": i["id"],
                "productId": i["product_id"],
                "title": i["title"],
                "sku": i["sku"],
                "quantity": i["quantity"],
                "unitPrice": i["unit_price"],
            }
            for i in row["items"]
        ],
        "trackingNumbers": row["tracking_numbers"],
        "flagged": row["flagged"],
        "trafficSource": row["traffic_source"].upper(),
        "version": row["version"],
        "updatedAt": row["updated_at"],
    }


# Every REST order filter, with its GraphQL spelling. "{name}" values are filled from the
# seeded orders (see _seed_variety) so each filter really selects something.
FILTERS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({}, {}),
    ({"orderNo": "{order_no}"}, {"order_no": "{order_no}"}),
    ({"status": ["PAID"]}, {"status": "paid"}),
    ({"payStatus": ["UNPAID"]}, {"pay_status": "unpaid"}),
    ({"payMethod": ["WECHAT_PAY"]}, {"pay_method": "wechat_pay"}),
    ({"buyerId": "b1"}, {"buyer_id": "b1"}),
    ({"buyerNickname": "buyer1"}, {"buyer_nickname": "buyer1"}),
    ({"trackingNo": "SF0000000004"}, {"tracking_no": "SF0000000004"}),
    ({"minPaid": 3000, "maxPaid": 6000}, {"min_paid": 3000, "max_paid": 6000}),
    ({"productId": 12}, {"product_id": 12}),
    (
        {"range": "LAST_7_DAYS", "status": ["PAID", "SHIPPED"]},
        {"range": "last_7_days", "status": ["paid", "shipped"]},
    ),
    (
        {"createdFrom": "{created_2}", "createdTo": "{created_5}"},
        {"created_from": "{created_2}", "created_to": "{created_5}"},
    ),
    ({"updatedFrom": "{updated_last}"}, {"updated_from": "{updated_last}"}),
    ({"updatedTo": "{updated_last}"}, {"updated_to": "{updated_last}"}),
    ({"flagged": True}, {"flagged": "true"}),
    ({"flagged": False}, {"flagged": "false"}),
    ({"hasAfterSale": True}, {"has_after_sale": "true"}),
    ({"afterSaleStatus": ["REQUESTED"]}, {"after_sale_status": "requested"}),
    ({"authorId": "{author}"}, {"author_id": "{author}"}),
    ({"trafficSource": ["SHORT_VIDEO"]}, {"traffic_source": "short_video"}),
    ({"province": "浙江"}, {"province": "浙江"}),
    ({"buyerNoteContains": "顺丰"}, {"buyer_note_contains": "顺丰"}),
    ({"merchantRemarkContains": "vip"}, {"merchant_remark_contains": "vip"}),
]


async def _seed_variety(
    client: httpx.AsyncClient, db: Database, shop_id: int, headers: dict[str, str], token: str
) -> dict[str, Any]:
    """seed_orders plus what the other filters need: an author's short-video order from
    another province, a flagged order, an after-sale. Returns the placeholder values."""
    orders = await seed_orders(client, shop_id, headers)
    async with db.transaction() as session:
        author = Author(nickname="达人A")
        session.add(author)
        await session.flush()
        author_id = author.id
    base = f"/internal/v1/shops/{shop_id}/orders"
    receiver = {**order_payload()["receiver"], "province": "浙江", "city": "杭州"}
    body = order_payload(
        author_id=author_id,
        traffic_source="short_video",
        receiver=receiver,
        room_id=None,
        buyer_note="麻烦发顺丰",
    )
    extra = (await client.post(base, json=body, headers=headers)).json()
    r = await client.patch(
        f"/v1/shops/{shop_id}/orders/{orders[4]['id']}",
        json={"merchant_remark": "VIP customer"},
        headers=bearer(token),
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        f"/v1/shops/{shop_id}/orders/{orders[1]['id']}/flag",
        json={"reason": "odd"},
        headers=bearer(token),
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        f"{base}/{orders[2]['id']}/after-sales",
        json={"type": "refund_only", "reason": "r"},
        headers=headers,
    )
    assert r.status_code == 201, r.text
    rows = (await client.get(f"/v1/shops/{shop_id}/orders", headers=bearer(token))).json()["data"]
    by_id = {row["id"]: row for row in rows}
    return {
        "order_no": orders[3]["order_no"],
        "created_2": by_id[orders[2]["id"]]["created_at"],
        "created_5": by_id[orders[5]["id"]]["created_at"],
        "updated_last": max(row["updated_at"] for row in rows),
        "author": author_id,
        "count": len(rows),
        "extra": extra["id"],
    }


def _fill(value: Any, values: dict[str, Any]) -> Any:
    if isinstance(value, dict):
        return {k: _fill(v, values) for k, v in value.items()}
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return values[value[1:-1]]
    return value


def test_filter_table_covers_every_rest_filter() -> None:
    rest_filters = set(OrderFilter.model_fields)
    assert {k for _, rest in FILTERS for k in rest} == rest_filters
    graphql_fields = {f.name for f in dataclasses.fields(OrderFilterInput)}
    assert graphql_fields == rest_filters


@pytest.mark.parametrize(("gql_filter", "rest_filter"), FILTERS)
async def test_order_list_parity_with_rest(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    gql_filter: dict[str, Any],
    rest_filter: dict[str, Any],
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    values = await _seed_variety(client, db, shop_id, internal_headers, token)
    rest = await client.get(
        f"/v1/shops/{shop_id}/orders", params=_fill(rest_filter, values), headers=bearer(token)
    )
    assert rest.status_code == 200, rest.text
    query = f"""query($id: Int!, $f: OrderFilterInput) {{ shop(id: $id) {{
        orders(filter: $f, first: 50) {{ nodes {{ {ORDER_FIELDS} }} }} }} }}"""
    body = await gql(client, token, query, {"id": shop_id, "f": _fill(gql_filter, values)})
    assert "errors" not in body, body
    nodes = body["data"]["shop"]["orders"]["nodes"]
    assert nodes == [_rest_to_graphql(r) for r in rest.json()["data"]]
    if gql_filter:  # the filter really filtered, and kept something
        assert 0 < len(nodes) < values["count"]


@pytest.mark.parametrize("sort", list(OrderSort))
async def test_order_sort_parity_with_rest_across_shops(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    sort: OrderSort,
) -> None:
    """Each sort, over the multi-shop list (REST /v1/orders vs root orders(shopIds:))."""
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    await _seed_variety(client, db, shop_id, internal_headers, token)
    rest = await client.get(
        "/v1/orders",
        params={"sort": sort.value, "shop_id": shop_id, "limit": 4},
        headers=bearer(token),
    )
    assert rest.status_code == 200, rest.text
    query = f"""query($s: [Int!], $sort: OrderSort!) {{ orders(shopIds: $s, sort: $sort,
        first: 4) {{ nodes {{ {ORDER_FIELDS} }} pageInfo {{ hasNextPage }} }} }}"""
    body = await gql(client, token, query, {"s": [shop_id], "sort": sort.name})
    assert "errors" not in body, body
    assert body["data"]["orders"]["nodes"] == [_rest_to_graphql(r) for r in rest.json()["data"]]
    assert body["data"]["orders"]["pageInfo"]["hasNextPage"] is rest.json()["has_more"]


async def test_pagination_visits_every_order_once(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    orders = await seed_orders(client, shop["shop_id"], internal_headers, n=7)
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    seen: list[int] = []
    after = None
    query = """query($id: Int!, $after: String) { shop(id: $id) {
        orders(first: 3, after: $after) { edges { cursor node { databaseId } }
          pageInfo { hasNextPage endCursor } totalCount } } }"""
    for _ in range(5):
        conn = (await gql(client, token, query, {"id": shop["shop_id"], "after": after}))["data"][
            "shop"
        ]["orders"]
        seen += [e["node"]["databaseId"] for e in conn["edges"]]
        assert conn["totalCount"] == 7
        if conn["edges"]:
            assert conn["edges"][-1]["cursor"] == conn["pageInfo"]["endCursor"]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted(o["id"] for o in orders)
    assert len(seen) == len(set(seen))


async def test_detail_fields_masking_and_node(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    orders = await seed_orders(client, shop["shop_id"], internal_headers)
    shipped = orders[4]
    gid = to_global_id("Order", shop["shop_id"], shipped["id"])
    query = """query($id: ID!) { node(id: $id) { ... on Order {
        orderNo goodsAmount shippingFee receiver { name phone masked }
        shipments { carrier trackingNo } timeline { kind } afterSaleSummary { count } } } }"""
    no_pii = await make_token(db, shop_ids=[shop["shop_id"]], scopes="orders:read")
    data = (await gql(client, no_pii, query, {"id": gid}))["data"]["node"]
    assert data["orderNo"] == shipped["order_no"]
    assert data["goodsAmount"] == shipped["goods_amount"]
    assert data["receiver"] == {"name": "张*", "phone": "138****1234", "masked": True}
    assert data["shipments"] == [{"carrier": "SF", "trackingNo": "SF0000000004"}]
    assert [e["kind"] for e in data["timeline"]] == ["created", "paid", "shipped"]
    pii = await make_token(db, shop_ids=[shop["shop_id"]], scopes="orders:read orders:read_pii")
    data = (await gql(client, pii, query, {"id": gid}))["data"]["node"]
    assert data["receiver"]["name"] == "张三" and data["receiver"]["phone"] == "13812341234"


async def test_foreign_shop_and_foreign_node_are_not_found(
    client: httpx.AsyncClient,
    db: Database,
    internal_headers: dict[str, str],
    shop: dict[str, int],
) -> None:
    orders = await seed_orders(client, shop["shop_id"], internal_headers, n=2)
    other_shop = await make_shop(db, owner_id=await make_account(db))
    other_owner_token = await make_token(db, shop_ids=[other_shop])
    foreign = to_global_id("Order", shop["shop_id"], orders[0]["id"])
    body = await gql(
        client,
        other_owner_token,
        "query($id: ID!, $s: Int!) { node(id: $id) { id } shop(id: $s) { id } }",
        {"id": foreign, "s": shop["shop_id"]},
    )
    assert body["data"] == {"node": None, "shop": None}
    assert {e["extensions"]["code"] for e in body["errors"]} == {"NOT_FOUND"}
    body = await gql(
        client,
        other_owner_token,
        "query($s: [Int!]) { orders(shopIds: $s) { nodes { id } } }",
        {"s": [shop["shop_id"]]},
    )
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_missing_scope_is_insufficient_scope(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]], scopes="metrics:read")
    body = await gql(
        client,
        token,
        "query($s: Int!) { shop(id: $s) { orders { nodes { id } } } }",
        {"s": shop["shop_id"]},
    )
    error = body["errors"][0]
    assert error["extensions"]["code"] == "INSUFFICIENT_SCOPE"
    assert error["extensions"]["scope"] == "orders:read"


@contextmanager
def count_statements(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    engine = db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_limits_reject_before_any_sql(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    page = (
        "orders(first: 100) { nodes { author { nickname } buyer { id } afterSales { id } "
        "disputes { id } shipments { carrier } items { title } } }"
    )
    too_costly = f"{{ a: {page} b: {page} }}"
    aliases = "{ " + " ".join(f"a{i}: me {{ tokenId }}" for i in range(40)) + " }"
    tokens = "{ me { " + " ".join(["tokenId"] * 6000) + " } }"
    cases = [
        (too_costly, "MAX_COST_EXCEEDED"),
        (aliases, "GRAPHQL_VALIDATION_FAILED"),
        (tokens, "GRAPHQL_VALIDATION_FAILED"),
    ]
    for query, code in cases:
        with count_statements(db) as statements:
            body = await gql(client, token, query)
        assert body["errors"][0]["extensions"]["code"] == code, body
        # Only the principal lookup (token -> principal) ran, no resolver SQL.
        assert all("oauth_tokens" in s or "shop_members" in s for s in statements), statements
    # Scalars 0, objects 1, connections first x (nodes' cost); lists of objects count 10.
    for query, expected in [
        ("{ me { tokenId } }", 1),
        ("{ me { shops { id } } }", 1 + (1 + 10 * 0)),
        ("{ orders(first: 20) { nodes { orderNo buyer { id } } } }", 1 + 20 * (1 + 1)),
    ]:
        cost = (await gql(client, token, query))["extensions"]["cost"]
        assert cost == {"requested": expected, "limit": 1000}, query


@pytest.mark.parametrize(
    ("extra", "bound"),
    [
        # The page: items, shipments, after-sales, authors (<= 6).
        ("", 6),
        # Detail fields add one batched detail read (orders + items + shipments); receivers
        # shown in clear add the one INSERT of the operation's pii.read audit row.
        ("receiver { name } goodsAmount", 8),
    ],
)
async def test_page_with_children_uses_bounded_queries(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    extra: str,
    bound: int,
) -> None:
    await seed_orders(client, shop["shop_id"], internal_headers, n=12)
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    query = f"""query($s: Int!) {{ shop(id: $s) {{ orders(first: 10) {{ nodes {{
        items {{ title }} shipments {{ carrier }} afterSales {{ status }} author {{ nickname }}
        {extra} }} }} }} }}"""
    with count_statements(db) as statements:
        body = await gql(client, token, query, {"s": shop["shop_id"]})
    assert "errors" not in body, body
    assert len(body["data"]["shop"]["orders"]["nodes"]) == 10
    resolver_sql = [s for s in statements if "oauth_tokens" not in s and "shop_members" not in s]
    # Per request, never per row: page, items, shipments, after-sales, authors (+ details).
    # `shop(id)` itself reads nothing (the principal knows its shops).
    assert len(resolver_sql) <= bound, [s[:60] for s in resolver_sql]


PAGE = """query($id: Int!, $sort: OrderSort!, $first: Int, $after: String, $last: Int,
    $before: String) { shop(id: $id) { orders(sort: $sort, first: $first, after: $after,
    last: $last, before: $before) { edges { cursor node { databaseId } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }"""


def _ids(conn: dict[str, Any]) -> list[int]:
    return [e["node"]["databaseId"] for e in conn["edges"]]


@pytest.mark.parametrize("sort", ["CREATED_AT_DESC", "CREATED_AT_ASC", "PAID_AMOUNT_DESC"])
async def test_backward_paging_returns_the_forward_pages(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    sort: str,
) -> None:
    # Sorts with ties (paid_amount) rely on the id tie-breaker in both directions.
    await seed_orders(client, shop["shop_id"], internal_headers, n=7)
    token = await make_token(db, shop_ids=[shop["shop_id"]])

    async def page(**args: Any) -> dict[str, Any]:
        body = await gql(client, token, PAGE, {"id": shop["shop_id"], "sort": sort, **args})
        assert "errors" not in body, body
        conn: dict[str, Any] = body["data"]["shop"]["orders"]
        return conn

    forward = [await page(first=3)]
    while forward[-1]["pageInfo"]["hasNextPage"]:
        forward.append(await page(first=3, after=forward[-1]["pageInfo"]["endCursor"]))
    assert [len(p["edges"]) for p in forward] == [3, 3, 1]
    assert [p["pageInfo"]["hasPreviousPage"] for p in forward] == [False, True, True]
    for p in forward:
        assert p["pageInfo"]["startCursor"] == p["edges"][0]["cursor"]
        assert p["pageInfo"]["endCursor"] == p["edges"][-1]["cursor"]

    # Back from the last page's start: the same pages, in the same (sort) order inside.
    backward = [forward[-1]]
    while backward[-1]["pageInfo"]["hasPreviousPage"]:
        backward.append(await page(last=3, before=backward[-1]["pageInfo"]["startCursor"]))
    assert [_ids(p) for p in reversed(backward)] == [_ids(p) for p in forward]
    first_page = backward[-1]["pageInfo"]
    assert first_page["hasPreviousPage"] is False and first_page["hasNextPage"] is True
    assert first_page["startCursor"] == forward[0]["pageInfo"]["startCursor"]

    # `last` alone: the list's final rows, still in sort order.
    everything = [i for p in forward for i in _ids(p)]
    tail = await page(last=4)
    assert _ids(tail) == everything[-4:]
    assert tail["pageInfo"]["hasPreviousPage"] is True
    assert tail["pageInfo"]["hasNextPage"] is False
    assert _ids(await page(last=3, before=tail["pageInfo"]["startCursor"])) == everything[:3]


@pytest.mark.parametrize(
    ("args", "fields"),
    [
        ({"first": 2, "last": 2}, {"first", "last"}),
        ({"after": "x", "before": "y"}, {"after", "before"}),
        ({"first": 2, "before": "y"}, {"first", "before"}),
        ({"last": 2, "after": "x"}, {"after", "last"}),
    ],
)
async def test_mixed_paging_directions_are_rejected(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    args: dict[str, Any],
    fields: set[str],
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    body = await gql(
        client, token, PAGE, {"id": shop["shop_id"], "sort": "CREATED_AT_DESC", **args}
    )
    error = body["errors"][0]
    assert body["data"] == {"shop": None}
    assert error["extensions"]["code"] == "VALIDATION_ERROR"
    assert "not both" in error["message"]
    assert {e["loc"][0] for e in error["extensions"]["errors"]} == fields


async def test_backward_page_size_is_validated_as_last(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    body = await gql(
        client, token, PAGE, {"id": shop["shop_id"], "sort": "CREATED_AT_DESC", "last": 150}
    )
    error = body["errors"][0]
    assert error["extensions"]["code"] == "VALIDATION_ERROR"
    assert error["extensions"]["errors"][0]["loc"] == ["last"]


async def test_after_sales_page_both_ways(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    orders = await seed_orders(client, shop_id, internal_headers, n=6)
    for order in orders:
        if order["status"] == "paid":
            r = await client.post(
                f"/internal/v1/shops/{shop_id}/orders/{order['id']}/after-sales",
                json={"type": "refund_only", "reason": "r"},
                headers=internal_headers,
            )
            assert r.status_code == 201, r.text
    token = await make_token(db, shop_ids=[shop_id])
    query = """query($id: Int!, $first: Int, $after: String, $last: Int, $before: String) {
      shop(id: $id) { afterSales(first: $first, after: $after, last: $last, before: $before) {
        nodes { databaseId } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }"""

    async def page(**args: Any) -> dict[str, Any]:
        body = await gql(client, token, query, {"id": shop_id, **args})
        assert "errors" not in body, body
        conn: dict[str, Any] = body["data"]["shop"]["afterSales"]
        return conn

    first = await page(first=2)
    second = await page(first=2, after=first["pageInfo"]["endCursor"])
    assert second["pageInfo"]["hasNextPage"] is False and len(second["nodes"]) == 1
    back = await page(last=2, before=second["pageInfo"]["startCursor"])
    assert back["nodes"] == first["nodes"]
    assert back["pageInfo"]["hasPreviousPage"] is False
    assert (await page(last=1))["nodes"] == second["nodes"]
