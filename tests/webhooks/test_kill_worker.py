"""kill -9 one of two real worker processes mid-stream: every change still arrives, duplicates
share a webhook-id, and after a full restart nothing acknowledged is sent again.

CI size is 400 changes; set ORDERGATE_TEST_WEBHOOK_CHANGES=2000 for the full run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from app.config import Settings
from app.db import Database
from tests.feed_support import eventually
from tests.webhooks.support import (
    Received,
    create_endpoint,
    disable_endpoints,
    make_changes,
    running_receiver,
)

pytestmark = pytest.mark.feed


CHANGES = int(os.environ.get("ORDERGATE_TEST_WEBHOOK_CHANGES", "400"))
ORDERGATE = str(Path(sys.executable).parent / "ordergate")


@contextmanager
def worker_process(settings: Settings) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url or "",
        "ORDERGATE_SECRET_KEY": settings.secret_key or "",
        "ORDERGATE_ENV": "development",
        "ORDERGATE_DATA_DIR": str(settings.data_dir),
        "ORDERGATE_WEBHOOK_LEASE_SECONDS": "3",
        "ORDERGATE_WEBHOOK_RETRY_SCHEDULE": "0,0.5,1,2,4",
        "ORDERGATE_LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(
        [ORDERGATE, "worker", "--only", "webhook_fanout,webhook_delivery"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


def _slightly_slow(n: int, r: Received) -> int:
    time.sleep(0.002)  # keeps requests in flight when the kill lands
    return 200


async def test_kill_9_one_worker_mid_stream(
    db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    with running_receiver(_slightly_slow) as rx:
        endpoint_id, _ = await create_endpoint(db, settings, url=rx.url, shop_ids=[shop_id])
        try:
            with worker_process(settings) as victim, worker_process(settings):
                await make_changes(db, shop_id, CHANGES, per_tx=50)
                await eventually(
                    lambda: len(rx.snapshot()) >= CHANGES // 4, timeout=120, what="first quarter"
                )
                victim.send_signal(signal.SIGKILL)
                victim.wait(10)
                await eventually(
                    lambda: set(rx.entity_ids()) == set(range(1, CHANGES + 1)),
                    timeout=180,
                    what="every change delivered",
                )

                async def all_acknowledged() -> bool:
                    async with db.engine.connect() as conn:
                        pending = (
                            await conn.execute(
                                text(
                                    "SELECT count(*) FROM webhook_deliveries "
                                    "WHERE endpoint_id = :id AND status <> 'delivered'"
                                ),
                                {"id": endpoint_id},
                            )
                        ).scalar_one()
                    return int(pending) == 0

                await eventually(all_acknowledged, timeout=60, what="all acknowledged")

            ids_by_entity: dict[int, set[str]] = defaultdict(set)
            for r in rx.snapshot():
                ids_by_entity[r.json["data"]["entity_id"]].add(r.headers["webhook-id"])
            assert all(len(ids) == 1 for ids in ids_by_entity.values())
            before_restart = len(rx.snapshot())

            # Full restart: only the new change is sent, nothing acknowledged goes again.
            with worker_process(settings):
                await make_changes(db, shop_id, 1)  # entity 1 again, version 1, new change
                await eventually(
                    lambda: len(rx.snapshot()) > before_restart, timeout=60, what="sentinel"
                )
                sentinel_id = rx.snapshot()[before_restart].headers["webhook-id"]
            assert sentinel_id not in {i for ids in ids_by_entity.values() for i in ids}
            assert len(rx.snapshot()) == before_restart + 1
        finally:
            await disable_endpoints(db, [endpoint_id])
