"""Drive the OAuth flow like a browser and an integrator would, through the ASGI app."""

from __future__ import annotations

import base64
import hashlib
import random
import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from app.db import Database
from tests.factories import make_account, make_app, make_shop, unique_email

REDIRECT_URI = "http://127.0.0.1:8765/callback"
PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def random_ip() -> str:
    """Per-IP auth limits: each test browses from its own address."""
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


@asynccontextmanager
async def browser(app: Any, ip: str | None = None) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=(ip or random_ip(), 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match, html
    return match.group(1)


def query_of(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


@dataclass
class Merchant:
    account_id: int
    email: str
    shop_ids: list[int]


@dataclass
class App:
    id: int
    client_id: str
    secret: str | None


async def make_merchant(db: Database, shops: int = 2) -> Merchant:
    email = unique_email("merchant")
    account_id = await make_account(db, email=email, password=PASSWORD)
    shop_ids = [await make_shop(db, owner_id=account_id) for _ in range(shops)]
    return Merchant(account_id, email, shop_ids)


async def make_vendor_app(db: Database, *, public: bool = False) -> App:
    vendor = await make_account(db)
    app_id, client_id, secret = await make_app(
        db, owner_id=vendor, name="ERP Pro", redirect_uris=[REDIRECT_URI], public=public
    )
    return App(app_id, client_id, secret)


def authorize_params(
    client_id: str, challenge: str | None, *, scope: str = "orders:read changes:read", **extra: str
) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": scope,
        "state": "st-" + secrets.token_hex(4),
    }
    if challenge:
        params.update(code_challenge=challenge, code_challenge_method="S256")
    params.update(extra)
    return params


async def sign_in(c: httpx.AsyncClient, params: dict[str, str], email: str) -> httpx.Response:
    """Login form, then the authorize URL again with the session: what the browser ends on."""
    page = await c.get("/oauth/authorize", params=params)
    assert page.status_code == 200 and "Sign in" in page.text, page.text
    r = await c.post(
        "/oauth/authorize",
        params=params,
        data={
            "step": "login",
            "csrf_token": csrf_of(page.text),
            "email": email,
            "password": PASSWORD,
        },
    )
    assert r.status_code == 303, r.text
    return await c.get(r.headers["location"])


async def login(c: httpx.AsyncClient, params: dict[str, str], email: str) -> httpx.Response:
    """From the authorize URL to the consent page (logging in on the way)."""
    consent = await sign_in(c, params, email)
    assert consent.status_code == 200 and "Shops to grant" in consent.text, consent.text
    return consent


async def get_code(
    c: httpx.AsyncClient,
    params: dict[str, str],
    merchant: Merchant,
    shop_ids: list[int] | None = None,
) -> str:
    consent = await login(c, params, merchant.email)
    r = await c.post(
        "/oauth/authorize",
        params=params,
        data={
            "step": "consent",
            "csrf_token": csrf_of(consent.text),
            "decision": "allow",
            "shop_ids": [str(s) for s in (shop_ids or merchant.shop_ids)],
        },
    )
    assert r.status_code == 302, r.text
    assert r.headers["location"].startswith(REDIRECT_URI + "?")
    query = query_of(r.headers["location"])
    assert query["state"] == params["state"]
    return query["code"]


def client_auth(app: App) -> dict[str, Any]:
    """Basic auth for confidential apps; public ones send client_id in the form."""
    if app.secret:
        return {"auth": (app.client_id, app.secret)}
    return {}


async def token_request(c: httpx.AsyncClient, app: App, data: dict[str, str]) -> httpx.Response:
    body = dict(data)
    if not app.secret:
        body["client_id"] = app.client_id
    return await c.post("/oauth/token", data=body, **client_auth(app))


async def exchange(
    c: httpx.AsyncClient, app: App, code: str, verifier: str | None, **extra: str
) -> httpx.Response:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    if verifier:
        data["code_verifier"] = verifier
    data.update(extra)
    return await token_request(c, app, data)


async def full_flow(
    c: httpx.AsyncClient, db: Database, app: App, merchant: Merchant, scope: str = "all"
) -> dict[str, Any]:
    verifier, challenge = pkce()
    scopes = "orders:read changes:read" if scope == "all" else scope
    code = await get_code(c, authorize_params(app.client_id, challenge, scope=scopes), merchant)
    r = await exchange(c, app, code, verifier)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body
