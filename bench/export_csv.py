"""CSV export job vs bare ``COPY (same query) TO STDOUT`` into a file, in the same run.

Seeds a scratch database (its own, dropped afterwards) with N orders through SQL, then times:
  * ours: an export job run by ExportWorker (count for progress, COPY streamed to disk with
    sha256 and lease heartbeats, commit to storage, job row updates), and
  * bare: asyncpg ``copy_from_query`` of the identical SELECT into a file through the
    cheapest sink (a plain write per chunk: no hashing, no progress, no job bookkeeping).
Prints the ratio bare/ours (1.0 = as fast as bare COPY; target >= 0.5), then times one XLSX
job (rows/s) and prints the process's peak RSS; appends a line to bench/RESULTS.md.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test BENCH_SIZE=small \
        python bench/export_csv.py

Or on an already loaded database (``ordergate demo``): shop BENCH_SHOP, CSV over the 90 days
(the export limit) and XLSX over the BENCH_XLSX_DAYS (default 30) before today; only the
bench's own export jobs are created and removed:

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/og_bench_1m BENCH_SHOP=1 \
        python bench/export_csv.py
"""

from __future__ import annotations

import asyncio
import os
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from feed_support import db_url  # noqa: E402
from feed_support import record as write_result  # noqa: E402

from app.auth.scope import ShopScope  # noqa: E402
from app.config import Settings, plain_database_url  # noqa: E402
from app.db import Database  # noqa: E402
from app.domain.audit.actor import SYSTEM  # noqa: E402
from app.domain.exports.schemas import ExportCreate  # noqa: E402
from app.domain.exports.service import ExportService, query_for  # noqa: E402
from app.domain.exports.storage import DirectoryStorage  # noqa: E402
from app.domain.exports.worker import ExportWorker  # noqa: E402
from app.migrations import upgrade  # noqa: E402

SIZES = {"small": 20_000, "full": 1_000_000}
FIELDS = [
    "created_at",
    "paid_at",
    "status",
    "goods_amount",
    "buyer_nickname",
    "receiver_name",
    "receiver_phone",
    "province",
    "city",
    "traffic_source",
    "items",
]
SEED_SQL = """
INSERT INTO accounts (email, display_name, password_hash) VALUES ('bench@example.test', 'b', 'x');
INSERT INTO shops (name, owner_account_id) SELECT 'bench', id FROM accounts;
INSERT INTO orders (shop_id, order_no, status, pay_status, pay_method, goods_amount,
    paid_amount, buyer_id, buyer_nickname, receiver_name, receiver_phone, receiver_address,
    province, city, traffic_source, created_at, paid_at)
SELECT 1, lpad(g::text, 19, '0'), 'paid', 'paid', 'alipay', 1000 + g % 50000, 1000 + g % 50000,
    'b' || (g % 5000), '买家' || (g % 5000), '张三' || (g % 97),
    '138' || lpad((g % 99999999)::text, 8, '0'),
    '广东省深圳市南山区科技园' || g, '广东', '深圳', 'live_room',
    timestamptz '2026-03-01 00:00+08' + (g * interval '1 second') * (80 * 86400 / {n}),
    timestamptz '2026-03-01 00:10+08' + (g * interval '1 second') * (80 * 86400 / {n})
FROM generate_series(1, {n}) g;
INSERT INTO order_items (shop_id, order_id, product_id, title, quantity, unit_price)
SELECT 1, id, 1, 'T恤 白色 XL', 1, goods_amount FROM orders;
ANALYZE;
"""


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def measure(
    url: str, shop_id: int, tmp: Path, first: date, last: date, xlsx_first: date
) -> tuple[str, float]:
    """Three CSV jobs vs bare COPY, then one XLSX job; returns the line and the XLSX rows."""
    settings = Settings(database_url=url, data_dir=tmp, secret_key="bench")
    db = Database.connect(settings, url)
    storage = DirectoryStorage(settings.exports_dir)
    worker = ExportWorker(db, storage, ttl_days=7, shop_ids=frozenset([shop_id]))
    body = ExportCreate(fields=FIELDS, created_from=first, created_to=last)
    conn = await asyncpg.connect(url)  # one warm connection for the bare runs
    ours: list[float] = []
    bare: list[float] = []
    rows = 0
    for _ in range(3):
        async with db.transaction() as s:
            job = await ExportService(s, ShopScope.of([shop_id]), SYSTEM).create(
                shop_id, body, can_read_pii=False
            )
        t0 = time.perf_counter()
        assert await worker.run_once()
        ours.append(time.perf_counter() - t0)
        async with db.transaction() as s:
            params = (
                await s.execute(
                    text("SELECT params, rows_done, status FROM export_jobs WHERE id = :i"),
                    {"i": job["id"]},
                )
            ).one()
        assert params[2] == "succeeded", params
        rows = params[1]
        q = query_for(shop_id, params[0])
        with (tmp / "bare.csv").open("wb") as f:

            async def sink(chunk: bytes, f: Any = f) -> None:
                f.write(chunk)

            t0 = time.perf_counter()
            await conn.copy_from_query(q.sql, *q.args, output=sink, format="csv", header=True)
            bare.append(time.perf_counter() - t0)
        async with db.transaction() as s:  # keep under the 3-active cap; only our jobs
            await s.execute(text("DELETE FROM export_jobs WHERE id = :i"), {"i": job["id"]})
    await conn.close()
    csv_rss = peak_rss_mb()
    # XLSX through the same worker: rows/s and the process's peak RSS afterwards.
    async with db.transaction() as s:
        job = await ExportService(s, ShopScope.of([shop_id]), SYSTEM).create(
            shop_id,
            body.model_copy(update={"format": "xlsx", "created_from": xlsx_first}),
            can_read_pii=False,
        )
    t0 = time.perf_counter()
    assert await worker.run_once()
    xlsx_seconds = time.perf_counter() - t0
    async with db.transaction() as s:
        xlsx_rows = await s.scalar(
            text("SELECT rows_done FROM export_jobs WHERE id = :i"), {"i": job["id"]}
        )
        await s.execute(text("DELETE FROM export_jobs WHERE id = :i"), {"i": job["id"]})
    await db.dispose()
    best_ours, best_bare = min(ours), min(bare)
    ratio = best_bare / best_ours
    line = (
        f"rows={rows}: ours {best_ours:.3f}s ({rows / best_ours:,.0f} rows/s), bare COPY "
        f"{best_bare:.3f}s -> ratio {ratio:.2f}x (target >= 0.5); peak RSS after CSV "
        f"{csv_rss:.0f} MB; xlsx {xlsx_rows} rows {xlsx_seconds:.3f}s "
        f"({(xlsx_rows or 0) / xlsx_seconds:,.0f} rows/s); peak RSS after xlsx "
        f"{peak_rss_mb():.0f} MB (whole bench process incl. the worker, targets < 100 MB csv / "
        "< 150 MB xlsx)"
    )
    return line, xlsx_seconds


