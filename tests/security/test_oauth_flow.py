"""Authorization code + PKCE end to end: login, consent with shop choice, token, API call."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import func, select

from app.db import Database
from app.models import AuditLog
from tests.factories import bearer
from tests.oauth_support import (
    REDIRECT_URI,
    authorize_params,
    browser,
    csrf_of,
    exchange,
    get_code,
    login,
    make_merchant,
    make_vendor_app,
    pkce,
    query_of,
)


async def test_public_client_full_flow_grants_only_chosen_shops(app: Any, db: Database) -> None:
    merchant = await make_merchant(db, shops=2)
    vendor = await make_vendor_app(db, public=True)
    chosen = merchant.shop_ids[1]
    verifier, challenge = pkce()
    async with browser(app) as c:
        params = authorize_params(vendor.client_id, challenge)
        code = await get_code(c, params, merchant, [chosen])
        r = await exchange(c, vendor, code, verifier)
        assert r.status_code == 200, r.text
        assert r.headers["cache-control"] == "no-store"
        token = r.json()
        assert token["access_token"].startswith("oga_")
        assert token["refresh_token"].startswith("ogr_")
        assert token["token_type"] == "Bearer" and token["expires_in"] == 3600
        assert token["scope"] == "orders:read changes:read"
        assert token["shop_ids"] == [chosen]
        me = await c.get("/v1/me", headers=bearer(token["access_token"]))
    assert me.status_code == 200, me.text
    body = me.json()
    assert body["account"]["id"] == merchant.account_id
    assert body["app"]["client_id"] == vendor.client_id
    assert [s["id"] for s in body["shops"]] == [chosen]
    assert body["scopes"] == ["orders:read", "changes:read"]
    async with db.transaction() as s:
        installs = await s.scalar(
            select(func.count())
            .select_from(AuditLog)
            .where(AuditLog.shop_id == chosen, AuditLog.action == "app.installed")
        )
    assert installs == 1


async def test_confidential_client_authenticates_with_basic(app: Any, db: Database) -> None:
    merchant = await make_merchant(db, shops=1)
    vendor = await make_vendor_app(db)
    verifier, challenge = pkce()
    async with browser(app) as c:
        code = await get_code(c, authorize_params(vendor.client_id, challenge), merchant)
        # Without its secret a confidential client is refused.
        r = await c.post(
            "/oauth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": REDIRECT_URI,
                "code_verifier": verifier,
                "client_id": vendor.client_id,
            },
        )
        assert r.status_code in (400, 401) and r.json()["error"] == "invalid_client"
        r = await exchange(c, vendor, code, verifier)
        assert r.status_code == 200, r.text


async def test_missing_or_plain_pkce_is_rejected_at_authorize(app: Any, db: Database) -> None:
    vendor = await make_vendor_app(db)
    async with browser(app) as c:
        for extra in (
            {},
            {"code_challenge": "a" * 43},
            {"code_challenge": "a" * 43, "code_challenge_method": "plain"},
        ):
            params = authorize_params(vendor.client_id, None, **extra)
            r = await c.get("/oauth/authorize", params=params)
            assert r.status_code == 302, (extra, r.text)
            query = query_of(r.headers["location"])
            assert query["error"] == "invalid_request"
            assert query["state"] == params["state"]


async def test_missing_or_wrong_code_verifier_is_rejected(app: Any, db: Database) -> None:
    merchant = await make_merchant(db, shops=1)
    vendor = await make_vendor_app(db)
    verifier, challenge = pkce()
    async with browser(app) as c:
        code = await get_code(c, authorize_params(vendor.client_id, challenge), merchant)
        r = await exchange(c, vendor, code, None)
        assert r.status_code == 400 and r.json()["error"] == "invalid_request"
        assert r.headers["content-type"].startswith("application/json")
        assert r.json()["code"] == "invalid_request"
        other, _ = pkce()
        r = await exchange(c, vendor, code, other)
        assert r.status_code == 400 and r.json()["error"] == "invalid_grant"
        r = await exchange(c, vendor, code, verifier)
        assert r.status_code == 200, r.text


async def test_wrong_redirect_uri_is_rejected(app: Any, db: Database) -> None:
    merchant = await make_merchant(db, shops=1)
    vendor = await make_vendor_app(db)
    verifier, challenge = pkce()
    async with browser(app) as c:
        for wrong in (REDIRECT_URI + "/x", REDIRECT_URI + "?a=1", "https://evil.example/cb"):
            params = authorize_params(vendor.client_id, challenge, redirect_uri=wrong)
            r = await c.get("/oauth/authorize", params=params)
            # Never redirect to an unregistered URI: an error page instead.
            assert r.status_code == 400, r.text
            assert "location" not in r.headers
        code = await get_code(c, authorize_params(vendor.client_id, challenge), merchant)
        r = await exchange(c, vendor, code, verifier, redirect_uri="http://127.0.0.1:8765/other")
        assert r.status_code == 400 and r.json()["error"] == "invalid_grant"


async def test_code_reuse_is_rejected_and_revokes_its_tokens(app: Any, db: Database) -> None:
    merchant = await make_merchant(db, shops=1)
    vendor = await make_vendor_app(db)
    verifier, challenge = pkce()
    async with browser(app) as c:
        code = await get_code(c, authorize_params(vendor.client_id, challenge), merchant)
        first = await exchange(c, vendor, code, verifier)
        assert first.status_code == 200
        access = first.json()["access_token"]
        assert (await c.get("/v1/me", headers=bearer(access))).status_code == 200
        again = await exchange(c, vendor, code, verifier)
        assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
        me = await c.get("/v1/me", headers=bearer(access))
        assert me.status_code == 401
        refresh = await c.post(
            "/oauth/token",
            data={"grant_type": "refresh_token", "refresh_token": first.json()["refresh_token"]},
            auth=(vendor.client_id, vendor.secret or ""),
        )
        assert refresh.status_code == 400 and refresh.json()["error"] == "invalid_grant"


async def test_deny_redirects_with_access_denied(app: Any, db: Database) -> None:
    merchant = await make_merchant(db, shops=1)
    vendor = await make_vendor_app(db)
    _, challenge = pkce()
    async with browser(app) as c:
        params = authorize_params(vendor.client_id, challenge)
        consent = await login(c, params, merchant.email)
        r = await c.post(
            "/oauth/authorize",
            params=params,
            data={"step": "consent", "csrf_token": csrf_of(consent.text), "decision": "deny"},
        )
    assert r.status_code == 302
    query = query_of(r.headers["location"])
    assert query["error"] == "access_denied" and query["state"] == params["state"]
    assert "code" not in query


async def test_consent_needs_csrf_and_a_shop_of_the_account(app: Any, db: Database) -> None:
    merchant = await make_merchant(db, shops=1)
    stranger = await make_merchant(db, shops=1)
    vendor = await make_vendor_app(db)
    _, challenge = pkce()
    async with browser(app) as c:
        params = authorize_params(vendor.client_id, challenge)
        consent = await login(c, params, merchant.email)
        data = {"step": "consent", "decision": "allow", "shop_ids": str(merchant.shop_ids[0])}
        r = await c.post("/oauth/authorize", params=params, data={**data, "csrf_token": "x"})
        assert r.status_code == 403
        foreign = {
            **data,
            "shop_ids": str(stranger.shop_ids[0]),
            "csrf_token": csrf_of(consent.text),
        }
        r = await c.post("/oauth/authorize", params=params, data=foreign)
        assert r.status_code == 400 and "Choose at least one" in r.text
        assert "location" not in r.headers


async def test_wrong_password_shows_the_login_form_again(app: Any, db: Database) -> None:
    merchant = await make_merchant(db, shops=1)
    vendor = await make_vendor_app(db)
    _, challenge = pkce()
    async with browser(app) as c:
        params = authorize_params(vendor.client_id, challenge)
        page = await c.get("/oauth/authorize", params=params)
        assert 'name="email"' in page.text and 'name="password"' in page.text
        set_cookie = page.headers["set-cookie"]
        assert "httponly" in set_cookie.lower() and "samesite=lax" in set_cookie.lower()
        r = await c.post(
            "/oauth/authorize",
            params=params,
            data={
                "step": "login",
                "csrf_token": csrf_of(page.text),
                "email": merchant.email,
                "password": "wrong",
            },
        )
        assert r.status_code == 400 and "Wrong email or password" in r.text
        assert "og_session" not in r.headers.get("set-cookie", "")


async def test_metadata_document(client: httpx.AsyncClient) -> None:
    r = await client.get("/.well-known/oauth-authorization-server")
    assert r.status_code == 200
    meta = r.json()
    assert meta["issuer"] == "http://testserver"
    assert meta["token_endpoint"] == "http://testserver/oauth/token"
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert "client_credentials" in meta["grant_types_supported"]
    assert "orders:read_pii" in meta["scopes_supported"]
