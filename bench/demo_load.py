"""Time ``load_demo`` against the raw set-based SQL that generates the same rows, in one run.

    python bench/demo_load.py [--orders 1000000] [--shops 3] [--server-url URL]
    BENCH_SIZE=small python bench/demo_load.py        # 5,000 orders (CI)

Two fresh databases are created on the server (DATABASE_URL, else the local PostgreSQL) and
migrated. Into the first, ``load_demo`` (batches of 50k orders on two connections, progress
callbacks, deferred secondary indexes). Into the second, the raw reference: the same setup
rows, then the same generator SQL run once over the whole range — a single INSERT … SELECT
per table in one transaction on one connection, no batching, no progress — with the same
session settings and the same index strategy (secondary indexes dropped before, built after),
so the ratio isolates what batching and the orchestration cost or save. Both databases must
then hold the same rows (checked with an order-independent content hash).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.config import database_url_with_name, plain_database_url
from app.demo import load_demo
from app.demo.indexes import drop_indexes, restore_indexes
from app.demo.loader import _connect, _insert_setup, _plan, finish_load
from app.demo.sql import DemoSql
from app.migrations import upgrade

ANCHOR = datetime(2026, 11, 1, 16, tzinfo=UTC)
CHECKED = {
    "orders": "SELECT * FROM orders",
    "order_items": "SELECT * FROM order_items",
    "order_events": "SELECT * FROM order_events",
    "change_log": "SELECT shop_id, id, entity_version, type, data FROM change_log",
}


async def raw_reference(url: str, shops: int, orders: int, seed: int) -> dict[str, int]:
    conn = await _connect(url)
    try:
        plan = await _plan(conn, shops, orders, seed, ANCHOR)
        await _insert_setup(conn, plan)
        dropped = await drop_indexes(conn)
        rows: dict[str, int] = {}
        async with conn.transaction():
            for label, statement in DemoSql(plan).statements(0, orders):
                status = await conn.execute(statement)
                if status.startswith("INSERT"):
                    rows[label] = rows.get(label, 0) + int(status.rsplit(" ", 1)[1])
        await restore_indexes(url, dropped, 1)
        # The same finishing steps as load_demo (parcel stories, buyer requests, ANALYZE).
        rows.update(await finish_load(url, plan, [plan.ids.shop + k for k in range(shops)], 12.0))
        return rows
    finally:
        await conn.close()


async def content(url: str) -> dict[str, int]:
    conn = await asyncpg.connect(url)
    try:
        return {
            table: int(await conn.fetchval(f"SELECT sum(hashtext(t::text)::bigint) FROM ({q}) t"))
            for table, q in CHECKED.items()
        }
    finally:
        await conn.close()


class BackendCpu:
    """CPU seconds used by the PostgreSQL backends serving one database (same machine only):
    a figure that, unlike wall time, does not depend on what else the machine is running."""

    def __init__(self, admin: asyncpg.Connection, database: str) -> None:
        self.admin, self.database = admin, database
        self.last: dict[int, float] = {}
        self._task: asyncio.Task[None] | None = None

    async def _poll(self) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        while True:
            pids = await self.admin.fetch(
                "SELECT pid FROM pg_stat_activity WHERE datname = $1", self.database
            )
            for (pid,) in pids:
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                self.last[pid] = (int(fields[11]) + int(fields[12])) / tick
            await asyncio.sleep(0.2)

    def __enter__(self) -> BackendCpu:
        self._task = asyncio.create_task(self._poll())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()

    @property
    def seconds(self) -> float:
        return sum(self.last.values())


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # BENCH_SIZE=small (CI, `make bench`) loads 5,000 orders; otherwise 1,000,000.
    small = os.environ.get("BENCH_SIZE") == "small"
    parser.add_argument("--orders", type=int, default=5_000 if small else 1_000_000)
    parser.add_argument("--shops", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--server-url",
        default=os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    args = parser.parse_args()
    server = plain_database_url(args.server_url)
    names = [f"og_scratch_demo_bench_{os.getpid()}_{kind}" for kind in ("loader", "raw")]
    admin = await asyncpg.connect(server)
    try:
        for name in names:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{names[0]}"')
        await asyncio.to_thread(upgrade, database_url_with_name(server, names[0]))
        await admin.execute(f'CREATE DATABASE "{names[1]}" TEMPLATE "{names[0]}"')
        loader_url, raw_url = (database_url_with_name(server, n) for n in names)

        monitor = await asyncpg.connect(server)
        started = time.perf_counter()
        with BackendCpu(monitor, names[0]) as ours_cpu:
            summary = await load_demo(
                loader_url,
                shops=args.shops,
                orders=args.orders,
                seed=args.seed,
                anchor=ANCHOR,
                progress=lambda done, total: None,
            )
        ours = time.perf_counter() - started

        started = time.perf_counter()
        with BackendCpu(monitor, names[1]) as raw_cpu:
            raw_rows = await raw_reference(raw_url, args.shops, args.orders, args.seed)
        raw = time.perf_counter() - started
        await monitor.close()
        load = os.getloadavg()[0]

        same = await content(loader_url) == await content(raw_url)
        print(f"demo load, {args.orders:,} orders in {args.shops} shops (seed {args.seed})")
        print(
            f"  load_demo      {ours:8.2f} s wall  ({args.orders / ours:,.0f} orders/s), "
            f"PostgreSQL backends {ours_cpu.seconds:.1f} CPU-s"
        )
        print(
            f"  raw SQL        {raw:8.2f} s wall  ({args.orders / raw:,.0f} orders/s), "
            f"PostgreSQL backends {raw_cpu.seconds:.1f} CPU-s"
        )
        print(f"  ratio          {ours / raw:8.2f}x wall  (load_demo / raw; < 1 is faster)")
        print(f"  machine        {os.cpu_count()} CPUs, 1-min load average {load:.1f} at the end")
        print("  rows           " + ", ".join(f"{t} {n:,}" for t, n in summary.rows.items()))
        print(f"  same rows      {same}")
        ok = same and all(summary.rows.get(t) == n for t, n in raw_rows.items())
        return 0 if ok else 1
    finally:
        for name in names:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
