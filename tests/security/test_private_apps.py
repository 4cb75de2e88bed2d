"""Private apps cannot escalate: their scopes stay within their creator's on every shop they are
bound to, and they end with the grant, membership or third-party token that made them."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from app.db import Database
from app.domain.apps.service import create_app
from app.domain.tokens.service import issue_tokens
from app.models import AuditLog
from tests.factories import add_staff, bearer, make_token
from tests.oauth_support import App, browser, full_flow, make_merchant, make_vendor_app


async def new_private_app(
    c: httpx.AsyncClient, token: str, shop_id: int, scope: str | None
) -> httpx.Response:
    body: dict[str, Any] = {"name": "backdoor", "private_shop_ids": [shop_id]}
    if scope is not None:
        body["scope"] = scope
    return await c.post("/v1/apps", json=body, headers=bearer(token))


async def client_credentials(c: httpx.AsyncClient, app: dict[str, Any], scope: str) -> Any:
    return await c.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "scope": scope},
        auth=(app["client_id"], app["client_secret"]),
    )


async def working_private_app(
    c: httpx.AsyncClient, token: str, shop_id: int, scope: str = "orders:read"
) -> tuple[dict[str, Any], str]:
    """A private app made with ``token`` and a client-credentials token that works."""
    r = await new_private_app(c, token, shop_id, scope)
    assert r.status_code == 201, r.text
    app = r.json()
    minted = await client_credentials(c, app, scope)
    assert minted.status_code == 200, minted.text
    access = minted.json()["access_token"]
    assert (await c.get("/v1/me", headers=bearer(access))).status_code == 200
    return app, access


async def assert_revoked(c: httpx.AsyncClient, app: dict[str, Any], access: str) -> None:
    assert (await c.get("/v1/me", headers=bearer(access))).status_code == 401
    refused = await client_credentials(c, app, "orders:read")
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"


async def audit_of(db: Database, shop_id: int, action: str) -> list[Any]:
    async with db.transaction() as s:
        rows = await s.scalars(
            select(AuditLog).where(AuditLog.shop_id == shop_id, AuditLog.action == action)
        )
        return list(rows)


async def test_a_staff_manage_token_cannot_mint_more_scopes_through_a_private_app(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id], scopes="staff:manage", client_name="staff")
    async with browser(app) as c:
        for scope in ("all", None, "orders:read_pii staff:manage"):
            r = await new_private_app(c, token, shop_id, scope)
            assert r.status_code == 403, (scope, r.text)
            problem = r.json()
            assert problem["code"] == "insufficient_scope"
            assert "orders:read_pii" in problem["scope"].split()
            assert "staff:manage" not in problem["scope"].split()
        # Within the creator's scopes it works, and asking the token endpoint for more gets
        # nothing more.
        made = await new_private_app(c, token, shop_id, "staff:manage")
        assert made.status_code == 201, made.text
        assert made.json()["scope"] == "staff:manage"
        minted = await client_credentials(c, made.json(), "orders:read_pii staff:manage")
        assert minted.status_code == 200, minted.text
        assert minted.json()["scope"] == "staff:manage"
        pii = await c.get(
            f"/v1/shops/{shop_id}/orders", headers=bearer(minted.json()["access_token"])
        )
        assert pii.status_code == 403


async def test_a_private_app_is_revoked_with_the_grant_it_was_made_through(
    app: Any, db: Database
) -> None:
    merchant = await make_merchant(db, shops=2)
    shop_id, other_shop = merchant.shop_ids
    vendor = await make_vendor_app(db)
    console = await make_token(db, shop_ids=merchant.shop_ids, client_name="console")
    async with browser(app) as c:
        granted = await full_flow(c, db, vendor, merchant, scope="staff:manage orders:read")
        made, access = await working_private_app(c, granted["access_token"], shop_id)
        elsewhere, elsewhere_access = await working_private_app(
            c, granted["access_token"], other_shop
        )
        own, own_access = await working_private_app(c, console, shop_id)

        r = await c.delete(f"/v1/shops/{shop_id}/grants/{vendor.id}", headers=bearer(console))
        assert r.status_code == 204, r.text
        await assert_revoked(c, made, access)
        # Made through the same app on a shop it is still installed on, or through another
        # app on this shop: untouched.
        assert (await c.get("/v1/me", headers=bearer(elsewhere_access))).status_code == 200
        assert (await c.get("/v1/me", headers=bearer(own_access))).status_code == 200
        listed = (await c.get("/v1/apps", headers=bearer(console))).json()["data"]
        assert made["id"] not in {a["id"] for a in listed}
        assert {elsewhere["id"], own["id"]} <= {a["id"] for a in listed}
    [audit] = await audit_of(db, shop_id, "app.revoked")
    assert audit.entity_id == made["id"]
    assert "uninstalled" in audit.data["reason"]


async def test_a_private_app_is_revoked_with_its_owners_membership(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    owner = await make_token(db, shop_ids=[shop_id], client_name="console")
    leaving = await add_staff(db, shop_id=shop_id, role="owner")
    demoted = await add_staff(db, shop_id=shop_id, role="owner")
    async with browser(app) as c:
        left_app, left_access = await working_private_app(
            c, await make_token(db, shop_ids=[shop_id], account_id=leaving), shop_id
        )
        demoted_app, demoted_access = await working_private_app(
            c, await make_token(db, shop_ids=[shop_id], account_id=demoted), shop_id
        )
        r = await c.delete(f"/v1/shops/{shop_id}/staff/{leaving}", headers=bearer(owner))
        assert r.status_code == 204, r.text
        await assert_revoked(c, left_app, left_access)
        assert (await c.get("/v1/me", headers=bearer(demoted_access))).status_code == 200

        r = await c.patch(
            f"/v1/shops/{shop_id}/staff/{demoted}", json={"role": "viewer"}, headers=bearer(owner)
        )
        assert r.status_code == 200, r.text
        await assert_revoked(c, demoted_app, demoted_access)
    assert {a.entity_id for a in await audit_of(db, shop_id, "app.revoked")} == {
        left_app["id"],
        demoted_app["id"],
    }


async def revoke(c: httpx.AsyncClient, app: App, token: str) -> None:
    r = await c.post("/oauth/revoke", data={"token": token}, auth=(app.client_id, app.secret or ""))
    assert r.status_code == 200, r.text


async def test_a_private_app_is_revoked_with_the_third_party_token_that_made_it(
    app: Any, db: Database
) -> None:
    merchant = await make_merchant(db, shops=1)
    [shop_id] = merchant.shop_ids
    vendor = await make_vendor_app(db)
    async with browser(app) as c:
        granted = await full_flow(c, db, vendor, merchant, scope="staff:manage orders:read")
        made, access = await working_private_app(c, granted["access_token"], shop_id)
        await revoke(c, vendor, granted["access_token"])
        await assert_revoked(c, made, access)


async def test_signing_out_of_a_first_party_app_keeps_the_private_apps_made_there(
    app: Any, db: Database
) -> None:
    merchant = await make_merchant(db, shops=1)
    [shop_id] = merchant.shop_ids
    async with db.transaction() as s:
        created = await create_app(
            s, owner_account_id=merchant.account_id, name="first-party", first_party=True
        )
        issued = await issue_tokens(
            s, client_id=created.id, account_id=merchant.account_id, shop_ids=[shop_id], scope="all"
        )
    console = App(created.id, created.client_id, created.client_secret)
    async with browser(app) as c:
        made, access = await working_private_app(c, issued.access_token, shop_id)
        assert issued.refresh_token
        await revoke(c, console, issued.refresh_token)  # the whole family, like a sign-out
        assert (await c.get("/v1/me", headers=bearer(issued.access_token))).status_code == 401
        assert (await c.get("/v1/me", headers=bearer(access))).status_code == 200
        again = await client_credentials(c, made, "orders:read")
        assert again.status_code == 200, again.text
