"""Metrics latency on a seeded shop: summary and 30-day trends (plain and grouped), p50/p95.

Seeds a scratch database (its own, dropped afterwards) with N orders over 90 days through SQL
(paid, shipped, signed, after-sales, disputes in realistic shares), then calls the metrics
service the REST endpoints use, single shop and 10 shops together, beside the plain SQL of the
same measures. Target on 1M orders: p95 < 100 ms single shop, < 300 ms 10 shops. Appends to
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

from feed_support import record as write_result  # noqa: E402
from feed_support import scratch_database  # noqa: E402

from app.config import Settings, plain_database_url  # noqa: E402
from app.db import Database  # noqa: E402
from app.domain.access.scope import ShopScope  # noqa: E402
from app.domain.metrics.rollup import roll_up_all  # noqa: E402
from app.domain.metrics.service import MetricsService  # noqa: E402

SIZES = {"small": 20_000, "full": 1_000_000}
RUNS = 20
SHOPS = 10  # shop 1 holds half the orders, the other nine share the rest
TZ = "Asia/Shanghai"  # the shops' default timezone
SEED_SQL = """
INSERT INTO accounts (email, display_name, password_hash) VALUES ('bench@example.test', 'b', 'x');
INSERT INTO shops (name, owner_account_id)
SELECT 'bench ' || k, id FROM accounts, generate_series(1, {shops}) k;
INSERT INTO authors (nickname) SELECT 'author' || g FROM generate_series(1, 20) g;
INSERT INTO orders (shop_id, order_no, status, pay_status, pay_method, goods_amount, paid_amount,
    commission_amount, buyer_id, buyer_nickname, receiver_name, receiver_phone, receiver_address,
    province, city, traffic_source, author_id, created_at, paid_at, shipped_at, signed_at)
SELECT CASE WHEN g % 2 = 0 THEN 1 ELSE 2 + (g / 2) % ({shops} - 1) END, lpad(g::text, 19, '0'),
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
SELECT shop_id, id, CASE WHEN id % 3 = 0 THEN 'exchange' ELSE 'return_refund' END, 'requested',
    'r',
    paid_amount, paid_at + interval '2 days'
FROM orders WHERE id % 20 = 0 AND paid_at IS NOT NULL;
INSERT INTO disputes (shop_id, order_id, kind, status, description, created_at)
SELECT shop_id, id, 'logistics', 'open', 'd', paid_at + interval '3 days'
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


# The reference: the summary's measures as one plain SQL aggregate over the source tables
# (what a dashboard without the rollup would run), through bare asyncpg.
REFERENCE_SQL = """
SELECT count(*) FILTER (WHERE o.created_at >= $2 AND o.created_at < $3),
       count(o.paid_at) FILTER (WHERE o.created_at >= $2 AND o.created_at < $3),
       count(*) FILTER (WHERE o.paid_at >= $2 AND o.paid_at < $3),
       sum(o.paid_amount) FILTER (WHERE o.paid_at >= $2 AND o.paid_at < $3),
       count(*) FILTER (WHERE o.paid_at >= $2 AND o.paid_at < $3 AND EXISTS (
           SELECT 1 FROM after_sales a WHERE a.shop_id = o.shop_id AND a.order_id = o.id
           AND a.type IN ('refund_only', 'return_refund'))),
       count(*) FILTER (WHERE o.paid_at >= $2 AND o.paid_at < $3 AND EXISTS (
           SELECT 1 FROM disputes d WHERE d.shop_id = o.shop_id AND d.order_id = o.id))
FROM orders o
WHERE o.shop_id = ANY($1::bigint[])
  AND ((o.created_at >= $2 AND o.created_at < $3) OR (o.paid_at >= $2 AND o.paid_at < $3))
"""


