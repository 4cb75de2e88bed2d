"""The mirror's local database: one table of entities (highest version wins) and its state.

Rows and the feed cursor are written in the same local transaction, so a crash at any point
resumes from a cursor that matches the rows: nothing lost, nothing applied twice. SQLite uses
the standard library; PostgreSQL uses asyncpg.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
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


# The bulk stream's lines go to the database as one JSON array per batch and the database
# parses them: no Python per row, and SQLite runs the whole statement without the GIL.
_UPSERT_JSON_SQLITE = """
INSERT INTO mirror_entities (shop_id, entity, entity_id, version, data)
SELECT ?, json_extract(value, '$.entity'), json_extract(value, '$.entity_id'),
       json_extract(value, '$.entity_version'), json_extract(value, '$.data')
FROM json_each(?) WHERE true
ON CONFLICT (shop_id, entity, entity_id) DO UPDATE
SET version = excluded.version, data = excluded.data
WHERE mirror_entities.version < excluded.version
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
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        for statement in _ddl("text"):
            self.conn.execute(statement)
        marks = {f"p{i}": "?" for i in range(1, 6)}
        self._upsert = _UPSERT.format(**marks)
        self._save = _SAVE_STATE.format(**marks)

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
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.executemany(
                sql,
                [
                    (shop_id, r.entity, r.entity_id, r.version, orjson.dumps(r.data).decode())
                    for r in records
                ],
            )
            self.conn.execute(self._save, state_row)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    async def apply_lines(self, shop_id: int, lines: Sequence[bytes], state: MirrorState) -> None:
        row = _state_row(shop_id, state)
        await asyncio.to_thread(self._apply_lines, shop_id, _json_array(lines), row)

    def _apply_lines(self, shop_id: int, array: str, state_row: tuple[Any, ...]) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute(_UPSERT_JSON_SQLITE, (shop_id, array))
            self.conn.execute(self._save, state_row)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

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
