"""Full initial mirror vs a raw asyncpg keyset scan of the same rows, in the same run.

Seeds a scratch database with N orders (one item each) by SQL, starts the API in its own
process, then times:
  * ours: ``Mirror(...).run(until_caught_up=True)`` into a fresh SQLite file — head cursor,
    keyset pages of the list API (or the feed when the list API is unavailable) over HTTP,
    upserts by version with the cursor in the same local transaction;
  * raw: ``SELECT * FROM orders WHERE shop_id = $1 AND id > $2 ORDER BY id LIMIT 1000`` with
    asyncpg until exhausted (no HTTP, no JSON, nothing written).
Modes: bulk (one GET /changes/bulk stream), parallel (``--parallel N`` slices of it at once,
``ordergate mirror --parallel N``), feed (pages), list (list APIs).
Prints raw/ours (1.0 = as fast as the raw scan; issue 18's target for the copy: >= 1.0) with
the load average, and appends to bench/RESULTS.md.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
        python bench/mirror_full.py --orders 1000000 --parallel 4    # the issue's figure
    python bench/mirror_full.py                         # CI-sized default (20,000)
    python bench/mirror_full.py --database postgresql://postgres@127.0.0.1:5432/og_bench_1m \
        --shop-id 1 --token oga_... --modes bulk,feed       # an already loaded database
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import tempfile
import time
from pathlib import Path

import asyncpg
from feed_support import api_server, database, record, scratch_database

from app.config import plain_database_url
from app.mirror.client import ApiClient
from app.mirror.store import SqliteStore
from app.mirror.sync import Mirror
from tests.factories import make_account, make_shop, make_token

SEED_SQL = """
INSERT INTO orders (shop_id, order_no, status, pay_status, pay_method, goods_amount,
    paid_amount, buyer_id, buyer_nickname, receiver_name, receiver_phone, receiver_address,
    province, city, traffic_source, paid_at)
SELECT $1, lpad(g::text, 19, '0'), 'paid', 'paid', 'alipay', 1000 + g % 50000, 1000 + g % 50000,
    'b' || (g % 5000), '买家' || (g % 5000), '张三', '138' || lpad((g % 99999999)::text, 8, '0'),
    '广东省深圳市南山区科技园' || g, '广东', '深圳', 'live_room', now()
FROM generate_series(1, $2) g;
"""
ITEMS_SQL = """
INSERT INTO order_items (shop_id, order_id, product_id, title, quantity, unit_price)
SELECT shop_id, id, 1, 'T恤 白色 XL', 1, goods_amount FROM orders WHERE shop_id = $1
"""
# Every order has its order.created change, as the service writes it (here: the row as JSON,
# compact like the service's JSON; jsonb's text would add a space after every separator).
CHANGES_SQL = """
INSERT INTO change_log (shop_id, entity, entity_id, entity_version, type, data)
SELECT shop_id, 'order', id, 1, 'order.created', to_json(o) FROM orders o WHERE shop_id = $1
ORDER BY id
"""
# bulk = the feed through GET /changes/bulk (what `ordergate mirror` does when the feed is
# complete); parallel = that stream cut into --parallel slices read at once; feed = the same
# feed page by page; list = the list APIs.
# stream = GET /changes/bulk read and dropped (no SQLite): what the copy costs before storing.
MODES = ("bulk", "parallel", "feed", "list", "stream")
ENTITIES_SQL = """
SELECT (SELECT count(*) FROM orders WHERE shop_id = $1)
     + (SELECT count(*) FROM after_sales WHERE shop_id = $1)
     + (SELECT count(*) FROM disputes WHERE shop_id = $1)
