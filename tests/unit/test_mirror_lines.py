"""The mirror's bulk-line reader: the entity JSON is cut out as sent, and any other layout is
still read correctly (parsed whole)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import orjson
import pytest

from app.mirror.store import MirrorState, SqliteStore, line_row

# As PostgreSQL prints stored JSON (spaces after separators), with a nested "data" member and
# the marker inside a string.
DATA = r'{"id": 7, "items": [{"data": {"x": 1}, "title": "T恤"}], "note": ",\"data\":{"}'.encode()


def server_line(data: object = None) -> bytes:
    """As GET /changes/bulk writes it: ``data`` last, the stored JSON as is."""
    head = b'{"id":3,"type":"order.updated","entity":"order","entity_id":7,"entity_version":4'
    body = DATA if data is None else orjson.dumps(data)
    return head + b',"created_at":"2026-11-27T01:02:03Z","data":' + body + b"}"


def test_data_is_cut_out_as_sent() -> None:
    line = server_line()
    shop, entity, entity_id, version, data = line_row(9, line)
    assert (shop, entity, entity_id, version) == (9, "order", 7, 4)
    assert data == DATA  # the very bytes, not a re-serialisation
    assert orjson.loads(data)["note"] == ',"data":{'


@pytest.mark.parametrize(
    "line",
    [
        # data first: the first ',"data":' is inside the entity's JSON
        orjson.dumps(
            {
                "data": {"a": 1, "data": {"b": 2}},
                "entity": "order",
                "entity_id": 7,
                "entity_version": 4,
            }
        ),
        # another JSON writer's spacing
        b'{"entity" : "order", "entity_id" : 7, "entity_version" : 4, "data" : {"a": 1}}',
        # data last but not an object's layout the fast path expects
        b'{"entity":"order","entity_id":7,"entity_version":4,"data":[1]}',
    ],
)
def test_other_layouts_are_parsed_whole(line: bytes) -> None:
    _shop, entity, entity_id, version, data = line_row(1, line)
    assert (entity, entity_id, version) == ("order", 7, 4)
    assert orjson.loads(data) == orjson.loads(line)["data"]


async def test_sqlite_store_keeps_the_newest_version(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    store = SqliteStore(str(path))
    newer = server_line({"v": 5}).replace(b'"entity_version":4', b'"entity_version":5')
    older = server_line({"v": 4})
    others = [
        server_line({"n": n}).replace(b'"entity_id":7', b'"entity_id":%d' % n)
        for n in range(8, 500)
    ]
    lines = [newer, older, *others]  # more than one statement's worth of rows
    await store.apply_lines(1, lines, MirrorState(phase="follow", cursor="c"))
    await store.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA page_size").fetchone()[0] == 65536
    rows = dict(db.execute("SELECT entity_id, data FROM mirror_entities").fetchall())
    assert len(rows) == 493 and orjson.loads(rows[7]) == {"v": 5}
    assert db.execute("SELECT typeof(data) FROM mirror_entities LIMIT 1").fetchone()[0] == "text"
    assert db.execute("SELECT phase, cursor FROM mirror_state").fetchone() == ("follow", "c")


async def test_a_write_after_an_abandoned_copy_is_synced_and_back_in_wal(tmp_path: Path) -> None:
    """The paged feed can take over from a bulk copy that kept failing: its first commit is
    synced (making the copied pages durable) and the file follows the feed in WAL again."""
    store = SqliteStore(str(tmp_path / "m.db"))
    try:
        await store.apply_lines(1, [server_line()], MirrorState(phase="new"))
        assert store._journal_mode == "truncate"
        assert store.conn.execute("PRAGMA synchronous").fetchone() == (0,)  # OFF
        await store.apply(1, [], MirrorState(phase="follow", cursor=None))
        assert store._journal_mode == "wal"
        assert store.conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert store.conn.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    finally:
        await store.close()
