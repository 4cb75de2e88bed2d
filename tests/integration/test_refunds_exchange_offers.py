"""Partial refunds and the refund ledger, exchange offers and the buyer's answer, batch
after-sale actions, and ``allowed_actions`` narrowed to the caller's role — through REST,
GraphQL and the internal API. (The write parity table covers each error through both APIs.)

The orders pay 2 x 4990 + 1000 shipping = 10980 fen."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.db import Database
from app.models import ChangeLog
from tests.factories import bearer, make_account, make_shop, make_token
from tests.integration.orders_support import internal, new_order, role_headers, v1

PAID = 10980


@pytest.fixture
async def owner(db: Database, shop: dict[str, int]) -> dict[str, str]:
    return bearer(await make_token(db, shop_ids=[shop["shop_id"]]))


async def _after_sale(
    client: httpx.AsyncClient, s: int, order_id: int, ih: dict[str, str], type_: str
) -> dict[str, Any]:
    r = await client.post(
        internal(s, f"/orders/{order_id}/after-sales"),
        json={"type": type_, "reason": "broken"},
        headers=ih,
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def _act(
    client: httpx.AsyncClient, s: int, after_sale_id: int, h: dict[str, str], action: str
) -> httpx.Response:
    return await client.post(
        v1(s, f"/after-sales/{after_sale_id}/actions"), json={"action": action}, headers=h
    )


async def _changes(db: Database, shop_id: int, entity: str, entity_id: int) -> list[str]:
    async with db.transaction() as session:
        rows = await session.scalars(
            select(ChangeLog.type)
            .where(
                ChangeLog.shop_id == shop_id,
                ChangeLog.entity == entity,
                ChangeLog.entity_id == entity_id,
            )
            .order_by(ChangeLog.id)
        )
        return list(rows)


async def test_partial_refunds_fill_the_ledger_until_the_rest_closes_the_order(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers, state="shipped")
    assert order["refundable_amount"] == PAID and order["refunded_amount"] == 0
    url = v1(s, f"/orders/{order['id']}/refunds")

    r = await client.post(url, json={"amount": 1000, "reason": "price protection"}, headers=owner)
    assert r.status_code == 201, r.text
    assert r.headers["Location"] == v1(s, f"/orders/{order['id']}")
    body = r.json()
    assert (body["pay_status"], body["status"]) == ("partially_refunded", "shipped")
    assert (body["refunded_amount"], body["refundable_amount"]) == (1000, PAID - 1000)

    item = order["items"][0]
    r = await client.post(
        url,
        json={"lines": [{"item_id": item["id"], "quantity": 1}], "reason": "one torn"},
        headers=owner,
    )
    assert r.status_code == 201, r.text
    assert r.json()["refunded_amount"] == 1000 + 4990
    # The line has one unit left: two more are above what is refundable.
    r = await client.post(
        url,
        json={"lines": [{"item_id": item["id"], "quantity": 2}], "reason": "more"},
        headers=owner,
    )
    assert r.status_code == 422 and r.json()["code"] == "refund_exceeds_refundable", r.text
    assert r.json()["refundable_quantity"] == 1
    r = await client.post(url, json={"amount": PAID, "reason": "all"}, headers=owner)
    assert r.status_code == 422 and r.json()["code"] == "refund_exceeds_refundable"
    assert r.json()["refundable_amount"] == PAID - 5990

    # The merchant's full refund refunds the rest and closes the order.
    r = await client.post(
        v1(s, f"/orders/{order['id']}/refund"), json={"reason": "give up"}, headers=owner
    )
    assert r.status_code == 200, r.text
    closed = r.json()
    assert (closed["status"], closed["pay_status"]) == ("closed", "refunded")
    assert (closed["refunded_amount"], closed["refundable_amount"]) == (PAID, 0)
    r = await client.post(url, json={"amount": 1, "reason": "again"}, headers=owner)
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"

    detail = (await client.get(v1(s, f"/orders/{order['id']}"), headers=owner)).json()
    refunds = detail["refunds"]
    assert [x["amount"] for x in refunds] == [1000, 4990, PAID - 5990]
    assert refunds[1]["lines"] == [{"item_id": item["id"], "quantity": 1, "amount": 4990}]
    assert refunds[0]["lines"] is None and refunds[0]["after_sale_id"] is None
    assert refunds[2]["after_sale_id"] == detail["after_sales"][0]["id"]
    assert all(x["actor"] and x["actor"].startswith(("account:", "app:")) for x in refunds)
    assert [e["kind"] for e in detail["timeline"]].count("refunded") == 3
    changes = await _changes(db, s, "order", order["id"])
    assert changes.count("order.refunded") == 3


async def test_after_sale_refunds_use_the_ledger_and_never_exceed_it(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers, state="paid")
    a = await _after_sale(client, s, order["id"], internal_headers, "refund_only")
    assert (await _act(client, s, a["id"], owner, "approve")).status_code == 200
    # A partial refund meanwhile leaves less than the after-sale asked for.
    r = await client.post(
        v1(s, f"/orders/{order['id']}/refunds"),
        json={"amount": 500, "reason": "coupon"},
        headers=owner,
    )
    assert r.status_code == 201, r.text
    r = await _act(client, s, a["id"], owner, "refund")
    assert r.status_code == 422 and r.json()["code"] == "refund_exceeds_refundable", r.text

    order = await new_order(client, s, internal_headers, state="paid")
    a = await _after_sale(client, s, order["id"], internal_headers, "refund_only")
    await _act(client, s, a["id"], owner, "approve")
    r = await _act(client, s, a["id"], owner, "refund")
    assert r.status_code == 200 and r.json()["status"] == "refunded"
    detail = (await client.get(v1(s, f"/orders/{order['id']}"), headers=owner)).json()
    assert [(x["amount"], x["after_sale_id"]) for x in detail["refunds"]] == [(PAID, a["id"])]
    assert detail["pay_status"] == "refunded" and detail["refundable_amount"] == 0


async def test_refund_idempotency_replays_and_cross_tenant_is_not_found(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers, state="paid")
    url = v1(s, f"/orders/{order['id']}/refunds")
    key = {"Idempotency-Key": uuid.uuid4().hex}
    body = {"amount": 300, "reason": "late"}
    first = await client.post(url, json=body, headers={**owner, **key})
    again = await client.post(url, json=body, headers={**owner, **key})
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()
    other = await client.post(url, json={**body, "amount": 301}, headers={**owner, **key})
    assert other.status_code == 422 and other.json()["code"] == "idempotency_mismatch"
    detail = (await client.get(v1(s, f"/orders/{order['id']}"), headers=owner)).json()
    assert [x["amount"] for x in detail["refunds"]] == [300]

    stranger = await make_account(db)
    foreign = bearer(await make_token(db, shop_ids=[await make_shop(db, owner_id=stranger)]))
    r = await client.post(url, json=body, headers=foreign)
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    query = (
        "mutation($s: Int!, $o: Int!) { createRefund(shopId: $s, orderId: $o, amount: 5, "
        'reason: "x") { order { databaseId } userErrors { code } } }'
    )
    r = await client.post(
        "/graphql",
        json={"query": query, "variables": {"s": s, "o": order["id"]}},
        headers=foreign,
    )
    assert r.json()["data"]["createRefund"] == {
        "order": None,
        "userErrors": [{"code": "not_found"}],
    }
    # A viewer may read refunds but not make one.
    viewer = await role_headers(db, s, "viewer")
    r = await client.post(url, json=body, headers=viewer)
    assert r.status_code == 403 and r.json()["code"] == "insufficient_scope"
    r = await client.get(v1(s, f"/orders/{order['id']}"), headers=viewer)
    assert [x["amount"] for x in r.json()["refunds"]] == [300]


async def test_an_accepted_offer_turns_the_refund_into_an_exchange(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers, state="shipped")
    a = await _after_sale(client, s, order["id"], internal_headers, "return_refund")
    answer = internal(s, f"/after-sales/{a['id']}/exchange-offer")
    r = await client.post(answer, json={"accepted": True}, headers=internal_headers)
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"

    r = await _act(client, s, a["id"], owner, "offer_exchange")
    assert r.status_code == 200, r.text
    offered = r.json()
    assert offered["status"] == "exchange_offered"
    assert offered["exchange_offer"]["status"] == "pending"
    assert offered["exchange_offer"]["from_type"] == "return_refund"
    assert offered["allowed_actions"] == ["close"]
    # Waiting for the buyer: the merchant cannot approve or refund meanwhile.
    r = await _act(client, s, a["id"], owner, "approve")
    assert r.status_code == 409 and r.json()["allowed_actions"] == ["close"]

    r = await client.post(
        answer, json={"accepted": True, "expected_version": 1}, headers=internal_headers
    )
    assert r.status_code == 409 and r.json()["code"] == "version_conflict"
    r = await client.post(answer, json={"accepted": True}, headers=internal_headers)
    assert r.status_code == 200, r.text
    exchange = r.json()
    assert (exchange["type"], exchange["status"]) == ("exchange", "approved")
    assert exchange["exchange_offer"]["status"] == "accepted"
    assert exchange["exchange_offer"]["answered_at"] is not None
    assert exchange["allowed_actions"] == ["close", "request_return"]
    for action in ("request_return", "confirm_return_received", "offer_exchange"):
        r = await _act(client, s, a["id"], owner, action)
        assert r.status_code == 200, r.text
    assert r.json()["status"] == "exchanged"
    detail = (await client.get(v1(s, f"/orders/{order['id']}"), headers=owner)).json()
    kinds = [e["kind"] for e in detail["timeline"]]
    assert "after_sale.offer_exchange" in kinds and "after_sale.exchange_accepted" in kinds
    assert detail["refunds"] == [] and detail["pay_status"] == "paid"
    assert (
        await _changes(db, s, "after_sale", a["id"])
        == ["after_sale.created"] + ["after_sale.updated"] * 5
    )


async def test_a_declined_offer_goes_back_to_the_refund(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers, state="paid")
    a = await _after_sale(client, s, order["id"], internal_headers, "refund_only")
    await _act(client, s, a["id"], owner, "approve")
    r = await _act(client, s, a["id"], owner, "offer_exchange")
    assert r.json()["status"] == "exchange_offered"
    r = await client.post(
        internal(s, f"/after-sales/{a['id']}/exchange-offer"),
        json={"accepted": False},
        headers=internal_headers,
    )
    assert r.status_code == 200, r.text
    back = r.json()
    assert (back["type"], back["status"]) == ("refund_only", "approved")
    assert back["exchange_offer"]["status"] == "declined"
    r = await _act(client, s, a["id"], owner, "refund")
    assert r.status_code == 200 and r.json()["status"] == "refunded"
    # Once answered, there is nothing left to answer.
    r = await client.post(
        internal(s, f"/after-sales/{a['id']}/exchange-offer"),
        json={"accepted": True},
        headers=internal_headers,
    )
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"
    r = await client.post(
        internal(s, "/after-sales/999999999/exchange-offer"),
        json={"accepted": True},
        headers=internal_headers,
    )
    assert r.status_code == 404


async def test_batch_after_sale_actions_answer_each_entry(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers, state="paid")
    a = await _after_sale(client, s, order["id"], internal_headers, "refund_only")
    url = v1(s, "/after-sales/batch")
    r = await client.post(
        url,
        json={
            "actions": [
                {"after_sale_id": a["id"], "action": "approve", "expected_version": 1},
                {"after_sale_id": a["id"], "action": "teleport"},
                {"after_sale_id": a["id"], "action": "refund", "expected_version": 1},
                {"after_sale_id": a["id"], "action": "refund"},
            ]
        },
        headers=owner,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["succeeded"], body["failed"]) == (2, 2)
    ok, invalid, stale, refunded = body["results"]
    assert ok["ok"] and ok["after_sale"]["status"] == "approved"
    assert invalid["error"]["code"] == "validation_error"
    assert invalid["error"]["errors"][0]["loc"] == ["actions", 1, "action"]
    assert stale["error"]["code"] == "version_conflict" and stale["after_sale_id"] == a["id"]
    assert refunded["after_sale"]["status"] == "refunded"
    too_many = [{"after_sale_id": a["id"], "action": "close"}] * 101
    r = await client.post(url, json={"actions": too_many}, headers=owner)
    assert r.status_code == 422 and r.json()["code"] == "validation_error"


@pytest.mark.parametrize(
    ("role", "order_actions", "after_sale_actions"),
    [
        ("owner", ["refund", "ship"], ["approve", "close", "offer_exchange", "reject"]),
        ("after_sales", ["refund"], ["approve", "close", "offer_exchange", "reject"]),
        ("shipping", ["ship"], []),
        ("viewer", [], []),
    ],
)
async def test_allowed_actions_follow_the_callers_role(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    role: str,
    order_actions: list[str],
    after_sale_actions: list[str],
) -> None:
    s = shop["shop_id"]
    h = await role_headers(db, s, role)
    order = await new_order(client, s, internal_headers, state="paid")
    a = await _after_sale(client, s, order["id"], internal_headers, "refund_only")
    detail = (await client.get(v1(s, f"/orders/{order['id']}"), headers=h)).json()
    assert detail["allowed_actions"] == order_actions
    assert detail["after_sales"][0]["allowed_actions"] == after_sale_actions
    one = (await client.get(v1(s, f"/after-sales/{a['id']}"), headers=h)).json()
    assert one["allowed_actions"] == after_sale_actions
    listed = (await client.get(v1(s, "/after-sales"), headers=h)).json()["data"]
    assert listed[0]["allowed_actions"] == after_sale_actions
    query = (
        "query($s: Int!, $o: Int!) { shop(id: $s) { order(id: $o) { allowedActions "
        "afterSales { allowedActions } } } }"
    )
    r = await client.post(
        "/graphql", json={"query": query, "variables": {"s": s, "o": order["id"]}}, headers=h
    )
    got = r.json()["data"]["shop"]["order"]
    assert got["allowedActions"] == order_actions
    assert got["afterSales"][0]["allowedActions"] == after_sale_actions


async def test_a_submitted_dispute_offers_the_merchant_nothing(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers, state="shipped")
    r = await client.post(
        v1(s, f"/orders/{order['id']}/disputes"),
        json={"kind": "logistics", "description": "lost parcel"},
        headers=owner,
    )
    dispute = r.json()
    assert dispute["allowed_actions"] == ["add_evidence"]
    r = await client.post(
        v1(s, f"/disputes/{dispute['id']}/evidence"),
        files={"file": ("proof.txt", b"tracking shows delivered", "text/plain")},
        data={"kind": "shipping_proof"},
        headers=owner,
    )
    assert r.json()["dispute"]["allowed_actions"] == ["add_evidence", "submit"]
    r = await client.post(v1(s, f"/disputes/{dispute['id']}/submit"), json={}, headers=owner)
    assert r.status_code == 200 and r.json()["status"] == "under_review"
    assert r.json()["allowed_actions"] == []  # win / lose are the platform's
    got = (await client.get(v1(s, f"/disputes/{dispute['id']}"), headers=owner)).json()
    assert got["allowed_actions"] == []
    query = "query($s: Int!) { shop(id: $s) { disputes(first: 5) { nodes { allowedActions } } } }"
    r = await client.post("/graphql", json={"query": query, "variables": {"s": s}}, headers=owner)
    assert r.json()["data"]["shop"]["disputes"]["nodes"] == [{"allowedActions": []}]
    r = await client.post(
        internal(s, f"/disputes/{dispute['id']}/decide"),
        json={"outcome": "won"},
        headers=internal_headers,
    )
    assert r.status_code == 200 and r.json()["status"] == "won"
