"""copy_chunks hands out every chunk of a COPY, even those still queued when the COPY ends
before a slow consumer has read them, and raises a COPY failure."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import pytest

from app.db import Database
from app.pg_copy import CopyOutcome, copy_chunks, driver_connection

ROWS = 20_000


class FinishWatched:
    """An asyncpg connection that says when its COPY has finished."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.finished = asyncio.Event()

    async def copy_from_query(self, *args: Any, **kwargs: Any) -> str:
        try:
            result: str = await self.conn.copy_from_query(*args, **kwargs)
            return result
        finally:
            self.finished.set()


async def test_chunks_queued_when_the_copy_ends_are_all_handed_out(db: Database) -> None:
    # ~2 MB: more than any single network read, so asyncpg hands it out in several buffers.
    sql = "SELECT lpad(n::text, 100, '0') FROM generate_series(1, $1::int) AS n"
    async with driver_connection(db) as apg:
        watched = FinishWatched(apg)
        outcome = CopyOutcome()
        chunks = copy_chunks(
            watched,  # type: ignore[arg-type]
            sql,
            ROWS,
            queue_size=10_000,
            chunk_bytes=1,  # every buffer asyncpg hands out is a chunk of its own
            outcome=outcome,
        )
        received = [await anext(chunks)]
        # Read nothing more until the COPY is over: the rest sits in the queue.
        await asyncio.wait_for(watched.finished.wait(), timeout=30)
        received += [chunk async for chunk in chunks]
    lines = b"".join(received).split()
    assert [int(n) for n in lines] == list(range(1, ROWS + 1))
    assert len(received) > 2 and outcome.rows == ROWS


async def test_a_failing_copy_raises(db: Database) -> None:
    async with driver_connection(db) as apg:
        chunks = copy_chunks(apg, "SELECT 1 / (n - 3) FROM generate_series(1, 5) AS n")
        with pytest.raises(asyncpg.DivisionByZeroError):
            _ = [chunk async for chunk in chunks]
