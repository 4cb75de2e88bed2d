"""Export worker edge cases: cancel while running, failure → retry → failed, and the
active-jobs cap under concurrent creation."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import text, update

from app.config import Settings
from app.db import Database
from app.models import Shop
from tests.conftest import order_payload
from tests.factories import bearer, make_token
from tests.integration.export_support import (
    FIRST,
    LAST,
    seed_calendar,  # noqa: F401
    worker,
)

pytestmark = pytest.mark.usefixtures("seed_calendar")


def body() -> dict[str, object]:
    return {"format": "csv", "fields": ["items"], "created_from": FIRST, "created_to": LAST}


async def status_of(db: Database, job_id: int) -> tuple[str, int, str | None]:
    async with db.transaction() as s:
        row = (
            await s.execute(
                text("SELECT status, attempts, error FROM export_jobs WHERE id = :i"), {"i": job_id}
            )
        ).one()
    return str(row[0]), int(row[1]), row[2]


async def test_cancelled_while_running_stops_and_leaves_no_file(
    client: httpx.AsyncClient, db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    h = bearer(await make_token(db, shop_ids=[shop_id], scopes=["exports"]))
    job_id = (await client.post(f"/v1/shops/{shop_id}/exports", json=body(), headers=h)).json()[
        "id"
    ]
    w = worker(db, settings, shop_id)
    claimed = await w.claim()
    assert claimed is not None
    r = await client.delete(f"/v1/shops/{shop_id}/exports/{job_id}", headers=h)
    assert r.status_code == 204
    await w.run(claimed)  # first heartbeat finds the job cancelled
    assert (await status_of(db, job_id))[0] == "cancelled"
    assert not list(settings.exports_dir.glob(f"{shop_id}/{job_id}-*"))


async def test_failures_retry_then_fail(
    client: httpx.AsyncClient, db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    h = bearer(await make_token(db, shop_ids=[shop_id], scopes=["exports"]))
    job_id = (await client.post(f"/v1/shops/{shop_id}/exports", json=body(), headers=h)).json()[
        "id"
    ]
    async with db.transaction() as s:  # every attempt's query now fails
        await s.execute(
            text(
                "UPDATE export_jobs SET params = jsonb_set(params, '{timezone}', "
                "'\"Nowhere/Atlantis\"') WHERE id = :i"
            ),
            {"i": job_id},
        )
    w = worker(db, settings, shop_id, max_attempts=2)
    assert await w.run_once()
    state, attempts, error = await status_of(db, job_id)
    assert (state, attempts) == ("queued", 1) and error and "Atlantis" in error
    assert not await w.run_once()  # backing off
    async with db.transaction() as s:
        await s.execute(
            text("UPDATE export_jobs SET locked_until = now() - interval '1 s' WHERE id = :i"),
            {"i": job_id},
        )
    assert await w.run_once()
    assert (await status_of(db, job_id))[:2] == ("failed", 2)
    job = (await client.get(f"/v1/shops/{shop_id}/exports/{job_id}", headers=h)).json()
    assert job["status"] == "failed" and job["error"]
    r = await client.get(f"/v1/shops/{shop_id}/exports/{job_id}/file", headers=h)
    assert r.status_code == 409 and r.json()["code"] == "export_not_ready"
    assert r.json()["status"] == 409 and r.json()["export_status"] == "failed"


async def test_cap_holds_under_concurrent_creation(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    h = bearer(await make_token(db, shop_ids=[shop_id], scopes=["exports"]))
    responses = await asyncio.gather(
        *(client.post(f"/v1/shops/{shop_id}/exports", json=body(), headers=h) for _ in range(6))
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [202, 202, 202, 429, 429, 429]


async def test_shop_timezone_moves_the_export_window(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    # 2026-03-07T16:30Z is 03-08 00:30 in Shanghai (inside FIRST) but 03-07 in UTC.
    payload = order_payload(created_at="2026-03-07T16:30:00Z")
    r = await client.post(
        f"/internal/v1/shops/{shop_id}/orders", json=payload, headers=internal_headers
    )
    assert r.status_code == 201
    h = bearer(await make_token(db, shop_ids=[shop_id], scopes=["exports"]))
    counts = []
    for tz in ("Asia/Shanghai", "UTC"):
        async with db.transaction() as s:
            await s.execute(update(Shop).where(Shop.id == shop_id).values(timezone=tz))
        job = (await client.post(f"/v1/shops/{shop_id}/exports", json=body(), headers=h)).json()
        assert await worker(db, settings, shop_id).run_once()
        done = (await client.get(f"/v1/shops/{shop_id}/exports/{job['id']}", headers=h)).json()
        counts.append(done["progress"]["rows"])
    assert counts == [1, 0]
