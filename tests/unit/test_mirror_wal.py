"""The mirror's SQLite WAL stays bounded while following: each applied page is checkpointed,
and the log starts over, cut to ``WAL_LIMIT_BYTES``, instead of growing until SQLite's
1,000-page auto-checkpoint (64 MB with the mirror's 64 KB pages)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.mirror.store import WAL_LIMIT_BYTES, MirrorState, Record, SqliteStore

PAGES = 60
PER_PAGE = 20


def wal_size(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


async def follow_pages(store: SqliteStore, path: Path) -> list[int]:
    sizes = []
    for page in range(PAGES):
        records = [
            Record("order", page * PER_PAGE + i, 1, {"id": i, "note": "x" * 1500})
            for i in range(PER_PAGE)
        ]
        await store.apply(1, records, MirrorState(phase="follow", cursor=f"c{page}"))
        sizes.append(wal_size(path))
    return sizes


async def test_the_wal_stays_bounded_while_following(tmp_path: Path) -> None:
    path = tmp_path / "mirror.db"
    store = SqliteStore(str(path))
    try:
        sizes = await follow_pages(store, path)
    finally:
        await store.close()
    # One page of changes (~30 KB of JSON, a few 64 KB database pages) at most, never the sum.
    assert max(sizes) <= WAL_LIMIT_BYTES + 64 * 1024 * 8, sizes
    check = sqlite3.connect(path)
    try:
        assert check.execute("SELECT count(*) FROM mirror_entities").fetchone() == (
            PAGES * PER_PAGE,
        )
    finally:
        check.close()


async def test_a_reader_keeping_the_file_open_is_not_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "mirror.db"
    store = SqliteStore(str(path))
    reader = sqlite3.connect(path)
    try:
        # Between reads the reader holds no snapshot: the checkpoints still take the whole log.
        reader.execute("SELECT count(*) FROM mirror_entities").fetchone()
        sizes = await follow_pages(store, path)
        assert reader.execute("SELECT count(*) FROM mirror_entities").fetchone() == (
            PAGES * PER_PAGE,
        )
    finally:
        reader.close()
        await store.close()
    assert max(sizes) <= WAL_LIMIT_BYTES + 64 * 1024 * 8, sizes
    assert os.path.getsize(path) > 0
