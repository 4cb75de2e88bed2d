"""Migration 0012 on data written by the schema before it: free-text carriers become registry codes,
item ids become whole-line parcel lines, a shipped order with unshipped units becomes
partially_shipped; the downgrade restores the old columns."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator

import asyncpg
import pytest
from alembic.script import ScriptDirectory

from app.config import plain_database_url
from app.migrations import alembic_config, downgrade, upgrade
from tests.dbsetup import _with_db

SETUP = """
INSERT INTO accounts (id, email, display_name, password_hash)
OVERRIDING SYSTEM VALUE VALUES (1, 'm@example.test', 'M', '!');
INSERT INTO shops (id, name, owner_account_id) OVERRIDING SYSTEM VALUE VALUES (1, 'S', 1);
INSERT INTO orders (shop_id, id, order_no, status, pay_status, goods_amount, buyer_id,
                    buyer_nickname, receiver_name, receiver_phone, receiver_address, province,
                    city, signed_at)
OVERRIDING SYSTEM VALUE VALUES
  (1, 1, '0000000000000000001', 'shipped', 'paid', 300, 'b', 'b', 'n', '138000', 'a', 'p', 'c',
   NULL),
  (1, 2, '0000000000000000002', 'shipped', 'paid', 300, 'b', 'b', 'n', '138000', 'a', 'p', 'c',
   NULL),
  (1, 3, '0000000000000000003', 'shipped', 'paid', 300, 'b', 'b', 'n', '138000', 'a', 'p', 'c',
   now());
INSERT INTO order_items (shop_id, id, order_id, product_id, title, quantity, unit_price)
OVERRIDING SYSTEM VALUE VALUES
  (1, 11, 1, 1, 'a', 2, 100), (1, 12, 1, 2, 'b', 1, 100),
  (1, 21, 2, 1, 'a', 1, 100), (1, 22, 2, 2, 'b', 2, 100),
  (1, 31, 3, 1, 'a', 3, 100);
INSERT INTO shipments (shop_id, id, order_id, carrier, tracking_no, item_ids, signed_at)
OVERRIDING SYSTEM VALUE VALUES
  (1, 101, 1, '顺丰速运', 'SF1', '{"ids": [11]}', NULL),
  (1, 201, 2, ' yto ', 'YT1', NULL, NULL),
  (1, 202, 2, '极兔', 'JT1', NULL, NULL),
  (1, 301, 3, '某某物流', 'X1', '{"ids": [31]}', now());
"""


# The revision 0012 follows (the chain is re-ordered as branches land).
PREVIOUS = str(ScriptDirectory.from_config(alembic_config("")).get_revision("0012").down_revision)


@pytest.fixture
async def old_database(server_url: str) -> AsyncIterator[str]:
    name = f"og_mig8_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"
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


async def test_free_text_carriers_and_item_ids_are_migrated(old_database: str) -> None:
    conn = await asyncpg.connect(plain_database_url(old_database))
    try:
        await conn.execute(SETUP)
        await asyncio.to_thread(upgrade, old_database, "0012")
        parcels = {
            r["id"]: (r["carrier_code"], r["lines"], r["status"])
            for r in await conn.fetch(
                "SELECT id, carrier_code, lines::text AS lines, status FROM shipments"
            )
        }
        assert parcels == {
            101: ("SF", '[{"item_id": 11, "quantity": 2}]', "shipped"),
            # The first parcel listing every item holds them all; the second holds none.
            201: (
                "YTO",
                '[{"item_id": 21, "quantity": 1}, {"item_id": 22, "quantity": 2}]',
                "shipped",
            ),
            202: ("JTSD", "[]", "shipped"),
            301: ("OTHER", '[{"item_id": 31, "quantity": 3}]', "delivered"),
        }
        statuses = dict(await conn.fetch("SELECT id, status FROM orders ORDER BY id"))
        assert statuses == {1: "partially_shipped", 2: "shipped", 3: "shipped"}
        assert await conn.fetchval("SELECT count(*) FROM carriers") >= 10

        await asyncio.to_thread(downgrade, old_database, PREVIOUS)
        rows = await conn.fetch(
            "SELECT id, carrier, item_ids::text AS ids FROM shipments ORDER BY id"
        )
        assert [(r["id"], r["carrier"], r["ids"]) for r in rows] == [
            (101, "SF", '{"ids": [11]}'),
            (201, "YTO", '{"ids": [21, 22]}'),
            (202, "JTSD", None),
            (301, "OTHER", '{"ids": [31]}'),
        ]
        assert await conn.fetchval("SELECT count(*) FROM orders WHERE status = 'shipped'") == 3
    finally:
        await conn.close()
