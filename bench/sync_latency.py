"""Commit -> seen latency of the change feed under a steady write rate.

Writers commit changes through the real change-log writer (one transaction per change, spread
over 3 shops) at ``--rate`` per second for ``--duration`` seconds, while one long-polling HTTP
reader per shop follows ``GET /v1/shops/{id}/changes?wait=30`` against an API server in its own
process. Latency = reader receives the change - writer issues COMMIT. Prints p50/p95/p99, the
max ``horizon_lag_ms`` seen, and missing/duplicate counts; appends to bench/RESULTS.md.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
        python bench/sync_latency.py --rate 200 --duration 60      # the issue's figure
    BENCH_SIZE=full python bench/sync_latency.py                    # the same
    python bench/sync_latency.py                                    # CI-sized defaults
    python bench/sync_latency.py --citus    # on a private Citus cluster (docs/scaling.md)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from feed_support import (
    api_server,
    citus_database,
    database,
    paced,
    record,
    scratch_database,
)

from app.domain.sync.change_log import record_change
from tests.factories import make_account, make_shop, make_token

SHOPS = 3


@asynccontextmanager
async def bench_database(isolated: bool, citus: bool) -> AsyncIterator[str]:
    if not citus:
        async with scratch_database("sync", isolated=isolated) as url:
            yield url
        return
    from app.distribution import distribute_schema

    async with citus_database() as url:
        await distribute_schema(url)
        yield url


async def main(rate: float, duration: float, isolated: bool, citus: bool = False) -> None:
    async with bench_database(isolated, citus) as url, api_server(url) as base:
        db = database(url, pool=40)  # open-loop writers: room for slow commits
        owner = await make_account(db)
        shops = [await make_shop(db, owner_id=owner) for _ in range(SHOPS)]
        token = await make_token(db, shop_ids=shops)
        committing: dict[tuple[int, int], float] = {}
        latencies: list[float] = []
        seen: set[tuple[int, int]] = set()
        duplicates = 0
        max_lag = 0
        done = asyncio.Event()
        total = int(rate * duration)

        async def head(shop_id: int, http: httpx.AsyncClient) -> str:
            cursor: str = (await http.get(f"/v1/shops/{shop_id}/changes?cursor=now")).json()[
                "next_cursor"
            ]
            return cursor

        async def reader(shop_id: int, cursor: str, http: httpx.AsyncClient) -> None:
            nonlocal duplicates, max_lag
            while not (done.is_set() and len(seen) >= total):
                try:
                    r = await http.get(
                        f"/v1/shops/{shop_id}/changes",
                        params={"cursor": cursor, "wait": 2, "limit": 1000},
                    )
                except httpx.TransportError:  # keep-alive race with the server: ask again
                    continue
                now = time.perf_counter()
                body = r.json()
                max_lag = max(max_lag, body["horizon_lag_ms"])
                for c in body["data"]:
                    key = (shop_id, c["entity_id"])
                    if key in seen:
                        duplicates += 1
                    seen.add(key)
                    latencies.append(now - committing[key])
                cursor = body["next_cursor"]

        async def write(n: int) -> None:
            shop_id = shops[n % SHOPS]
            async with db.sessionmaker() as s, s.begin() as tx:
                await record_change(
                    s,
                    shop_id=shop_id,
                    entity="order",
                    entity_id=n,
                    entity_version=1,
                    type="order.updated",
                    data={"n": n},
                )
                committing[(shop_id, n)] = time.perf_counter()
                await tx.commit()

        headers = {"Authorization": f"Bearer {token}"}
        limits = httpx.Limits(max_connections=SHOPS * 2)
        async with httpx.AsyncClient(
            base_url=base, headers=headers, timeout=60, limits=limits
        ) as http:
            # Every reader holds its head cursor before the first write: a change committed
            # before a reader's head is (rightly) not in its feed and would never arrive.
            heads = await asyncio.gather(*(head(s, http) for s in shops))
            readers = [
                asyncio.create_task(reader(s, c, http)) for s, c in zip(shops, heads, strict=True)
            ]
            achieved = await paced(rate, total, write)
            done.set()
            try:
                await asyncio.wait_for(asyncio.gather(*readers), 60)
            except TimeoutError:
                missing = sorted(set(committing) - seen)
                raise SystemExit(
                    f"sync_latency: {len(missing)} committed changes not seen 60 s after the "
                    f"last write (first (shop, n): {missing[:10]}); max horizon_lag_ms {max_lag}"
                ) from None
        await db.dispose()

    where = (
        "Citus cluster (2 workers)"
        if citus
        else ("isolated cluster" if isolated else "shared server")
    )
    q = statistics.quantiles(latencies, n=100)
    ms = [v * 1000 for v in (q[49], q[94], q[98])]
    record(
        f"sync_latency rate={rate:g}/s (achieved {achieved:.0f}/s) duration={duration:g}s "
        f"readers={SHOPS} {where} "
        f"changes={len(latencies)}/{total} dup={duplicates}: commit->seen "
        f"p50 {ms[0]:.1f} ms, p95 {ms[1]:.1f} ms, p99 {ms[2]:.1f} ms, "
        f"max {max(latencies) * 1000:.1f} ms; max horizon_lag_ms {max_lag} (target p99 < 500 ms)"
    )


def cli() -> Any:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    full = os.environ.get("BENCH_SIZE") == "full"  # the figure; CI runs small
    p.add_argument("--rate", type=float, default=200 if full else 100, help="writes per second")
    p.add_argument("--duration", type=float, default=60 if full else 10, help="seconds")
    p.add_argument("--isolated", action="store_true", help="private embedded PostgreSQL cluster")
    p.add_argument("--citus", action="store_true", help="private local Citus cluster (make citus)")
    return p.parse_args()


if __name__ == "__main__":
    args = cli()
    asyncio.run(main(args.rate, args.duration, args.isolated, args.citus))
