"""Order list endpoint vs raw asyncpg + orjson, same run, same concurrency.

Every side is served by uvicorn with 2 workers: ours is the real app
(``GET /v1/shops/{id}/orders?limit=50``: bearer auth (cached), validation, the page rendered by
PostgreSQL in one statement, bytes out) and the references are bench/raw_list_app.py, a bare
ASGI app with an asyncpg pool: ``same`` returns every field of the read model (the same JSON,
checked first for each filter mix), ``minimal`` 14 columns + items. Each mix is loaded for a
fixed time at the same concurrency, the sides alternating in short slices. Prints req/s, the
ratios (target >= 1.0 against ``same``), our p50/p99 latency and the load average, and appends
a line to bench/RESULTS.md.

    # CI size (20k orders in a scratch database that is dropped afterwards)
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test python bench/list_orders.py
    # 1M orders seeded by SQL in a scratch database
    BENCH_SIZE=full python bench/list_orders.py
    # an existing database, e.g. after `ordergate demo --orders 1000000`
    python bench/list_orders.py --database URL --shop-id 1 --token oga_...
    # seed N orders into a database that is kept (prints the --database/--token to reuse)
    python bench/list_orders.py --orders 1000000 --keep og_bench_list_1m
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import httpx
import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from feed_support import db_url, free_port, record  # noqa: E402

from app.config import Settings, plain_database_url  # noqa: E402
from app.db import Database  # noqa: E402
from app.domain.accounts.repository import create_account  # noqa: E402
from app.domain.apps.service import create_app  # noqa: E402
from app.domain.tokens.service import issue_tokens  # noqa: E402
from app.migrations import upgrade  # noqa: E402

SIZES = {"small": 20_000, "full": 1_000_000}
MIXES = [
    "limit=50",
    "limit=50&status=paid&status=shipped",
    "limit=50&pay_method=alipay&min_paid=5000",
    "limit=50&flagged=true&sort=-paid_amount",
    "limit=50&province=浙江&sort=-updated_at",
]
SECRET = "bench-secret-key"
ROUNDS = 6
SEED_SQL = """
INSERT INTO shops (name, owner_account_id) VALUES ('bench', {owner});
INSERT INTO shop_members (shop_id, account_id, role) SELECT id, {owner}, 'owner' FROM shops;
INSERT INTO orders (shop_id, order_no, status, pay_status, pay_method, goods_amount,
    paid_amount, buyer_id, buyer_nickname, receiver_name, receiver_phone, receiver_address,
    province, city, traffic_source, flagged, created_at, updated_at, paid_at)
SELECT (SELECT id FROM shops), lpad(g::text, 19, '0'),
    (ARRAY['pending_payment','paid','shipped','completed','closed'])[1 + g % 5],
    CASE WHEN g % 5 = 0 THEN 'unpaid' ELSE 'paid' END,
    (ARRAY['douyin_pay','alipay','wechat_pay'])[1 + g % 3],
    1000 + g % 50000, CASE WHEN g % 5 = 0 THEN 0 ELSE 1000 + g % 50000 END,
    'b' || (g % 5000), '买家' || (g % 5000), '张三', '13812341234', '广东省深圳市南山区' || g,
    (ARRAY['广东','浙江','北京','上海'])[1 + g % 4], '城市', 'live_room', g % 50 = 0,
    now() - (g * interval '1 second') * (80 * 86400 / {n}),
    now() - (g * interval '1 second') * (40 * 86400 / {n}),
    now() - (g * interval '1 second') * (80 * 86400 / {n})
