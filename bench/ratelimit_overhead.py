"""Throttle overhead: the same order list endpoint with rate limits on (Redis) vs off, same run.

Two uvicorn servers with 2 workers each on one scratch database: one with the throttle on
(REDIS_URL, limits so large that nothing is refused, so every request pays the full charge:
burst + points scripts and the header read-back), one with ``ORDERGATE_RATELIMIT_ENABLED=false``.
Load alternates short slices between them to share the machine's noise. Prints req/s of both and
the ratio on/off (target >= 0.9) and appends a line to bench/RESULTS.md.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/0 \
        python bench/ratelimit_overhead.py [--orders 2000] [--seconds 2] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from feed_support import SECRET, database, free_port, record, scratch_database  # noqa: E402
from list_orders import load, start, wait_ready  # noqa: E402

from app.domain.accounts.repository import create_account  # noqa: E402
from app.domain.apps.service import create_app  # noqa: E402
from app.domain.tokens.service import issue_tokens  # noqa: E402

ORDERS_SQL = """
INSERT INTO orders (shop_id, order_no, status, pay_status, pay_method, goods_amount,
    paid_amount, buyer_id, buyer_nickname, receiver_name, receiver_phone, receiver_address,
    province, city, traffic_source, created_at, updated_at)
SELECT {shop}, lpad(g::text, 19, '0'), 'paid', 'paid', 'alipay', 1000 + g, 1000 + g,
    'b' || g, '买家', '张三', '13812341234', '广东省深圳市南山区' || g, '广东', '深圳',
    'live_room', now() - g * interval '1 minute', now() - g * interval '1 minute'
FROM generate_series(1, {n}) g
"""


async def seed(url: str, orders: int) -> tuple[int, str]:
    from sqlalchemy import text

    db = database(url)
    try:
        async with db.transaction() as s:
            owner = await create_account(
                s, email=f"bench-{uuid.uuid4().hex[:8]}@example.test", password="pw-bench-1"
            )
            shop = (
                await s.execute(
                    text(
                        "INSERT INTO shops (name, owner_account_id) VALUES ('bench', :o) "
                        "RETURNING id"
                    ),
                    {"o": owner},
                )
            ).scalar_one()
            await s.execute(
                text(
                    "INSERT INTO shop_members (shop_id, account_id, role) VALUES (:s, :o, 'owner')"
                ),
                {"s": shop, "o": owner},
            )
            await s.execute(text(ORDERS_SQL.format(shop=int(shop), n=int(orders))))
            app = await create_app(
                s,
                owner_account_id=owner,
                name="bench-ratelimit",
                redirect_uris=["http://127.0.0.1:8765/callback"],
            )
            tokens = await issue_tokens(
                s, client_id=app.id, account_id=owner, shop_ids=[int(shop)], scope="all"
            )
        return int(shop), tokens.access_token
    finally:
        await db.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=2.0, help="length of one slice")
    parser.add_argument("--rounds", type=int, default=3, help="slices per side")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        sys.exit("REDIS_URL is required (the point is the Redis round trips)")

    async with scratch_database("ratelimit") as url:
        shop_id, token = await seed(url, args.orders)
        base = {
            **os.environ,
            "DATABASE_URL": url,
            "ORDERGATE_SECRET_KEY": SECRET,
            "ORDERGATE_LOG_LEVEL": "WARNING",
        }
        on_env = {
            **base,
            "REDIS_URL": redis_url,
            "ORDERGATE_RATELIMIT_ENABLED": "true",
            "ORDERGATE_RATELIMIT_POINTS_PER_MINUTE": "100000000",
            "ORDERGATE_RATELIMIT_REQUESTS_PER_SECOND": "10000000",
            "ORDERGATE_RATELIMIT_KEY_PREFIX": f"ordergate-bench:{uuid.uuid4().hex}",
        }
        off_env = {**base, "ORDERGATE_RATELIMIT_ENABLED": "false"}
        ports = {"on": free_port(), "off": free_port()}
        target = ["app.main:create_app", "--factory"]
        procs = [start(target, ports["on"], on_env), start(target, ports["off"], off_env)]
        path = f"/v1/shops/{shop_id}/orders?limit=50"
        headers = {"Authorization": f"Bearer {token}"}
        try:
            limits = httpx.Limits(max_connections=args.concurrency * 2)
            async with httpx.AsyncClient(timeout=30, limits=limits) as client:
                urls = {k: f"http://127.0.0.1:{p}{path}" for k, p in ports.items()}
                for u in urls.values():
                    await wait_ready(client, u, headers)
                probe = await client.get(urls["on"], headers=headers)
                assert "RateLimit" in probe.headers, "the throttle is not on"
                counts = {"on": 0, "off": 0}
                for _ in range(args.rounds):
                    for side in ("on", "off"):
                        served, _ = await load(
                            client, urls[side], headers, args.seconds, args.concurrency
                        )
                        counts[side] += served
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()

    elapsed = args.seconds * args.rounds
    on, off = counts["on"] / elapsed, counts["off"] / elapsed
    ratio = on / off if off else 0.0
    line = (
        f"ratelimit_overhead orders={args.orders} GET /v1/shops/{{id}}/orders?limit=50, "
        f"2 workers each, concurrency {args.concurrency}, {args.rounds}x{args.seconds:g}s "
        f"alternating slices: limits on (Redis) {on:.0f} req/s, off {off:.0f} req/s -> "
        f"ratio {ratio:.2f}x (target >= 0.9)"
    )
    print(line)
    record(line)


if __name__ == "__main__":
    asyncio.run(main())
