"""Buyers' complaints: filed through the internal API, answered by the merchant over REST and
GraphQL; filters, roles, tenants, the change feed, and the metrics helper."""

from __future__ import annotations

import httpx
import pytest

from app.db import Database
from app.domain.access.scope import ShopScope
from app.domain.complaints.repository import ComplaintRepository
from app.errors import NotFound
from tests.factories import bearer, make_account, make_shop, make_token
from tests.integration.buyer_requests_support import change_types, complain, gql
from tests.integration.orders_support import internal, new_order, role_headers, v1


@pytest.fixture
async def owner(db: Database, shop: dict[str, int]) -> str:
    return await make_token(db, shop_ids=[shop["shop_id"]])


async def test_file_list_filter_and_respond(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: str,
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers, state="shipped")
    other_order = await new_order(client, s, internal_headers)
    quality = await complain(client, s, order["id"], internal_headers)
    late = await complain(client, s, order["id"], internal_headers, kind="logistics")
    service = await complain(client, s, other_order["id"], internal_headers, kind="service")
    assert quality["status"] == "open" and quality["allowed_actions"] == ["respond"]
    assert quality["response"] is None and quality["responded_at"] is None

    async def ids(**params: object) -> list[int]:
        r = await client.get(v1(s, "/complaints"), params=params, headers=bearer(owner))
        assert r.status_code == 200, r.text
        return [c["id"] for c in r.json()["data"]]

    assert await ids() == [service["id"], late["id"], quality["id"]]
    assert await ids(kind=["quality", "service"]) == [service["id"], quality["id"]]
    assert await ids(order_id=order["id"], kind="logistics") == [late["id"]]

    url = v1(s, f"/complaints/{quality['id']}/respond")
    empty = await client.post(url, json={"message": "  "}, headers=bearer(owner))
    assert empty.status_code == 422
    stale = await client.post(
        url, json={"message": "Sorry", "expected_version": 3}, headers=bearer(owner)
    )
    assert stale.status_code == 409 and stale.json()["code"] == "version_conflict"
    r = await client.post(
        url, json={"message": "A replacement ships today."}, headers=bearer(owner)
    )
    assert r.status_code == 200, r.text
    answered = r.json()
    assert answered["status"] == "responded" and answered["version"] == 2
    assert answered["response"] == "A replacement ships today." and answered["responded_at"]
    assert r.headers["ETag"] == '"2"'
    twice = await client.post(url, json={"message": "again"}, headers=bearer(owner))
    assert twice.status_code == 409 and twice.json()["code"] == "invalid_transition"

    assert await ids(status="open") == [service["id"], late["id"]]
    assert await ids(status="responded") == [quality["id"]]
    detail = (await client.get(v1(s, f"/orders/{order['id']}"), headers=bearer(owner))).json()
    kinds = [e["kind"] for e in detail["timeline"]]
    assert kinds[-3:] == ["complaint.opened", "complaint.opened", "complaint.responded"]
    assert await change_types(db, s, "complaint") == [
        "complaint.opened",
        "complaint.opened",
        "complaint.opened",
        "complaint.responded",
    ]


async def test_bad_input_unknown_orders_and_roles(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers)
    path = internal(s, f"/orders/{order['id']}/complaints")
    for body in ({"kind": "rude", "description": "x"}, {"kind": "other", "description": ""}):
        r = await client.post(path, json=body, headers=internal_headers)
        assert r.status_code == 422, body
    r = await client.post(
        internal(s, "/orders/999999999/complaints"),
        json={"kind": "other", "description": "x"},
        headers=internal_headers,
    )
    assert r.status_code == 404
    made = await complain(client, s, order["id"], internal_headers)
    url = v1(s, f"/complaints/{made['id']}/respond")
    for role in ("viewer", "shipping"):
        r = await client.post(url, json={"message": "hi"}, headers=await role_headers(db, s, role))
        assert r.status_code == 403 and r.json()["code"] == "insufficient_scope", role
    viewer = await role_headers(db, s, "viewer")
    assert (await client.get(v1(s, f"/complaints/{made['id']}"), headers=viewer)).status_code == 200
    r = await client.post(
        url, json={"message": "hi"}, headers=await role_headers(db, s, "after_sales")
    )
    assert r.status_code == 200


