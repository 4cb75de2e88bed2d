"""Parked long-polls cost no database work of their own: the process's LISTEN connection is the
clock (notifications, horizon probes, a lost connection) and the requests of one shop woken
together share one read. Feed reads are counted as the engine sends them (real PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
import pytest
from sqlalchemy import event, insert, text

from app.config import plain_database_url
from app.db import Database
from app.domain.sync.feed import FeedPage
from app.domain.sync.service import FeedService
from app.domain.sync.waiter import ChangeListener
from app.models import ChangeLog
from tests.feed_support import commit_change, eventually, feed_service, read, write_change

pytestmark = pytest.mark.feed


PARKED = 40
# Every feed page read (arrival, shared wake-up read, fallback) is this one statement.
_PAGE_READ_MARK = "WITH meta AS MATERIALIZED"


class Reads:
    count = 0


@contextmanager
def counting_feed_reads(db: Database) -> Iterator[Reads]:
    reads = Reads()

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if _PAGE_READ_MARK in statement:
            reads.count += 1

    engine = db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield reads
    finally:
        event.remove(engine, "before_cursor_execute", seen)


async def park(
    service: FeedService, listener: ChangeListener, shop_id: int, n: int, **kw: Any
) -> list[asyncio.Task[FeedPage]]:
    """``n`` long-polls of ``shop_id`` from its head, returned once all are parked."""
    head = await service.reader.head(shop_id)
    before = listener.parked
    polls = [
        asyncio.create_task(read(service, shop_id, head.cursor, wait=60, **kw)) for _ in range(n)
    ]
    await eventually(lambda: listener.parked >= before + n, timeout=30, what="polls parked")
    return polls


async def test_a_held_back_change_wakes_its_waiters_once_visible_without_polling(
    app: Any, db: Database, shop: dict[str, int], database_url: str
) -> None:
    shop_id = shop["shop_id"]
    service = feed_service(app)
    listener: ChangeListener = app.state.change_listener
    await asyncio.wait_for(listener.connected.wait(), 10)
    holder = await asyncpg.connect(plain_database_url(database_url))
    try:
        polls = await park(service, listener, shop_id, PARKED)
        wakeups = listener.parking.wakeups
        with counting_feed_reads(db) as reads:
            # An older transaction holds an xid and never notifies: only the horizon can tell
            # when the change committed after it becomes readable.
            await holder.execute("BEGIN")
            await holder.fetchval("SELECT pg_current_xact_id()")
            row_id = await commit_change(db, shop_id, 1, 1)
            # The commit's notification wakes the shop: one shared read finds it held back.
            await eventually(lambda: reads.count >= 1, timeout=30, what="the woken read")
            await eventually(lambda: listener.parked >= PARKED, timeout=30, what="re-parked")
            probes = listener.probes
            await eventually(
                lambda: listener.probes >= probes + 5, timeout=30, what="horizon probes"
            )
            assert reads.count == 1, "parked requests read on their own while held back"
            assert not any(p.done() for p in polls)
            await holder.execute("COMMIT")  # no notification: the horizon wakes the shop
            pages = await asyncio.wait_for(asyncio.gather(*polls), 60)
        assert all([c["id"] for c in page.changes] == [row_id] for page in pages)
        # Woken twice (the notification, the horizon), one shared read each.
        assert reads.count == listener.parking.wakeups - wakeups == 2, reads.count
    finally:
        await holder.close()


async def test_waiters_of_one_shop_share_one_read_and_cut_their_own_pages(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    service = feed_service(app)
    listener: ChangeListener = app.state.change_listener
    await asyncio.wait_for(listener.connected.wait(), 10)
    full = await park(service, listener, shop_id, PARKED // 2, limit=5)
    masked = await park(service, listener, shop_id, PARKED // 4, limit=1, pii=False)
    typed = await park(service, listener, shop_id, PARKED // 4, types=["order.created"])
    wakeups = listener.parking.wakeups
    with counting_feed_reads(db) as reads:
        async with db.transaction() as s:  # one commit, one notification, three changes
            ids = [
                await write_change(s, shop_id, 1, 1, type="order.created", receiver={"name": "A"}),
                await write_change(s, shop_id, 2, 1, receiver={"name": "B"}),
                await write_change(s, shop_id, 3, 1, type="order.created", receiver={"name": "C"}),
            ]
        full_pages = await asyncio.wait_for(asyncio.gather(*full), 60)
        masked_pages = await asyncio.wait_for(asyncio.gather(*masked), 60)
        typed_pages = await asyncio.wait_for(asyncio.gather(*typed), 60)
    # One read per wake-up of the shop: the commit's notification, and once more if a
    # transaction elsewhere in the cluster held the changes back at that moment.
    woken = listener.parking.wakeups - wakeups
    assert reads.count == woken <= 2, f"{PARKED} waiters, {woken} wake-ups, {reads.count} reads"
    for page in full_pages:
        assert [c["id"] for c in page.changes] == ids and not page.has_more
        assert page.changes[0]["data"]["receiver"] == {"name": "A"}
    for page in masked_pages:
        assert [c["id"] for c in page.changes] == ids[:1] and page.has_more
        assert page.changes[0]["data"]["receiver"] != {"name": "A"}  # no PII scope: masked
    for page in typed_pages:
        assert [c["id"] for c in page.changes] == [ids[0], ids[2]]
    # Each cursor continues exactly after its own page.
    after_masked = await read(service, shop_id, masked_pages[0].cursor, limit=10)
    assert [c["id"] for c in after_masked.changes] == ids[1:]


async def test_a_lost_listener_connection_wakes_every_parked_request(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    """A change whose notification never came (written without one) reaches every parked
    request of every shop once the listener's connection is lost: everyone re-reads."""
    shop_id = shop["shop_id"]
    service = feed_service(app)
    listener: ChangeListener = app.state.change_listener
    await asyncio.wait_for(listener.connected.wait(), 10)
    polls = await park(service, listener, shop_id, PARKED)
    async with db.transaction() as s:
        row_id = await s.scalar(
            insert(ChangeLog)
            .values(
                shop_id=shop_id,
                entity="order",
                entity_id=7,
                entity_version=1,
                type="order.updated",
                data={"id": 7},
            )
            .returning(ChangeLog.id)
        )
    probes = listener.probes
    await eventually(lambda: listener.probes >= probes + 2, timeout=30, what="probes")
    assert not any(p.done() for p in polls)  # nobody re-reads on a timer of its own
    async with db.transaction() as s:
        await s.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": listener.backend_pid})
    pages = await asyncio.wait_for(asyncio.gather(*polls), 60)
    assert all([c["id"] for c in page.changes] == [row_id] for page in pages)
    await eventually(listener.connected.is_set, timeout=15, what="listener reconnect")