async def measure(
    url: str, shop_id: int, shop_ids: list[int], first: date, last: date, tz: str
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

    def call_shops(method: str, **kw: Any) -> Callable[[], Awaitable[Any]]:
        async def run() -> Any:
            async with db.transaction() as s:
                service = MetricsService(s, ShopScope.of(shop_ids))
                return await getattr(service, method)(shop_ids, first, last, **kw)

        return run

    def call_day(method: str) -> Callable[[], Awaitable[Any]]:
        async def run() -> Any:
            async with db.transaction() as s:
                service = MetricsService(s, ShopScope.of([shop_id]))
                return await getattr(service, method)(shop_id, last)

        return run

    conn = await asyncpg.connect(plain_database_url(url))
    start = datetime.combine(first, datetime.min.time(), ZoneInfo(tz))
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), ZoneInfo(tz))

    def reference(shops: list[int]) -> Callable[[], Awaitable[Any]]:
        async def run() -> Any:
            return await conn.fetchrow(REFERENCE_SQL, shops, start, end)

        return run

    results = {
        "summary": await timed(call("summary")),
        "summary_reference_sql": await timed(reference([shop_id])),
        "trend": await timed(call("trend")),
        "trend_by_author": await timed(call("trend", group_by="author")),
        "trend_by_province": await timed(call("trend", group_by="province")),
        "regions": await timed(call("regions")),
        "authors": await timed(call("authors")),
        "daily_report": await timed(call_day("daily_report")),
        f"shops{len(shop_ids)}_summary": await timed(call_shops("shops_summary")),
        f"shops{len(shop_ids)}_summary_reference_sql": await timed(reference(shop_ids)),
        f"shops{len(shop_ids)}_trend": await timed(call_shops("shops_trend")),
        f"shops{len(shop_ids)}_regions": await timed(call_shops("shops_regions")),
    }
    await conn.close()
    await db.dispose()
    for name in ("summary", f"shops{len(shop_ids)}_summary"):
        ours, ref = results[name][1], results[f"{name}_reference_sql"][1]
        print(f"{name}: p95 {ours:.0f} ms vs plain SQL {ref:.0f} ms (ratio {ours / ref:.2f})")
    return results


def record(results: dict[str, tuple[float, float]], what: str) -> None:
    parts = ", ".join(f"{k} p50 {a:.0f} ms / p95 {b:.0f} ms" for k, (a, b) in results.items())
    write_result(
        f"metrics {what} (30-day range, {RUNS} runs, load {os.getloadavg()[0]:.2f}, machine "
        f"shared): {parts} (target p95 < 100 ms single shop, < 300 ms for 10 shops)"
    )


async def main() -> None:
    existing = os.environ.get("BENCH_DATABASE_URL")
    if existing:
        shop_id = int(os.environ.get("BENCH_SHOP", "1"))
        conn = await asyncpg.connect(plain_database_url(existing))
        tz = await conn.fetchval("SELECT timezone FROM shops WHERE id = $1", shop_id)
        orders = await conn.fetchval("SELECT count(*) FROM orders")
        rows = await conn.fetch("SELECT id FROM shops ORDER BY id LIMIT 10")
        shop_ids = [int(r["id"]) for r in rows]
        await conn.close()
        today = datetime.now(ZoneInfo(tz)).date()
        first, last = today - timedelta(days=30), today - timedelta(days=1)
        name = existing.rsplit("/", 1)[-1]
        results = await measure(existing, shop_id, shop_ids, first, last, tz)
        record(results, f"db={name} shop={shop_id} orders={orders} {first}..{last}")
        return
    size = os.environ.get("BENCH_SIZE", "small")
    n = SIZES.get(size, SIZES["small"])
    # DATABASE_URL's server, or without it a private embedded cluster.
    async with scratch_database("metrics", isolated="DATABASE_URL" not in os.environ) as url:
        seed = await asyncpg.connect(plain_database_url(url))
        t0 = time.perf_counter()
        await seed.execute(SEED_SQL.format(n=n, shops=SHOPS))
        await seed.close()
        print(f"seeded {n} orders in {time.perf_counter() - t0:.0f} s")
        shop_ids = list(range(1, SHOPS + 1))
        results = await measure(url, 1, shop_ids, date(2026, 2, 1), date(2026, 3, 2), TZ)
        record(results, f"size={size} orders={n} (shop 1: {n // 2}, {SHOPS} shops)")


if __name__ == "__main__":
    asyncio.run(main())
