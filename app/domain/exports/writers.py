"""File writers. CSV: PostgreSQL ``COPY (query) TO STDOUT`` streamed chunk by chunk (to a file
for jobs, to the response for sync requests); XLSX: xlsxwriter ``constant_memory`` fed from a
server-side cursor. Memory stays flat whatever the row count."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import aclosing
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import xlsxwriter  # type: ignore[import-untyped]

from app.db import Database
from app.domain.exports.query import ExportQuery
from app.pg_copy import copy_chunks, driver_connection

BOM = b"\xef\xbb\xbf"
XLSX_MAX_ROWS = 1_048_575  # Excel's sheet limit minus the header row
Progress = Callable[[int], Awaitable[None]]


@dataclass(frozen=True)
class Written:
    rows: int
    size_bytes: int
    sha256: str


async def write_csv(
    apg: asyncpg.Connection, q: ExportQuery, path: Path, *, bom: bool, progress: Progress
) -> Written:
    digest = hashlib.sha256()
    size = 0
    lines = 0
    # Plain blocking writes: chunks are small and land in the page cache; an executor hop
    # per chunk costs more than the write.
    with path.open("wb") as f:
        if bom:
            f.write(BOM)
            digest.update(BOM)
            size += len(BOM)

        async def sink(chunk: bytes) -> None:
            nonlocal size, lines
            f.write(chunk)
            digest.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")  # approximate while running (quoted newlines)
            await progress(max(lines - 1, 0))

        status = await apg.copy_from_query(q.sql, *q.args, output=sink, format="csv", header=True)
    return Written(int(status.split()[-1]), size, digest.hexdigest())


async def stream_csv(db: Database, q: ExportQuery, *, bom: bool) -> AsyncIterator[bytes]:
    """COPY straight into an HTTP response."""
    if bom:
        yield BOM
    async with (
        driver_connection(db) as apg,
        aclosing(copy_chunks(apg, q.sql, *q.args, format="csv", header=True)) as chunks,
    ):
        async for chunk in chunks:
            yield chunk


def _cell(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


async def write_xlsx(
    apg: asyncpg.Connection, q: ExportQuery, path: Path, *, progress: Progress
) -> Written:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        sheet = workbook.add_worksheet("orders")
        money = workbook.add_format({"num_format": "0.00"})
        sheet.write_row(0, 0, q.headers)
        rows = 0
        # The caller holds a transaction: server-side cursors live in one.
        async for record in apg.cursor(q.sql, *q.args, prefetch=2000):
            rows += 1
            if rows > XLSX_MAX_ROWS:
                raise ValueError(f"more than {XLSX_MAX_ROWS} rows do not fit in one sheet")
            for col, (value, kind) in enumerate(zip(record, q.kinds, strict=True)):
                if value is None:
                    continue
                if kind == "money":
                    sheet.write_number(rows, col, _cell(value), money)
                elif kind == "int":
                    sheet.write_number(rows, col, value)
                else:
                    sheet.write_string(rows, col, str(value))
            if rows % 2000 == 0:
                await progress(rows)
    finally:
        workbook.close()
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return Written(rows, size, digest.hexdigest())
