"""Shared by the feed benchmarks: a scratch database and an API server in its own process."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import embedded_pg  # noqa: E402
from app.config import Settings, database_url_with_name, plain_database_url  # noqa: E402
from app.db import Database  # noqa: E402
from app.migrations import upgrade  # noqa: E402

SECRET = "bench-secret-key"
INTERNAL = "ogi_bench_internal"


def db_url(server: str, name: str) -> str:
    return database_url_with_name(plain_database_url(server), name)


@asynccontextmanager
async def scratch_database(prefix: str, *, isolated: bool = False) -> AsyncIterator[str]:
    """A fresh migrated database on DATABASE_URL's server, or (``isolated``) on a private
    embedded cluster: the feed horizon is cluster-wide, so a shared server's other work (long
    transactions in any database) shows up in the feed's latency."""
    if isolated:
        with tempfile.TemporaryDirectory(prefix="og-bench-pg-") as tmp:
            cluster = await asyncio.to_thread(embedded_pg.start, Path(tmp) / "pg")
            try:
                async with _scratch(cluster.url, prefix) as url:
                    yield url
            finally:
                await asyncio.to_thread(cluster.stop)
        return
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    async with _scratch(server, prefix) as url:
        yield url


@asynccontextmanager
async def citus_database() -> AsyncIterator[str]:
    """The ``ordergate`` database of a private local Citus cluster (coordinator + 2 workers,
    ``make citus`` first), migrated but not yet distributed: seed it, then
    ``app.distribution.distribute_schema`` moves the rows into the shards."""
    from app.cluster import LocalCluster, free_port_range

    tmp = tempfile.mkdtemp(prefix="og-bench-citus-")
    os.chmod(tmp, 0o755)  # under root the nodes run as the postgres user
    cluster = LocalCluster(Path(tmp), port=free_port_range(3, start=29700), workers=2)
    try:
        await asyncio.to_thread(cluster.start)
        url = await cluster.ensure_database()
        await asyncio.to_thread(upgrade, url)
        yield url
    finally:
        await asyncio.to_thread(cluster.stop)
        await asyncio.to_thread(shutil.rmtree, tmp, True)


@asynccontextmanager
async def _scratch(server: str, prefix: str) -> AsyncIterator[str]:
    name = f"og_bench_{prefix}_{os.getpid()}"
    admin = await asyncpg.connect(plain_database_url(server))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
        url = db_url(server, name)
        await asyncio.to_thread(upgrade, url)
        yield url
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@asynccontextmanager
async def api_server(url: str) -> AsyncIterator[str]:
    """``uvicorn app.main:create_app`` in a subprocess (its own core), rate limits off."""
    async with api_server_process(url) as (base, _pid):
        yield base


@asynccontextmanager
async def api_server_process(url: str) -> AsyncIterator[tuple[str, int]]:
    """:func:`api_server`, also giving the server's pid (one process: no --workers)."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "ORDERGATE_SECRET_KEY": SECRET,
        "ORDERGATE_INTERNAL_TOKEN": INTERNAL,
        "ORDERGATE_RATELIMIT_ENABLED": "false",
        "ORDERGATE_LOG_LEVEL": "WARNING",
        "ORDERGATE_ENV": "development",
    }
    env.pop("REDIS_URL", None)
    # BENCH_SERVER_PROFILE=<file>: the server runs under pyinstrument (a text report at exit).
    profile = os.environ.get("BENCH_SERVER_PROFILE")
    wrap = ["-m", "pyinstrument", "-r", "text", "-o", profile] if profile else []
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        *wrap,
        "-m",
        "uvicorn",
        "--factory",
        "app.main:create_app",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as c:
            for _ in range(600):
                try:
                    if (await c.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.05)
            else:
                raise RuntimeError("API server did not start")
        yield base, proc.pid
    finally:
        if profile:
            proc.send_signal(signal.SIGINT)  # pyinstrument writes its report on an interrupt
        else:
            proc.terminate()
        await proc.wait()


async def paced(
    rate: float, total: int, write: Callable[[int], Awaitable[None]], *, in_flight: int = 8
) -> float:
    """Run ``write(0..total-1)`` on an open-loop schedule (write n is due at n / rate, whatever
    happened before) with at most ``in_flight`` at once; returns the achieved rate."""
    # Few writes in flight: a transaction waiting for a busy event loop would hold the horizon
    # (its xid) and measure the benchmark instead of the feed; a saturated box falls behind.
    slots = asyncio.Semaphore(in_flight)
    pending: set[asyncio.Task[None]] = set()

    async def one(n: int) -> None:
        try:
            await write(n)
        finally:
            slots.release()

    started = time.perf_counter()
    for n in range(total):
        delay = started + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        await slots.acquire()
        task = asyncio.create_task(one(n))
        pending.add(task)
        task.add_done_callback(pending.discard)
    await asyncio.gather(*pending)
    return total / (time.perf_counter() - started)


def database(url: str, pool: int = 10) -> Database:
    return Database.connect(Settings(secret_key=SECRET, db_pool_size=pool), url)


def record(line: str) -> None:
    """Append one line to bench/RESULTS.md (shared with the other benchmarks)."""
    path = ROOT / "bench" / "RESULTS.md"
    if not path.exists():
        path.write_text("# Benchmark results\n\n")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    with path.open("a") as f:
        f.write(f"- {stamp} {line}\n")
    print(line)
