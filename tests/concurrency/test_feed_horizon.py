"""The feed never passes a row a running transaction will commit later (real PostgreSQL)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import asyncpg
import pytest
from sqlalchemy import text

from app.config import plain_database_url
from app.db import Database
from app.domain.sync.epoch import reset_epoch
from app.domain.sync.retention import prune_change_log
from app.errors import CursorExpired
from tests.feed_support import (
    commit_change,
    eventually,
    feed_service,
    read,
    read_until,
    write_change,
)

pytestmark = pytest.mark.feed

STUCK_TIMEOUT_MS = 8000


async def test_open_transaction_holds_back_later_commits(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    service = feed_service(app)
    async with db.sessionmaker() as a_session:
        await a_session.begin()
        a_id = await write_change(a_session, shop_id, 1, 1)  # A takes its xid first, stays open
        b_id = await commit_change(db, shop_id, 2, 1)  # B commits after A started

        held = await read(service, shop_id, None)
        assert held.changes == []
        assert held.held_back  # B is committed but waits behind A
        again = await read(service, shop_id, held.cursor)
        assert again.changes == []

        await a_session.commit()

    changes, cursor = await read_until(service, shop_id, again.cursor, 2)
    assert [c["id"] for c in changes] == [a_id, b_id]
    after = await read(service, shop_id, cursor)
    assert after.changes == []  # nothing twice


async def test_snapshot_only_reader_does_not_hold_the_horizon(
    app: Any, db: Database, shop: dict[str, int], database_url: str
) -> None:
    """A long read (backend_xmin, no xid) must not stall the feed: only xid holders do."""
    shop_id = shop["shop_id"]
    reader = await asyncpg.connect(plain_database_url(database_url))
    try:
        tx = reader.transaction(isolation="repeatable_read")
        await tx.start()
        await reader.fetchval("SELECT count(*) FROM change_log")  # takes a snapshot, no xid
        row_id = await commit_change(db, shop_id, 1, 1)
        # The reader's snapshot stays open throughout: the change still comes through.
        changes, _ = await read_until(feed_service(app), shop_id, None, 1)
        assert [c["id"] for c in changes] == [row_id]
        assert reader.is_in_transaction()
        await tx.rollback()
    finally:
        await reader.close()


async def test_long_transaction_stalls_then_feed_resumes_after_timeout(
    app: Any, db: Database, shop: dict[str, int], database_url: str
) -> None:
    shop_id = shop["shop_id"]
    service = feed_service(app)
    stuck = await asyncpg.connect(
        plain_database_url(database_url),
        # Long enough for the listener's kept lag (refreshed every 1 s tick) to show the stall
        # before the server ends the session, on a loaded box too.
        server_settings={"idle_in_transaction_session_timeout": str(STUCK_TIMEOUT_MS)},
    )
    try:
        await stuck.execute("BEGIN")
        await stuck.fetchval("SELECT pg_current_xact_id()")  # holds an xid: the horizon stops
        committed = [await commit_change(db, shop_id, n, 1) for n in (1, 2, 3)]

        first = await read(service, shop_id, None)
        assert first.changes == [] and first.held_back
        lags: list[int] = [first.horizon_lag_ms]

        async def lag_grew() -> bool:
            page = await read(service, shop_id, first.cursor)
            assert page.changes == []  # stalled, not skipped
            lags.append(page.horizon_lag_ms)
            return page.horizon_lag_ms > lags[0] + 200

        await eventually(lag_grew, timeout=5, what="horizon lag to grow")
        # The server's idle_in_transaction timeout ends the stuck session; the feed resumes.
        changes, _ = await read_until(service, shop_id, first.cursor, len(committed))
        assert [c["id"] for c in changes] == committed
    finally:
        await stuck.close(timeout=2)


async def test_long_poll_wakes_on_commit_and_expires_empty(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    service = feed_service(app)
    listener = app.state.change_listener
    await asyncio.wait_for(listener.connected.wait(), 10)
    head = await read(service, shop_id, None)

    expired = await read(service, shop_id, head.cursor, wait=0.3)
    assert expired.changes == [] and not expired.has_more
    assert expired.cursor.position >= head.cursor.position

    parked_before = listener.parked
    poll = asyncio.create_task(read(service, shop_id, head.cursor, wait=60))
    await eventually(lambda: listener.parked > parked_before, timeout=5, what="request parked")
    # Another database's open transaction may hold the cluster-wide horizon meanwhile: the
    # listener measures the lag every tick and keeps the longest since this reset.
    listener.horizon_lag_peak_ms = 0
    committed_at = time.monotonic()
    row_id = await commit_change(db, shop_id, 1, 1)
    page = await asyncio.wait_for(poll, 90)
    woke_after = time.monotonic() - committed_at
    assert [c["id"] for c in page.changes] == [row_id]
    # A tick's lag is up to a tick (1 s) old: what it measured, plus a tick, plus 1 s of slack.
    bound = 2.0 + listener.tick + listener.horizon_lag_peak_ms / 1000
    assert woke_after < bound, f"long-poll woke {woke_after:.3f}s after the commit"


async def test_listener_reconnects_after_its_connection_is_killed(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    listener = app.state.change_listener
    await asyncio.wait_for(listener.connected.wait(), 10)
    old_pid = listener.backend_pid
    async with db.transaction() as s:
        await s.execute(
            text("SELECT pg_terminate_backend(CAST(:pid AS integer))"), {"pid": old_pid}
        )
    await eventually(
        lambda: listener.connected.is_set() and listener.backend_pid != old_pid,
        timeout=15,
        what="listener reconnect",
    )
    # Still wakes waiters after the reconnect.
    service = feed_service(app)
    head = await read(service, shop["shop_id"], None)
    poll = asyncio.create_task(read(service, shop["shop_id"], head.cursor, wait=60))
    await eventually(lambda: listener.parked > 0, timeout=5, what="request parked")
    row_id = await commit_change(db, shop["shop_id"], 1, 1)
    page = await asyncio.wait_for(poll, 90)
    assert [c["id"] for c in page.changes] == [row_id]


async def test_types_filter_advances_past_filtered_rows(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    service = feed_service(app)
    await commit_change(db, shop_id, 1, 1, type="order.updated")
    wanted = await commit_change(db, shop_id, 2, 1, type="order.created")
    changes, cursor = await read_until(service, shop_id, None, 1, types=["order.created"])
    assert [c["id"] for c in changes] == [wanted]
    # The filtered row lies behind the cursor: not delivered later either.
    assert (await read(service, shop_id, cursor)).changes == []


async def test_pagination_has_more_and_no_duplicates(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    service = feed_service(app)
    ids = [await commit_change(db, shop_id, n, 1) for n in range(7)]
    changes, cursor = await read_until(service, shop_id, None, len(ids), limit=3)
    assert [c["id"] for c in changes] == ids
    assert (await read(service, shop_id, cursor)).changes == []


async def test_epoch_reset_and_retention_expire_cursors(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    service = feed_service(app)
    await commit_change(db, shop_id, 1, 1)
    old = (await read(service, shop_id, None)).cursor
    await commit_change(db, shop_id, 1, 2)
    await commit_change(db, shop_id, 1, 3)

    # Retention: this shop's rows age out; the cursor before them can no longer be served.
    async with db.transaction() as s:
        await s.execute(
            text(
                "UPDATE change_log SET created_at = now() - interval '400 days' WHERE shop_id = :s"
            ),
            {"s": shop_id},
        )
    pruned = [0]

    async def pruned_all() -> bool:
        # Only rows below the horizon are pruned; parallel workers may hold it for a moment.
        pruned[0] += await prune_change_log(db, app.state.settings, batch_size=1)
        return pruned[0] >= 3

    await eventually(pruned_all, timeout=30, what="pruning")
    with pytest.raises(CursorExpired) as expired:
        await read(service, shop_id, old)
    assert expired.value.extra["resync"]["head_cursor"].endswith("changes?cursor=now")

    fresh = (await read(service, shop_id, None)).cursor
    await reset_epoch(db)
    with pytest.raises(CursorExpired, match="epoch"):
        await read(service, shop_id, fresh)
    head = await service.reader.head(shop_id)
    assert (await read(service, shop_id, head.cursor)).changes == []
