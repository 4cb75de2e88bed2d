"""The webhook jobs' LISTEN connection comes back after the server drops it."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import text

from app.config import Settings
from app.db import Database
from app.domain.webhooks.listener import APPLICATION_NAME, listen
from tests.feed_support import eventually

pytestmark = pytest.mark.feed


async def _terminate_listeners(db: Database) -> int:
    async with db.transaction() as s:
        killed = await s.scalar(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = :name AND datname = current_database()"
            ),
            {"name": APPLICATION_NAME},
        )
    return int(killed or 0)


async def _notify(db: Database, channel: str) -> None:
    async with db.transaction() as s:
        await s.execute(text(f'NOTIFY "{channel}"'))


async def test_a_dropped_listen_connection_reconnects_and_wakes_again(
    db: Database, settings: Settings
) -> None:
    channel = f"og_test_{uuid.uuid4().hex[:12]}"
    wake, stop = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(listen(settings.database_url or "", [channel], wake, stop))
    try:
        await eventually(wake.is_set, timeout=10, what="listener connected")
        wake.clear()
        await _notify(db, channel)
        await eventually(wake.is_set, timeout=10, what="notification")

        assert await _terminate_listeners(db) >= 1
        wake.clear()
        # Reconnected: it listens again, then wakes the jobs once (notifications sent while it
        # was away are lost); a notification then arrives on the new connection.
        await eventually(wake.is_set, timeout=30, what="reconnection")
        wake.clear()
        await _notify(db, channel)
        await eventually(wake.is_set, timeout=10, what="notification after reconnecting")
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
