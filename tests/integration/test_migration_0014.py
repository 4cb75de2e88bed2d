"""Migration 0014 on rows written before it: webhook attempts get their delivery's shop, and
idempotency records shop 0; the downgrade restores the old keys."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator

import asyncpg
import pytest
from alembic.script import ScriptDirectory

from app.config import plain_database_url
from app.migrations import alembic_config, downgrade, upgrade
from tests.citus_support import is_citus
from tests.dbsetup import _with_db

SETUP = """
INSERT INTO webhook_endpoints (id, url, event_types, shop_ids, secret_encrypted)
OVERRIDING SYSTEM VALUE VALUES (1, 'https://receiver.example/hook', '{*}', '{77,78}', 's');
INSERT INTO webhook_deliveries (id, endpoint_id, shop_id, change_id, event_type, webhook_id)
OVERRIDING SYSTEM VALUE VALUES (10, 1, 77, 5, 'order.created', 'msg_5'),
                               (11, 1, 78, 6, 'order.created', 'msg_6');
INSERT INTO webhook_attempts (delivery_id, status_code) VALUES (10, 500), (10, 200), (11, 200);
INSERT INTO idempotency_keys (principal_key, key, request_hash, expires_at)
VALUES ('client:1:account:1', 'k1', 'h', now() + interval '1 day');
"""

PREVIOUS = str(ScriptDirectory.from_config(alembic_config("")).get_revision("0014").down_revision)


@pytest.fixture
async def old_database(server_url: str) -> AsyncIterator[str]:
    if await is_citus(server_url):
        pytest.skip("migration data tests run on plain PostgreSQL")
    name = f"og_mig14_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"
    admin = await asyncpg.connect(plain_database_url(server_url))
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = _with_db(server_url, name)
    try:
        await asyncio.to_thread(upgrade, url, PREVIOUS)
        yield url
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_attempts_get_their_deliverys_shop_and_keys_include_it(old_database: str) -> None:
    conn = await asyncpg.connect(plain_database_url(old_database))
    try:
        await conn.execute(SETUP)
        await asyncio.to_thread(upgrade, old_database, "0014")
        rows = await conn.fetch("SELECT delivery_id, shop_id FROM webhook_attempts ORDER BY id")
        assert [tuple(r) for r in rows] == [(10, 77), (10, 77), (11, 78)]
        assert await conn.fetchval("SELECT shop_id FROM idempotency_keys") == 0
        keys = dict(
            await conn.fetch(
                "SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE contype = 'p' AND conrelid::regclass::text = ANY($1::text[])",
                ["metrics_daily", "report_events", "webhook_deliveries", "webhook_attempts"],
            )
        )
        assert set(keys.values()) == {"PRIMARY KEY (shop_id, id)"}
        # The attempts follow their delivery (the new (shop_id, delivery_id) key cascades).
        await conn.execute("DELETE FROM webhook_deliveries WHERE id = 10")
        assert await conn.fetchval("SELECT count(*) FROM webhook_attempts") == 1

        await asyncio.to_thread(downgrade, old_database, PREVIOUS)
        columns = await conn.fetchval(
            "SELECT count(*) FROM information_schema.columns WHERE column_name = 'shop_id' "
            "AND table_name IN ('webhook_attempts', 'idempotency_keys')"
        )
        assert columns == 0
        assert await conn.fetchval("SELECT count(*) FROM webhook_attempts") == 1
    finally:
        await conn.close()
