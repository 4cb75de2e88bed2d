"""The mirror's local database: one table of entities (highest version wins) and its state.

Rows and the feed cursor are written in the same local transaction, so a crash at any point
resumes from a cursor that matches the rows: nothing lost, nothing applied twice. SQLite uses
the standard library; PostgreSQL uses asyncpg.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import asyncpg  # type: ignore[import-untyped]
import orjson

from app.config import plain_database_url


@dataclass(frozen=True)
class Record:
    entity: str
    entity_id: int
    version: int
    data: dict[str, Any]


@dataclass
class MirrorState:
    phase: str = "new"  # new -> snapshot -> follow
    cursor: str | None = None  # feed cursor; None = beginning of retention
    list_index: int = 0  # snapshot: which list is being copied
    list_cursor: str | None = None  # snapshot: keyset cursor inside that list


class MirrorStore(Protocol):
    async def load_state(self, shop_id: int) -> MirrorState: ...

    async def apply(
        self, shop_id: int, records: Sequence[Record], state: MirrorState, *, force: bool = False
    ) -> None: ...

    async def apply_lines(
        self, shop_id: int, lines: Sequence[bytes], state: MirrorState
    ) -> None: ...

    async def close(self) -> None: ...


_UPSERT = """
INSERT INTO mirror_entities (shop_id, entity, entity_id, version, data)
VALUES ({p1}, {p2}, {p3}, {p4}, {p5})
ON CONFLICT (shop_id, entity, entity_id) DO UPDATE
SET version = excluded.version, data = excluded.data
"""
# Never regress: an older version arriving late (overlapping transactions) is ignored.
_NEWER = "WHERE mirror_entities.version < excluded.version"
_SAVE_STATE = """
INSERT INTO mirror_state (shop_id, phase, cursor, list_index, list_cursor)
VALUES ({p1}, {p2}, {p3}, {p4}, {p5})
ON CONFLICT (shop_id) DO UPDATE SET phase = excluded.phase, cursor = excluded.cursor,
    list_index = excluded.list_index, list_cursor = excluded.list_cursor
"""


# PostgreSQL cannot update one row twice in a statement: the batch's newest version per entity.
_UPSERT_JSON_PG = """
INSERT INTO mirror_entities (shop_id, entity, entity_id, version, data)
SELECT DISTINCT ON (e->>'entity', (e->>'entity_id')::bigint)
       $1, e->>'entity', (e->>'entity_id')::bigint, (e->>'entity_version')::int, e->'data'
