"""Test databases on a Citus cluster (``make test-citus``) and a fixture-sized local cluster.

On a coordinator a database cannot be cloned from a template (its shards live on the workers),
so each xdist worker's database is created on every node with the extension, the workers are
joined, and it is migrated and distributed from scratch (a few seconds).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg

from app.cluster import (
    LocalCluster,
    create_citus_database,
    free_port_range,
    join_workers,
    worker_addresses,
)
from app.config import plain_database_url
from app.distribution import distribute_schema
from app.migrations import upgrade


async def is_citus(url: str) -> bool:
    """True when the database behind ``url`` has the Citus extension (a coordinator)."""
    conn = await asyncpg.connect(plain_database_url(url))
    try:
        return bool(await conn.fetchval("SELECT 1 FROM pg_extension WHERE extname = 'citus'"))
    finally:
        await conn.close()


def _node_url(template_url: str, host: str, port: int, name: str) -> str:
    user = plain_database_url(template_url).split("://", 1)[1].split("@", 1)[0]
    return f"postgresql://{user}@{host}:{port}/{name}"


def _coordinator(url: str) -> tuple[str, int]:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return parsed.host or "127.0.0.1", parsed.port or 5432


async def _nodes(server_url: str) -> list[tuple[str, int]]:
    return [_coordinator(server_url), *await worker_addresses(plain_database_url(server_url))]


async def prepare_database(server_url: str, name: str) -> str:
    """``name`` created fresh on every node, migrated and distributed; returns its URL."""
    nodes = await _nodes(server_url)
    for host, port in nodes:
        await _drop_on(_node_url(server_url, host, port, "postgres"), name)
        await create_citus_database(_node_url(server_url, host, port, "postgres"), name)
    host, port = nodes[0]
    url = _node_url(server_url, host, port, name)
    await join_workers(url, nodes[1:])
    await asyncio.to_thread(upgrade, url)
    await distribute_schema(url)
    return url


async def drop_database(server_url: str, url: str) -> None:
    name = plain_database_url(url).partition("?")[0].rsplit("/", 1)[1]
    for host, port in await _nodes(server_url):
        await _drop_on(_node_url(server_url, host, port, "postgres"), name)


async def _drop_on(admin_url: str, name: str) -> None:
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def port_base() -> int:
    """Where this xdist worker looks for free ports: a probe-then-bind race between two
    workers starting clusters at once picked the same port (pg_ctl: could not start server)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = int(worker[2:]) if worker[2:].isdigit() else 0
    return 19700 + 500 * index


@contextmanager
def local_cluster(path: Path, workers: int = 1) -> Iterator[LocalCluster]:
    """A coordinator + ``workers`` under ``path`` with database ``ordergate`` ready, stopped
    (every node) on exit. fsync is off: a test cluster's data is thrown away."""
    port = free_port_range(workers + 1, start=port_base())
    cluster = LocalCluster(path, port=port, workers=workers, settings={"fsync": "off"})
    try:
        cluster.start()
        asyncio.run(cluster.ensure_database())
        yield cluster
    finally:
        cluster.stop()
