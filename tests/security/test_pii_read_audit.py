"""PII access audit (PIPL): a response showing receivers in clear writes exactly one
``pii.read`` audit row with the orders' ids; a masked response (or one showing no receiver)
writes none. REST detail, lists, write responses (replays too), address-change requests, the
sync CSV, export files, change-feed pages, and GraphQL."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import orjson
import pytest

from app.config import Settings
from app.db import Database
from tests.conftest import graphql_socket
from tests.factories import bearer, make_token
from tests.integration.buyer_requests_support import ask_address_change, gql, pii_reads
from tests.integration.export_support import worker
from tests.integration.orders_support import new_order, v1
from tests.integration.test_graphql_sockets import socket_app


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
        "masked": await make_token(
            db, shop_ids=[s], scopes="orders:read orders:write exports changes:read"
        ),
    }


@dataclass(frozen=True)
class Scene:
    """What every test here starts from: a shop with three orders, a token that sees
    receivers in clear and one that sees them masked."""

    client: httpx.AsyncClient
    db: Database
    settings: Settings
    shop: dict[str, int]
    internal_headers: dict[str, str]
    orders: list[dict[str, Any]]
    tokens: dict[str, str]


@pytest.fixture
def scene(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    orders: list[dict[str, Any]],
    tokens: dict[str, str],
) -> Scene:
    return Scene(client, db, settings, shop, internal_headers, orders, tokens)


async def test_rest_detail_writes_one_entry_only_when_clear(scene: Scene) -> None:
    s, order = scene.shop["shop_id"], scene.orders[0]
    for path in (f"/orders/{order['id']}", f"/orders/by-no/{order['order_no']}"):
        r = await scene.client.get(v1(s, path), headers=bearer(scene.tokens["masked"]))
        assert r.status_code == 200 and r.json()["receiver"]["masked"] is True
    # Lists show no receiver: nothing to record, with or without read_pii.
    for path in (v1(s, "/orders"), "/v1/orders"):
        r = await scene.client.get(path, headers=bearer(scene.tokens["clear"]))
        assert r.status_code == 200 and len(r.json()["data"]) == 3
    assert await pii_reads(scene.db, s) == []

    r = await scene.client.get(
        v1(s, f"/orders/{order['id']}"),
        headers={**bearer(scene.tokens["clear"]), "X-Request-ID": "req-pii-1"},
    )
    assert r.json()["receiver"]["masked"] is False
    [entry] = await pii_reads(scene.db, s)
    assert (entry.entity, entry.entity_id, entry.data) == (
        "order",
        order["id"],
        {"order_ids": [order["id"]]},
    )
    assert entry.request_id == "req-pii-1" and entry.actor_type == "app"


async def test_address_change_list_writes_one_entry_with_every_order(scene: Scene) -> None:
    s = scene.shop["shop_id"]
    for order in scene.orders:
        await ask_address_change(scene.client, s, order["id"], scene.internal_headers)
    url = v1(s, "/address-change-requests")
    assert (await scene.client.get(url, headers=bearer(scene.tokens["masked"]))).status_code == 200
    assert await pii_reads(scene.db, s) == []
    r = await scene.client.get(url, headers=bearer(scene.tokens["clear"]))
    assert all(not x["receiver"]["masked"] for x in r.json()["data"])
    [entry] = await pii_reads(scene.db, s)
    assert entry.data == {"order_ids": sorted(o["id"] for o in scene.orders)}
    assert entry.entity_id is None


async def test_sync_csv_with_receiver_fields_writes_one_entry(scene: Scene) -> None:
    s = scene.shop["shop_id"]
    url = v1(s, "/orders.csv")
    with_pii = {"fields": ["receiver_name", "receiver_phone"]}
    r = await scene.client.get(url, params=with_pii, headers=bearer(scene.tokens["masked"]))
    assert r.status_code == 200 and "138****1234" in r.text
    r = await scene.client.get(
        url, params={"fields": ["province"]}, headers=bearer(scene.tokens["clear"])
    )
    assert r.status_code == 200
    assert await pii_reads(scene.db, s) == []
    r = await scene.client.get(url, params=with_pii, headers=bearer(scene.tokens["clear"]))
    assert r.status_code == 200 and "13812341234" in r.text
    [entry] = await pii_reads(scene.db, s)
    assert entry.data == {"order_ids": sorted(o["id"] for o in scene.orders)}


_ORDERS = """query($s: Int!) { shop(id: $s) { orders(first: 10) { nodes { databaseId
  receiver { phone masked } } } } }"""
_NO_RECEIVER = """query($s: Int!) { shop(id: $s) { orders(first: 10) { nodes { databaseId } } } }"""


async def test_graphql_writes_one_entry_per_operation_when_clear(scene: Scene) -> None:
    s = scene.shop["shop_id"]
    masked = await gql(scene.client, scene.tokens["masked"], _ORDERS, {"s": s})
    nodes = masked["data"]["shop"]["orders"]["nodes"]
    assert {n["receiver"]["masked"] for n in nodes} == {True}
    await gql(scene.client, scene.tokens["clear"], _NO_RECEIVER, {"s": s})
    assert await pii_reads(scene.db, s) == []
    clear = await gql(scene.client, scene.tokens["clear"], _ORDERS, {"s": s})
    assert {n["receiver"]["masked"] for n in clear["data"]["shop"]["orders"]["nodes"]} == {False}
    [entry] = await pii_reads(scene.db, s)
    assert entry.data == {"order_ids": sorted(o["id"] for o in scene.orders)}
    # The same scene.orders asked twice in one operation (aliases) still make one entry.
    twice = """query($s: Int!) { shop(id: $s) {
      a: orders(first: 10) { nodes { receiver { phone } } }
      b: orders(first: 1) { nodes { receiver { name } } } } }"""
    body = await gql(scene.client, scene.tokens["clear"], twice, {"s": s})
    assert "errors" not in body, body
    assert len(await pii_reads(scene.db, s)) == 2


async def test_rest_write_responses_write_one_entry_when_clear_replays_too(scene: Scene) -> None:
    s = scene.shop["shop_id"]
    order = await new_order(scene.client, s, scene.internal_headers, state="paid")
    url = v1(s, f"/orders/{order['id']}")
    r = await scene.client.patch(
        url, json={"merchant_remark": "m"}, headers=bearer(scene.tokens["masked"])
    )
    assert r.status_code == 200 and r.json()["receiver"]["masked"] is True
    assert await pii_reads(scene.db, s) == []

    clear = {**bearer(scene.tokens["clear"]), "Idempotency-Key": "pii-write-1"}
    for _ in range(2):  # the replay shows the same receiver again: recorded again
        r = await scene.client.patch(url, json={"merchant_remark": "c"}, headers=clear)
        assert r.status_code == 200 and r.json()["receiver"]["masked"] is False
    assert r.headers.get("Idempotent-Replayed") == "true"
    entries = await pii_reads(scene.db, s)
    assert [(e.entity_id, e.data) for e in entries] == [
        (order["id"], {"order_ids": [order["id"]]})
    ] * 2

    # A batch answers several scene.orders: one entry with all of them.
    paid = [
        await new_order(scene.client, s, scene.internal_headers, state="paid") for _ in range(2)
    ]
    batch = [
        {"order_id": o["id"], "carrier_code": "SF", "tracking_no": f"SF{o['id']:010d}"}
        for o in paid
    ]
    r = await scene.client.post(
        v1(s, "/shipments/batch"), json={"shipments": batch}, headers=bearer(scene.tokens["clear"])
    )
    assert r.status_code == 200 and all(x["ok"] for x in r.json()["results"]), r.text
    latest = (await pii_reads(scene.db, s))[-1]
    assert latest.data == {"order_ids": sorted(o["id"] for o in paid)}
    assert latest.entity_id is None


def _today(tz: str = "Asia/Shanghai") -> str:
    return datetime.now(ZoneInfo(tz)).date().isoformat()


async def _export_file(scene: Scene, token: str, fields: list[str]) -> bytes:
    shop_id = scene.shop["shop_id"]
    day = _today()
    body = {"format": "csv", "fields": fields, "created_from": day, "created_to": day}
    r = await scene.client.post(v1(shop_id, "/exports"), json=body, headers=bearer(token))
    assert r.status_code == 202, r.text
    assert await worker(scene.db, scene.settings, shop_id).run_once()
    job = (
        await scene.client.get(v1(shop_id, f"/exports/{r.json()['id']}"), headers=bearer(token))
    ).json()
    assert job["status"] == "succeeded", job
    f = await scene.client.get(job["file_url"], headers=bearer(token))
    assert f.status_code == 200
    return f.content


async def test_export_file_with_clear_receivers_writes_one_entry_per_download(scene: Scene) -> None:
    s = scene.shop["shop_id"]
    pii = ["receiver_name", "receiver_phone"]
    masked = await _export_file(scene, scene.tokens["masked"], pii)
    assert b"138****1234" in masked
    await _export_file(scene, scene.tokens["clear"], ["province"])
    assert await pii_reads(scene.db, s) == []
    clear = await _export_file(scene, scene.tokens["clear"], pii)
    assert b"13812341234" in clear
    [entry] = await pii_reads(scene.db, s)
    assert entry.data == {"order_ids": sorted(o["id"] for o in scene.orders)}
    assert entry.action == "pii.read" and entry.actor_type == "app"


async def test_change_feed_pages_write_one_entry_with_the_orders_shown(scene: Scene) -> None:
    s = scene.shop["shop_id"]
    # An address-change request shows its (new) receiver: its order counts as shown.
    await ask_address_change(scene.client, s, scene.orders[0]["id"], scene.internal_headers)
    url = v1(s, "/changes")
    r = await scene.client.get(url, params={"limit": 1000}, headers=bearer(scene.tokens["masked"]))
    assert r.status_code == 200 and len(r.json()["data"]) >= 4
    assert {c["data"]["receiver"]["masked"] for c in r.json()["data"]} == {True}
    r = await scene.client.get(url, params={"cursor": "now"}, headers=bearer(scene.tokens["clear"]))
    assert r.status_code == 200
    assert await pii_reads(scene.db, s) == []

    r = await scene.client.get(url, params={"limit": 1000}, headers=bearer(scene.tokens["clear"]))
    assert {c["entity"] for c in r.json()["data"]} == {"order", "address_change"}
    [entry] = await pii_reads(scene.db, s)
    assert entry.data == {"order_ids": sorted(o["id"] for o in scene.orders)}

    # Only the scene.orders on the page: a page of the first order's changes names that order alone.
    r = await scene.client.get(url, params={"limit": 1}, headers=bearer(scene.tokens["clear"]))
    [change] = r.json()["data"]
    assert (await pii_reads(scene.db, s))[-1].data == {"order_ids": [change["entity_id"]]}

    query = """query($s: Int!) { shop(id: $s) { changes(first: 1000) { nodes { data } } } }"""
    masked = await gql(scene.client, scene.tokens["masked"], query, {"s": s})
    assert "errors" not in masked, masked
    assert len(await pii_reads(scene.db, s)) == 2
    # wait > 0 ends the operation's transaction before reading: the entry is still written.
    clear = await gql(
        scene.client,
        scene.tokens["clear"],
        query.replace("first: 1000", "first: 1000, wait: 1"),
        {"s": s},
    )
    assert "errors" not in clear, clear
    entries = await pii_reads(scene.db, s)
    assert len(entries) == 3
    assert entries[-1].data == {"order_ids": sorted(o["id"] for o in scene.orders)}


async def test_change_subscription_writes_one_entry_per_batch_shown(scene: Scene) -> None:
    s = scene.shop["shop_id"]
    query = "subscription($s: Int!) { changes(shopId: $s) { entityId data } }"
    payload = {"query": query, "variables": {"s": s}}
    async with (
        socket_app(scene.settings) as (_, url),
        graphql_socket(url, f"Bearer {scene.tokens['clear']}") as ws,
    ):
        await ws.send(orjson.dumps({"id": "1", "type": "subscribe", "payload": payload}).decode())
        seen = []
        for _ in scene.orders:
            message = orjson.loads(await asyncio.wait_for(ws.recv(), 30))
            seen.append(message["payload"]["data"]["changes"])
    assert {c["data"]["receiver"]["masked"] for c in seen} == {False}
    # The batch's entry is committed before its first change is sent.
    [entry] = await pii_reads(scene.db, s)
    assert entry.data == {"order_ids": sorted(o["id"] for o in scene.orders)}
