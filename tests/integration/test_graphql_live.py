"""Metrics, disputes and the change feed through GraphQL; subscriptions on the live feed."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import orjson
import pytest
import websockets
from starlette.requests import Request

from app.db import Database
from app.domain.access.principal import resolve_principal
from app.graphql.context import GraphQLContext
from app.graphql.schema import build_schema
from app.web.listing import codec_of
from tests.conftest import WS_OPEN_TIMEOUT, graphql_socket, order_payload
from tests.factories import bearer, make_token
from tests.integration.orders_support import internal, new_order, v1
from tests.integration.test_graphql import gql, seed_orders

pytestmark = pytest.mark.feed


async def test_metrics_and_changes_match_rest(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    await seed_orders(client, shop_id, internal_headers, n=4)
    token = await make_token(db, shop_ids=[shop_id])
    today = date.today().isoformat()
    rest = await client.get(
        f"/v1/shops/{shop_id}/metrics/summary",
        params={"from": today, "to": today},
        headers=bearer(token),
    )
    assert rest.status_code == 200, rest.text
    query = """query($s: Int!, $d: Date!) { shop(id: $s) {
        metrics(from: $d, to: $d) { from timezone metrics { orders paidOrders gmv
          paymentConversion aov } previous { from metrics { orders } } }
        changes(first: 3, wait: 60) { nodes { type entityVersion } endCursor hasMore
          horizonLagMs } } }"""
    body = await gql(client, token, query, {"s": shop_id, "d": today})
    assert "errors" not in body, body
    metrics = body["data"]["shop"]["metrics"]
    expected = rest.json()["metrics"]
    assert metrics["metrics"] == {
        "orders": expected["orders"],
        "paidOrders": expected["paid_orders"],
        "gmv": expected["gmv"],
        "paymentConversion": expected["payment_conversion"],
        "aov": expected["aov"],
    }
    changes = body["data"]["shop"]["changes"]
    assert [c["type"] for c in changes["nodes"]] == ["order.created", "order.created", "order.paid"]
    assert changes["hasMore"] is True
    rest_feed = await client.get(
        f"/v1/shops/{shop_id}/changes",
        params={"cursor": changes["endCursor"]},
        headers=bearer(token),
    )
    assert rest_feed.status_code == 200  # GraphQL and REST cursors are the same cursor
    assert len(rest_feed.json()["data"]) == 6 - 3  # 4 created + 2 paid in all


@pytest.fixture
async def live_context(app: Any, db: Database, shop: dict[str, int]) -> AsyncIterator[Any]:
    """A GraphQL context exactly as the router builds it, for subscriptions."""
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    scope = {
        "type": "http",
        "app": app,
        "headers": [],
        "client": ("127.0.0.1", 1),
        "method": "POST",
        "path": "/graphql",
        "query_string": b"",
    }
    request = Request(scope)
    async with db.sessionmaker() as session:
        principal = await resolve_principal(session, token)
        yield GraphQLContext(request, session, principal, codec_of(request))


async def test_order_created_subscription_receives_new_orders(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    live_context: Any,
) -> None:
    shop_id = shop["shop_id"]
    before = await seed_orders(client, shop_id, internal_headers, n=1)  # must never be sent
    stream = await build_schema().subscribe(
        "subscription($s: [Int!]!) { orderCreated(shopIds: $s) { orderNo status } }",
        variable_values={"s": [shop_id]},
        context_value=live_context,
    )
    assert not hasattr(stream, "errors"), stream
    pending = asyncio.ensure_future(stream.__anext__())
    # The subscription starts at each shop's head (the feed horizon when it starts): orders
    # behind it are never sent, orders after it always are. Keep committing until one of ours
    # arrives, with a hard deadline.
    created: list[str] = []
    received: list[str] = []
    for _ in range(60):
        order = (
            await client.post(
                f"/internal/v1/shops/{shop_id}/orders",
                json=order_payload(),
                headers=internal_headers,
            )
        ).json()
        created.append(order["order_no"])
        done, _ = await asyncio.wait({pending}, timeout=2)
        while done:
            result = pending.result()
            assert result.errors is None, result.errors
            assert result.data["orderCreated"]["status"] == "PENDING_PAYMENT"
            received.append(result.data["orderCreated"]["orderNo"])
            pending = asyncio.ensure_future(stream.__anext__())
            done, _ = await asyncio.wait({pending}, timeout=0.5)
        if set(received) & set(created):
            break
    assert set(received) & set(created), (received, created)
    # Nothing but new orders, each once (the seeded one only if it was past the horizon).
    assert set(received) <= {*created, before[0]["order_no"]}
    assert len(received) == len(set(received))
    pending.cancel()
    with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
        await pending
    await stream.aclose()


async def test_changes_subscription_streams_from_cursor(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    live_context: Any,
) -> None:
    shop_id = shop["shop_id"]
    orders = await seed_orders(client, shop_id, internal_headers, n=2)
    stream = await build_schema().subscribe(
        "subscription($s: Int!) { changes(shopId: $s) { type entityId entityVersion } }",
        variable_values={"s": shop_id},
        context_value=live_context,
    )
    seen = [
        (await asyncio.wait_for(stream.__anext__(), timeout=120)).data["changes"] for _ in range(3)
    ]
    assert seen == [
        {"type": "order.created", "entityId": orders[0]["id"], "entityVersion": 1},
        {"type": "order.created", "entityId": orders[1]["id"], "entityVersion": 1},
        {"type": "order.paid", "entityId": orders[1]["id"], "entityVersion": 2},
    ]
    await stream.aclose()


async def _ws_message(ws: Any, timeout: float = 10) -> dict[str, Any]:
    frame = await asyncio.wait_for(ws.recv(), timeout)
    assert isinstance(frame, str), "graphql-transport-ws messages travel as text frames"
    return orjson.loads(frame)  # type: ignore[no-any-return]


async def test_websocket_subscription_with_token_in_connection_init(
    served_url: str,
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    # The head before the order, read first: with `after: "now"` the subscription could read
    # its head after the order was committed (it starts asynchronously) and wait forever.
    head = await client.get(
        v1(shop_id, "/changes"), params={"cursor": "now"}, headers=bearer(token)
    )
    assert head.status_code == 200, head.text
    async with graphql_socket(served_url, f"Bearer {token}") as ws:
        await ws.send(
            orjson.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {
                        "query": "subscription($s: Int!, $after: String!) "
                        "{ changes(shopId: $s, after: $after) { type entityId } }",
                        "variables": {"s": shop_id, "after": head.json()["next_cursor"]},
                    },
                }
            ).decode()
        )
        created = (
            await client.post(
                f"/internal/v1/shops/{shop_id}/orders",
                json=order_payload(),
                headers=internal_headers,
            )
        ).json()
        message = await _ws_message(ws, timeout=120)
        assert message["type"] == "next" and message["payload"].get("data"), message
        assert message["payload"]["data"]["changes"] == {
            "type": "order.created",
            "entityId": created["id"],
        }


async def test_websocket_rejects_a_bad_token(served_url: str) -> None:
    url = served_url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(
        url, subprotocols=["graphql-transport-ws"], open_timeout=WS_OPEN_TIMEOUT
    ) as ws:
        await ws.send(
            orjson.dumps(
                {"type": "connection_init", "payload": {"authorization": "Bearer oga_nope"}}
            ).decode()
        )
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await _ws_message(ws)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


FLAG_ORDER = (
    'mutation($s: Int!, $o: Int!) { flagOrder(shopId: $s, orderId: $o, reason: "check") '
    "{ order { flagged } userErrors { code } } }"
)


async def _ws_run(ws: Any, operations: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Send every operation at once (they run concurrently on the socket); each one's result."""
    for op_id, payload in operations.items():
        await ws.send(orjson.dumps({"id": op_id, "type": "subscribe", "payload": payload}).decode())
    results: dict[str, dict[str, Any]] = {}
    done: set[str] = set()
    while done != set(operations):
        message = await _ws_message(ws, timeout=30)
        if message["type"] == "complete":
            done.add(message["id"])
        else:
            assert message["type"] == "next", message
            results[message["id"]] = message["payload"]
    return results


