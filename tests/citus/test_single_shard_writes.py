"""On a Citus cluster (``make test-citus``) every write route is a single-node transaction:
no distributed two-phase commit, whose coordinator-first commit the feed could not follow
(docs/scaling.md). Skipped on plain PostgreSQL, where there is nothing distributed."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest

from app.db import Database
from tests.citus_support import is_citus
from tests.factories import bearer, make_token
from tests.integration.orders_support import new_order
from tests.integration.test_write_matrix import SETUPS, send


@pytest.fixture
async def two_phase_commits(database_url: str) -> AsyncIterator[asyncpg.Connection]:
    """A coordinator connection counting ``pg_dist_transaction``; the maintenance daemon's
    2PC recovery (which deletes finished entries) is paused meanwhile so none is missed."""
    if not await is_citus(database_url):
        pytest.skip("needs a Citus coordinator (make test-citus)")
    conn = await asyncpg.connect(database_url)
    await conn.execute("ALTER SYSTEM SET citus.recover_2pc_interval = -1")
    await conn.execute("SELECT pg_reload_conf()")
    try:
        yield conn
    finally:
        await conn.execute("ALTER SYSTEM RESET citus.recover_2pc_interval")
        await conn.execute("SELECT pg_reload_conf()")
        await conn.close()


async def _count(conn: asyncpg.Connection) -> int:
    return int(await conn.fetchval("SELECT count(*) FROM pg_dist_transaction"))


async def test_order_ingest_is_a_single_shard_write(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    two_phase_commits: asyncpg.Connection,
) -> None:
    before = await _count(two_phase_commits)
    for state in ("pending_payment", "paid", "shipped"):
        await new_order(client, shop["shop_id"], internal_headers, state=state)
    assert await _count(two_phase_commits) == before


@pytest.mark.parametrize("name", list(SETUPS))
@pytest.mark.parametrize("keyed", [False, True], ids=["no-key", "idempotency-key"])
async def test_every_write_route_is_a_single_shard_write(
    name: str,
    keyed: bool,
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    two_phase_commits: asyncpg.Connection,
) -> None:
    shop_id = shop["shop_id"]
    owner = bearer(await make_token(db, shop_ids=[shop_id]))
    write = await SETUPS[name](client, shop_id, internal_headers, owner)
    headers = {**owner, "Idempotency-Key": str(uuid.uuid4())} if keyed else owner
    before = await _count(two_phase_commits)
    r = await send(client, write, headers, write.body)
    assert r.status_code < 300, r.text
    assert await _count(two_phase_commits) == before, name
