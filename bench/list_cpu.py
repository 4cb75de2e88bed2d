"""CPU per request of the order list, in process: ours vs the raw references, no network.

Calls each ASGI app directly (no HTTP client, no uvicorn), one request at a time, and reports
process CPU per request: what a request costs in Python (plus the driver), independent of how
the load generator and the machine's other work share the cores. ``--profile`` adds a
pyinstrument breakdown of ours (middleware, dependencies, auth, statement, execution; needs
``pip install pyinstrument``, not a dependency of the project).

    python bench/list_cpu.py --database URL --shop-id N --token oga_... [--requests 400]
    python bench/list_cpu.py [--orders 2000]   # seeds a scratch database on DATABASE_URL's server
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from feed_support import db_url, record  # noqa: E402

from app.config import plain_database_url  # noqa: E402

App = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


async def request(app: App, path: str, query: bytes, headers: list[tuple[bytes, bytes]]) -> int:
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"bench"), *headers],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    await app(scope, receive, send)
    return status[0]


async def cpu_per_request(
    app: App, path: str, query: bytes, headers: list[tuple[bytes, bytes]], n: int
) -> float:
    for _ in range(50):  # warm caches (statements, auth, plans)
        assert await request(app, path, query, headers) == 200
    start = time.process_time()
    for _ in range(n):
        await request(app, path, query, headers)
    return (time.process_time() - start) / n * 1000


async def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", help="use this database as is (else seed a scratch one)")
    parser.add_argument("--shop-id", type=int, default=1)
    parser.add_argument("--token", help="access token for --database")
    parser.add_argument("--orders", type=int, default=2_000, help="seeded without --database")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--query", default="limit=50")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if args.database:
        if not args.token:
            parser.error("--token is required with --database")
        await measure(args)
        return
    # No database given (CI's `make bench`): seed one like bench/list_orders.py, then drop it.
    import asyncpg
    from list_orders import seed

    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    name = f"og_bench_list_cpu_{os.getpid()}"
    admin = await asyncpg.connect(plain_database_url(server))
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    try:
        args.database = db_url(server, name)
        args.shop_id, args.token = await seed(args.database, args.orders)
        await measure(args)
    finally:
        admin = await asyncpg.connect(plain_database_url(server))
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def measure(args: argparse.Namespace) -> None:
    os.environ.update(
        {
            "DATABASE_URL": args.database,
            "ORDERGATE_RATELIMIT_ENABLED": "false",
            "ORDERGATE_LOG_LEVEL": "WARNING",
            "RAW_DATABASE_URL": plain_database_url(args.database),
            "RAW_SHOP_ID": str(args.shop_id),
        }
    )
    import asyncpg
    import raw_list_app

    from app.main import create_app

    ours = create_app()
    query = args.query.encode()
    auth = [(b"authorization", f"Bearer {args.token}".encode())]
    path = f"/v1/shops/{args.shop_id}/orders"
    load_before = os.getloadavg()[0]
    results: dict[str, float] = {}
    async with ours.router.lifespan_context(ours):
        raw_list_app._pool = await asyncpg.create_pool(
            plain_database_url(args.database), min_size=1, max_size=2
        )
        for label, mode in (("raw same fields", False), ("raw 14 columns", True)):
            raw_list_app.MINIMAL = mode
            raw_list_app._compiled.clear()  # its SQL differs by mode
            results[label] = await cpu_per_request(raw_list_app.app, "/", query, [], args.requests)
        results["ours"] = await cpu_per_request(ours, path, query, auth, args.requests)
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005, async_mode="disabled")
            profiler.start()
            for _ in range(args.requests):
                await request(ours, path, query, auth)
            profiler.stop()
            print(profiler.output_text(color=False, show_all=False))
        await raw_list_app._pool.close()
    ours_ms = results["ours"]
    summary = ", ".join(f"{k} {v:.2f} ms" for k, v in results.items())
    record(
        f"list_cpu database={args.database.rsplit('/', 1)[-1]} {args.query} "
        f"({args.requests} sequential requests in process): CPU per request {summary} -> "
        f"ratio {results['raw same fields'] / ours_ms:.2f}x vs same fields, "
        f"{results['raw 14 columns'] / ours_ms:.2f}x vs 14 columns "
        f"(1-min load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after)"
    )


if __name__ == "__main__":
    asyncio.run(main())
