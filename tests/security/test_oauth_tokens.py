"""Refresh rotation (race + grace + family revocation), revoke/introspect, client credentials,
per-IP limits."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.config import Settings
from app.db import Database
from app.domain.access.secrets import hash_secret
from app.kit.clock import frozen
from app.models import OAuthToken
from tests.factories import bearer, make_app
from tests.oauth_support import (
    App,
    browser,
    full_flow,
    make_merchant,
    make_vendor_app,
    random_ip,
    token_request,
)


async def refresh(c: httpx.AsyncClient, app: App, token: str) -> httpx.Response:
    return await token_request(c, app, {"grant_type": "refresh_token", "refresh_token": token})


async def rotated_at(db: Database, refresh_token: str) -> Any:
    async with db.transaction() as s:
        return await s.scalar(
            select(OAuthToken.rotated_at).where(
                OAuthToken.refresh_token_hash == hash_secret(refresh_token)
            )
        )


@pytest.mark.parametrize("public", [False, True])
async def test_concurrent_refreshes_get_the_same_new_pair(
    app: Any, db: Database, public: bool
) -> None:
    merchant = await make_merchant(db, shops=1)
    vendor = await make_vendor_app(db, public=public)
    async with browser(app) as c:
        first = await full_flow(c, db, vendor, merchant)
        old = first["refresh_token"]
        a, b = await asyncio.gather(refresh(c, vendor, old), refresh(c, vendor, old))
        assert a.status_code == b.status_code == 200, (a.text, b.text)
        pair_a = (a.json()["access_token"], a.json()["refresh_token"])
        pair_b = (b.json()["access_token"], b.json()["refresh_token"])
        assert pair_a == pair_b
        assert pair_a[1] != old
        assert (await c.get("/v1/me", headers=bearer(pair_a[0]))).status_code == 200
        # The new refresh token rotates normally.
        again = await refresh(c, vendor, pair_a[1])
        assert again.status_code == 200
        assert again.json()["refresh_token"] not in (old, pair_a[1])


async def test_old_refresh_token_after_grace_revokes_the_family(
    app: Any, settings: Settings, db: Database
) -> None:
    merchant = await make_merchant(db, shops=1)
    vendor = await make_vendor_app(db)
    async with browser(app) as c:
        first = await full_flow(c, db, vendor, merchant)
        old = first["refresh_token"]
        rotated = await refresh(c, vendor, old)
        assert rotated.status_code == 200
        new = rotated.json()
        # The clock, not the test, moves past the grace window.
        past_grace = await rotated_at(db, old) + timedelta(seconds=settings.refresh_grace_seconds)
        with frozen(past_grace + timedelta(seconds=1)):
            reuse = await refresh(c, vendor, old)
        assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"
        # The whole family is gone: the legitimate newer pair too.
        for access in (first["access_token"], new["access_token"]):
            r = await c.get("/v1/me", headers=bearer(access))
            assert r.status_code == 401
            assert r.headers["www-authenticate"].startswith("Bearer")
        later = await refresh(c, vendor, new["refresh_token"])
        assert later.status_code == 400 and later.json()["error"] == "invalid_grant"


async def test_revoke_then_introspect_inactive_then_api_401(app: Any, db: Database) -> None:
    merchant = await make_merchant(db, shops=1)
    vendor = await make_vendor_app(db)
    auth = (vendor.client_id, vendor.secret or "")
    async with browser(app) as c:
        tokens = await full_flow(c, db, vendor, merchant)
        access = tokens["access_token"]
        info = await c.post("/oauth/introspect", data={"token": access}, auth=auth)
        assert info.status_code == 200
        body = info.json()
        assert body["active"] is True
        assert body["client_id"] == vendor.client_id
        assert body["sub"] == str(merchant.account_id)
        assert body["scope"] == "orders:read changes:read"
        assert body["exp"] > body["iat"]

        r = await c.post("/oauth/revoke", data={"token": access}, auth=auth)
        assert r.status_code == 200
        info = await c.post("/oauth/introspect", data={"token": access}, auth=auth)
        assert info.json() == {"active": False}
        me = await c.get("/v1/me", headers=bearer(access))
        assert me.status_code == 401
        assert me.json()["code"] == "unauthorized"
        assert me.headers["www-authenticate"].startswith("Bearer")

        # Revoking the refresh token kills the rest of the family.
        r = await c.post("/oauth/revoke", data={"token": tokens["refresh_token"]}, auth=auth)
        assert r.status_code == 200
        again = await token_request(
            c, vendor, {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
        )
        assert again.status_code == 400


async def test_introspection_is_limited_to_the_clients_own_tokens(app: Any, db: Database) -> None:
    merchant = await make_merchant(db, shops=1)
    vendor = await make_vendor_app(db)
    other = await make_vendor_app(db)
    async with browser(app) as c:
        tokens = await full_flow(c, db, vendor, merchant)
        info = await c.post(
            "/oauth/introspect",
            data={"token": tokens["access_token"]},
            auth=(other.client_id, other.secret or ""),
        )
        assert info.json() == {"active": False}
        # Revoking someone else's token is a silent no-op (RFC 7009).
        r = await c.post(
            "/oauth/revoke",
            data={"token": tokens["access_token"]},
            auth=(other.client_id, other.secret or ""),
        )
        assert r.status_code == 200
        assert (await c.get("/v1/me", headers=bearer(tokens["access_token"]))).status_code == 200
        bad = await c.post("/oauth/introspect", data={"token": "x"}, auth=(other.client_id, "no"))
        assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"


async def test_client_credentials_for_a_private_app(app: Any, db: Database) -> None:
    merchant = await make_merchant(db, shops=2)
    bound = merchant.shop_ids[:1]
    _, client_id, secret = await make_app(
        db, owner_id=merchant.account_id, name="my-sync", private_shop_ids=bound
    )
    assert secret
    async with browser(app) as c:
        r = await c.post(
            "/oauth/token",
            data={"grant_type": "client_credentials", "scope": "orders:read"},
            auth=(client_id, secret),
        )
        assert r.status_code == 200, r.text
        token = r.json()
        assert "refresh_token" not in token
        assert token["shop_ids"] == bound and token["scope"] == "orders:read"
        me = await c.get("/v1/me", headers=bearer(token["access_token"]))
        assert [s["id"] for s in me.json()["shops"]] == bound
        # A wrong secret, and a public or non-private app, are refused.
        r = await c.post(
            "/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, "ogs_no")
        )
        assert r.status_code == 401 and r.json()["error"] == "invalid_client"
        vendor = await make_vendor_app(db)
        r = await c.post(
            "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(vendor.client_id, vendor.secret or ""),
        )
        assert r.status_code == 400 and r.json()["error"] == "unauthorized_client"


async def test_token_endpoint_is_limited_per_ip(app: Any, settings: Settings) -> None:
    ip = random_ip()
    body = {"grant_type": "authorization_code", "code": "nope", "client_id": "ogc_nope"}
    async with browser(app, ip) as c:
        statuses = [
            (await c.post("/oauth/token", data=body)).status_code
            for _ in range(settings.auth_attempts_per_minute)
        ]
        assert 429 not in statuses
        r = await c.post("/oauth/token", data=body)
    assert r.status_code == 429
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "rate_limited"
    assert int(r.headers["retry-after"]) >= 1
    # Another address is unaffected.
    async with browser(app) as c:
        assert (await c.post("/oauth/token", data=body)).status_code != 429
