"""Distribute the schema by shop on Citus (``ordergate distribute``; docs/scaling.md).

Every tenant table is hash-distributed on ``shop_id`` and colocated with ``orders``, so one
shop's rows of every table live in one shard group on one node: a write that touches one shop
is a single-node transaction. The small global tables are reference tables (a copy on every
node, joinable anywhere); the feed's and fan-out's singletons stay plain tables on the
coordinator. A reference table pulls every table with a foreign key to it into a "Citus local"
table, which can then no longer be distributed, so the foreign keys between these tables are
dropped first, the tables converted (reference, then distributed), and the keys re-added.
Idempotent: converted tables are skipped, existing keys kept. Without the extension, nothing.
"""

from __future__ import annotations

import asyncpg  # type: ignore[import-untyped]

from app.config import plain_database_url

#: The distribution column of every distributed table.
DISTRIBUTION_COLUMN = "shop_id"
#: The table every distributed table is colocated with (distributed first).
COLOCATE_WITH = "orders"

DISTRIBUTED: tuple[str, ...] = (
    "orders",
    "order_items",
    "order_events",
    "order_refunds",
    "payment_reminders",
    "shipments",
    "shipment_tracking_events",
    "after_sales",
    "disputes",
    "dispute_evidence",
    "address_change_requests",
    "complaints",
    "products",
    "change_log",
    "audit_log",
    "export_jobs",
    "metrics_daily",
    "report_events",
    "webhook_deliveries",
    "webhook_attempts",
    "idempotency_keys",
)

REFERENCE: tuple[str, ...] = (
    "accounts",
    "shops",
    "shop_members",
    "authors",
    "carriers",
    "platform_calendar",
    "oauth_clients",
    "oauth_authorization_codes",
    "oauth_tokens",
    "oauth_grants",
    "webhook_endpoints",
)

#: Plain tables on the coordinator: singletons and cursors read and written only there.
LOCAL: tuple[str, ...] = (
    "alembic_version",
    "feed_state",
    "webhook_fanout_state",
    "change_log_cursors",
)

_FOREIGN_KEYS = """
SELECT c.conrelid::regclass::text AS table_name, c.conname AS name,
       pg_get_constraintdef(c.oid) AS definition
FROM pg_constraint c
WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1::text[])
ORDER BY 1, 2
"""

# What Citus made of each table: 'h' hash-distributed, 'n' + 't' reference, 'n' + 's' a
# "Citus local" table (what a foreign key to a reference table turns a plain table into).
_CONVERTED = """
SELECT logicalrelid::regclass::text AS name,
       CASE WHEN partmethod = 'h' THEN 'distributed'
            WHEN repmodel = 't' THEN 'reference' ELSE 'citus_local' END AS kind
FROM pg_dist_partition
"""


async def citus_enabled(conn: asyncpg.Connection) -> bool:
    return bool(await conn.fetchval("SELECT 1 FROM pg_extension WHERE extname = 'citus'"))


async def citus_worker(url: str) -> bool:
    """True when ``url`` is a Citus worker node (its local group is not the coordinator's 0)."""
    conn = await asyncpg.connect(plain_database_url(url))
    try:
        if not await citus_enabled(conn):
            return False
        return bool(await conn.fetchval("SELECT groupid <> 0 FROM pg_dist_local_group"))
    finally:
        await conn.close()


async def distribute_schema(url: str) -> str:
    """Distribute the database behind ``url`` (migrated); returns a one-line summary."""
    conn = await asyncpg.connect(plain_database_url(url))
    try:
        if not await citus_enabled(conn):
            return "No Citus extension in this database: nothing to distribute."
        return await _distribute(conn)
    finally:
        await conn.close()


async def _distribute(conn: asyncpg.Connection) -> str:
    done = {row["name"]: row["kind"] for row in await conn.fetch(_CONVERTED)}
    reference = [t for t in REFERENCE if done.get(t) != "reference"]
    distributed = [t for t in DISTRIBUTED if done.get(t) != "distributed"]
    if not reference and not distributed:
        return "Already distributed: nothing to do."
    tables = [*REFERENCE, *DISTRIBUTED]
    keys = await conn.fetch(_FOREIGN_KEYS, tables)
    async with conn.transaction():
        # The rights tables' NOTIFY triggers (migration 0013) would make every write to them
        # fail: a reference-table write is a two-phase commit, and a transaction that sent a
        # NOTIFY cannot be prepared. Without them the auth cache stays off (app/auth/cache.py).
        for table in REFERENCE:
            await conn.execute(f"DROP TRIGGER IF EXISTS {table}_auth_changed ON {table}")
        await conn.execute("SET LOCAL citus.multi_shard_modify_mode = 'sequential'")
        for key in keys:
            await conn.execute(f'ALTER TABLE {key["table_name"]} DROP CONSTRAINT "{key["name"]}"')
    for table in reference:
        await _undo_citus_local(conn, table, done)
        await conn.execute("SELECT create_reference_table($1)", table)
    for table in distributed:
        await _undo_citus_local(conn, table, done)
        colocate = "none" if table == COLOCATE_WITH else COLOCATE_WITH
        await conn.execute(
            "SELECT create_distributed_table($1, $2, colocate_with => $3)",
            table,
            DISTRIBUTION_COLUMN,
            colocate,
        )
    for key in keys:
        await conn.execute(
            f'ALTER TABLE {key["table_name"]} ADD CONSTRAINT "{key["name"]}" {key["definition"]}'
        )
    return (
        f"Distributed {len(distributed)} tables by {DISTRIBUTION_COLUMN} "
        f"and made {len(reference)} reference tables ({len(keys)} foreign keys re-added)."
    )


async def _undo_citus_local(conn: asyncpg.Connection, table: str, done: dict[str, str]) -> None:
    # A table Citus turned into a "Citus local" one must be a plain table again to convert it.
    if done.get(table) == "citus_local":
        await conn.execute("SELECT undistribute_table($1)", table)
