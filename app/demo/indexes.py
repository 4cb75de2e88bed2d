"""Secondary indexes of the order tables, dropped during a big load and rebuilt after it.

Building an index once from sorted data is several times cheaper than maintaining it row by
row. The definitions come from the models (the same DDL the migration creates); primary keys
and unique constraints stay in place throughout.
"""

from __future__ import annotations

import asyncio

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex

from app.models import Base

BULK_TABLES = ("orders", "order_items", "shipments", "order_events", "change_log")


def model_indexes() -> dict[str, str]:
    """Index name -> CREATE INDEX statement, for the bulk-loaded tables."""
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    found: dict[str, str] = {}
    for table in BULK_TABLES:
        for index in Base.metadata.tables[table].indexes:
            if not index.unique and index.name:
                found[str(index.name)] = str(CreateIndex(index).compile(dialect=dialect)).strip()
    return found


async def _existing(conn: asyncpg.Connection) -> set[str]:
    rows = await conn.fetch(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = ANY($1::text[])",
        list(BULK_TABLES),
    )
    return {r["indexname"] for r in rows}


async def deferred_indexes(conn: asyncpg.Connection) -> list[str]:
    """Model indexes missing from the database (left behind by an interrupted load)."""
    existing = await _existing(conn)
    return [ddl for name, ddl in model_indexes().items() if name not in existing]


async def drop_indexes(conn: asyncpg.Connection) -> list[str]:
    """Drop the model's secondary indexes that exist; returns their CREATE statements."""
    existing = await _existing(conn)
    dropped = []
    async with conn.transaction():
        for name, ddl in model_indexes().items():
            if name in existing:
                await conn.execute(f'DROP INDEX "{name}"')
                dropped.append(ddl)
    return dropped


async def restore_indexes(url: str, statements: list[str], connections: int) -> None:
    """Run CREATE INDEX statements, spread over ``connections`` parallel sessions."""
    if not statements:
        return
    pending = list(statements)

    async def worker() -> None:
        conn = await asyncpg.connect(url)
        try:
            await conn.execute("SET maintenance_work_mem = '256MB'; SET statement_timeout = 0")
            while pending:
                await conn.execute(
                    pending.pop(0).replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1)
                )
        finally:
            await conn.close()

    await asyncio.gather(*(worker() for _ in range(max(1, min(connections, len(pending))))))
