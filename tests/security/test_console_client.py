"""The console's OAuth client ``ordergate-console``: present in every served database, public
(PKCE, no secret), redirect URIs limited to ``/console/callback`` on loopback hosts (any port,
RFC 8252 §7.3) and on ``ORDERGATE_CONSOLE_ORIGINS``; no consent screen only when the code goes
back to the console this server serves or a configured origin."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update

from app.config import Settings
from app.db import Database
from app.domain.apps.console_client import (
    CONSOLE_CLIENT_ID,
    CONSOLE_TIER,
    LOOPBACK_REDIRECT_URIS,
    ensure_console_client,
    parse_origin,
)
from app.main import create_app
from app.models import Account, OAuthClient
from app.oauth2.models import redirect_uri_matches
from app.ratelimit import RateLimiter
from tests.factories import bearer
from tests.oauth_support import (
    Merchant,
    make_merchant,
    pkce,
    query_of,
    random_ip,
    sign_in,
)

SCOPE = "orders:read orders:write metrics:read"


@asynccontextmanager
async def console_browser(app: Any, origin: str) -> AsyncIterator[httpx.AsyncClient]:
    """A browser on the console at ``origin`` (the server's own address as the Host)."""
    transport = httpx.ASGITransport(app=app, client=(random_ip(), 40000))
    async with httpx.AsyncClient(transport=transport, base_url=origin) as c:
        yield c


def params_for(redirect_uri: str, challenge: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": CONSOLE_CLIENT_ID,
        "redirect_uri": redirect_uri,
        "scope": SCOPE,
        "state": "console-state",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }


async def exchange(c: httpx.AsyncClient, code: str, redirect_uri: str, verifier: str) -> Any:
    r = await c.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "client_id": CONSOLE_CLIENT_ID,
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
        },
    )
    assert r.status_code == 200, r.text
    return r.json()


async def test_the_console_client_exists_public_and_first_party(app: Any, db: Database) -> None:
    async with db.transaction() as s:
        row = (
            await s.execute(select(OAuthClient).where(OAuthClient.client_id == CONSOLE_CLIENT_ID))
        ).scalar_one()
        owner = await s.get(Account, row.owner_account_id)
    assert row.client_type == "public" and row.client_secret_hash is None
    assert row.first_party and row.deleted_at is None
    assert row.redirect_uris == list(LOOPBACK_REDIRECT_URIS)
    assert owner is not None and owner.disabled_at is not None  # the system owner never signs in
    # Its own rate-limit tier, with a budget for whole order pages clicked through by a person.
    assert row.tier == CONSOLE_TIER
    assert RateLimiter(Settings()).points_per_minute(CONSOLE_TIER) == 6000


async def test_ensure_is_idempotent_and_repairs_an_edited_row(app: Any, db: Database) -> None:
    async with db.transaction() as s:
        await s.execute(
            update(OAuthClient)
            .where(OAuthClient.client_id == CONSOLE_CLIENT_ID)
            .values(redirect_uris=["https://evil.example/console/callback"], deleted_at=func.now())
        )
    await ensure_console_client(db)
    await ensure_console_client(db)
    async with db.transaction() as s:
        rows = (
            await s.execute(select(OAuthClient).where(OAuthClient.client_id == CONSOLE_CLIENT_ID))
        ).scalars()
        (row,) = list(rows)
    assert row.redirect_uris == list(LOOPBACK_REDIRECT_URIS) and row.deleted_at is None


LOOP = "http://127.0.0.1/console/callback"


