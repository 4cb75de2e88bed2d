"""A feed read takes the horizon lag the listener keeps (measured once a second on its own
connection) instead of scanning pg_stat_activity on every page; without a connected listener
it measures the lag itself."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from app.db import Database
from app.domain.sync.cursor import CursorCodec
from app.domain.sync.service import FeedService, PageRequest
from tests.feed_support import SECRET, commit_change, eventually


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    engine = db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_pages_and_head_take_the_listeners_lag(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    listener = app.state.change_listener
    await asyncio.wait_for(listener.connected.wait(), 10)
    await eventually(lambda: listener.kept_lag() is not None, timeout=10, what="first tick")
    await commit_change(db, shop_id, 1, 1)
    service = FeedService(db, CursorCodec(SECRET), listener)
    ask = PageRequest(shop_id, None, 10, None, 0, True)
    with statements(db) as seen:
        page = await service.poll(ask)
        head = await service.head_page(shop_id)
    assert len(seen) == 2 and not any("pg_stat_activity" in s for s in seen)
    assert page.horizon_lag_ms >= 0 and head["horizon_lag_ms"] >= 0

    alone = FeedService(db, CursorCodec(SECRET))  # no listener: the read measures it
    with statements(db) as seen:
        await alone.poll(ask)
        await alone.head_page(shop_id)
    assert len(seen) == 2 and all("pg_stat_activity" in s for s in seen)