FROM jsonb_array_elements($2::jsonb) AS e
ORDER BY e->>'entity', (e->>'entity_id')::bigint, (e->>'entity_version')::int DESC
ON CONFLICT (shop_id, entity, entity_id) DO UPDATE
SET version = excluded.version, data = excluded.data
WHERE mirror_entities.version < excluded.version
"""


# The bulk stream's ``data`` member is the last of each line (the server documents it), so the
# entity's JSON is stored as the server sent it: no parse and re-serialise per row. These are
# the members before ``data`` exactly as GET /changes/bulk writes them (compact, in order).
_SERVER_HEAD = re.compile(
    rb'\{"id":\d+,"type":"[a-z_.]+","entity":"([a-z_]+)","entity_id":(\d+),'
    rb'"entity_version":(\d+),"created_at":"[-0-9T:.Z]+","data":(?=\{)'
)


def line_row(shop_id: int, line: bytes) -> tuple[int, str, int, int, bytes]:
    """``(shop_id, entity, entity_id, version, data JSON)`` of one bulk line: in the server's
    layout ``data`` is cut out as it is; a line of any other layout is parsed whole."""
    head = _SERVER_HEAD.match(line)
    if head is not None and line.endswith(b"}"):
        entity, entity_id, version = head.groups()
        return shop_id, entity.decode(), int(entity_id), int(version), line[head.end() : -1]
    change = orjson.loads(line)
    entity_, id_, version_ = change["entity"], change["entity_id"], change["entity_version"]
    return shop_id, entity_, id_, version_, orjson.dumps(change["data"])


LINES_PER_STATEMENT = 200
BUSY_TIMEOUT_MS = 5000  # how long a write waits for another connection's lock
# What the WAL file is cut back to when it starts over (after a checkpoint took all of it).
WAL_LIMIT_BYTES = 1024 * 1024
# The line's JSON arrives as bytes: stored as text without a decode in Python.
_LINE_VALUES = "(?, ?, ?, ?, CAST(? AS TEXT))"


def _json_array(lines: Sequence[bytes]) -> str:
    return (b"[" + b",".join(lines) + b"]").decode()


def _ddl(json_type: str) -> list[str]:
    return [
        f"""CREATE TABLE IF NOT EXISTS mirror_entities (
            shop_id bigint NOT NULL, entity text NOT NULL, entity_id bigint NOT NULL,
            version integer NOT NULL, data {json_type} NOT NULL,
            PRIMARY KEY (shop_id, entity, entity_id))""",
        """CREATE TABLE IF NOT EXISTS mirror_state (
            shop_id bigint PRIMARY KEY, phase text NOT NULL, cursor text,
            list_index integer NOT NULL DEFAULT 0, list_cursor text)""",
    ]


def _state_row(shop_id: int, s: MirrorState) -> tuple[Any, ...]:
    return (shop_id, s.phase, s.cursor, s.list_index, s.list_cursor)


class SqliteStore:
    def __init__(self, path: str) -> None:
        # Writes run in a worker thread (one at a time) so HTTP keeps flowing meanwhile.
        self.conn = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        # A new file gets SQLite's largest page: rows are ~1.5 KB of JSON, and the initial copy
        # of 1M orders writes about half as much and runs ~2x faster than with 4 KB pages.
        self.conn.execute("PRAGMA page_size=65536")
        (self._journal_mode,) = self.conn.execute("PRAGMA journal_mode=wal").fetchone()
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute(f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}")
        for statement in _ddl("text"):
            self.conn.execute(statement)
        marks = {f"p{i}": "?" for i in range(1, 6)}
        self._upsert = _UPSERT.format(**marks)
        self._save = _SAVE_STATE.format(**marks)
        self._upsert_lines: dict[int, str] = {}  # multi-row upserts by row count

    async def load_state(self, shop_id: int) -> MirrorState:
        row = self.conn.execute(
            "SELECT phase, cursor, list_index, list_cursor FROM mirror_state WHERE shop_id = ?",
            (shop_id,),
        ).fetchone()
        return MirrorState(*row) if row else MirrorState()

    async def apply(
        self, shop_id: int, records: Sequence[Record], state: MirrorState, *, force: bool = False
    ) -> None:
        row = _state_row(shop_id, state)  # snapshot it before the caller moves on
        await asyncio.to_thread(self._apply, shop_id, records, row, force)

    def _apply(
        self, shop_id: int, records: Sequence[Record], state_row: tuple[Any, ...], force: bool
    ) -> None:
        sql = self._upsert if force else self._upsert + _NEWER
        with self._write(copying=False):
            self.conn.executemany(
                sql,
                [
                    (shop_id, r.entity, r.entity_id, r.version, orjson.dumps(r.data).decode())
                    for r in records
                ],
            )
            self.conn.execute(self._save, state_row)

    def _upsert_of(self, rows: int) -> str:
        sql = self._upsert_lines.get(rows)
        if sql is None:
            values = ", ".join([_LINE_VALUES] * rows)
            sql = _UPSERT.replace("({p1}, {p2}, {p3}, {p4}, {p5})", values) + _NEWER
            self._upsert_lines[rows] = sql
        return sql

    async def apply_lines(self, shop_id: int, lines: Sequence[bytes], state: MirrorState) -> None:
        row = _state_row(shop_id, state)
        await asyncio.to_thread(self._apply_lines, shop_id, lines, row)

    def _apply_lines(
        self, shop_id: int, lines: Sequence[bytes], state_row: tuple[Any, ...]
    ) -> None:
        # The bulk copy's batches are not synced to disk one by one: until its final batch the
        # stored phase stays "new", so an interrupted copy starts over anyway. The final batch
        # (phase "follow") is synced, making the whole copy durable at once.
        with self._write(copying=state_row[1] == "new"):
            # Many rows per statement: SQLite runs each without the GIL, so the HTTP side of
            # the mirror keeps reading instead of taking turns with every single row.
            for start in range(0, len(lines), LINES_PER_STATEMENT):
                part = lines[start : start + LINES_PER_STATEMENT]
                values = [v for line in part for v in line_row(shop_id, line)]
                self.conn.execute(self._upsert_of(len(part)), values)
            self.conn.execute(self._save, state_row)

    @contextmanager
    def _write(self, *, copying: bool) -> Iterator[None]:
        """One local transaction. The bulk copy's go through a rollback journal, unsynced:
        pages appended to the file are not journaled, so each is written once, where WAL
        writes it twice (log, then checkpoint). Any other is synced, and the file returns to
        WAL once it is on disk: after a copy, that commit's sync is what makes the copied
        pages durable, whether the copy finished or was given up for the paged feed."""
        if copying:
            self._journal("truncate")
        self.conn.execute(f"PRAGMA synchronous={'OFF' if copying else 'NORMAL'}")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        if not copying:
            self._journal("wal")
            # Following: each applied page is checkpointed at once, so the WAL never holds more
            # than about one page of changes (left to SQLite's 1,000-page auto-checkpoint, with
            # 64 KB pages it grew ~170 KB per change, to tens of MB). Passive: a reader keeping
            # the file open is never waited for; the next write starts the WAL over and cuts it
            # to ``WAL_LIMIT_BYTES``.
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def _journal(self, mode: str) -> None:
        """Switch the journal mode when it differs. Leaving WAL needs the file to itself: while
        another connection has it open (someone reading the mirror) it stays WAL, as safe and
        only slower. It is tried without waiting for the other connection, and again next
        time."""
        if self._journal_mode == mode:
            return
        self.conn.execute("PRAGMA busy_timeout=0")
        try:
            (self._journal_mode,) = self.conn.execute(f"PRAGMA journal_mode={mode}").fetchone()
        except sqlite3.OperationalError:  # "database is locked": the next batch tries again
            pass
        finally:
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    async def close(self) -> None:
        self.conn.close()


class PostgresStore:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        marks = {f"p{i}": f"${i}" for i in range(1, 6)}
        self._upsert = _UPSERT.format(**marks).replace("$5)", "$5::jsonb)")
        self._save = _SAVE_STATE.format(**marks)

    @classmethod
    async def open(cls, url: str) -> PostgresStore:
        conn = await asyncpg.connect(plain_database_url(url))
        for statement in _ddl("jsonb"):
            await conn.execute(statement)
        return cls(conn)

    async def load_state(self, shop_id: int) -> MirrorState:
        row = await self.conn.fetchrow(
            "SELECT phase, cursor, list_index, list_cursor FROM mirror_state WHERE shop_id = $1",
            shop_id,
        )
        return MirrorState(*row) if row else MirrorState()

    async def apply(
        self, shop_id: int, records: Sequence[Record], state: MirrorState, *, force: bool = False
    ) -> None:
        sql = self._upsert if force else self._upsert + _NEWER
        async with self.conn.transaction():
            await self.conn.executemany(
                sql,
                [
                    (shop_id, r.entity, r.entity_id, r.version, orjson.dumps(r.data).decode())
                    for r in records
                ],
            )
            await self.conn.execute(self._save, *_state_row(shop_id, state))

    async def apply_lines(self, shop_id: int, lines: Sequence[bytes], state: MirrorState) -> None:
        async with self.conn.transaction():
            await self.conn.execute(_UPSERT_JSON_PG, shop_id, _json_array(lines))
            await self.conn.execute(self._save, *_state_row(shop_id, state))

    async def close(self) -> None:
        await self.conn.close()


async def open_store(into: str) -> MirrorStore:
    """``sqlite:///path.db`` or a PostgreSQL URL."""
    if into.startswith("sqlite:///"):
        return SqliteStore(into.removeprefix("sqlite:///"))
    if into.startswith(("postgresql://", "postgres://", "postgresql+asyncpg://")):
        return await PostgresStore.open(into)
    raise ValueError("--into must be sqlite:///FILE or a postgresql:// URL")
