"""``ordergate cluster up`` and ``ordergate distribute`` on a real local Citus cluster."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest

from app.distribution import DISTRIBUTED, LOCAL, REFERENCE, citus_worker, distribute_schema
from app.embedded_pg import process_alive
from app.migrations import upgrade
from app.models import Base
from tests.citus.conftest import RunningCluster, start_cluster


async def _fetch(url: str, sql: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(url)
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()


async def test_every_node_has_the_database_with_citus(citus_cluster: RunningCluster) -> None:
    assert citus_cluster.url == f"postgresql://postgres@127.0.0.1:{citus_cluster.port}/ordergate"
    for port in range(citus_cluster.port, citus_cluster.port + citus_cluster.workers + 1):
        url = f"postgresql://postgres@127.0.0.1:{port}/ordergate"
        rows = await _fetch(
            url,
            "SELECT current_setting('shared_preload_libraries') AS preload, "
            "current_setting('max_prepared_transactions')::int AS prepared, "
            "(SELECT extversion FROM pg_extension WHERE extname = 'citus') AS citus",
        )
        assert rows[0]["preload"] == "citus"
        assert rows[0]["prepared"] > 0
        assert rows[0]["citus"] is not None
    nodes = await _fetch(citus_cluster.url, "SELECT nodeport, groupid FROM pg_dist_node")
    ports = sorted((row["groupid"] == 0, row["nodeport"]) for row in nodes)
    assert ports == [(False, citus_cluster.port + 1), (True, citus_cluster.port)]


def test_every_table_has_a_place_on_the_cluster() -> None:
    places = [*DISTRIBUTED, *REFERENCE, *LOCAL]
    assert len(places) == len(set(places))
    assert set(places) == {*Base.metadata.tables, "alembic_version"}


async def test_distribute_is_idempotent_and_keeps_every_foreign_key(
    citus_cluster: RunningCluster,
) -> None:
    url = citus_cluster.url
    await asyncio.to_thread(upgrade, url)
    keys_sql = (
        "SELECT conrelid::regclass::text AS t, conname FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid::regclass::text = ANY($1::text[]) ORDER BY 1, 2"
    )
    names = sorted(Base.metadata.tables)
    before = await _fetch(url, keys_sql, names)

    first = await distribute_schema(url)
    assert first.startswith(f"Distributed {len(DISTRIBUTED)} tables")
    assert await distribute_schema(url) == "Already distributed: nothing to do."

    assert await _fetch(url, keys_sql, names) == before
    kinds = await _fetch(
        url,
        "SELECT logicalrelid::regclass::text AS t, partmethod::text, repmodel::text, colocationid "
        "FROM pg_dist_partition",
    )
    by_table = {row["t"]: row for row in kinds}
    assert {t for t, row in by_table.items() if row["partmethod"] == "h"} == set(DISTRIBUTED)
    assert {t for t, row in by_table.items() if row["repmodel"] == "t"} == set(REFERENCE)
    assert len({by_table[t]["colocationid"] for t in DISTRIBUTED}) == 1
    assert not set(LOCAL) & set(by_table)


async def test_distribute_is_a_no_op_without_the_extension(database_url: str) -> None:
    from tests.citus_support import is_citus

    if await is_citus(database_url):
        pytest.skip("this suite runs on a Citus coordinator")
    assert await distribute_schema(database_url) == (
        "No Citus extension in this database: nothing to distribute."
    )


def test_cluster_up_stops_every_node_on_sigterm() -> None:
    with start_cluster(workers=1) as cluster:
        pids = [
            int((cluster.data_dir / node / "postmaster.pid").read_text().split()[0])
            for node in ("coordinator", "worker1")
        ]
        assert all(process_alive(pid) for pid in pids)
        cluster.process.send_signal(signal.SIGTERM)
        assert cluster.process.wait(timeout=60) == 0
        assert not [pid for pid in pids if process_alive(pid)]


async def test_serve_refuses_a_worker_node_as_its_database(citus_cluster: RunningCluster) -> None:
    worker = f"postgresql://postgres@127.0.0.1:{citus_cluster.port + 1}/ordergate"
    assert await citus_worker(worker)
    assert not await citus_worker(citus_cluster.url)
    env = {**os.environ, "DATABASE_URL": worker, "ORDERGATE_DATA_DIR": str(citus_cluster.data_dir)}
    done = await asyncio.to_thread(
        subprocess.run,
        [str(Path(sys.executable).parent / "ordergate"), "serve", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "Citus worker node" in done.stderr and "coordinator" in done.stderr
