"""16 writers with ~10% rollbacks, and one transaction left open while 200 others commit,
while 200 long-polling readers follow the feed (parked between pages, woken together, sharing
reads): every committed change is seen exactly once by every reader, no rolled-back change is
ever seen, and the highest version per entity each reader keeps equals the source.

Scale with ORDERGATE_FEED_STRESS_WRITES (default 2,000 for CI; the issue's figure is 10,000).
"""

from __future__ import annotations

import asyncio
import os
import random
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import text

from app.db import Database, is_unavailable
from app.domain.sync.cursor import Cursor
from app.domain.sync.service import PageRequest
from tests.feed_support import eventually, feed_service, write_change

pytestmark = pytest.mark.feed


WRITES = int(os.environ.get("ORDERGATE_FEED_STRESS_WRITES", "2000"))
WRITERS = 16
READERS = 200
ENTITIES = 400

_SOURCE_DDL = """
CREATE TABLE IF NOT EXISTS test_feed_source (
    shop_id bigint, entity_id bigint, version int NOT NULL, PRIMARY KEY (shop_id, entity_id)
)
"""
_BUMP = """
INSERT INTO test_feed_source AS s (shop_id, entity_id, version) VALUES (:shop, :entity, 1)
ON CONFLICT (shop_id, entity_id) DO UPDATE SET version = s.version + 1
RETURNING version
"""


class Rollback(Exception):
    pass


@pytest.fixture
async def writers_db(app: Any) -> AsyncIterator[Database]:
    """Writers are other processes (API workers, ingest): a pool of their own. The readers
    share this process's pool, as the parked requests of one API process do."""
    settings = app.state.settings
    db = Database.connect(settings, settings.database_url)
    yield db
    await db.dispose()


async def test_exactly_once_under_concurrent_writers_and_rollbacks(
    app: Any, writers_db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    db = writers_db
    async with db.transaction() as s:
        await s.execute(text(_SOURCE_DDL))
    committed: set[int] = set()
    rolled_back: set[int] = set()
    commit_order: list[int] = []  # each committed transaction's first change id
    writes = iter(range(WRITES))
    rng = random.Random(6)

    async def writer() -> None:
        for _ in writes:
            # Sorted: no deadlocks, and versions can still land out of xid order.
            entities = sorted(rng.sample(range(ENTITIES), rng.randint(1, 3)))
            abort = rng.random() < 0.1
            ids: list[int] = []
            try:
                async with db.transaction() as s:
                    for entity in entities:
                        version = int(
                            (
                                await s.execute(text(_BUMP), {"shop": shop_id, "entity": entity})
                            ).scalar_one()
                        )
                        ids.append(await write_change(s, shop_id, entity, version))
                    if abort:
                        raise Rollback
            except Rollback:
                rolled_back.update(ids)
            else:
                committed.update(ids)
                commit_order.append(ids[0])

    async def long_writer() -> None:
        """A transaction that stays open while 200 others commit after it: their changes are
        held back behind its xid, then all come, in order, once it commits."""
        await eventually(lambda: len(committed) >= 100, timeout=120, what="writes under way")
        async with db.transaction() as s:
            bump = await s.execute(text(_BUMP), {"shop": shop_id, "entity": ENTITIES})
            ids = [await write_change(s, shop_id, ENTITIES, int(bump.scalar_one()))]
            mark = len(committed)
            await eventually(
                lambda: len(committed) >= mark + 200 or writers_finished.is_set(),
                timeout=120,
                what="later transactions to commit",
            )
        committed.update(ids)

    async def writers() -> None:
        await asyncio.gather(*(writer() for _ in range(WRITERS)))
        writers_finished.set()

    writers_finished = asyncio.Event()
    writers_done = asyncio.Event()
    unavailable = [0]

    async def reader() -> tuple[list[int], dict[int, int]]:
        service = feed_service(app)
        seen: list[int] = []
        highest: dict[int, int] = {}
        cursor: Cursor | None = None
        while not (writers_done.is_set() and committed <= set(seen)):
            try:
                # data stays pre-serialised (as REST sends it): 200 readers, no re-parsing.
                page = await service.poll(
                    PageRequest(shop_id, cursor, 500, None, 2, True, raw_json=True)
                )
            except Exception as exc:
                # 200 readers and 17 open writers share a pool of 20: a read that waited too
                # long for a connection is what an HTTP client sees as 503: it asks again.
                if not is_unavailable(exc):
                    raise
                unavailable[0] += 1
                continue
            for change in page.changes:
                seen.append(change["id"])
                entity = change["entity_id"]
                highest[entity] = max(highest.get(entity, 0), change["entity_version"])
            cursor = page.cursor
        return seen, highest

    readers = [asyncio.create_task(reader()) for _ in range(READERS)]
    await asyncio.gather(writers(), long_writer())
    writers_done.set()
    # Catching up after the last commit is bounded (the write phase depends on the machine).
    results = await asyncio.wait_for(asyncio.gather(*readers), 120)

    async with db.transaction() as s:
        source = dict(
            (
                await s.execute(
                    text("SELECT entity_id, version FROM test_feed_source WHERE shop_id = :s"),
                    {"s": shop_id},
                )
            ).all()
        )
    assert len(committed) > WRITES * 0.8 and rolled_back
    # The writers' transactions overlapped: many committed after one that wrote later (a
    # feed read in id or commit order, rather than below the horizon, would miss rows).
    overtaken, newest = 0, 0
    for first_id in commit_order:
        overtaken += first_id < newest
        newest = max(newest, first_id)
    assert overtaken > WRITES // 20, overtaken
    for seen, highest in results:
        assert len(seen) == len(set(seen)), "a change was delivered twice"
        assert set(seen) == committed
        assert not set(seen) & rolled_back
        assert highest == source