async def test_other_tenants_see_nothing(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers)
    made = await complain(client, s, order["id"], internal_headers)
    other_owner = await make_account(db)
    other_shop = await make_shop(db, owner_id=other_owner)
    other = bearer(await make_token(db, shop_ids=[other_shop], account_id=other_owner))
    for method, path in (
        ("GET", v1(s, "/complaints")),
        ("GET", v1(s, f"/complaints/{made['id']}")),
        ("POST", v1(s, f"/complaints/{made['id']}/respond")),
        ("POST", v1(other_shop, f"/complaints/{made['id']}/respond")),
    ):
        body = {"message": "x"} if method == "POST" else None
        r = await client.request(method, path, headers=other, json=body)
        assert r.status_code == 404, (method, path)
    repo = ComplaintRepository
    async with db.transaction() as session:
        mine = repo(session, ShopScope.of([s]))
        assert await mine.orders_with_complaint(s, [order["id"], order["id"] + 1]) == {order["id"]}
        theirs = repo(session, ShopScope.of([other_shop]))
        with pytest.raises(NotFound):
            await theirs.orders_with_complaint(s, [order["id"]])


_LIST = """query($s: Int!, $f: ComplaintFilterInput) { shop(id: $s) {
  complaints(filter: $f, first: 1) { nodes { databaseId kind status description response
  allowedActions } pageInfo { hasNextPage endCursor } } } }"""
_RESPOND = """mutation($s: Int!, $id: Int!, $m: String!, $v: Int) { respondToComplaint(shopId: $s,
  complaintId: $id, message: $m, expectedVersion: $v) { complaint { status response version }
  userErrors { code field } } }"""


async def test_graphql_lists_and_responds(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: str,
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers)
    first = await complain(client, s, order["id"], internal_headers, kind="not_as_described")
    second = await complain(client, s, order["id"], internal_headers, kind="other")
    page = (await gql(client, owner, _LIST, {"s": s}))["data"]["shop"]["complaints"]
    assert [n["databaseId"] for n in page["nodes"]] == [second["id"]]
    assert page["pageInfo"]["hasNextPage"] is True
    filtered = await gql(client, owner, _LIST, {"s": s, "f": {"kind": ["NOT_AS_DESCRIBED"]}})
    assert filtered["data"]["shop"]["complaints"]["nodes"] == [
        {
            "databaseId": first["id"],
            "kind": "NOT_AS_DESCRIBED",
            "status": "OPEN",
            "description": "The collar arrived torn",
            "response": None,
            "allowedActions": ["respond"],
        }
    ]
    blank = await gql(client, owner, _RESPOND, {"s": s, "id": first["id"], "m": " "})
    assert blank["data"]["respondToComplaint"]["userErrors"][0]["code"] == "validation_error"
    ok = await gql(client, owner, _RESPOND, {"s": s, "id": first["id"], "m": "Refunded", "v": 1})
    assert ok["data"]["respondToComplaint"] == {
        "complaint": {"status": "RESPONDED", "response": "Refunded", "version": 2},
        "userErrors": [],
    }
    again = await gql(client, owner, _RESPOND, {"s": s, "id": first["id"], "m": "x"})
    assert again["data"]["respondToComplaint"]["userErrors"][0]["code"] == "invalid_transition"
    shipping = (await role_headers(db, s, "shipping"))["Authorization"].split()[1]
    denied = await gql(client, shipping, _RESPOND, {"s": s, "id": second["id"], "m": "x"})
    assert denied["data"]["respondToComplaint"]["userErrors"][0]["code"] == "insufficient_scope"
    no_read = await make_token(db, shop_ids=[s], scopes="orders:read")
    hidden = await gql(client, no_read, _LIST, {"s": s})
    assert hidden["errors"][0]["extensions"]["code"] == "INSUFFICIENT_SCOPE"
