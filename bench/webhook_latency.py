"""Commit -> received latency of webhooks under a steady write rate, one worker process.

Writers commit changes through the real change-log writer (one transaction per change, spread
over 3 shops) at ``--rate`` per second for ``--duration`` seconds. Three endpoints, each
subscribed to every shop, point at three local receivers (asyncio HTTP/1.1 servers in this
process, answering 200 at once), so each change becomes 3 deliveries (``--per-shop``: endpoint i
subscribes to shop i only, one delivery per change). One ``ordergate worker``
process (fan-out + delivery jobs) does the work. Latency = a receiver reads the request - the
writer issues COMMIT. Prints p50/p95/p99 (target p99 < 1 s), deliveries/s of the worker while
writes were arriving and overall, missing/duplicate counts and the load average; appends to
bench/RESULTS.md. The target (issue 18): 1,000 deliveries/s from one worker process with p99
commit->received < 1 s.

    BENCH_SIZE=full python bench/webhook_latency.py --isolated   # 334 changes/s x 3 for 60 s
    python bench/webhook_latency.py                            # CI size: 50 changes/s for 5 s
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import orjson
from feed_support import ROOT, SECRET, database, paced, record, scratch_database

from app.config import Settings
from app.domain.sync.change_log import record_change
from tests.factories import make_account, make_shop
from tests.webhooks.support import create_endpoint

SHOPS = 3
RECEIVERS = 3
WARMUP = 0  # entity id of the warm-up change; measured changes are 1..total
_OK = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: application/json\r\n\r\n{}"


class Receiver:
    """A minimal keep-alive HTTP/1.1 receiver on 127.0.0.1 stamping each request's arrival."""

    def __init__(self) -> None:
        self.arrivals: list[tuple[int, float]] = []  # (entity_id, perf_counter)
        self.url = ""

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while head := await reader.readuntil(b"\r\n\r\n"):
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                body = await reader.readexactly(length)
                arrived = time.perf_counter()
                self.arrivals.append((orjson.loads(body)["data"]["entity_id"], arrived))
                writer.write(_OK)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    @asynccontextmanager
    async def serving(self) -> AsyncIterator[Receiver]:
        server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/hook"
        async with server:
            yield self


def distinct(receivers: list[Receiver]) -> int:
    return sum(len({e for e, _ in rx.arrivals}) for rx in receivers)


async def until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll an in-process counter until ``condition`` holds (TimeoutError after ``timeout``)."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"no {what} within {timeout:g} s")
        await asyncio.sleep(0.02)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a running process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@asynccontextmanager