FROM generate_series(1, {n}) g;
INSERT INTO order_items (shop_id, order_id, product_id, title, quantity, unit_price)
SELECT shop_id, id, 1 + id % 7, 'T恤 白色 XL', 1, goods_amount FROM orders;
INSERT INTO order_items (shop_id, order_id, product_id, title, quantity, unit_price)
SELECT shop_id, id, 8, '袜子', 2, 990 FROM orders WHERE id % 3 = 0;
INSERT INTO shipments (shop_id, order_id, carrier_code, tracking_no)
SELECT shop_id, id, 'SF', 'SF' || id FROM orders WHERE status IN ('shipped', 'completed');
ANALYZE;
"""


async def seed(url: str, n: int) -> tuple[int, str]:
    await asyncio.to_thread(upgrade, url)
    db = Database.connect(Settings(database_url=url, secret_key=SECRET), url)
    async with db.transaction() as s:
        owner = await create_account(s, email="bench@example.test", password="bench-pw-1")
    conn = await asyncpg.connect(url)
    await conn.execute(SEED_SQL.format(owner=owner, n=n))
    shop_id = int(await conn.fetchval("SELECT id FROM shops"))
    await conn.close()
    async with db.transaction() as s:
        app = await create_app(
            s, owner_account_id=owner, name="bench", redirect_uris=["http://127.0.0.1/cb"]
        )
        tokens = await issue_tokens(
            s,
            client_id=app.id,
            account_id=owner,
            shop_ids=[shop_id],
            scope="all",
            access_ttl_seconds=86_400,
        )
    await db.dispose()
    return shop_id, tokens.access_token


def start(target: list[str], port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            *target,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
    )


async def wait_ready(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> None:
    deadline = time.monotonic() + 180  # 2 workers importing the app on a busy box
    while time.monotonic() < deadline:
        try:
            if (await client.get(url, headers=headers)).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    last = await client.get(url, headers=headers)
    raise RuntimeError(f"{url} did not become ready: {last.status_code} {last.text[:300]}")


async def load(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], seconds: float, concurrency: int
) -> tuple[int, list[float]]:
    latencies: list[float] = []
    stop = time.perf_counter() + seconds

    async def one() -> None:
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            r = await client.get(url, headers=headers)
            latencies.append(time.perf_counter() - t0)
            if r.status_code != 200:
                raise RuntimeError(f"{url}: {r.status_code} {r.text[:200]}")

    await asyncio.gather(*(one() for _ in range(concurrency)))
    return len(latencies), latencies


async def run(url: str, shop_id: int, token: str, seconds: float, concurrency: int) -> str:
    ours_port, raw_port = free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "ORDERGATE_SECRET_KEY": SECRET,
        "ORDERGATE_RATELIMIT_ENABLED": "false",
        "ORDERGATE_LOG_LEVEL": "WARNING",
        "ORDERGATE_DB_POOL_SIZE": "10",
        "RAW_DATABASE_URL": plain_database_url(url),
        "RAW_SHOP_ID": str(shop_id),
        "PYTHONPATH": str(ROOT),
    }
    min_port = free_port()
    servers = [
        start(["app.main:create_app", "--factory"], ours_port, env),
        start(["bench.raw_list_app:app"], raw_port, env),
        start(["bench.raw_list_app:app"], min_port, {**env, "RAW_MODE": "minimal"}),
    ]
    auth = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    try:
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:
            ours_base = f"http://127.0.0.1:{ours_port}/v1/shops/{shop_id}/orders?"
            raw_base = f"http://127.0.0.1:{raw_port}/?"
            min_base = f"http://127.0.0.1:{min_port}/?"
            await wait_ready(client, ours_base + MIXES[0], auth)
            await wait_ready(client, raw_base + MIXES[0], {})
            await wait_ready(client, min_base + MIXES[0], {})
            load_before = os.getloadavg()[0]
            for mix in MIXES:  # same JSON from both, or the comparison means nothing
                a = orjson.loads((await client.get(ours_base + mix, headers=auth)).content)
                b = orjson.loads((await client.get(raw_base + mix)).content)
                assert a == b, f"responses differ for {mix}"
                assert a["data"], f"no rows for {mix}"
            ours_n = raw_n = min_n = 0
            ours_lat: list[float] = []
            per_mix: list[str] = []
            for mix in MIXES:
                await load(client, ours_base + mix, auth, 0.5, concurrency)  # warm-up
                await load(client, raw_base + mix, {}, 0.5, concurrency)
                await load(client, min_base + mix, {}, 0.5, concurrency)
                # Alternate short slices so load from anything else on the machine hits every
                # side alike (a shared 2-core box drifts over seconds).
                n1 = n2 = n3 = 0
                lat: list[float] = []
                for _ in range(ROUNDS):
                    a, la = await load(client, ours_base + mix, auth, seconds / ROUNDS, concurrency)
                    b, _ = await load(client, raw_base + mix, {}, seconds / ROUNDS, concurrency)
                    c, _ = await load(client, min_base + mix, {}, seconds / ROUNDS, concurrency)
                    n1, n2, n3 = n1 + a, n2 + b, n3 + c
                    lat.extend(la)
                ours_n, raw_n, min_n = ours_n + n1, raw_n + n2, min_n + n3
                ours_lat.extend(lat)
                per_mix.append(f"{mix}: {n1 / n2:.2f}x / {n1 / n3:.2f}x")
                print(
                    f"  {mix}: ours {n1 / seconds:,.0f} req/s, raw same fields "
                    f"{n2 / seconds:,.0f} req/s, raw 14 columns {n3 / seconds:,.0f} req/s"
                )
            load_after = os.getloadavg()[0]
    finally:
        for p in servers:
            p.terminate()
        for p in servers:
            p.wait(timeout=30)
    total = seconds * len(MIXES)
    ours_rps, raw_rps, min_rps = ours_n / total, raw_n / total, min_n / total
    q = statistics.quantiles(ours_lat, n=100)
    return (
        f"ours {ours_rps:,.0f} req/s, raw asyncpg same fields {raw_rps:,.0f} req/s -> ratio "
        f"{ours_rps / raw_rps:.2f}x (target >= 1.0), raw 14 columns {min_rps:,.0f} req/s -> "
        f"ratio {ours_rps / min_rps:.2f}x; ours p50 {q[49] * 1000:.1f} ms, "
        f"p99 {q[98] * 1000:.1f} ms (target < 30) at concurrency {concurrency} "
        f"(per mix vs same / vs 14 columns: {'; '.join(per_mix)}; "
        f"1-min load average {load_before:.2f} before, {load_after:.2f} after)"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="use this database as is (no seeding)")
    parser.add_argument("--shop-id", type=int, default=1)
    parser.add_argument("--token", help="access token for --database")
    parser.add_argument("--orders", type=int, help="seed this many (default by BENCH_SIZE)")
    parser.add_argument("--seconds", type=float, default=3.0, help="per mix and side")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--keep", metavar="NAME", help="seed into database NAME and keep it")
    args = parser.parse_args()
    size = os.environ.get("BENCH_SIZE", "small")
    if args.database:
        if not args.token:
            parser.error("--token is required with --database")
        label = f"database={args.database.rsplit('/', 1)[-1]}"
        summary = await run(args.database, args.shop_id, args.token, args.seconds, args.concurrency)
    else:
        n = args.orders or SIZES.get(size, SIZES["small"])
        label = f"orders={n}"
        server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
        name = args.keep or f"og_bench_list_{os.getpid()}"
        admin = await asyncpg.connect(plain_database_url(server))
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        url = db_url(server, name)
        if args.keep:
            shop_id, token = await seed(url, n)
            print(f"kept: --database {url} --shop-id {shop_id} --token {token}")
            return
        try:
            shop_id, token = await seed(url, n)
            summary = await run(url, shop_id, token, args.seconds, args.concurrency)
        finally:
            admin = await asyncpg.connect(plain_database_url(server))
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await admin.close()
    record(f"list_orders {label}: {summary}")


if __name__ == "__main__":
    asyncio.run(main())
