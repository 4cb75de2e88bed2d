"""``ordergate apps create / tokens issue / staff create`` and the ``up`` demo credentials."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from app.cli import cli
from app.db import Database
from app.demo.credentials import DEMO_EMAIL, ensure_demo_credentials
from app.models import Account
from tests.factories import bearer, make_shop
from tests.oauth_support import PASSWORD, make_merchant


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)


async def invoke(*args: str) -> Any:
    # The CLI runs its own event loop: keep it off the test's loop.
    result = await asyncio.to_thread(CliRunner().invoke, cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.usefixtures("cli_env")
async def test_apps_tokens_and_staff_commands(client: httpx.AsyncClient, db: Database) -> None:
    merchant = await make_merchant(db, shops=2)
    shops = ",".join(str(s) for s in merchant.shop_ids)
    app = await invoke(
        "apps", "create", "--name", f"cli-{merchant.account_id}",
        "--redirect-uri", "http://127.0.0.1:9000/cb", "--account", merchant.email, "--json",
    )  # fmt: skip
    assert app["client_id"].startswith("ogc_") and app["client_secret"].startswith("ogs_")
    issued = await invoke(
        "tokens", "issue", "--account", merchant.email, "--app", f"cli-{merchant.account_id}",
        "--shops", shops, "--scopes", "orders:read changes:read", "--json",
    )  # fmt: skip
    assert set(issued) == {"access_token", "refresh_token", "expires_in", "scope", "shops"}
    assert issued["shops"] == merchant.shop_ids and issued["scope"] == "orders:read changes:read"
    me = await client.get("/v1/shops", headers=bearer(issued["access_token"]))
    assert [s["id"] for s in me.json()["data"]] == merchant.shop_ids

    private = await invoke(
        "apps", "create", "--name", "sync-job", "--private", "--account", merchant.email,
        "--shops", str(merchant.shop_ids[0]), "--json",
    )  # fmt: skip
    r = await client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(private["client_id"], private["client_secret"]),
    )
    assert r.status_code == 200 and r.json()["shop_ids"] == merchant.shop_ids[:1]

    email = f"clerk-{merchant.account_id}@example.test"
    member = await invoke(
        "staff", "create", "--shop", str(merchant.shop_ids[0]), "--email", email,
        "--role", "viewer", "--json",
    )  # fmt: skip
    assert member["role"] == "viewer" and member["password"]
    async with db.transaction() as s:
        assert await s.scalar(select(Account.id).where(Account.email == email)) is not None


async def test_demo_credentials_are_idempotent_and_work(
    client: httpx.AsyncClient, db: Database
) -> None:
    first = await ensure_demo_credentials(db, password=PASSWORD)
    await make_shop(db, owner_id=(await make_merchant(db, shops=0)).account_id)
    second = await ensure_demo_credentials(db, password=None)
    assert first["email"] == second["email"] == DEMO_EMAIL
    assert first["client_id"] == second["client_id"]
    assert "client_secret" not in second
    assert second["password"] != PASSWORD
    for creds in (first, second):
        assert creds["access_token"].startswith("oga_")
        assert creds["refresh_token"].startswith("ogr_")
    me = (await client.get("/v1/me", headers=bearer(second["access_token"]))).json()
    async with db.transaction() as s:
        all_shops = await s.scalar(select(Account.id).where(Account.email == DEMO_EMAIL))
    assert me["account"]["id"] == all_shops
    assert len(me["shops"]) >= 1
    assert all(len(shop["scopes"]) == 12 for shop in me["shops"])