"""
RAW_SQL = "SELECT * FROM orders WHERE shop_id = $1 AND id > $2 ORDER BY id LIMIT 1000"


async def raw_scan(url: str, shop_id: int) -> tuple[float, int]:
    conn = await asyncpg.connect(plain_database_url(url))
    try:
        started, last, rows = time.perf_counter(), 0, 0
        while page := await conn.fetch(RAW_SQL, shop_id, last):
            rows += len(page)
            last = page[-1]["id"]
        return time.perf_counter() - started, rows
    finally:
        await conn.close()


async def main(orders: int, isolated: bool, modes: list[str], parallel: int) -> None:
    async with scratch_database("mirror", isolated=isolated) as url, api_server(url) as base:
        db = database(url)
        owner = await make_account(db)
        shop_id = await make_shop(db, owner_id=owner)
        token = await make_token(db, shop_ids=[shop_id])
        await db.dispose()
        conn = await asyncpg.connect(plain_database_url(url))
        await conn.execute(SEED_SQL, shop_id, orders)
        await conn.execute(ITEMS_SQL, shop_id)
        await conn.execute(CHANGES_SQL, shop_id)
        await conn.execute("ANALYZE")
        await conn.close()
        where = "isolated cluster" if isolated else "shared server"
        label = f"orders={orders} {where}"
        await compare(url, base, token, shop_id, orders, modes, label, parallel)


async def existing(url: str, shop_id: int, token: str, modes: list[str], parallel: int) -> None:
    """The same comparison on an already loaded database (e.g. the 1M demo one)."""
    conn = await asyncpg.connect(plain_database_url(url))
    entities = await conn.fetchval(ENTITIES_SQL, shop_id)
    await conn.close()
    async with api_server(url) as base:
        name = url.rsplit("/", 1)[-1]
        label = f"database={name} shop={shop_id} entities={entities}"
        await compare(url, base, token, shop_id, entities, modes, label, parallel)


async def compare(
    url: str,
    base: str,
    token: str,
    shop_id: int,
    expected: int,
    modes: list[str],
    label: str,
    parallel: int,
) -> None:
    # Each side runs twice and keeps its faster run: both are then measured with warm caches
    # (the mirror used to run once, cold, against the raw scan's warm second run).
    raw_s, raw_rows = await raw_scan(url, shop_id)
    timings: dict[str, float] = {}
    for mode in modes:
        runs = [await mirror_once(base, token, shop_id, mode, expected, parallel) for _ in (1, 2)]
        timings[mode] = min(runs)
    raw_s = min(raw_s, (await raw_scan(url, shop_id))[0])
    parts = [
        f"{mode}{f'={parallel}' if mode == 'parallel' else ''} {secs:.2f}s "
        f"({expected / secs:,.0f} rows/s, ratio {raw_s / secs:.2f}x)"
        for mode, secs in timings.items()
    ]
    load = " ".join(f"{v:.1f}" for v in os.getloadavg())
    record(
        f"mirror_full {label}: raw asyncpg keyset {raw_s:.2f}s over {raw_rows:,} orders "
        f"({raw_rows / raw_s:,.0f} rows/s); ours over HTTP into SQLite: {'; '.join(parts)} "
        "(best of 2 runs each side; target >= 1.0x for the copy; bulk = GET /changes/bulk "
        "NDJSON stream, 5,000 rows per "
        "local transaction; parallel = that stream in slices read at once, one local writer; "
        "feed = the same feed in pages of 1,000; list = list API keyset pages of 100 + "
        "after-sales + disputes; each ends at the first feed page the server reports "
        f"caught_up; stream = that stream read and dropped); load average {load} on "
        f"{os.cpu_count()} cores"
    )


async def stream_once(base: str, token: str, shop_id: int, expected: int) -> float:
    api = ApiClient(base, token)
    started, lines = time.perf_counter(), 0
    try:
        async with api.stream(f"/v1/shops/{shop_id}/changes/bulk", {}) as response:
            async for chunk in response.aiter_bytes():
                lines += chunk.count(b"\n")
    finally:
        await api.close()
    assert lines == expected + 1, (lines, expected)  # and the trailer
    return time.perf_counter() - started


async def mirror_once(
    base: str, token: str, shop_id: int, mode: str, expected: int, parallel: int
) -> float:
    if mode == "stream":
        return await stream_once(base, token, shop_id, expected)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mirror.db"
        store = SqliteStore(str(path))
        api = ApiClient(base, token)
        snapshot, bulk = ("list", False) if mode == "list" else ("feed", mode != "feed")
        slices = parallel if mode == "parallel" else 1
        started = time.perf_counter()
        try:
            mirror = Mirror(
                api, store, shop_id, snapshot=snapshot, bulk=bulk, wait=1, parallel=slices
            )
            await mirror.run(until_caught_up=True)
        finally:
            await api.close()
            await store.close()
        elapsed = time.perf_counter() - started
        check = sqlite3.connect(path)
        mirrored = check.execute("SELECT count(*) FROM mirror_entities").fetchone()[0]
        check.close()
    assert mirrored == expected, (mode, mirrored, expected)
    return elapsed


if __name__ == "__main__":
    p = argparse.ArgumentParser(description="Full mirror vs raw keyset scan")
    p.add_argument("--orders", type=int, default=20_000, help="orders to seed (issue: 1M)")
    p.add_argument("--isolated", action="store_true", help="private embedded PostgreSQL cluster")
    p.add_argument("--modes", default=",".join(MODES), help=f"among {','.join(MODES)}")
    p.add_argument("--database", help="mirror this loaded database instead of seeding one")
    p.add_argument("--shop-id", type=int, help="with --database")
    p.add_argument("--token", help="with --database: a token with changes:read on the shop")
    p.add_argument("--parallel", type=int, default=4, help="slices of the parallel mode")
    args = p.parse_args()
    chosen = [m for m in args.modes.split(",") if m]
    if args.database:
        asyncio.run(existing(args.database, args.shop_id, args.token, chosen, args.parallel))
    else:
        asyncio.run(main(args.orders, args.isolated, chosen, args.parallel))