def record(line: str) -> None:
    write_result(f"export_csv {line} (load {os.getloadavg()[0]:.2f})")


async def main() -> None:
    existing = os.environ.get("BENCH_DATABASE_URL")
    if existing:
        shop_id = int(os.environ.get("BENCH_SHOP", "1"))
        conn = await asyncpg.connect(plain_database_url(existing))
        tz = await conn.fetchval("SELECT timezone FROM shops WHERE id = $1", shop_id)
        await conn.close()
        today = datetime.now(ZoneInfo(tz)).date()
        last = today - timedelta(days=1)
        first = last - timedelta(days=89)
        xlsx_first = last - timedelta(days=int(os.environ.get("BENCH_XLSX_DAYS", "30")) - 1)
        tmp = Path(tempfile.mkdtemp(prefix="og-bench-exports-"))
        line, _ = await measure(existing, shop_id, tmp, first, last, xlsx_first)
        name = existing.rsplit("/", 1)[-1]
        record(f"db={name} shop={shop_id} {first}..{last} (xlsx from {xlsx_first}) {line}")
        return
    size = os.environ.get("BENCH_SIZE", "small")
    n = SIZES.get(size, SIZES["small"])
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    name = f"og_bench_exports_{os.getpid()}"
    admin = await asyncpg.connect(plain_database_url(server))
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    url = db_url(server, name)
    tmp = Path(tempfile.mkdtemp(prefix="og-bench-exports-"))
    try:
        await asyncio.to_thread(upgrade, url)
        seed = await asyncpg.connect(url)
        await seed.execute(SEED_SQL.format(n=n))
        await seed.close()
        first, last = date(2026, 3, 1), date(2026, 5, 29)
        line, _ = await measure(url, 1, tmp, first, last, first)
        record(f"size={size} {line}")
    finally:
        admin = await asyncpg.connect(plain_database_url(server))
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
