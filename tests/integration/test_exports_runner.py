"""The export job runs under the real worker runner (``ordergate worker``'s job registry)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from app.config import Settings
from app.db import Database
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
