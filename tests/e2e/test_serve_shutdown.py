"""`ordergate serve` as a real process on its own PostgreSQL: the internal token it writes is
the one its app accepts, X-Forwarded-For from a client is not believed, and SIGTERM answers
parked long-polls at once with their empty page (they used to be held for the 10 s grace,
then cut with a plain-text 500)."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.config import Settings
from app.db import Database
from tests.e2e.fault_support import PrivatePostgres, free_port, private_postgres, wait_until
from tests.factories import bearer, make_account, make_shop, make_token

Process = subprocess.Popen[bytes]
PARKED = re.compile(r"^ordergate_feed_parked_requests(\{[^}]*\})? (\S+)$", re.MULTILINE)


@pytest.fixture
def own_pg(pg_tmp: Path) -> Iterator[PrivatePostgres]:
    with private_postgres(pg_tmp) as pg:
        yield pg


@pytest.fixture
def served(
    own_pg: PrivatePostgres, tmp_path: Path
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": own_pg.url,
        "ORDERGATE_DATA_DIR": str(tmp_path),
        "ORDERGATE_SECRET_KEY": "test-secret-key-not-for-production",
        "ORDERGATE_AUTH_ATTEMPTS_PER_MINUTE": "2",
        "ORDERGATE_LOG_LEVEL": "WARNING",
    }
    for name in ("ORDERGATE_INTERNAL_TOKEN", "REDIS_URL", "PROMETHEUS_MULTIPROC_DIR"):
        env.pop(name, None)
    log = (tmp_path / "serve.log").open("wb")
    ordergate = str(Path(sys.executable).parent / "ordergate")
    proc = subprocess.Popen(
        [ordergate, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _ready(base, proc), timeout=60, what="ordergate serve to be ready")
        yield base, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        log.close()


def _ready(base: str, proc: subprocess.Popen[bytes]) -> bool:
    if proc.poll() is not None:
        pytest.fail(f"ordergate serve exited early with {proc.returncode}")
    try:
        return httpx.get(f"{base}/readyz", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


async def _tenant(url: str) -> tuple[int, dict[str, str]]:
    db = Database.connect(Settings(), url)
    try:
        shop_id = await make_shop(db, owner_id=await make_account(db))
        return shop_id, bearer(await make_token(db, shop_ids=[shop_id]))
    finally:
        await db.dispose()


async def _parked(c: httpx.AsyncClient) -> float:
    found = PARKED.search((await c.get("/metrics")).text)
    return float(found.group(2)) if found else 0.0


async def test_serve_token_proxies_and_sigterm(
    served: tuple[str, Process], own_pg: PrivatePostgres, tmp_path: Path
) -> None:
    base, proc = served
    shop_id, token = await _tenant(own_pg.url)
    async with httpx.AsyncClient(base_url=base, timeout=30) as c:
        # The token `serve` wrote (none was configured) is the one the app accepts.
        written = (tmp_path / "internal_token").read_text().strip()
        missing = f"/internal/v1/shops/{shop_id}/orders/999999999"
        assert (await c.get(missing, headers=bearer(written))).status_code == 404

        # A client's X-Forwarded-For does not give it a fresh per-IP budget.
        body = {"grant_type": "authorization_code", "code": "x", "client_id": "ogc_x"}
        statuses = [
            (
                await c.post(
                    "/oauth/token", data=body, headers={"X-Forwarded-For": f"203.0.113.{n}"}
                )
            ).status_code
            for n in range(3)
        ]
        assert statuses == [400, 400, 429]

        changes = f"/v1/shops/{shop_id}/changes"
        head = (await c.get(changes, params={"cursor": "now"}, headers=token)).json()
        poll = asyncio.create_task(
            c.get(changes, params={"cursor": head["next_cursor"], "wait": 60}, headers=token)
        )
        async with httpx.AsyncClient(base_url=base, timeout=5) as scraper:
            deadline = asyncio.get_running_loop().time() + 20
            while await _parked(scraper) < 1:
                assert asyncio.get_running_loop().time() < deadline, "the poll never parked"
                await asyncio.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        r = await asyncio.wait_for(poll, 30)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    assert r.json()["data"] == []
    # A clean stop (uvicorn re-raises the SIGTERM it handled once it is done).
    assert await asyncio.to_thread(proc.wait, 30) in (0, -signal.SIGTERM)
