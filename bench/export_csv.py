"""CSV export job end to end vs bare ``COPY (same query) TO STDOUT`` into a file, same run.

Ours is measured as a client sees it: ``POST /v1/shops/{id}/exports`` to the real app
(uvicorn subprocess) until ``GET …/exports/{id}`` answers ``succeeded`` (polled every 10 ms),
the job run by a separate ``ordergate worker --only exports`` process (woken by the job's
NOTIFY; count for progress, COPY streamed to disk with sha256 and lease heartbeats, commit to
storage, job row updates). The reference is asyncpg ``copy_from_query`` of the identical
SELECT (the job's own, masking and all) into a file through the cheapest sink (a plain write
per chunk). Prints the ratio bare/ours (1.0 = as fast as bare COPY; target >= 0.8) and the
worker process's peak RSS (VmHWM; target < 100 MB), then one XLSX job (rows/s, RSS).

Six columns: the four required ones, ``created_at`` and ``receiver_phone`` (masked in SQL).

    # CI size: 20k orders seeded by SQL into a scratch database (dropped afterwards)
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test BENCH_SIZE=small \\
        python bench/export_csv.py
    # a loaded database (``ordergate demo``): shop BENCH_SHOP, CSV over the 90 exportable days,
    # XLSX over the last BENCH_XLSX_DAYS (default 30); only the bench's own jobs are removed
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/og_exports_bench BENCH_SHOP=1 \\
        python bench/export_csv.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from feed_support import SECRET, api_server, db_url, record  # noqa: E402

from app.config import Settings, plain_database_url  # noqa: E402
from app.db import Database  # noqa: E402
from app.domain.apps.service import create_app  # noqa: E402
from app.domain.exports.service import query_for  # noqa: E402
from app.domain.tokens.service import issue_tokens  # noqa: E402
from app.migrations import upgrade  # noqa: E402

SIZES = {"small": 20_000, "full": 367_000}
FIELDS = ["created_at", "receiver_phone"]  # + order_no, buyer_id, paid_amount, pay_method
SEED_SQL = """
INSERT INTO accounts (email, display_name, password_hash) VALUES ('bench@example.test', 'b', 'x');
INSERT INTO shops (name, owner_account_id) SELECT 'bench', id FROM accounts;
INSERT INTO shop_members (shop_id, account_id, role) SELECT s.id, s.owner_account_id, 'owner'
    FROM shops s;
INSERT INTO orders (shop_id, order_no, status, pay_status, pay_method, goods_amount,
    paid_amount, buyer_id, buyer_nickname, receiver_name, receiver_phone, receiver_address,
    province, city, traffic_source, created_at, paid_at)
SELECT 1, lpad(g::text, 19, '0'), 'paid', 'paid', 'alipay', 1000 + g % 50000, 1000 + g % 50000,
    'b' || (g % 5000), '买家' || (g % 5000), '张三' || (g % 97),
    '138' || lpad((g % 99999999)::text, 8, '0'),
    '广东省深圳市南山区科技园' || g, '广东', '深圳', 'live_room',
    now() - interval '80 days' + (g * interval '1 second') * (79 * 86400 / {n}),
    now() - interval '80 days' + (g * interval '1 second') * (79 * 86400 / {n}) + interval '5 min'
FROM generate_series(1, {n}) g;
INSERT INTO order_items (shop_id, order_id, product_id, title, quantity, unit_price)
SELECT 1, id, 1, 'T恤 白色 XL', 1, goods_amount FROM orders;
ANALYZE;
"""
POLL_SECONDS = 0.01


async def bench_token(url: str, shop_id: int) -> str:
    db = Database.connect(Settings(secret_key=SECRET), url)
    try:
        async with db.transaction() as s:
            owner = int(
                await s.scalar(
                    __import__("sqlalchemy").text(
                        "SELECT owner_account_id FROM shops WHERE id = :i"
                    ),
                    {"i": shop_id},
                )
            )
            app = await create_app(
                s,
                owner_account_id=owner,
                name="bench-exports",
                redirect_uris=["http://127.0.0.1/cb"],
            )
            tokens = await issue_tokens(
                s,
                client_id=app.id,
                account_id=owner,
                shop_ids=[shop_id],
                scope="all",
                access_ttl_seconds=86_400,
            )
        return tokens.access_token
    finally:
        await db.dispose()


@asynccontextmanager
async def export_worker(url: str, data_dir: Path) -> AsyncIterator[int]:
    """``ordergate worker --only exports`` as its own process; yields its pid."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "ORDERGATE_SECRET_KEY": SECRET,
        "ORDERGATE_DATA_DIR": str(data_dir),
        "ORDERGATE_LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    proc = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).parent / "ordergate"),
        "worker",
        "--only",
        "exports",
        cwd=ROOT,
        env=env,
    )
    try:
        yield proc.pid
    finally:
        proc.terminate()
        await proc.wait()


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def run_job(
    api: httpx.AsyncClient, shop_id: int, body: dict[str, Any]
) -> tuple[float, dict[str, Any]]:
    """Seconds from the POST to the GET that answers ``succeeded``, and that job."""
    t0 = time.perf_counter()
    r = await api.post(f"/v1/shops/{shop_id}/exports", json=body)
    assert r.status_code == 202, r.text
    url = r.headers["location"]
    while True:
        job = (await api.get(url)).json()
        if job["status"] == "succeeded":
            return time.perf_counter() - t0, job
        assert job["status"] in ("queued", "running"), job
        await asyncio.sleep(POLL_SECONDS)


