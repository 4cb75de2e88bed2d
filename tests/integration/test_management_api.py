"""Staff, apps, grants and the audit log through the REST API."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from app.db import Database
from app.models import AuditLog
from tests.factories import add_staff, bearer, make_account, make_shop, make_token


async def audit_actions(db: Database, shop_id: int) -> list[str]:
    async with db.transaction() as s:
        rows = await s.scalars(
            select(AuditLog.action).where(AuditLog.shop_id == shop_id).order_by(AuditLog.id)
        )
        return list(rows)


async def test_staff_crud_by_owner_is_audited(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    owner = bearer(await make_token(db, shop_ids=[shop_id]))
    base = f"/v1/shops/{shop_id}/staff"
    email = f"clerk-{shop_id}@example.test"
    r = await client.post(
        base, json={"email": email, "role": "viewer", "password": "s3cret-pass"}, headers=owner
    )
    assert r.status_code == 201, r.text
    member = r.json()
    assert member["role"] == "viewer" and member["email"] == email
    assert r.headers["location"] == f"{base}/{member['account_id']}"
    again = await client.post(base, json={"email": email, "role": "shipping"}, headers=owner)
    assert again.status_code == 409

    page = (await client.get(base, headers=owner)).json()
    assert page["has_more"] is False and page["next_cursor"] is None
    listed = page["data"]
    assert {m["role"] for m in listed} == {"owner", "viewer"}
    assert next(m for m in listed if m["role"] == "viewer")["scopes"] == [
        "orders:read",
        "after_sales:read",
        "changes:read",
        "metrics:read",
    ]

    r = await client.patch(
        f"{base}/{member['account_id']}", json={"role": "shipping"}, headers=owner
    )
    assert r.status_code == 200 and r.json()["role"] == "shipping"
    assert "orders:write" in r.json()["scopes"]
    owner_change = await client.patch(
        f"{base}/{shop['owner_id']}", json={"role": "viewer"}, headers=owner
    )
    assert owner_change.status_code == 409
    assert (await client.delete(f"{base}/{member['account_id']}", headers=owner)).status_code == 204
    assert (await client.delete(f"{base}/{member['account_id']}", headers=owner)).status_code == 404
    assert await audit_actions(db, shop_id) == [
        "staff.added",
        "staff.role_changed",
        "staff.removed",
    ]


async def test_staff_endpoints_are_owner_only(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    for role in ("viewer", "after_sales", "shipping"):
        staff = await add_staff(db, shop_id=shop_id, role=role)
        token = bearer(await make_token(db, shop_ids=[shop_id], account_id=staff))
        for method, path, body in (
            ("GET", "staff", None),
            ("POST", "staff", {"email": "x@example.test", "role": "viewer", "password": "p" * 9}),
            ("GET", "audit-log", None),
            ("GET", "grants", None),
        ):
            r = await client.request(
                method, f"/v1/shops/{shop_id}/{path}", json=body, headers=token
            )
            assert r.status_code == 403, (role, path, r.text)
            assert r.json()["code"] == "insufficient_scope"


async def test_apps_secret_shown_once_and_delete_kills_tokens(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    owner = bearer(await make_token(db, shop_ids=[shop_id], client_name="console"))
    r = await client.post(
        "/v1/apps",
        json={
            "name": "My ERP",
            "redirect_uris": ["https://erp.example/cb"],
            "scope": "orders:read",
        },
        headers=owner,
    )
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["client_secret"].startswith("ogs_")
    assert created["client_id"].startswith("ogc_")
    assert r.headers["location"] == f"/v1/apps/{created['id']}"
    assert r.headers["cache-control"] == "no-store"
    assert created["client_type"] == "confidential" and created["scope"] == "orders:read"
    page = (await client.get("/v1/apps", headers=owner)).json()
    assert page["has_more"] is False and page["next_cursor"] is None
    mine = [a for a in page["data"] if a["id"] == created["id"]]
    assert mine == [{k: v for k, v in created.items() if k != "client_secret"}]
    public = await client.post(
        "/v1/apps",
        json={"name": "desk", "client_type": "public", "redirect_uris": ["http://127.0.0.1/cb"]},
        headers=owner,
    )
    assert public.status_code == 201 and public.json()["client_secret"] is None
    unknown = await client.post(
        "/v1/apps", json={"name": "x", "scope": "orders:read root"}, headers=owner
    )
    assert unknown.status_code == 422 and unknown.json()["code"] == "validation_error"
    not_json = await client.post(
        "/v1/apps", content=b"\xff{", headers={**owner, "Content-Type": "application/json"}
    )
    assert not_json.status_code == 400, not_json.text
    bad = await client.post(
        "/v1/apps", json={"name": "x", "redirect_uris": ["http://evil.example/cb"]}, headers=owner
    )
    assert bad.status_code == 422

    erp_token = bearer(await make_token(db, shop_ids=[shop_id], client_name="My ERP"))
    assert (await client.get("/v1/me", headers=erp_token)).status_code == 200
    assert (await client.delete(f"/v1/apps/{created['id']}", headers=owner)).status_code == 204
    assert (await client.get("/v1/me", headers=erp_token)).status_code == 401
    assert (await client.delete(f"/v1/apps/{created['id']}", headers=owner)).status_code == 404
    assert "app.deleted" in await audit_actions(db, shop_id)


async def test_private_app_only_on_own_shops(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    owner = bearer(await make_token(db, shop_ids=[shop["shop_id"]]))
    other = await make_shop(db, owner_id=await make_account(db))
    r = await client.post(
        "/v1/apps",
        json={"name": "sync", "private_shop_ids": [other]},
        headers=owner,
    )
    assert r.status_code == 404
    r = await client.post(
        "/v1/apps",
        json={"name": "sync", "private_shop_ids": [shop["shop_id"]]},
        headers=owner,
    )
    assert r.status_code == 201, r.text
    assert r.json()["private_shop_ids"] == [shop["shop_id"]]


async def test_grant_revocation_removes_the_shop_from_tokens(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    second = await make_shop(db, owner_id=shop["owner_id"])
    owner = bearer(await make_token(db, shop_ids=[shop_id], client_name="console"))
    erp = bearer(await make_token(db, shop_ids=[shop_id, second], client_name="erp"))
    page = (await client.get(f"/v1/shops/{shop_id}/grants", headers=owner)).json()
    assert page["has_more"] is False and page["next_cursor"] is None
    grants = page["data"]
    erp_grant = next(g for g in grants if g["app_name"] == "erp")
    r = await client.delete(f"/v1/shops/{shop_id}/grants/{erp_grant['app_id']}", headers=owner)
    assert r.status_code == 204
    shops = (await client.get("/v1/shops", headers=erp)).json()["data"]
    assert [s["id"] for s in shops] == [second]
    r = await client.get(f"/v1/shops/{shop_id}/changes", headers=erp)
    assert r.status_code == 404
    assert "app.uninstalled" in await audit_actions(db, shop_id)


async def test_audit_log_filters_and_keyset_pages(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    owner_token = await make_token(db, shop_ids=[shop_id])
    owner = bearer(owner_token)
    for n in range(3):
        r = await client.post(
            f"/v1/shops/{shop_id}/staff",
            json={"email": f"a{n}-{shop_id}@example.test", "role": "viewer", "password": "p" * 9},
            headers=owner,
        )
        assert r.status_code == 201
    base = f"/v1/shops/{shop_id}/audit-log"
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(base, params=params, headers=owner)).json()
        seen += page["data"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert [e["action"] for e in seen] == ["staff.added"] * 3
    assert [e["id"] for e in seen] == sorted((e["id"] for e in seen), reverse=True)
    entry = seen[0]
    assert entry["actor"]["account_id"] == shop["owner_id"]
    assert entry["actor"]["token_id"] is not None
    assert entry["request_id"] and entry["ip"]

    by_entity = await client.get(
        base, params={"entity": "staff", "entity_id": entry["entity_id"]}, headers=owner
    )
    assert [e["id"] for e in by_entity.json()["data"]] == [entry["id"]]
    actor = f"account:{shop['owner_id']}"
    assert len((await client.get(base, params={"actor": actor}, headers=owner)).json()["data"]) == 3
    none = await client.get(base, params={"action": "order.shipped"}, headers=owner)
    assert none.json()["data"] == []
    later = await client.get(base, params={"created_from": "2999-01-01T00:00:00Z"}, headers=owner)
    assert later.json()["data"] == []
    for actor in ("root", "account:9999999999999999999"):  # the id is past bigint
        bad = await client.get(base, params={"actor": actor}, headers=owner)
        assert bad.status_code == 422 and bad.json()["code"] == "validation_error", bad.text
    bad_cursor = await client.get(base, params={"cursor": "nope"}, headers=owner)
    assert bad_cursor.status_code == 400 and bad_cursor.json()["code"] == "invalid_cursor"
