"""Embedded PostgreSQL: start, stop, reuse of the data, recovery from a killed holder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import asyncpg

from app import embedded_pg
from app.embedded_pg import postmaster_pid, process_alive


async def _exec(url: str, sql: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _fetch_notes(url: str) -> list[str]:
    conn = await asyncpg.connect(url)
    try:
        return [r["body"] for r in await conn.fetch("SELECT body FROM notes ORDER BY id")]
    finally:
        await conn.close()


async def test_start_stop_and_reuse_keeps_data(pg_tmp: Path) -> None:
    path = pg_tmp / "pg"
    pg = embedded_pg.start(path)
    try:
        url = await pg.ensure_database()
        await _exec(url, "CREATE TABLE notes (id int PRIMARY KEY, body text)")
        await _exec(url, "INSERT INTO notes VALUES (1, 'kept across restarts')")
        first_pid = pg.pid
        assert first_pid is not None
    finally:
        pg.stop()

    assert not process_alive(first_pid)
    assert postmaster_pid(path) is None
    assert not (path / "postmaster.pid").exists()

    again = embedded_pg.start(path)
    try:
        assert again.pid is not None and again.pid != first_pid
        # Same cluster, same database, same rows; ensure_database is idempotent.
        assert await again.ensure_database() == url
        assert await _fetch_notes(url) == ["kept across restarts"]
    finally:
        again.stop()
    assert postmaster_pid(path) is None


async def test_holder_killed_with_sigkill_does_not_keep_the_server_alive(pg_tmp: Path) -> None:
    path = pg_tmp / "pg"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from app import embedded_pg;"
            f"embedded_pg.start(Path({str(path)!r})); print('up', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == b"up"
        orphan = postmaster_pid(path)
        assert orphan is not None
    finally:
        holder.kill()  # no atexit, no cleanup: its pid stays in pgserver's holder list
        holder.wait(30)

    # The orphaned server is still running; the next start attaches to it and its stop
    # really stops it although the dead holder never released its handle.
    assert process_alive(orphan)
    pg = embedded_pg.start(path)
    try:
        assert pg.pid == orphan
        await _exec(await pg.ensure_database(), "SELECT 1")
    finally:
        pg.stop()
    assert not process_alive(orphan)
    assert postmaster_pid(path) is None
