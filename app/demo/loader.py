"""``load_demo``: realistic demo shops and orders, loaded in bulk with set-based SQL.

1. Reserve id blocks from the identity sequences (briefly locking each table against
   inserts, so live ingest can run beside the loader without id clashes).
2. Insert owners, shops, memberships, authors and products (a few hundred rows).
3. Generate orders in batches of ``batch_size`` on ``connections`` parallel connections; a
   batch is one transaction (:class:`app.demo.sql.DemoSql`), so its change-log rows share one
   xid and the feed sees whole batches in commit order, below the horizon as usual.
4. ANALYZE what was loaded.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import text

from app.config import plain_database_url
from app.db import Database
from app.demo import vocab
from app.demo.buyer_requests import insert_buyer_requests
from app.demo.indexes import deferred_indexes, drop_indexes, restore_indexes
from app.demo.parcels import add_parcel_stories
from app.demo.plan import AUTHORS, DemoPlan, IdBlocks, default_anchor
from app.demo.sql import DemoSql

Progress = Callable[[int, int], None]

DEFAULT_BATCH = 50_000
DEFAULT_CONNECTIONS = 2
#: From this many orders on, a load into an empty database builds secondary indexes after the
#: data instead of maintaining them row by row (several times faster).
DEFER_INDEXES_FROM = 100_000
#: Marker stored instead of a password hash: no password verifies against it.
UNUSABLE_PASSWORD = "!demo-account-no-password"  # noqa: S105 - a marker, not a secret

_SESSION_SQL = """
SET synchronous_commit = off;
SET jit = off;
SET work_mem = '64MB';
SET statement_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET timezone = 'UTC';
"""

_LOADED_TABLES = (
    "accounts",
    "shops",
    "shop_members",
    "authors",
    "products",
    "orders",
    "order_items",
    "shipments",
    "after_sales",
    "disputes",
    "dispute_evidence",
    "order_events",
    "change_log",
    "address_change_requests",
    "complaints",
    "order_refunds",
)


@dataclass
class DemoSummary:
    seed: int
    anchor: datetime
    shop_ids: list[int]
    owner_account_ids: list[int]
    orders: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


async def load_demo(
    database_url: str,
    *,
    shops: int,
    orders: int,
    seed: int = 42,
    progress: Progress | None = None,
    anchor: datetime | None = None,
    batch_size: int = DEFAULT_BATCH,
    connections: int = DEFAULT_CONNECTIONS,
    defer_indexes: bool | None = None,
    auto_approve_hours: float = 12.0,
) -> DemoSummary:
    """Load ``shops`` demo shops and ``orders`` orders in total (see the module docstring).

    Deterministic for (seed, anchor); the anchor defaults to today's midnight in Asia/Shanghai.
    ``defer_indexes`` (default: when the database has no orders and ``orders`` is large)
    drops the order tables' secondary indexes for the load and rebuilds them afterwards.
    """
    if shops < 1 or orders < 0:
        raise ValueError("shops must be >= 1 and orders >= 0")
    started = time.perf_counter()
    url = plain_database_url(database_url)
    conn = await _connect(url)
    try:
        # A load killed while its indexes were dropped left them missing: put them back.
        await restore_indexes(url, await deferred_indexes(conn), connections)
        if defer_indexes is None:
            defer_indexes = orders >= DEFER_INDEXES_FROM and not await conn.fetchval(
                "SELECT EXISTS (SELECT 1 FROM orders)"
            )
        plan = await _plan(conn, shops, orders, seed, anchor or default_anchor())
        rows = await _insert_setup(conn, plan)
        dropped = await drop_indexes(conn) if defer_indexes else []
    finally:
        await conn.close()
    try:
        rows.update(await run_batches(url, plan, batch_size, connections, progress))
    finally:
        await restore_indexes(url, dropped, connections)
    shop_ids = [plan.ids.shop + k for k in range(shops)]
    rows.update(await finish_load(url, plan, shop_ids, auto_approve_hours))
    return DemoSummary(
        seed=seed,
        anchor=plan.anchor,
        shop_ids=shop_ids,
        owner_account_ids=list(plan.owner_account_ids),
        orders=orders,
        rows=dict(rows),
        seconds=time.perf_counter() - started,
    )


async def _connect(url: str) -> asyncpg.Connection:
    conn = await asyncpg.connect(url)
    await conn.execute(_SESSION_SQL)
    if await conn.fetchval("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"):
        # The generated rows reference each other correctly by construction (tests check it):
        # skip the per-row foreign-key triggers, as pg_restore --disable-triggers does.
        await conn.execute("SET session_replication_role = replica")
    return conn


async def reserve(conn: asyncpg.Connection, table: str, count: int) -> int:
    """First id of a block of ``count`` ids from ``table``'s identity sequence.

    The table lock keeps concurrent inserts (which draw from the sequence while holding a
    ROW EXCLUSIVE lock) out between reading and advancing the sequence.
    """
    async with conn.transaction():
        await conn.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        seq = await conn.fetchval("SELECT pg_get_serial_sequence($1, 'id')", table)
        first: int = await conn.fetchval("SELECT nextval($1::regclass)", seq)
        if count > 1:
            await conn.execute("SELECT setval($1::regclass, $2)", seq, first + count - 1)
    return first


async def finish_load(
    url: str, plan: DemoPlan, shop_ids: list[int], auto_approve_hours: float
) -> dict[str, int]:
    """What follows the bulk batches: partial shipments, corrections and traces through the
    services (a handful of orders), buyer requests, and fresh planner statistics."""
    rows = {
        "parcel_stories": await add_parcel_stories(
            url, shop_ids, list(plan.owner_account_ids), plan.anchor
        )
    }
    conn = await _connect(url)
    try:
        rows.update(await insert_buyer_requests(conn, shop_ids, plan.anchor, auto_approve_hours))
        await conn.execute("ANALYZE " + ", ".join(_LOADED_TABLES))
    finally:
        await conn.close()
    return rows


async def _plan(
    conn: asyncpg.Connection, shops: int, orders: int, seed: int, anchor: datetime
) -> DemoPlan:
    bases = {
        table: await reserve(conn, table, max(count, 1))
        for table, count in DemoPlan.reservations(shops, orders).items()
    }
    ids = IdBlocks(
        account=bases["accounts"],
        shop=bases["shops"],
        author=bases["authors"],
        product=bases["products"],
        order=bases["orders"],
        item=bases["order_items"],
        shipment=bases["shipments"],
        after_sale=bases["after_sales"],
        dispute=bases["disputes"],
        evidence=bases["dispute_evidence"],
        event=bases["order_events"],
        change=bases["change_log"],
        refund=bases["order_refunds"],
    )
    rng = random.Random(seed)
    commission = tuple(rng.choice((500, 800, 1000, 1500, 2000, 2500, 3000)) for _ in range(AUTHORS))
    return DemoPlan(
        seed=seed,
        shops=shops,
        orders=orders,
        anchor=anchor,
        ids=ids,
        author_commission_bps=commission,
        owner_account_ids=tuple(ids.account + k for k in range(shops)),
    )


async def _insert_setup(conn: asyncpg.Connection, plan: DemoPlan) -> Counter[str]:
    rng = random.Random(plan.seed * 7 + 1)
    opened = plan.anchor - timedelta(days=400)
    accounts, shops, members, authors, products = [], [], [], [], []
    for k in range(plan.shops):
        shop_id, account_id = plan.ids.shop + k, plan.ids.account + k
        name = vocab.SHOP_NAMES[k % len(vocab.SHOP_NAMES)]
        if k >= len(vocab.SHOP_NAMES):
            name = f"{name}{k // len(vocab.SHOP_NAMES) + 1}号店"
        accounts.append(
            (
                account_id,
                f"demo-owner-{shop_id}@ordergate.test",
                f"{name}店主",
                UNUSABLE_PASSWORD,
                opened,
            )
        )
        shops.append((shop_id, name, account_id, "Asia/Shanghai", opened))
        members.append((shop_id, account_id, "owner", opened))
        for p in range(plan.products_per_shop):
            noun, base_price = rng.choice(vocab.PRODUCT_NOUNS)
            price = max(990, base_price * rng.randint(80, 120) // 100 // 100 * 100 - 10)
            title = f"{rng.choice(vocab.PRODUCT_ADJECTIVES)}{noun}"
            products.append(
                (shop_id, plan.product_base + k * plan.products_per_shop + p, title, price, opened)
            )
    for a, bps in enumerate(plan.author_commission_bps):
        nickname = f"{rng.choice(vocab.AUTHOR_PREFIXES)}{rng.choice(vocab.AUTHOR_SUFFIXES)}{a + 1}"
        authors.append((plan.author_base + a, nickname, bps, opened))
    async with conn.transaction():
        await conn.copy_records_to_table(
            "accounts",
            records=accounts,
            columns=["id", "email", "display_name", "password_hash", "created_at"],
        )
        await conn.copy_records_to_table(
            "shops",
            records=shops,
            columns=["id", "name", "owner_account_id", "timezone", "created_at"],
        )
        await conn.copy_records_to_table(
            "shop_members",
            records=members,
            columns=["shop_id", "account_id", "role", "created_at"],
        )
        await conn.copy_records_to_table(
            "authors",
            records=authors,
            columns=["id", "nickname", "default_commission_bps", "created_at"],
        )
        await conn.copy_records_to_table(
            "products",
            records=products,
            columns=["shop_id", "id", "title", "price", "created_at"],
        )
    return Counter(
        accounts=len(accounts),
        shops=len(shops),
        shop_members=len(members),
        authors=len(authors),
        products=len(products),
    )


async def run_batches(
    url: str,
    plan: DemoPlan,
    batch_size: int,
    connections: int,
    progress: Progress | None,
) -> Counter[str]:
    """Load orders [0, plan.orders) in batches over parallel connections."""
    sql = DemoSql(plan)
    queue: asyncio.Queue[tuple[int, int]] = asyncio.Queue()
    for lo in range(0, plan.orders, batch_size):
        queue.put_nowait((lo, min(lo + batch_size, plan.orders)))
    totals: Counter[str] = Counter()
    done = 0
    if progress is not None:
        progress(0, plan.orders)

    async def worker() -> None:
        nonlocal done
        conn = await _connect(url)
        try:
            while not queue.empty():
                lo, hi = queue.get_nowait()
                counts = await run_batch(conn, sql, lo, hi)
                totals.update(counts)
                done += hi - lo
                if progress is not None:
                    progress(done, plan.orders)
        finally:
            await conn.close()

    workers = max(1, min(connections, queue.qsize()))
    await asyncio.gather(*(worker() for _ in range(workers)))
    return totals


async def run_batch(conn: asyncpg.Connection, sql: DemoSql, lo: int, hi: int) -> Counter[str]:
    """One batch in one transaction; returns rows inserted per table."""
    counts: Counter[str] = Counter()
    async with conn.transaction():
        for label, statement in sql.statements(lo, hi):
            status = await conn.execute(statement)
            if status.startswith("INSERT"):
                counts[label] += int(status.rsplit(" ", 1)[1])
    return counts


async def orders_present(db: Database) -> int:
    """How many orders the database already holds (``ordergate up`` seeds only an empty one)."""
    async with db.engine.connect() as conn:
        count: int = (await conn.execute(text("SELECT count(*) FROM orders"))).scalar_one()
    return count
