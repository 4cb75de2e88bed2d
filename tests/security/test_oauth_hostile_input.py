"""Hostile input on the OAuth endpoints (outside the OpenAPI-driven sweep: they read forms
themselves): a NUL, a non-ASCII character or a quote in any protocol parameter, or a NUL in
the login form's email, fails the ordinary OAuth way, never as a 500."""

from __future__ import annotations

from typing import Any

import httpx

from app.db import Database
from tests.oauth_support import (
    PASSWORD,
    authorize_params,
    csrf_of,
    make_merchant,
    make_vendor_app,
    pkce,
    random_ip,
)

HOSTILE = ("nul\u0000here", 'code"代码')


def _wrong(r: httpx.Response) -> str | None:
    """Why ``r`` is not an acceptable OAuth answer to hostile input (None: it is)."""
    if r.status_code >= 500:
        return f"{r.status_code} {r.text[:160]}"
    media = r.headers.get("content-type", "")
    if r.status_code < 400 or media.startswith("text/html"):  # authorize: an error page
        return None
    if not media.startswith(("application/json", "application/problem+json")):
        return f"{r.status_code} {media}"
    if not isinstance(r.json().get("code"), str):
        return f"{r.status_code}: no code"
    return None


def _client(app: Any) -> httpx.AsyncClient:
    """A client from its own address: the per-IP login/token throttle must not answer for us."""
    transport = httpx.ASGITransport(
        app=app, raise_app_exceptions=False, client=(random_ip(), 40000)
    )
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def test_hostile_protocol_parameters_and_login_email_fail_without_5xx(
    app: Any, db: Database
) -> None:
    merchant = await make_merchant(db, shops=1)
    vendor = await make_vendor_app(db)
    basic = (vendor.client_id, vendor.secret or "")
    _, challenge = pkce()
    base = authorize_params(vendor.client_id, challenge)
    failures = []

    async def check(what: str, r: httpx.Response) -> httpx.Response:
        if (why := _wrong(r)) is not None:
            failures.append(f"{what}: {why}")
        return r

    async with _client(app) as c:
        for value in HOSTILE:
            for name in base:
                await check(
                    f"GET authorize {name}={value!r}",
                    await c.get("/oauth/authorize", params={**base, name: value}),
                )
    for value in HOSTILE:
        for data in (
            {"grant_type": "authorization_code", "code": value, "redirect_uri": value},
            {"grant_type": "refresh_token", "refresh_token": value, "scope": value},
            {"grant_type": value},
            {"grant_type": "client_credentials", "scope": value},
        ):
            public = {**data, "client_id": value}
            async with _client(app) as c:
                await check(f"token {data}", await c.post("/oauth/token", data=data, auth=basic))
                await check(f"token {public}", await c.post("/oauth/token", data=public))
        for path in ("/oauth/revoke", "/oauth/introspect"):
            form = {"token": value, "token_type_hint": value}
            async with _client(app) as c:
                await check(f"{path} {value!r}", await c.post(path, data=form, auth=basic))
    async with _client(app) as c:
        page = await c.get("/oauth/authorize", params=base)
        login = {"step": "login", "csrf_token": csrf_of(page.text), "password": PASSWORD}
        r = await check(
            "login email NUL",
            await c.post("/oauth/authorize", params=base, data={**login, "email": HOSTILE[0]}),
        )
        assert r.status_code == 400 and "Wrong email or password" in r.text, r.text[:300]
        # The same form with the real email still signs in: nothing else was refused.
        r = await c.post("/oauth/authorize", params=base, data={**login, "email": merchant.email})
        assert r.status_code == 303, r.text[:300]
    assert not failures, "\n".join(failures)