async def worker_process(url: str) -> AsyncIterator[Callable[[], float]]:
    """``ordergate worker`` limited to the webhook jobs, in its own process; yields a function
    reading its CPU seconds so far (a figure the machine's load barely moves)."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "ORDERGATE_SECRET_KEY": SECRET,
        "ORDERGATE_ENV": "development",  # http to the loopback receivers
        "ORDERGATE_LOG_LEVEL": "WARNING",
    }
    proc = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).parent / "ordergate"),  # the console script of this venv
        "worker",
        "--only",
        "webhook_fanout,webhook_delivery",
        cwd=ROOT,
        env=env,
    )
    try:
        yield lambda: cpu_seconds(proc.pid)
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), 30)


BURST_TX = 500  # changes per transaction in --burst
BURST_NOTE = "BURST (all written at once: latency = queueing, deliveries/s = drain rate) "


async def main(rate: float, duration: float, isolated: bool, per_shop: bool, burst: bool) -> None:
    total = int(rate * duration)
    fanout = 1 if per_shop else RECEIVERS  # deliveries per change
    async with scratch_database("webhooks", isolated=isolated) as url:
        db = database(url, pool=20)
        owner = await make_account(db)
        shops = [await make_shop(db, owner_id=owner) for _ in range(SHOPS)]
        settings = Settings(secret_key=SECRET)
        receivers = [Receiver() for _ in range(RECEIVERS)]
        committing: dict[int, float] = {}

        async def write(n: int, count: int = 1) -> None:
            async with db.sessionmaker() as s, s.begin() as tx:
                for m in range(n, n + count):
                    await record_change(
                        s,
                        shop_id=shops[m % SHOPS],
                        entity="order",
                        entity_id=m,
                        entity_version=1,
                        type="order.updated",
                        data={"n": m},
                    )
                now = time.perf_counter()
                committing.update(dict.fromkeys(range(n, n + count), now))
                await tx.commit()

        async def all_at_once() -> float:
            """Every change as fast as the writer can (transactions of BURST_TX): what is
            measured is how fast one worker drains a backlog, whatever the writer's pace."""
            begun = time.perf_counter()
            for n in range(1, total + 1, BURST_TX):
                await write(n, min(BURST_TX, total + 1 - n))
            return total / (time.perf_counter() - begun)

        async with (
            receivers[0].serving(),
            receivers[1].serving(),
            receivers[2].serving(),
        ):
            for i, rx in enumerate(receivers):
                subscribed = [shops[i]] if per_shop else shops
                await create_endpoint(db, settings, url=rx.url, shop_ids=subscribed)
            if burst:
                # The backlog is written before the worker starts (a starved writer cannot
                # pace it); the drain is timed from the first delivery, CPU from then on too.
                achieved = await all_at_once()
                released = time.perf_counter()
                committing.update(dict.fromkeys(range(1, total + 1), released))
            async with worker_process(url) as worker_cpu:
                if burst:
                    await until(lambda: distinct(receivers) > 0, 120, "first delivery")
                    before = distinct(receivers)
                else:
                    # Barrier: one warm-up change reaches every receiver, so the worker's
                    # start-up is not counted as latency.
                    await write(WARMUP)
                    warm = receivers[:1] if per_shop else receivers  # shop 0's change
                    await until(lambda: all(rx.arrivals for rx in warm), 120, "warm-up delivery")
                    for rx in receivers:
                        rx.arrivals.clear()
                    before = 0
                cpu_before = worker_cpu()
                started = time.perf_counter()
                if not burst:
                    achieved = await paced(rate, total, lambda n: write(n + 1))
                writes_done = time.perf_counter()
                arrived_then = sum(len(rx.arrivals) for rx in receivers) - before
                with contextlib.suppress(TimeoutError):
                    await until(
                        lambda: distinct(receivers) >= total * fanout,
                        max(60.0, duration, 300.0 if burst else 0.0),
                        "every delivery",
                    )
                finished = time.perf_counter()
                cpu = worker_cpu() - cpu_before
        await db.dispose()

    latencies = [at - committing[e] for rx in receivers for e, at in rx.arrivals]
    received = distinct(receivers)
    duplicates = sum(
        sum(c - 1 for c in Counter(e for e, _ in rx.arrivals).values()) for rx in receivers
    )
    q = statistics.quantiles(latencies, n=100)
    ms = [v * 1000 for v in (q[49], q[94], q[98])]
    last = max(at for rx in receivers for _, at in rx.arrivals)
    timed = received - before  # in burst mode, those after the first check
    during = (
        ""
        if burst
        else f"{arrived_then / (writes_done - started):.0f} deliveries/s during the writes, "
    )
    record(
        f"webhook_latency rate={rate:g}/s (achieved {achieved:.0f}/s) duration={duration:g}s "
        f"endpoints={RECEIVERS} shops={SHOPS} "
        f"{'one shop per endpoint' if per_shop else 'every shop on every endpoint'} "
        f"{BURST_NOTE if burst else ''}"
        "one worker process "
        f"{'isolated cluster' if isolated else 'shared server'} "
        f"deliveries={received}/{total * fanout} dup={duplicates}: commit->received "
        f"p50 {ms[0]:.1f} ms, p95 {ms[1]:.1f} ms, p99 {ms[2]:.1f} ms, "
        f"max {max(latencies) * 1000:.1f} ms (target p99 < 1 s); "
        f"{during}{timed / (last - started):.0f}/s overall (drained "
        f"{(last - writes_done) * 1000:.0f} ms after the last commit); worker CPU "
        f"{cpu / max(timed, 1) * 1000:.3f} ms per delivery (fan-out included: "
        f"{max(timed, 1) / max(cpu, 1e-9):,.0f} deliveries per CPU-second); load average "
        f"{' '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores"
    )
    if received < total * fanout:
        missing = total * fanout - received
        print(f"missing {missing} deliveries {finished - writes_done:.0f} s after the writes")
        sys.exit(1)


def cli() -> Any:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    full = os.environ.get("BENCH_SIZE") == "full"
    p.add_argument("--rate", type=float, default=334 if full else 50, help="changes per second")
    p.add_argument("--duration", type=float, default=60 if full else 5, help="seconds")
    p.add_argument("--isolated", action="store_true", help="private embedded PostgreSQL cluster")
    p.add_argument(
        "--per-shop", action="store_true", help="endpoint i gets shop i only (1 delivery/change)"
    )
    p.add_argument(
        "--burst",
        action="store_true",
        help="write every change at once (the worker's drain rate, not the writer's pace)",
    )
    return p.parse_args()


if __name__ == "__main__":
    args = cli()
    asyncio.run(main(args.rate, args.duration, args.isolated, args.per_shop, args.burst))
