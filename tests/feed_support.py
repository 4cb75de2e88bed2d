"""Helpers for change-feed tests: write changes the way services do, read the feed directly."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.domain.sync.change_log import record_change
from app.domain.sync.cursor import Cursor, CursorCodec
from app.domain.sync.feed import FeedPage
from app.domain.sync.service import FeedService, PageRequest

SECRET = "test-secret-key-not-for-production"


def feed_service(app: Any) -> FeedService:
    return FeedService(app.state.db, CursorCodec(SECRET), app.state.change_listener)


async def write_change(
    session: AsyncSession,
    shop_id: int,
    entity_id: int,
    version: int,
    *,
    type: str = "order.updated",
    **data: Any,
) -> int:
    """One change-log row through the real writer; returns its id."""
    return await record_change(
        session,
        shop_id=shop_id,
        entity="order",
        entity_id=entity_id,
        entity_version=version,
        type=type,
        data={"id": entity_id, "version": version, **data},
    )


async def commit_change(
    db: Database, shop_id: int, entity_id: int, version: int, *, type: str = "order.updated"
) -> int:
    async with db.transaction() as s:
        return await write_change(s, shop_id, entity_id, version, type=type)


async def read(
    service: FeedService,
    shop_id: int,
    cursor: Cursor | None,
    *,
    wait: float = 0,
    limit: int = 200,
    types: list[str] | None = None,
    pii: bool = True,
) -> FeedPage:
    return await service.poll(PageRequest(shop_id, cursor, limit, types, wait, pii))


async def read_until(
    service: FeedService,
    shop_id: int,
    cursor: Cursor | None,
    count: int,
    *,
    limit: int = 200,
    types: list[str] | None = None,
    timeout: float = 120.0,
) -> tuple[list[dict[str, Any]], Cursor]:
    """Follow the feed until ``count`` changes arrived. Transactions in other databases of the
    cluster (parallel test workers, seeders) hold the horizon too, so a change may surface
    later than its commit: the feed stalls, it never skips."""
    seen: list[dict[str, Any]] = []
    async with asyncio.timeout(timeout):
        while len(seen) < count:
            page = await read(service, shop_id, cursor, wait=5, limit=limit, types=types)
            seen += page.changes
            assert cursor is None or page.cursor.position >= cursor.position
            cursor = page.cursor
    assert cursor is not None
    return seen, cursor


async def eventually(
    check: Callable[[], Awaitable[bool] | bool], *, timeout: float = 20.0, what: str = "condition"
) -> None:
    """Re-check ``check`` until it holds; fail after ``timeout`` seconds (never a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
