"""The same 50-order page with items through GraphQL and REST, same run, same servers.

One uvicorn (2 workers) serves the real app; REST `GET /v1/shops/{id}/orders?limit=50` and
GraphQL `shop(id) { orders(first: 50) { nodes { …list-row fields, items… } } }` are checked for
the same orders, amounts, statuses and items, then each is loaded for a fixed time at the same
concurrency, in alternating slices (so load drift on a shared box hits both alike). Prints both
req/s and the ratio GraphQL/REST (target >= 0.9), plus the server's CPU per request for each
(the steadier figure on a shared box: REST ms / GraphQL ms), and appends a line to
bench/RESULTS.md.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test python bench/graphql_vs_rest.py
    BENCH_SIZE=full python bench/graphql_vs_rest.py        # 1M orders
    python bench/graphql_vs_rest.py --database URL --shop-id N --token oga_...  # as it is
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import asyncpg
import httpx
import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from feed_support import db_url, free_port, record  # noqa: E402
from list_orders import SECRET, SIZES, seed, start, wait_ready  # noqa: E402

from app.config import plain_database_url  # noqa: E402

QUERY = """query($s: Int!) { shop(id: $s) { orders(first: 50) { nodes {
  databaseId shopId orderNo status payStatus payMethod createdAt paidAt paidAmount
  buyer { id nickname } items { databaseId productId title sku quantity unitPrice }
  trackingNumbers flagged trafficSource version updatedAt } } } }"""


def _same_page(rest: dict[str, object], graphql: dict[str, object]) -> None:
    rows = rest["data"]
    nodes = graphql["data"]["shop"]["orders"]["nodes"]  # type: ignore[index]
    assert isinstance(rows, list) and len(rows) == len(nodes) == 50
    for r, n in zip(rows, nodes, strict=True):
        assert (r["id"], r["paid_amount"], r["status"].upper(), len(r["items"])) == (
            n["databaseId"],
            n["paidAmount"],
            n["status"],
            len(n["items"]),
        ), (r, n)


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its descendants (the uvicorn
    workers). Linux /proc; 0.0 elsewhere. On a shared box CPU per request moves far less
    with other people's load than req/s does."""
    proc = Path("/proc")
    if not proc.exists():
        return 0.0
    stats: dict[int, tuple[int, float]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command: state, ppid, ..., utime (14th field overall), stime (15th).
        stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    tree, total = {pid}, 0.0
    changed = True
    while changed:
        changed = False
        for child, (parent, _) in stats.items():
            if parent in tree and child not in tree:
                tree.add(child)
                changed = True
    for member in tree:
        total += stats.get(member, (0, 0))[1]
    return total / os.sysconf("SC_CLK_TCK")


async def load(
    call: Callable[[], Awaitable[httpx.Response]], seconds: float, concurrency: int
) -> int:
    done = 0
    stop = time.perf_counter() + seconds

    async def one() -> None:
        nonlocal done
        while time.perf_counter() < stop:
            r = await call()
            if r.status_code != 200 or b'"errors"' in r.content[:20]:
                raise RuntimeError(f"{r.status_code} {r.text[:200]}")
            done += 1

    await asyncio.gather(*(one() for _ in range(concurrency)))
    return done


async def run(
    url: str, shop_id: int, token: str, seconds: float, concurrency: int, rounds: int
) -> str:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "ORDERGATE_SECRET_KEY": SECRET,
        "ORDERGATE_RATELIMIT_ENABLED": "false",
        "ORDERGATE_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    server = start(["app.main:create_app", "--factory"], port, env)
    auth = {"Authorization": f"Bearer {token}"}
    base = f"http://127.0.0.1:{port}"
    body = orjson.dumps({"query": QUERY, "variables": {"s": shop_id}})
    gql_headers = {**auth, "Content-Type": "application/json"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    try:
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:
            rest_url = f"{base}/v1/shops/{shop_id}/orders?limit=50"
            await wait_ready(client, rest_url, auth)

            def rest() -> Awaitable[httpx.Response]:
                return client.get(rest_url, headers=auth)

            def graphql() -> Awaitable[httpx.Response]:
                return client.post(f"{base}/graphql", content=body, headers=gql_headers)

            _same_page(
                orjson.loads((await rest()).content), orjson.loads((await graphql()).content)
            )
            await load(rest, 0.5, concurrency)  # warm-up both
            await load(graphql, 0.5, concurrency)
            # Alternating slices: on a shared box the load drifts; both APIs see the same drift.
            n_rest = n_gql = 0
            cpu_rest = cpu_gql = 0.0
            for _ in range(rounds):
                start_cpu = server_cpu(server.pid)
                n_rest += await load(rest, seconds / rounds, concurrency)
                middle_cpu = server_cpu(server.pid)
                n_gql += await load(graphql, seconds / rounds, concurrency)
                cpu_rest += middle_cpu - start_cpu
                cpu_gql += server_cpu(server.pid) - middle_cpu
    finally:
        server.terminate()
        server.wait(timeout=30)
    rest_rps, gql_rps = n_rest / seconds, n_gql / seconds
    cpu = ""
    if cpu_rest > 0 and cpu_gql > 0:
        rest_ms, gql_ms = cpu_rest / n_rest * 1000, cpu_gql / n_gql * 1000
        cpu = (
            f"; server CPU per request REST {rest_ms:.1f} ms, GraphQL {gql_ms:.1f} ms -> "
            f"ratio {rest_ms / gql_ms:.2f}x"
        )
    return (
        f"REST {rest_rps:,.0f} req/s, GraphQL {gql_rps:,.0f} req/s -> ratio "
        f"{gql_rps / rest_rps:.2f}x (target >= 0.9) at concurrency {concurrency}, "
        f"{rounds} alternating slices of {seconds / rounds:g} s per API{cpu}"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--orders", type=int, help="seed this many (default by BENCH_SIZE)")
    parser.add_argument("--seconds", type=float, help="load per API (default 2 small, 10 full)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="alternating REST/GraphQL slices")
    parser.add_argument("--database", help="use this database as is (no seeding)")
    parser.add_argument("--shop-id", type=int, default=1)
    parser.add_argument("--token", help="access token for --database")
    args = parser.parse_args()
    size = os.environ.get("BENCH_SIZE", "small")
    n = args.orders or SIZES.get(size, SIZES["small"])
    seconds = args.seconds or (10.0 if size == "full" else 2.0)
    if args.database:
        if not args.token:
            parser.error("--token is required with --database")
        load_before = os.getloadavg()[0]
        summary = await run(
            args.database, args.shop_id, args.token, seconds, args.concurrency, args.rounds
        )
        record(
            f"graphql_vs_rest database={args.database.rsplit('/', 1)[-1]}: {summary} "
            f"(1-min load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after)"
        )
        return
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    name = f"og_bench_gql_{os.getpid()}"
    admin = await asyncpg.connect(plain_database_url(server))
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    url = db_url(server, name)
    try:
        shop_id, token = await seed(url, n)
        load_before = os.getloadavg()[0]
        summary = await run(url, shop_id, token, seconds, args.concurrency, args.rounds)
    finally:
        admin = await asyncpg.connect(plain_database_url(server))
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    record(
        f"graphql_vs_rest orders={n}: {summary} "
        f"(1-min load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after)"
    )


if __name__ == "__main__":
    asyncio.run(main())
