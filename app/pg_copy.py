"""Talking to asyncpg directly, for what SQLAlchemy does not do: ``COPY (query) TO STDOUT``
streamed chunk by chunk (exports, the bulk change feed) and ``$n``-parameter SQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, cast

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database


async def session_driver(session: AsyncSession) -> asyncpg.Connection:
    """The asyncpg connection under a session (for COPY and $n-parameter SQL)."""
    conn = await session.connection()
    raw = await conn.get_raw_connection()
    return cast(asyncpg.Connection, raw.driver_connection)


@asynccontextmanager
async def driver_connection(db: Database) -> AsyncIterator[asyncpg.Connection]:
    """A pooled connection's asyncpg driver; invalidated if anything went wrong mid-COPY."""
    async with db.engine.connect() as conn:
        raw = await conn.get_raw_connection()
        try:
            yield cast(asyncpg.Connection, raw.driver_connection)
        except BaseException:
            await conn.invalidate()
            raise


CHUNK_BYTES = 256 * 1024


@dataclass
class CopyOutcome:
    """Filled in when a COPY has finished: how many rows PostgreSQL reported."""

    rows: int = 0


async def copy_chunks(
    conn: asyncpg.Connection,
    sql: str,
    *args: Any,
    queue_size: int = 8,
    chunk_bytes: int = CHUNK_BYTES,
    outcome: CopyOutcome | None = None,
    **options: Any,
) -> AsyncGenerator[bytes, None]:
    """The output of ``COPY (sql) TO STDOUT`` in chunks of about ``chunk_bytes``, with
    back-pressure from a small queue; ``outcome`` gets the row count once the last chunk is
    out. A COPY failure is raised after the chunks before it; a consumer that stops early (a
    client gone) cancels the COPY."""
    queue: asyncio.Queue[bytes | None] = asyncio.Queue(maxsize=queue_size)
    # asyncpg hands out one small buffer per network read: gathered, every hop after this
    # (queue, ASGI send, HTTP chunk, the client's parser) runs ~10x less often per byte.
    pending = bytearray()

    async def put(chunk: bytes) -> None:
        pending.extend(chunk)
        if len(pending) >= chunk_bytes:
            await queue.put(bytes(pending))
            pending.clear()

    async def produce() -> None:
        status: str = await conn.copy_from_query(sql, *args, output=put, **options)
        if outcome is not None:
            outcome.rows = int(status.rsplit(" ", 1)[-1])  # "COPY <rows>"
        if pending:
            await queue.put(bytes(pending))
        await queue.put(None)

    task = asyncio.create_task(produce())
    try:
        while True:
            getter = asyncio.ensure_future(queue.get())
            await asyncio.wait({getter, task}, return_when=asyncio.FIRST_COMPLETED)
            if not getter.done():
                # The producer ended first: what it queued is still to be handed out (up to
                # the end marker when it succeeded), then its failure, if any, is raised.
                getter.cancel()
                while not queue.empty():
                    chunk = queue.get_nowait()
                    if chunk is None:
                        break
                    yield chunk
                break
            chunk = getter.result()
            if chunk is None:
                break
            yield chunk
        await task
    finally:
        if not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