@pytest.mark.parametrize(
    ("registered", "requested", "ok"),
    [
        (LOOP, "http://127.0.0.1:5173/console/callback", True),
        (LOOP, "http://127.0.0.1/console/callback", True),
        ("http://localhost/console/callback", "http://localhost:8000/console/callback", True),
        ("http://[::1]/console/callback", "http://[::1]:9/console/callback", True),
        # Same port rule never crosses hosts, paths, queries or schemes.
        (LOOP, "http://localhost:5173/console/callback", False),
        (LOOP, "http://127.0.0.1:5173/console/other", False),
        (LOOP, "http://127.0.0.1:1/console/callback?x=1", False),
        (LOOP, "http://127.0.0.1:1/console/callback#x", False),
        (LOOP, "https://127.0.0.1:1/console/callback", False),
        (LOOP, "http://a@127.0.0.1:1/console/callback", False),
        (LOOP, "http://127.0.0.1.evil.example/console/callback", False),
        (LOOP, "http://127.0.0.1:99999/console/callback", False),
        (LOOP, "http://127.0.0.1:/console/callback", False),
        # A registered port is meant exactly; non-loopback hosts never get the rule.
        ("http://127.0.0.1:8765/callback", "http://127.0.0.1:8766/callback", False),
        (
            "https://ops.example.com/console/callback",
            "https://ops.example.com:444/console/callback",
            False,
        ),
    ],
)
def test_loopback_any_port_rule(registered: str, requested: str, ok: bool) -> None:
    assert redirect_uri_matches(registered, requested, any_loopback_port=True) is ok
    # Confidential clients keep the exact match.
    exact = registered == requested
    assert redirect_uri_matches(registered, requested, any_loopback_port=False) is exact


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://127.0.0.1:5173/console/callback",
        "http://localhost:4000/console/callback",
        "http://[::1]:8000/console/callback",
    ],
)
async def test_any_loopback_port_reaches_the_login_form(app: Any, redirect_uri: str) -> None:
    _, challenge = pkce()
    async with console_browser(app, "http://127.0.0.1:8000") as c:
        r = await c.get("/oauth/authorize", params=params_for(redirect_uri, challenge))
    assert r.status_code == 200 and "Sign in" in r.text, r.text


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "https://evil.example/console/callback",
        "http://evil.example/console/callback",
        "http://127.0.0.1.evil.example/console/callback",
        "http://127.0.0.1:5173/evil",
        "http://127.0.0.1:5173/console/callback?next=https://evil.example",
        "http://user@127.0.0.1:5173/console/callback",
        "https://127.0.0.1:5173/console/callback",
        "https://ops.example.com/console/callback",  # not configured on this server
    ],
)
async def test_other_redirect_uris_are_refused_without_redirecting(
    app: Any, redirect_uri: str
) -> None:
    _, challenge = pkce()
    async with console_browser(app, "http://127.0.0.1:8000") as c:
        r = await c.get("/oauth/authorize", params=params_for(redirect_uri, challenge))
    assert r.status_code == 400, r.text
    assert "location" not in r.headers


async def test_pkce_is_required_for_the_console(app: Any) -> None:
    redirect = "http://127.0.0.1:8000/console/callback"
    async with console_browser(app, "http://127.0.0.1:8000") as c:
        params = params_for(redirect, "x")
        del params["code_challenge"], params["code_challenge_method"]
        r = await c.get("/oauth/authorize", params=params)
    assert r.status_code == 302
    assert query_of(r.headers["location"])["error"] == "invalid_request"


async def test_same_origin_console_signs_in_without_consent(app: Any, db: Database) -> None:
    merchant: Merchant = await make_merchant(db, shops=2)
    verifier, challenge = pkce()
    origin = "http://127.0.0.1:8000"
    redirect = f"{origin}/console/callback"
    async with console_browser(app, origin) as c:
        r = await sign_in(c, params_for(redirect, challenge), merchant.email)
        assert r.status_code == 302, r.text  # straight back with a code, no consent page
        assert r.headers["location"].startswith(redirect + "?")
        query = query_of(r.headers["location"])
        assert query["state"] == "console-state"
        token = await exchange(c, query["code"], redirect, verifier)
        assert sorted(token["shop_ids"]) == sorted(merchant.shop_ids)  # every shop of the account
        assert token["scope"] == SCOPE
        me = await c.get("/v1/me", headers=bearer(token["access_token"]))
    assert me.status_code == 200, me.text
    assert me.json()["app"] == {
        "client_id": CONSOLE_CLIENT_ID,
        "name": "OrderGate console",
        "first_party": True,
    }


async def test_a_loopback_console_on_another_port_still_asks(app: Any, db: Database) -> None:
    """Any local program may listen on a loopback port: the consent screen stays."""
    merchant = await make_merchant(db, shops=1)
    _, challenge = pkce()
    async with console_browser(app, "http://127.0.0.1:8000") as c:
        params = params_for("http://127.0.0.1:5173/console/callback", challenge)
        r = await sign_in(c, params, merchant.email)
    assert r.status_code == 200 and "Shops to grant" in r.text, r.text


async def test_configured_origin_is_allowed_and_skips_consent(
    settings: Settings, db: Database
) -> None:
    merchant = await make_merchant(db, shops=1)
    origin = "https://ops.example.com"
    configured = settings.model_copy(
        update={"console_origins": f" {origin}/ , http://localhost:3000"}
    )
    served = create_app(configured)
    verifier, challenge = pkce()
    redirect = f"{origin}/console/callback"
    # The browser talks to the API at another origin than the console's.
    async with (
        served.router.lifespan_context(served),
        console_browser(served, "http://127.0.0.1:8000") as c,
    ):
        r = await sign_in(c, params_for(redirect, challenge), merchant.email)
        assert r.status_code == 302, r.text
        code = query_of(r.headers["location"])["code"]
        await exchange(c, code, redirect, verifier)


@pytest.mark.parametrize(
    "value",
    ["http://ops.example.com", "https://ops.example.com/console", "ftp://x", "https://", "x"],
)
def test_malformed_console_origins_fail_at_startup(settings: Settings, value: str) -> None:
    with pytest.raises(ValueError, match=r"origin|https"):
        create_app(settings.model_copy(update={"console_origins": value}))


def test_origins_are_normalised() -> None:
    assert parse_origin("HTTPS://Ops.Example.com:443/") == "https://ops.example.com:443"
    assert parse_origin("http://[::1]:3000") == "http://[::1]:3000"
