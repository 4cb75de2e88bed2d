"""Test databases: one per xdist worker, cloned from a template migrated once per schema hash."""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path

import asyncpg

from app.config import plain_database_url
from app.migrations import ROOT, upgrade
from tests import citus_support


def schema_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "migrations" / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _with_db(url: str, name: str) -> str:
    base, _, query = plain_database_url(url).partition("?")
    prefix = base.rsplit("/", 1)[0]
    return f"{prefix}/{name}" + (f"?{query}" if query else "")


async def _prepare(server_url: str, worker: str) -> str:
    """A fresh migrated database ``og_test_<worker>_<pid>`` cloned from the template."""
    # The pid keeps concurrent pytest runs on one server (developers, CI) out of each other's way.
    target = f"og_test_{worker}_{os.getpid()}"
    if await citus_support.is_citus(server_url):
        return await citus_support.prepare_database(server_url, target)
    admin = await asyncpg.connect(plain_database_url(server_url))
    template = f"og_tpl_{schema_hash()}"
    try:
        # Several xdist workers start at once: one migrates the template, the others wait.
        await admin.execute("SELECT pg_advisory_lock(727274)")
        try:
            exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", template)
            if not exists:
                for (stale,) in await admin.fetch(
                    "SELECT datname FROM pg_database WHERE datname LIKE 'og_tpl_%'"
                ):
                    await admin.execute(f'DROP DATABASE IF EXISTS "{stale}"')
                await admin.execute(f'CREATE DATABASE "{template}"')
                await asyncio.to_thread(upgrade, _with_db(server_url, template))
            await admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{template}"')
        finally:
            await admin.execute("SELECT pg_advisory_unlock(727274)")
    finally:
        await admin.close()
    return _with_db(server_url, target)


def prepare_worker_database(server_url: str, purpose: str = "") -> str:
    """This worker's database; a ``purpose`` gives it a second one (e.g. a served demo)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return asyncio.run(_prepare(server_url, f"{worker}_{purpose}" if purpose else worker))


def embedded_server_url(path: Path) -> str:
    from app import embedded_pg

    return embedded_pg.start(path).url


async def _drop(server_url: str, url: str) -> None:
    if await citus_support.is_citus(server_url):
        await citus_support.drop_database(server_url, url)
        return
    admin = await asyncpg.connect(plain_database_url(server_url))
    try:
        name = plain_database_url(url).partition("?")[0].rsplit("/", 1)[1]
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def drop_worker_database(server_url: str, url: str) -> None:
    asyncio.run(_drop(server_url, url))
