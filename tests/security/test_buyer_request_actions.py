"""``allowed_actions`` of address-change requests and complaints list only what the caller's
role and scopes let it do now (approve/reject need orders:write, respond after_sales:write),
over REST (detail and list) and GraphQL; the owner is offered every one."""

from __future__ import annotations

from typing import Any

import httpx

from app.db import Database
from tests.factories import bearer, make_token
from tests.integration.buyer_requests_support import ask_address_change, complain, gql
from tests.integration.orders_support import new_order, role_headers, v1

_GQL = """query($s: Int!) { shop(id: $s) {
  addressChangeRequests(first: 10) { nodes { allowedActions } }
  complaints(first: 10) { nodes { allowedActions } } } }"""


async def _offered(
    client: httpx.AsyncClient, s: int, headers: dict[str, str], ids: dict[str, int]
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, path in (
        ("address_change", "/address-change-requests"),
        ("complaint", "/complaints"),
    ):
        one = await client.get(v1(s, f"{path}/{ids[name]}"), headers=headers)
        listed = await client.get(v1(s, path), headers=headers)
        assert one.status_code == listed.status_code == 200, (one.text, listed.text)
        [row] = listed.json()["data"]
        assert row["allowed_actions"] == one.json()["allowed_actions"]
        found[name] = one.json()["allowed_actions"]
    token = headers["Authorization"].split()[1]
    shop = (await gql(client, token, _GQL, {"s": s}))["data"]["shop"]
    assert shop["addressChangeRequests"]["nodes"][0]["allowedActions"] == found["address_change"]
    assert shop["complaints"]["nodes"][0]["allowedActions"] == found["complaint"]
    return found


async def test_buyer_requests_offer_only_the_callers_actions(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    s = shop["shop_id"]
    order = await new_order(client, s, internal_headers, state="paid")
    ids = {
        "address_change": (await ask_address_change(client, s, order["id"], internal_headers))[
            "id"
        ],
        "complaint": (await complain(client, s, order["id"], internal_headers))["id"],
    }
    owner = await _offered(client, s, await role_headers(db, s, "owner"), ids)
    assert owner == {"address_change": ["approve", "reject"], "complaint": ["respond"]}
    viewer = await _offered(client, s, await role_headers(db, s, "viewer"), ids)
    assert viewer == {"address_change": [], "complaint": []}
    shipping = await _offered(client, s, await role_headers(db, s, "shipping"), ids)
    assert shipping == {"address_change": ["approve", "reject"], "complaint": []}
    readers = bearer(await make_token(db, shop_ids=[s], scopes="orders:read after_sales:read"))
    assert await _offered(client, s, readers, ids) == viewer
