"""``/v1/me`` and ``/v1/shops``: principals, effective scopes per shop, 401 rules."""

from __future__ import annotations

import httpx

from app.db import Database
from tests.factories import add_staff, bearer, make_shop, make_token


async def test_me_lists_shops_and_effective_scopes(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    second = await make_shop(db, owner_id=shop["owner_id"])
    token = await make_token(db, shop_ids=[shop["shop_id"], second])
    r = await client.get("/v1/me", headers=bearer(token))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["account"]["id"] == shop["owner_id"]
    assert body["app"]["name"] == "test-app"
    assert [s["id"] for s in body["shops"]] == sorted([shop["shop_id"], second])
    assert "staff:manage" in body["scopes"]
    r = await client.get("/v1/shops", headers=bearer(token))
    assert r.status_code == 200
    assert {s["id"] for s in r.json()["data"]} == {shop["shop_id"], second}


async def test_effective_scopes_are_granted_intersect_role(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    viewer = await add_staff(db, shop_id=shop["shop_id"], role="viewer")
    token = await make_token(
        db, shop_ids=[shop["shop_id"]], account_id=viewer, scopes="orders:read orders:write"
    )
    r = await client.get("/v1/shops", headers=bearer(token))
    assert r.json()["data"][0]["scopes"] == ["orders:read"]


async def test_missing_malformed_and_unknown_tokens_are_401(client: httpx.AsyncClient) -> None:
    for headers in ({}, bearer("nope"), bearer("oga_" + "x" * 43), {"Authorization": "Basic x"}):
        r = await client.get("/v1/me", headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] == "unauthorized"
        assert r.headers["www-authenticate"].startswith("Bearer")
