"""Buyers' address-change requests: asked through the internal API, decided by the merchant
over REST and GraphQL, or settled by the worker's sweep (driven with an explicit clock)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from app.db import Database
from app.domain.address_changes.sweep import settle_due
from tests.factories import bearer, make_account, make_shop, make_token
from tests.integration.buyer_requests_support import (
    NEW_RECEIVER,
    ask_address_change,
    audit_actions,
    change_types,
    gql,
)
from tests.integration.orders_support import internal, new_order, role_headers, v1


def _at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


@pytest.fixture
async def owner(db: Database, shop: dict[str, int]) -> str:
    return await make_token(db, shop_ids=[shop["shop_id"]])


async def test_buyer_asks_and_merchant_approves(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: str,
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers, state="paid")
    asked = await ask_address_change(client, s, order["id"], internal_headers)
    assert asked["status"] == "pending" and asked["allowed_actions"] == ["approve", "reject"]
    assert asked["receiver"] == {**NEW_RECEIVER, "masked": False}
    assert _at(asked["auto_approve_at"]) - _at(asked["created_at"]) == timedelta(hours=12)

    # One pending request per order.
    again = await client.post(
        internal(s, f"/orders/{order['id']}/address-change-requests"),
        json={"receiver": NEW_RECEIVER},
        headers=internal_headers,
    )
    assert again.status_code == 409 and again.json()["code"] == "address_change_pending"

    listed = await client.get(
        v1(s, "/address-change-requests"), params={"status": "pending"}, headers=bearer(owner)
    )
    assert listed.status_code == 200
    assert [r["id"] for r in listed.json()["data"]] == [asked["id"]]

    url = v1(s, f"/address-change-requests/{asked['id']}")
    stale = await client.post(
        f"{url}/approve", json={}, headers={**bearer(owner), "If-Match": '"9"'}
    )
    assert stale.status_code == 409 and stale.json()["code"] == "version_conflict"
    r = await client.post(
        f"{url}/approve", json={}, headers={**bearer(owner), "Idempotency-Key": "acr-1"}
    )
    assert r.status_code == 200, r.text
    approved = r.json()
    assert approved["status"] == "approved" and approved["decided_by"] == "merchant"
    assert approved["version"] == 2 and approved["allowed_actions"] == []
    replay = await client.post(
        f"{url}/approve", json={}, headers={**bearer(owner), "Idempotency-Key": "acr-1"}
    )
    assert replay.json() == approved and replay.headers["Idempotent-Replayed"] == "true"
    twice = await client.post(f"{url}/approve", json={}, headers=bearer(owner))
    assert twice.status_code == 409 and twice.json()["code"] == "invalid_transition"
    for status, expected in (("pending", []), ("approved", [asked["id"]])):
        listed = await client.get(
            v1(s, "/address-change-requests"), params={"status": status}, headers=bearer(owner)
        )
        assert [r["id"] for r in listed.json()["data"]] == expected

    detail = (await client.get(v1(s, f"/orders/{order['id']}"), headers=bearer(owner))).json()
    assert detail["receiver"] == {**NEW_RECEIVER, "masked": False}
    assert detail["version"] == order["version"] + 1
    kinds = [e["kind"] for e in detail["timeline"]]
    assert kinds[-3:] == ["address_change.requested", "updated", "address_change.approved"]
    # The order's timeline never carries the receiver (it is shown to callers without PII).
    assert "李四" not in str(detail["timeline"])
    assert await change_types(db, s, "address_change") == [
        "address_change.requested",
        "address_change.approved",
    ]
    actions = [a.action for a in await audit_actions(db, s)]
    assert "address_change.approved" in actions and "order.updated" in actions


async def test_reject_needs_a_reason_and_leaves_the_order(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: str,
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers)
    asked = await ask_address_change(client, s, order["id"], internal_headers)
    url = v1(s, f"/address-change-requests/{asked['id']}/reject")
    missing = await client.post(url, json={}, headers=bearer(owner))
    assert missing.status_code == 422 and missing.json()["code"] == "validation_error"
    r = await client.post(url, json={"reason": "Already packed"}, headers=bearer(owner))
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["reject_reason"]) == ("rejected", "Already packed")
    got = await client.get(v1(s, f"/orders/{order['id']}"), headers=bearer(owner))
    assert got.json()["receiver"]["name"] == "张三" and got.json()["version"] == order["version"]
    assert await change_types(db, s, "address_change") == [
        "address_change.requested",
        "address_change.rejected",
    ]
    # Once settled, a new request may be made.
    await ask_address_change(client, s, order["id"], internal_headers)


async def test_requests_only_on_unshipped_orders(
    client: httpx.AsyncClient, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    s = shop["shop_id"]
    shipped = await new_order(client, s, internal_headers, state="shipped")
    r = await client.post(
        internal(s, f"/orders/{shipped['id']}/address-change-requests"),
        json={"receiver": NEW_RECEIVER},
        headers=internal_headers,
    )
    assert r.status_code == 409 and r.json()["code"] == "receiver_locked"
    unknown = await client.post(
        internal(s, "/orders/999999999/address-change-requests"),
        json={"receiver": NEW_RECEIVER},
        headers=internal_headers,
    )
    assert unknown.status_code == 404
    bad = await client.post(
        internal(s, f"/orders/{shipped['id']}/address-change-requests"),
        json={"receiver": {**NEW_RECEIVER, "phone": "call me"}},
        headers=internal_headers,
    )
    assert bad.status_code == 422


async def test_the_sweep_approves_after_the_delay_and_rejects_shipped_or_closed(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: str,
) -> None:
    s = shop["shop_id"]
    waiting = await new_order(client, s, internal_headers, state="paid")
    shipped = await new_order(client, s, internal_headers, state="paid")
    closed = await new_order(client, s, internal_headers)
    a = await ask_address_change(client, s, waiting["id"], internal_headers)
    b = await ask_address_change(client, s, shipped["id"], internal_headers)
    c = await ask_address_change(client, s, closed["id"], internal_headers)
    due = _at(a["auto_approve_at"])

    # The merchant cannot approve once the order shipped; the sweep then rejects it.
    r = await client.post(
        internal(s, f"/orders/{shipped['id']}/ship"),
        json={"carrier": "SF", "tracking_no": "SF00000001"},
        headers=internal_headers,
    )
    assert r.status_code == 200
    late = await client.post(
        v1(s, f"/address-change-requests/{b['id']}/approve"), json={}, headers=bearer(owner)
    )
    assert late.status_code == 409 and late.json()["code"] == "receiver_locked"
    r = await client.post(
        internal(s, f"/orders/{closed['id']}/close"),
        json={"reason": "timeout"},
        headers=internal_headers,
    )
    assert r.status_code == 200

    # Before the delay: only the shipped and closed orders' requests are settled. (The sweep
    # spans shops, and other tests' requests share this database: counts are lower bounds.)
    assert (await settle_due(db, due - timedelta(seconds=1)))["reject"] >= 2
    pending = await client.get(
        v1(s, "/address-change-requests"), params={"status": "pending"}, headers=bearer(owner)
    )
    assert [r["id"] for r in pending.json()["data"]] == [a["id"]]
    rejected = {
        x["id"]: (
            await client.get(v1(s, f"/address-change-requests/{x['id']}"), headers=bearer(owner))
        ).json()
        for x in (b, c)
    }
    assert rejected[b["id"]]["reject_reason"] == "order_shipped"
    assert rejected[c["id"]]["reject_reason"] == "order_closed"
    assert {r["decided_by"] for r in rejected.values()} == {"auto"}

    assert (await settle_due(db, due + timedelta(seconds=1)))["approve"] >= 1
    got = (await client.get(v1(s, f"/orders/{waiting['id']}"), headers=bearer(owner))).json()
    assert got["receiver"]["phone"] == NEW_RECEIVER["phone"]
    decided = (
        await client.get(v1(s, f"/address-change-requests/{a['id']}"), headers=bearer(owner))
    ).json()
    assert (decided["status"], decided["decided_by"]) == ("approved", "auto")
    system = [x for x in await audit_actions(db, s) if x.action == "address_change.approved"]
    assert [x.actor_type for x in system] == ["system"]


async def test_receiver_masked_without_read_pii_and_roles(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers)
    asked = await ask_address_change(client, s, order["id"], internal_headers)
    plain = bearer(await make_token(db, shop_ids=[s], scopes="orders:read orders:write"))
    listed = (await client.get(v1(s, "/address-change-requests"), headers=plain)).json()
    assert listed["data"][0]["receiver"]["phone"] == "139****5432"
    assert listed["data"][0]["receiver"]["masked"] is True
    one = await client.get(v1(s, f"/address-change-requests/{asked['id']}"), headers=plain)
    assert one.json()["receiver"]["name"] == "李*" and one.headers["ETag"] == '"1"'

    url = v1(s, f"/address-change-requests/{asked['id']}/reject")
    for role, status in (("viewer", 403), ("after_sales", 403)):
        r = await client.post(url, json={"reason": "no"}, headers=await role_headers(db, s, role))
        assert r.status_code == status and r.json()["code"] == "insufficient_scope", role
    shipping = await role_headers(db, s, "shipping")
    r = await client.post(url, json={"reason": "no"}, headers=shipping)
    assert r.status_code == 200 and r.json()["receiver"]["masked"] is True


async def test_other_tenants_see_nothing(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers)
    asked = await ask_address_change(client, s, order["id"], internal_headers)
    other_owner = await make_account(db)
    other_shop = await make_shop(db, owner_id=other_owner)
    other = bearer(await make_token(db, shop_ids=[other_shop], account_id=other_owner))
    for method, path in (
        ("GET", v1(s, "/address-change-requests")),
        ("GET", v1(s, f"/address-change-requests/{asked['id']}")),
        ("POST", v1(s, f"/address-change-requests/{asked['id']}/approve")),
    ):
        r = await client.request(method, path, headers=other, json={} if method == "POST" else None)
        assert r.status_code == 404, (method, path)
    # The request's id under the other shop's own path is not found either.
    r = await client.post(
        v1(other_shop, f"/address-change-requests/{asked['id']}/approve"), json={}, headers=other
    )
    assert r.status_code == 404
    listed = (await client.get(v1(other_shop, "/address-change-requests"), headers=other)).json()
    assert listed["data"] == []


async def test_keyset_pages(
    client: httpx.AsyncClient, shop: dict[str, int], internal_headers: dict[str, str], owner: str
) -> None:
    s = shop["shop_id"]
    made = []
    for _ in range(3):
        order = await new_order(client, s, internal_headers)
        made.append((await ask_address_change(client, s, order["id"], internal_headers))["id"])
    seen: list[int] = []
    params: dict[str, Any] = {"limit": 2}
    while True:
        page = (
            await client.get(
                v1(s, "/address-change-requests"), params=params, headers=bearer(owner)
            )
        ).json()
        seen += [r["id"] for r in page["data"]]
        if not page["has_more"]:
            break
        params["cursor"] = page["next_cursor"]
    assert seen == sorted(made, reverse=True)


_LIST = """query($s: Int!) { shop(id: $s) {
  addressChangeRequests(filter: {status: [PENDING]}, first: 5) {
  nodes { databaseId orderId status receiver { name phone masked } allowedActions autoApproveAt }
  pageInfo { hasNextPage } } } }"""
_APPROVE = """mutation($s: Int!, $id: Int!, $v: Int) {
  approveAddressChange(shopId: $s, addressChangeId: $id, expectedVersion: $v) {
    addressChangeRequest { status decidedBy version receiver { masked } }
  userErrors { code field message } } }"""
_REJECT = """mutation($s: Int!, $id: Int!, $r: String!) { rejectAddressChange(shopId: $s,
  addressChangeId: $id, reason: $r) { addressChangeRequest { status rejectReason }
  userErrors { code } } }"""


async def test_graphql_lists_and_decides(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: str,
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers, state="paid")
    asked = await ask_address_change(client, s, order["id"], internal_headers)
    body = await gql(client, owner, _LIST, {"s": s})
    nodes = body["data"]["shop"]["addressChangeRequests"]["nodes"]
    assert nodes == [
        {
            "databaseId": asked["id"],
            "orderId": order["id"],
            "status": "PENDING",
            "receiver": {"name": "李四", "phone": "13998765432", "masked": False},
            "allowedActions": ["approve", "reject"],
            "autoApproveAt": asked["auto_approve_at"],
        }
    ]
    stale = await gql(client, owner, _APPROVE, {"s": s, "id": asked["id"], "v": 5})
    assert stale["data"]["approveAddressChange"]["userErrors"][0]["code"] == "version_conflict"
    ok = await gql(client, owner, _APPROVE, {"s": s, "id": asked["id"], "v": 1})
    assert ok["data"]["approveAddressChange"] == {
        "addressChangeRequest": {
            "status": "APPROVED",
            "decidedBy": "MERCHANT",
            "version": 2,
            "receiver": {"masked": False},
        },
        "userErrors": [],
    }
    again = await gql(client, owner, _REJECT, {"s": s, "id": asked["id"], "r": "no"})
    assert again["data"]["rejectAddressChange"]["userErrors"][0]["code"] == "invalid_transition"
    missing = await gql(client, owner, _REJECT, {"s": s, "id": 2_000_000_000, "r": "no"})
    assert missing["data"]["rejectAddressChange"]["userErrors"][0]["code"] == "not_found"
    viewer = (await role_headers(db, s, "viewer"))["Authorization"].split()[1]
    denied = await gql(client, viewer, _REJECT, {"s": s, "id": asked["id"], "r": "no"})
    assert denied["data"]["rejectAddressChange"]["userErrors"][0]["code"] == "insufficient_scope"
    plain = await make_token(db, shop_ids=[s], scopes="orders:read")
    masked = await gql(client, plain, _LIST.replace("[PENDING]", "[APPROVED]"), {"s": s})
    [node] = masked["data"]["shop"]["addressChangeRequests"]["nodes"]
    assert node["receiver"] == {"name": "李*", "phone": "139****5432", "masked": True}
