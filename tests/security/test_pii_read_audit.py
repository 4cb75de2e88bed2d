"""PII access audit (PIPL): a response showing receivers in clear writes exactly one
``pii.read`` audit row with the orders' ids; a masked response (or one showing no receiver)
writes none. REST detail, lists, address-change requests, the sync CSV, and GraphQL."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.db import Database
from tests.factories import bearer, make_token
from tests.integration.buyer_requests_support import ask_address_change, gql, pii_reads
from tests.integration.orders_support import new_order, v1


@pytest.fixture
async def orders(
    client: httpx.AsyncClient, shop: dict[str, int], internal_headers: dict[str, str]
) -> list[dict[str, Any]]:
    return [await new_order(client, shop["shop_id"], internal_headers) for _ in range(3)]


@pytest.fixture
async def tokens(db: Database, shop: dict[str, int]) -> dict[str, str]:
    s = shop["shop_id"]
    return {
        "clear": await make_token(db, shop_ids=[s]),
        "masked": await make_token(db, shop_ids=[s], scopes="orders:read exports"),
    }


async def test_rest_detail_writes_one_entry_only_when_clear(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    orders: list[dict[str, Any]],
    tokens: dict[str, str],
) -> None:
    s, order = shop["shop_id"], orders[0]
    for path in (f"/orders/{order['id']}", f"/orders/by-no/{order['order_no']}"):
        r = await client.get(v1(s, path), headers=bearer(tokens["masked"]))
        assert r.status_code == 200 and r.json()["receiver"]["masked"] is True
    # Lists show no receiver: nothing to record, with or without read_pii.
    for path in (v1(s, "/orders"), "/v1/orders"):
        r = await client.get(path, headers=bearer(tokens["clear"]))
        assert r.status_code == 200 and len(r.json()["data"]) == 3
    assert await pii_reads(db, s) == []

    r = await client.get(
        v1(s, f"/orders/{order['id']}"),
        headers={**bearer(tokens["clear"]), "X-Request-ID": "req-pii-1"},
    )
    assert r.json()["receiver"]["masked"] is False
    [entry] = await pii_reads(db, s)
    assert (entry.entity, entry.entity_id, entry.data) == (
        "order",
        order["id"],
        {"order_ids": [order["id"]]},
    )
    assert entry.request_id == "req-pii-1" and entry.actor_type == "app"


async def test_address_change_list_writes_one_entry_with_every_order(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    orders: list[dict[str, Any]],
    tokens: dict[str, str],
) -> None:
    s = shop["shop_id"]
    for order in orders:
        await ask_address_change(client, s, order["id"], internal_headers)
    url = v1(s, "/address-change-requests")
    assert (await client.get(url, headers=bearer(tokens["masked"]))).status_code == 200
    assert await pii_reads(db, s) == []
    r = await client.get(url, headers=bearer(tokens["clear"]))
    assert all(not x["receiver"]["masked"] for x in r.json()["data"])
    [entry] = await pii_reads(db, s)
    assert entry.data == {"order_ids": sorted(o["id"] for o in orders)}
    assert entry.entity_id is None


async def test_sync_csv_with_receiver_fields_writes_one_entry(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    orders: list[dict[str, Any]],
    tokens: dict[str, str],
) -> None:
    s = shop["shop_id"]
    url = v1(s, "/orders.csv")
    with_pii = {"fields": ["receiver_name", "receiver_phone"]}
    r = await client.get(url, params=with_pii, headers=bearer(tokens["masked"]))
    assert r.status_code == 200 and "138****1234" in r.text
    r = await client.get(url, params={"fields": ["province"]}, headers=bearer(tokens["clear"]))
    assert r.status_code == 200
    assert await pii_reads(db, s) == []
    r = await client.get(url, params=with_pii, headers=bearer(tokens["clear"]))
    assert r.status_code == 200 and "13812341234" in r.text
    [entry] = await pii_reads(db, s)
    assert entry.data == {"order_ids": sorted(o["id"] for o in orders)}


_ORDERS = """query($s: Int!) { shop(id: $s) { orders(first: 10) { nodes { databaseId
  receiver { phone masked } } } } }"""
_NO_RECEIVER = """query($s: Int!) { shop(id: $s) { orders(first: 10) { nodes { databaseId } } } }"""


async def test_graphql_writes_one_entry_per_operation_when_clear(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    orders: list[dict[str, Any]],
    tokens: dict[str, str],
) -> None:
    s = shop["shop_id"]
    masked = await gql(client, tokens["masked"], _ORDERS, {"s": s})
    nodes = masked["data"]["shop"]["orders"]["nodes"]
    assert {n["receiver"]["masked"] for n in nodes} == {True}
    await gql(client, tokens["clear"], _NO_RECEIVER, {"s": s})
    assert await pii_reads(db, s) == []
    clear = await gql(client, tokens["clear"], _ORDERS, {"s": s})
    assert {n["receiver"]["masked"] for n in clear["data"]["shop"]["orders"]["nodes"]} == {False}
    [entry] = await pii_reads(db, s)
    assert entry.data == {"order_ids": sorted(o["id"] for o in orders)}
    # The same orders asked twice in one operation (aliases) still make one entry.
    twice = """query($s: Int!) { shop(id: $s) {
      a: orders(first: 10) { nodes { receiver { phone } } }
      b: orders(first: 1) { nodes { receiver { name } } } } }"""
    body = await gql(client, tokens["clear"], twice, {"s": s})
    assert "errors" not in body, body
    assert len(await pii_reads(db, s)) == 2
