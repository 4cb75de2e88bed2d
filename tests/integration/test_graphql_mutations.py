"""GraphQL mutations: the same services and error codes as REST, idempotent, atomic."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import func, select

from app.db import Database
from app.models import ChangeLog
from tests.factories import bearer, make_account, make_shop, make_token
from tests.integration.test_graphql import gql, seed_orders

SHIP = """mutation($s: Int!, $o: Int!, $t: String!, $v: Int, $k: String) {
  shipOrder(shopId: $s, orderId: $o, input: {carrier: "SF", trackingNo: $t},
            expectedVersion: $v, idempotencyKey: $k) {
    order { databaseId status version trackingNumbers receiver { masked } }
    userErrors { code field message } } }"""


async def _changes(db: Database, shop_id: int) -> int:
    async with db.transaction() as s:
        return int(
            await s.scalar(
                select(func.count()).select_from(ChangeLog).where(ChangeLog.shop_id == shop_id)
            )
            or 0
        )


async def test_ship_happy_path_and_errors_match_rest(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    orders = await seed_orders(client, shop_id, internal_headers, n=3)
    unpaid, paid = orders[0], orders[1]
    token = await make_token(db, shop_ids=[shop_id], scopes="orders:read orders:write")

    stale = await gql(
        client,
        token,
        SHIP,
        {"s": shop_id, "o": paid["id"], "t": "SF1000", "v": paid["version"] + 5},
    )
    errors = stale["data"]["shipOrder"]["userErrors"]
    assert stale["data"]["shipOrder"]["order"] is None
    assert errors[0]["code"] == "version_conflict"

    wrong_state = await gql(client, token, SHIP, {"s": shop_id, "o": unpaid["id"], "t": "SF1001"})
    assert wrong_state["data"]["shipOrder"]["userErrors"][0]["code"] == "invalid_transition"
    rest = await client.post(
        f"/v1/shops/{shop_id}/orders/{unpaid['id']}/shipments",
        json={"carrier": "SF", "tracking_no": "SF1001"},
        headers=bearer(token),
    )
    assert rest.status_code == 409 and rest.json()["code"] == "invalid_transition"

    before = await _changes(db, shop_id)
    ok = await gql(
        client,
        token,
        SHIP,
        {"s": shop_id, "o": paid["id"], "t": "SF1002", "v": paid["version"], "k": "ship-1"},
    )
    payload = ok["data"]["shipOrder"]
    assert payload["userErrors"] == []
    assert payload["order"]["status"] == "SHIPPED"
    assert payload["order"]["version"] == paid["version"] + 1
    assert payload["order"]["trackingNumbers"] == ["SF1002"]
    assert payload["order"]["receiver"]["masked"] is True
    assert await _changes(db, shop_id) == before + 1

    replay = await gql(
        client,
        token,
        SHIP,
        {"s": shop_id, "o": paid["id"], "t": "SF1002", "v": paid["version"], "k": "ship-1"},
    )
    assert replay["data"]["shipOrder"] == payload
    assert await _changes(db, shop_id) == before + 1  # replayed, not re-applied

    mismatch = await gql(
        client, token, SHIP, {"s": shop_id, "o": paid["id"], "t": "SF9999", "k": "ship-1"}
    )
    assert mismatch["data"]["shipOrder"]["userErrors"][0]["code"] == "idempotency_mismatch"


async def test_foreign_shop_and_missing_scope(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    orders = await seed_orders(client, shop["shop_id"], internal_headers, n=2)
    other_shop = await make_shop(db, owner_id=await make_account(db))
    stranger = await make_token(db, shop_ids=[other_shop])
    body = await gql(
        client, stranger, SHIP, {"s": shop["shop_id"], "o": orders[1]["id"], "t": "SF2000"}
    )
    assert body["data"]["shipOrder"]["userErrors"][0]["code"] == "not_found"
    reader = await make_token(db, shop_ids=[shop["shop_id"]], scopes="orders:read")
    body = await gql(
        client, reader, SHIP, {"s": shop["shop_id"], "o": orders[1]["id"], "t": "SF2000"}
    )
    assert body["data"]["shipOrder"]["userErrors"][0]["code"] == "insufficient_scope"
    assert await _changes(db, shop["shop_id"]) == 3  # 2 created + 1 paid; nothing shipped


async def test_batch_ship_mixed_entries(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    orders = await seed_orders(client, shop_id, internal_headers, n=3)
    token = await make_token(db, shop_ids=[shop_id])
    query = """mutation($s: Int!, $e: [BatchShipEntryInput!]!) { batchShip(shopId: $s,
        shipments: $e) { succeeded failed results { orderId ok order { status }
        error { code } } userErrors { code } } }"""
    entries: list[dict[str, Any]] = [
        {"orderId": orders[1]["id"], "carrier": "SF", "trackingNo": "SF3001"},
        {"orderId": orders[0]["id"], "carrier": "SF", "trackingNo": "SF3002"},  # unpaid
        {"orderId": orders[2]["id"], "carrier": "SF", "trackingNo": "bad tracking!"},
    ]
    result = (await gql(client, token, query, {"s": shop_id, "e": entries}))["data"]["batchShip"]
    assert result["succeeded"] == 1 and result["failed"] == 2
    assert [r["ok"] for r in result["results"]] == [True, False, False]
    assert result["results"][0]["order"] == {"status": "SHIPPED"}
    assert result["results"][1]["error"]["code"] == "invalid_transition"
    assert result["results"][2]["error"]["code"] == "validation_error"


async def test_after_sale_action_and_dispute(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    orders = await seed_orders(client, shop_id, internal_headers, n=2)
    paid = orders[1]
    opened = await client.post(
        f"/internal/v1/shops/{shop_id}/orders/{paid['id']}/after-sales",
        json={"type": "refund_only", "reason": "不想要了"},
        headers=internal_headers,
    )
    assert opened.status_code == 201, opened.text
    token = await make_token(db, shop_ids=[shop_id])
    act = """mutation($s: Int!, $a: Int!, $action: String!) { afterSaleAction(shopId: $s,
        afterSaleId: $a, action: $action) { afterSale { status version allowedActions }
        userErrors { code } } }"""
    body = await gql(
        client,
        token,
        act,
        {"s": shop_id, "a": opened.json()["id"], "action": "confirm_return_received"},
    )
    assert body["data"]["afterSaleAction"]["userErrors"][0]["code"] == "invalid_transition"
    body = await gql(
        client, token, act, {"s": shop_id, "a": opened.json()["id"], "action": "approve"}
    )
    assert body["data"]["afterSaleAction"]["afterSale"]["status"] == "APPROVED"
    dispute = """mutation($s: Int!, $o: Int!) { openDispute(shopId: $s, orderId: $o,
        kind: "logistics", description: "包裹丢失") { dispute { status kind }
        userErrors { code } } }"""
    body = await gql(client, token, dispute, {"s": shop_id, "o": paid["id"]})
    assert body["data"]["openDispute"]["userErrors"] == []
    assert body["data"]["openDispute"]["dispute"]["status"] == "open"


async def test_idempotency_key_rule_is_the_same_on_both_apis(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    """One write wrapper: a key REST refuses (NUL, space, > 255) GraphQL refuses the same way,
    as a validation error, with nothing written (it used to be a 500 on GraphQL)."""
    shop_id = shop["shop_id"]
    (paid,) = (await seed_orders(client, shop_id, internal_headers, n=2))[1:]
    token = await make_token(db, shop_ids=[shop_id], scopes="orders:read orders:write")
    before = await _changes(db, shop_id)
    for bad in ("nul\u0000key", "with space", "k" * 256):
        if "\u0000" not in bad:  # httpx cannot put a NUL into a header
            rest = await client.post(
                f"/v1/shops/{shop_id}/orders/{paid['id']}/shipments",
                json={"carrier": "SF", "tracking_no": "SF2000"},
                headers={**bearer(token), "Idempotency-Key": bad},
            )
            assert rest.status_code == 422 and rest.json()["code"] == "validation_error"
        variables = {"s": shop_id, "o": paid["id"], "t": "SF2000", "k": bad}
        payload = (await gql(client, token, SHIP, variables))["data"]["shipOrder"]
        assert payload["order"] is None
        assert payload["userErrors"][0]["code"] == "validation_error"
        assert payload["userErrors"][0]["field"] == ["idempotencyKey"]
    assert await _changes(db, shop_id) == before
