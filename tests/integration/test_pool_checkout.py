"""Pooled connections closed by the server are not handed out (app/db.py checks at checkout,
without the round trips of a pre-ping): after every backend of the app is terminated, the next
requests are served, none answers 503."""

from __future__ import annotations

import asyncio

import asyncpg
import httpx

from app.config import Settings, plain_database_url
from app.db import Database
from tests.factories import bearer, make_token

WAIT_S = 10.0
APP_BACKENDS = (
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
    "AND application_name = 'ordergate' AND pid <> pg_backend_pid()"
)


async def test_connections_the_server_closed_are_replaced_at_checkout(
    client: httpx.AsyncClient, db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    headers = bearer(await make_token(db, shop_ids=[shop["shop_id"]]))
    url = f"/v1/shops/{shop['shop_id']}/orders"
    # Fill the pool with a few idle connections.
    replies = await asyncio.gather(*(client.get(url, headers=headers) for _ in range(4)))
    assert all(r.status_code == 200 for r in replies)
    assert settings.database_url is not None
    admin = await asyncpg.connect(plain_database_url(settings.database_url))
    try:
        pids = [r["pid"] for r in await admin.fetch(APP_BACKENDS)]
        assert pids
        # Each call returns once that backend has exited (its socket closed), or false after
        # the timeout (ms): PostgreSQL's own wait, no polling.
        gone = await admin.fetchval(
            "SELECT bool_and(pg_terminate_backend(pid, $2)) FROM unnest($1::int[]) pid",
            pids,
            int(WAIT_S * 1000),
        )
        assert gone, "a backend outlived its termination"
    finally:
        await admin.close()
    for _ in range(8):
        r = await client.get(url, headers=headers)
        assert r.status_code == 200, r.text
