"""Metrics latency on a seeded shop: summary and 30-day trends (plain and grouped), p50/p95.

Seeds a scratch database (its own, dropped afterwards) with N orders over 90 days through SQL
(paid, shipped, signed, after-sales, disputes in realistic shares), then calls the metrics
service the REST endpoints use. Target on 1M orders: p95 < 200 ms. Appends to
bench/RESULTS.md.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test BENCH_SIZE=small python bench/metrics.py

Or on an already loaded database (``ordergate demo``), left as it is apart from catching the
metrics_daily rollup up first; the range is the 30 days before today in the shop's timezone:

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/og_bench_1m BENCH_SHOP=1 \
        python bench/metrics.py
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from feed_support import db_url  # noqa: E402
from feed_support import record as write_result  # noqa: E402

from app.auth.scope import ShopScope  # noqa: E402
from app.config import Settings, plain_database_url  # noqa: E402
from app.db import Database  # noqa: E402
from app.domain.metrics.rollup import roll_up_all  # noqa: E402
from app.domain.metrics.service import MetricsService  # noqa: E402
from app.migrations import upgrade  # noqa: E402

SIZES = {"small": 20_000, "full": 1_000_000}
RUNS = 20
SEED_SQL = """
INSERT INTO accounts (email, display_name, password_hash) VALUES ('bench@example.test', 'b', 'x');
INSERT INTO shops (name, owner_account_id) SELECT 'bench', id FROM accounts;
INSERT INTO authors (nickname) SELECT 'author' || g FROM generate_series(1, 20) g;
INSERT INTO orders (shop_id, order_no, status, pay_status, pay_method, goods_amount, paid_amount,
    commission_amount, buyer_id, buyer_nickname, receiver_name, receiver_phone, receiver_address,
    province, city, traffic_source, author_id, created_at, paid_at, shipped_at, signed_at)
SELECT 1, lpad(g::text, 19, '0'),
    CASE WHEN g % 10 < 8 THEN 'shipped' ELSE 'pending_payment' END,
    CASE WHEN g % 10 < 8 THEN 'paid' ELSE 'unpaid' END,
    (ARRAY['alipay', 'wechat_pay', 'douyin_pay'])[1 + g % 3],
    1000 + g % 50000, CASE WHEN g % 10 < 8 THEN 1000 + g % 50000 ELSE 0 END, (g % 50000) / 10,
    'b' || (g % 50000), 'buyer', 'n', '13800000000', 'addr',
    (ARRAY['广东', '浙江', '四川', '江苏', '山东'])[1 + g % 5], 'city',
    (ARRAY['live_room', 'short_video', 'search', 'product_card', 'other'])[1 + g % 5],
    CASE WHEN g % 3 = 0 THEN 1 + g % 20 END,
    ts, CASE WHEN g % 10 < 8 THEN ts + interval '10 min' END,
    CASE WHEN g % 10 < 6 THEN ts + interval '20 hours' END,
    CASE WHEN g % 10 < 6 THEN ts + interval '20 hours' + (g % 97) * interval '1 hour' END
FROM generate_series(1, {n}) g,
    LATERAL (SELECT timestamptz '2026-01-01 00:00+08' + g * (interval '90 days' / {n})) t(ts);
INSERT INTO after_sales (shop_id, order_id, type, status, reason, amount, created_at)
SELECT 1, id, CASE WHEN id % 3 = 0 THEN 'exchange' ELSE 'return_refund' END, 'requested', 'r',
    paid_amount, paid_at + interval '2 days'
FROM orders WHERE id % 20 = 0 AND paid_at IS NOT NULL;
INSERT INTO disputes (shop_id, order_id, kind, status, description, created_at)
SELECT 1, id, 'logistics', 'open', 'd', paid_at + interval '3 days'
FROM orders WHERE id % 100 = 0 AND paid_at IS NOT NULL;
ANALYZE;
"""


async def timed(fn: Callable[[], Awaitable[Any]]) -> tuple[float, float]:
    samples = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        await fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


async def measure(
    url: str, shop_id: int, first: date, last: date
) -> dict[str, tuple[float, float]]:
    settings = Settings(database_url=url, data_dir=Path(tempfile.mkdtemp()), secret_key="b")
    db = Database.connect(settings, url)
    t0 = time.perf_counter()
    rolled = await roll_up_all(db)
    print(f"rollup catch-up: {rolled} in {time.perf_counter() - t0:.1f} s")

    def call(method: str, **kw: Any) -> Callable[[], Awaitable[Any]]:
        async def run() -> Any:
            async with db.transaction() as s:
                service = MetricsService(s, ShopScope.of([shop_id]))
                return await getattr(service, method)(shop_id, first, last, **kw)

        return run

    def call_day(method: str) -> Callable[[], Awaitable[Any]]:
        async def run() -> Any:
            async with db.transaction() as s:
                service = MetricsService(s, ShopScope.of([shop_id]))
                return await getattr(service, method)(shop_id, last)

        return run

    results = {
        "summary": await timed(call("summary")),
        "trend": await timed(call("trend")),
        "trend_by_author": await timed(call("trend", group_by="author")),
        "trend_by_province": await timed(call("trend", group_by="province")),
        "regions": await timed(call("regions")),
        "authors": await timed(call("authors")),
        "daily_report": await timed(call_day("daily_report")),
    }
    await db.dispose()
    return results


def record(results: dict[str, tuple[float, float]], what: str) -> None:
    parts = ", ".join(f"{k} p50 {a:.0f} ms / p95 {b:.0f} ms" for k, (a, b) in results.items())
    write_result(
        f"metrics {what} (30-day range, {RUNS} runs, load {os.getloadavg()[0]:.2f}): {parts} "
        "(target p95 < 200 ms on 1M)"
    )


async def main() -> None:
    existing = os.environ.get("BENCH_DATABASE_URL")
    if existing:
        shop_id = int(os.environ.get("BENCH_SHOP", "1"))
        conn = await asyncpg.connect(plain_database_url(existing))
        tz = await conn.fetchval("SELECT timezone FROM shops WHERE id = $1", shop_id)
        orders = await conn.fetchval("SELECT count(*) FROM orders")
        await conn.close()
        today = datetime.now(ZoneInfo(tz)).date()
        first, last = today - timedelta(days=30), today - timedelta(days=1)
        name = existing.rsplit("/", 1)[-1]
        results = await measure(existing, shop_id, first, last)
        record(results, f"db={name} shop={shop_id} orders={orders} {first}..{last}")
        return
    size = os.environ.get("BENCH_SIZE", "small")
    n = SIZES.get(size, SIZES["small"])
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    name = f"og_bench_metrics_{os.getpid()}"
    admin = await asyncpg.connect(plain_database_url(server))
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    url = db_url(server, name)
    try:
        await asyncio.to_thread(upgrade, url)
        seed = await asyncpg.connect(url)
        await seed.execute(SEED_SQL.format(n=n))
        await seed.close()
        results = await measure(url, 1, date(2026, 2, 1), date(2026, 3, 2))
        record(results, f"size={size} orders={n}")
    finally:
        admin = await asyncpg.connect(plain_database_url(server))
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