async def test_websocket_mutation_is_kept_and_its_connection_returned(
    app: Any,
    served_url: str,
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    """Queries and mutations over graphql-transport-ws end like HTTP requests: their writes are
    committed and their database connection goes back to the pool."""
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    order = await new_order(client, shop_id, internal_headers)
    pool = app.state.db.engine.pool
    async with graphql_socket(served_url, f"Bearer {token}") as ws:
        payload = {"query": FLAG_ORDER, "variables": {"s": shop_id, "o": order["id"]}}
        result = (await _ws_run(ws, {"1": payload}))["1"]["data"]["flagOrder"]
        assert result == {"order": {"flagged": True}, "userErrors": []}
        # The WebSocket is still open: the operation's connection is back in the pool already.
        assert pool.checkedout() == 0
    seen = await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=bearer(token))
    assert seen.json()["flagged"] is True  # committed, visible to another session


async def test_concurrent_websocket_operations_do_not_share_a_transaction(
    app: Any,
    served_url: str,
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    """Mutations sent together on one socket run concurrently. Each has a transaction of its
    own: one that fails (and rolls back its work) cannot undo another's, and every mutation
    reported done is saved."""
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    orders = [await new_order(client, shop_id, internal_headers) for _ in range(16)]
    ship = (  # unpaid orders cannot ship: a user error, its savepoint rolled back
        "mutation($s: Int!, $o: Int!) { shipOrder(shopId: $s, orderId: $o, "
        'input: {carrier: "SF", trackingNo: "SF1"}) { order { id } userErrors { code } } }'
    )
    operations = {
        str(order["id"]): {
            "query": FLAG_ORDER if i % 2 == 0 else ship,
            "variables": {"s": shop_id, "o": order["id"]},
        }
        for i, order in enumerate(orders)
    }
    async with graphql_socket(served_url, f"Bearer {token}") as ws:
        results = await _ws_run(ws, operations)
    flagged_ids = [o["id"] for i, o in enumerate(orders) if i % 2 == 0]
    for i, order in enumerate(orders):
        payload = results[str(order["id"])]
        assert "errors" not in payload, payload
        if i % 2 == 0:
            assert payload["data"]["flagOrder"] == {"order": {"flagged": True}, "userErrors": []}
        else:
            assert payload["data"]["shipOrder"]["userErrors"], payload
    for order_id in flagged_ids:
        seen = await client.get(v1(shop_id, f"/orders/{order_id}"), headers=bearer(token))
        assert seen.json()["flagged"] is True, order_id
    assert app.state.db.engine.pool.checkedout() == 0


async def test_websocket_reads_are_not_cached_across_operations(
    served_url: str,
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    """A socket stays open for hours (the console's does): what an operation loaded in batches
    is forgotten when it ends, so the next operation reads the order as it is now."""
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    order = await new_order(client, shop_id, internal_headers)
    query = {
        "query": "query($s: Int!, $o: Int!) "
        "{ shop(id: $s) { order(id: $o) { timeline { kind } } } }",
        "variables": {"s": shop_id, "o": order["id"]},
    }

    def kinds(result: dict[str, Any]) -> list[str]:
        return [e["kind"] for e in result["data"]["shop"]["order"]["timeline"]]

    async with graphql_socket(served_url, f"Bearer {token}") as ws:
        assert kinds((await _ws_run(ws, {"1": query}))["1"]) == ["created"]
        paid = await client.post(
            internal(shop_id, f"/orders/{order['id']}/pay"),
            json={"pay_method": "alipay"},
            headers=internal_headers,
        )
        assert paid.status_code == 200, paid.text
        assert kinds((await _ws_run(ws, {"2": query}))["2"]) == ["created", "paid"]