async def bare_copy(url: str, q: Any, path: Path) -> float:
    conn = await asyncpg.connect(plain_database_url(url))
    try:
        with path.open("wb") as f:

            async def sink(chunk: bytes) -> None:
                f.write(chunk)

            t0 = time.perf_counter()
            await conn.copy_from_query(q.sql, *q.args, output=sink, format="csv", header=True)
            return time.perf_counter() - t0
    finally:
        await conn.close()


async def job_params(url: str, job_id: int) -> dict[str, Any]:
    conn = await asyncpg.connect(plain_database_url(url))
    try:
        import json

        return dict(
            json.loads(await conn.fetchval("SELECT params FROM export_jobs WHERE id = $1", job_id))
        )
    finally:
        await conn.close()


async def remove_jobs(url: str, ids: list[int]) -> None:
    conn = await asyncpg.connect(plain_database_url(url))
    try:
        await conn.execute("DELETE FROM export_jobs WHERE id = ANY($1::bigint[])", ids)
    finally:
        await conn.close()


async def measure(url: str, shop_id: int, first: date, last: date, xlsx_first: date) -> str:
    tmp = Path(tempfile.mkdtemp(prefix="og-bench-exports-"))
    token = await bench_token(url, shop_id)
    body = {"fields": FIELDS, "created_from": first.isoformat(), "created_to": last.isoformat()}
    ours: list[float] = []
    bare: list[float] = []
    made: list[int] = []
    rows = 0
    auth = {"Authorization": f"Bearer {token}"}
    async with (
        api_server(url) as base,
        export_worker(url, tmp) as pid,
        httpx.AsyncClient(base_url=base, headers=auth, timeout=60) as api,
    ):
        try:
            # Warm-up (not timed): the worker process has started and is listening.
            _, warm = await run_job(api, shop_id, {**body, "created_from": last.isoformat()})
            await remove_jobs(url, [warm["id"]])
            for _ in range(3):
                seconds, job = await run_job(api, shop_id, body)
                made.append(job["id"])
                ours.append(seconds)
                rows = job["progress"]["rows"]
                q = query_for(shop_id, await job_params(url, job["id"]))
                bare.append(await bare_copy(url, q, tmp / "bare.csv"))
                await remove_jobs(url, [job["id"]])  # stay under the 3-active cap
            csv_rss = peak_rss_mb(pid)
            xlsx_body = {**body, "format": "xlsx", "created_from": xlsx_first.isoformat()}
            xlsx_seconds, xjob = await run_job(api, shop_id, xlsx_body)
            made.append(xjob["id"])
            xlsx_rows = xjob["progress"]["rows"]
            xlsx_rss = peak_rss_mb(pid)
        finally:
            await remove_jobs(url, made)
    best_ours, best_bare = min(ours), min(bare)
    return (
        f"rows={rows} columns={len(FIELDS) + 4}: ours (POST -> succeeded, worker process) "
        f"{best_ours:.3f}s ({rows / best_ours:,.0f} rows/s), bare COPY {best_bare:.3f}s -> "
        f"ratio {best_bare / best_ours:.2f}x (target >= 0.8; runs ours "
        f"{', '.join(f'{s:.2f}' for s in ours)} / bare {', '.join(f'{s:.2f}' for s in bare)}); "
        f"worker peak RSS after CSV {csv_rss:.0f} MB (target < 100); xlsx {xlsx_rows} rows "
        f"{xlsx_seconds:.3f}s ({xlsx_rows / xlsx_seconds:,.0f} rows/s), worker peak RSS "
        f"after xlsx {xlsx_rss:.0f} MB"
    )


def save(line: str) -> None:
    record(f"export_csv {line} (load {os.getloadavg()[0]:.2f}, shared machine)")


async def main() -> None:
    existing = os.environ.get("BENCH_DATABASE_URL")
    if existing:
        shop_id = int(os.environ.get("BENCH_SHOP", "1"))
        conn = await asyncpg.connect(plain_database_url(existing))
        tz = await conn.fetchval("SELECT timezone FROM shops WHERE id = $1", shop_id)
        await conn.close()
        last = datetime.now(ZoneInfo(tz)).date()
        first = last - timedelta(days=89)
        xlsx_first = last - timedelta(days=int(os.environ.get("BENCH_XLSX_DAYS", "30")) - 1)
        line = await measure(existing, shop_id, first, last, xlsx_first)
        name = existing.rsplit("/", 1)[-1]
        save(f"db={name} shop={shop_id} {first}..{last} (xlsx from {xlsx_first}) {line}")
        return
    size = os.environ.get("BENCH_SIZE", "small")
    n = SIZES.get(size, SIZES["small"])
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    name = f"og_bench_exports_{os.getpid()}"
    admin = await asyncpg.connect(plain_database_url(server))
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    url = db_url(server, name)
    try:
        await asyncio.to_thread(upgrade, url)
        seed = await asyncpg.connect(plain_database_url(url))
        await seed.execute(SEED_SQL.format(n=n))
        await seed.close()
        last = datetime.now(ZoneInfo("Asia/Shanghai")).date()
        first = last - timedelta(days=89)
        save(f"size={size} {await measure(url, 1, first, last, first)}")
    finally:
        admin = await asyncpg.connect(plain_database_url(server))
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
