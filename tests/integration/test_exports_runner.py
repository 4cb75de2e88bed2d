"""The export job runs under the real worker runner (``ordergate worker``'s job registry)."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import text

from app.config import Settings
from app.db import Database
from app.domain.exports.wakeup import EXPORTS_CHANNEL, EXPORTS_LISTENER_NAME
from app.domain.webhooks.listener import APPLICATION_NAME as WEBHOOK_LISTENER_NAME
from app.worker.runner import registered_jobs, run_worker
from tests.factories import bearer, make_token
from tests.feed_support import eventually
from tests.integration.export_support import (
    FIRST,
    LAST,
    seed_calendar,  # noqa: F401
)

pytestmark = pytest.mark.usefixtures("seed_calendar")


async def test_runner_runs_export_jobs(
    client: httpx.AsyncClient, db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    assert "exports" in registered_jobs()
    shop_id = shop["shop_id"]
    h = bearer(await make_token(db, shop_ids=[shop_id], scopes=["exports"]))
    body = {"fields": ["items"], "created_from": FIRST, "created_to": LAST}
    job = (await client.post(f"/v1/shops/{shop_id}/exports", json=body, headers=h)).json()
    stop = asyncio.Event()
    runner = asyncio.create_task(run_worker(settings, stop, only=frozenset({"exports"})))
    try:

        async def finished() -> bool:
            nonlocal r
            r = await client.get(f"/v1/shops/{shop_id}/exports/{job['id']}", headers=h)
            return bool(r.json()["status"] in ("succeeded", "failed"))

        r = await client.get(f"/v1/shops/{shop_id}/exports/{job['id']}", headers=h)
        await eventually(finished, timeout=30, what="export job finished")
    finally:
        stop.set()
        await asyncio.wait_for(runner, timeout=10)
    assert r.json()["status"] == "succeeded", r.json()
    f = await client.get(r.json()["file_url"], headers=h)
    assert f.status_code == 200 and f.content.startswith(b"order_no,buyer_id,paid_amount")


async def _listeners(db: Database, name: str) -> list[str]:
    async with db.transaction() as s:
        rows = await s.execute(
            text(
                "SELECT query FROM pg_stat_activity"
                " WHERE application_name = :name AND datname = current_database()"
            ),
            {"name": name},
        )
        return [str(q) for (q,) in rows]


async def test_the_export_jobs_listen_connection_has_its_own_name(
    db: Database, settings: Settings
) -> None:
    """Told apart from the webhook jobs' connection in pg_stat_activity (an operator who
    terminates one must not hit the other)."""
    stop = asyncio.Event()
    runner = asyncio.create_task(run_worker(settings, stop, only=frozenset({"exports"})))
    try:

        async def listening() -> bool:
            queries = await _listeners(db, EXPORTS_LISTENER_NAME)
            return any(EXPORTS_CHANNEL in q for q in queries)

        await eventually(listening, timeout=30, what="the export job's LISTEN connection")
        assert EXPORTS_LISTENER_NAME != WEBHOOK_LISTENER_NAME
    finally:
        stop.set()
        await asyncio.wait_for(runner, timeout=10)

    async def closed() -> bool:
        return not await _listeners(db, EXPORTS_LISTENER_NAME)

    await eventually(closed, timeout=10, what="the LISTEN connection closed with the worker")
