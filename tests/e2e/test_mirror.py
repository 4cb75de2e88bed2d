"""``ordergate mirror`` as a real subprocess against a real HTTP server: kill -9 it twice while
orders keep changing, restart, and the mirror equals the source row by row.

Scale with ORDERGATE_MIRROR_ORDERS (default 60 for CI; the issue's figure is 20,000).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import text

from app.db import Database
from app.domain.sync.epoch import reset_epoch
from app.mirror import sync as mirror_sync
from app.mirror.client import ApiClient
from app.mirror.store import MirrorState, PostgresStore, SqliteStore
from app.mirror.sync import Mirror
from tests.conftest import order_payload
from tests.factories import bearer, make_token
from tests.feed_support import eventually

pytestmark = pytest.mark.feed


ORDERS = int(os.environ.get("ORDERGATE_MIRROR_ORDERS", "60"))
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def base_url(served_url: str) -> str:
    """The session's app served over real HTTP (see ``served_url`` in tests/conftest.py)."""
    return served_url


def mirror_rows(path: Path) -> dict[int, tuple[int, dict[str, Any]]]:
    if not path.exists():
        return {}
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT entity_id, version, data FROM mirror_entities WHERE entity = 'order'"
        ).fetchall()
    except sqlite3.OperationalError:  # tables not created yet
        return {}
    finally:
        conn.close()
    return {r[0]: (r[1], orjson.loads(r[2])) for r in rows}


async def start_mirror(base: str, token: str, shop_id: int, into: Path, *extra: str) -> Any:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app.mirror",  # the `ordergate mirror` command without the rest of the CLI
        "--base-url",
        base,
        "--token",
        token,
        "--shop",
        str(shop_id),
        "--into",
        f"sqlite:///{into}",
        "--wait",
        "2",
        "--snapshot",
        "list",  # list API copy overlapping the feed: the harder path
        *extra,
        cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_mirror_survives_kill_9_and_converges(
    app: Any,
    base_url: str,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    tmp_path: Path,
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    into = tmp_path / "mirror.db"
    rng = random.Random(6)
    async with httpx.AsyncClient(base_url=base_url, headers=internal_headers) as api:
        base = f"/internal/v1/shops/{shop_id}/orders"
        order_ids = []
        for _ in range(ORDERS):
            r = await api.post(base, json=order_payload())
            assert r.status_code == 201, r.text
            order_ids.append(r.json()["id"])

        stop = asyncio.Event()

        async def simulator() -> None:
            # New orders and lifecycle steps while the mirror runs and gets killed.
            while not stop.is_set():
                if rng.random() < 0.3:
                    r = await api.post(base, json=order_payload())
                    order_ids.append(r.json()["id"])
                    continue
                oid = rng.choice(order_ids)
                step = rng.choice(
                    [
                        ("pay", {"pay_method": "alipay"}),
                        ("ship", {"carrier": "SF", "tracking_no": f"SF{oid}"}),
                    ]
                )
                await api.post(f"{base}/{oid}/{step[0]}", json=step[1])  # 409s are fine
                await asyncio.sleep(0.01)  # pacing: ~100 writes/s, not a synchronisation

        sim = asyncio.create_task(simulator())
        try:
            floor = 0
            for _kill in range(2):
                proc = await start_mirror(base_url, token, shop_id, into)
                target = floor + max(ORDERS // 3, 5)
                try:
                    await eventually(
                        lambda t=target: len(mirror_rows(into)) >= t, timeout=300, what="rows"
                    )
                except AssertionError:
                    if proc.returncode is None:
                        proc.kill()
                    _, err = await proc.communicate()
                    raise AssertionError(err.decode()[-3000:]) from None
                proc.send_signal(signal.SIGKILL)
                assert await asyncio.wait_for(proc.wait(), 10) == -signal.SIGKILL
                floor = len(mirror_rows(into))
        finally:
            stop.set()
            await sim

    # Restart after the second kill and let it catch up completely.
    proc = await start_mirror(base_url, token, shop_id, into, "--until-caught-up")
    _, stderr = await asyncio.wait_for(proc.communicate(), 300)
    assert proc.returncode == 0, stderr.decode()[-2000:]

    async with db.transaction() as s:
        source = (
            await s.execute(
                text("SELECT id, version, status, paid_amount FROM orders WHERE shop_id = :s"),
                {"s": shop_id},
            )
        ).all()
    mirrored = mirror_rows(into)
    assert len(source) == len(mirrored) >= ORDERS
    for row in source:
        version, data = mirrored[row.id]
        assert version == row.version, row.id
        assert (data["version"], data["status"], data["paid_amount"]) == (
            row.version,
            row.status,
            row.paid_amount,
        )


async def test_mirror_library_feed_snapshot_and_resync_after_epoch_reset(
    app: Any, db: Database, shop: dict[str, int], internal_headers: dict[str, str], tmp_path: Path
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        ids = []
        for _ in range(5):
            r = await c.post(
                f"/internal/v1/shops/{shop_id}/orders",
                json=order_payload(),
                headers=internal_headers,
            )
            ids.append(r.json()["id"])
        await c.post(
            f"/internal/v1/shops/{shop_id}/orders/{ids[0]}/pay",
            json={"pay_method": "alipay"},
            headers=internal_headers,
        )

    async def sync() -> dict[int, tuple[int, dict[str, Any]]]:
        store = SqliteStore(str(tmp_path / "lib.db"))
        api = ApiClient("http://t", token, transport=httpx.ASGITransport(app=app))
        try:
            await asyncio.wait_for(
                Mirror(api, store, shop_id, snapshot="feed").run(until_caught_up=True), 120
            )
        finally:
            await api.close()
            await store.close()
        return mirror_rows(tmp_path / "lib.db")

    first = await sync()
    assert sorted(first) == sorted(ids)
    assert first[ids[0]][0] == 2 and first[ids[0]][1]["status"] == "paid"

    await reset_epoch(db)  # the stored cursor now answers 410: the mirror resyncs by itself
    again = await sync()
    assert again == first


async def source_orders(db: Database, shop_id: int) -> dict[int, tuple[int, str]]:
    async with db.transaction() as s:
        rows = (
            await s.execute(
                text("SELECT id, version, status FROM orders WHERE shop_id = :s"), {"s": shop_id}
            )
        ).all()
    return {r.id: (r.version, r.status) for r in rows}


async def seed_orders(
    app: Any, shop_id: int, headers: dict[str, str], token: str, n: int, paid: int
) -> None:
    """``n`` orders, ``paid`` of them paid, every change below the horizon when it returns (a
    transaction elsewhere on the cluster may hold it: the bulk copy would then stop before
    them, correctly, and leave them to the paged feed)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t", headers=headers) as c:
        base = f"/internal/v1/shops/{shop_id}/orders"
        ids = [(await c.post(base, json=order_payload())).json()["id"] for _ in range(n)]
        for oid in ids[:paid]:
            r = await c.post(f"{base}/{oid}/pay", json={"pay_method": "alipay"})
            assert r.status_code == 200, r.text

        async def readable() -> bool:
            feed = f"/v1/shops/{shop_id}/changes"
            r = await c.get(feed, params={"limit": 1000}, headers=bearer(token))
            return len(r.json()["data"]) == n + paid

        await eventually(readable, timeout=120, what="changes below the horizon")


async def test_mirror_bulk_copy_restarts_after_a_crash_and_converges(
    app: Any,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    await seed_orders(app, shop_id, internal_headers, token, 7, paid=3)  # 10 changes
    monkeypatch.setattr(mirror_sync, "BULK_BATCH", 2)  # several local transactions
    path = str(tmp_path / "bulk.db")

    class CrashingStore(SqliteStore):
        calls = 0

        async def apply_lines(self, shop_id: int, lines: Any, state: MirrorState) -> None:
            CrashingStore.calls += 1
            if CrashingStore.calls == 3:
                raise RuntimeError("crash in the middle of the copy")
            await super().apply_lines(shop_id, lines, state)

    async def run(store: SqliteStore) -> None:
        api = ApiClient("http://t", token, transport=httpx.ASGITransport(app=app))
        try:
            mirror = Mirror(api, store, shop_id, snapshot="feed", wait=1)
            await asyncio.wait_for(mirror.run(until_caught_up=True), 120)
        finally:
            await api.close()
            await store.close()

    with pytest.raises(RuntimeError, match="crash"):
        await run(CrashingStore(path))
    half = mirror_rows(Path(path))
    assert 0 < len(half) < 7
    state = await stored_state(path, shop_id)
    assert state.phase == "new"  # no cursor stored before the last batch: the copy restarts

    await run(SqliteStore(path))
    state = await stored_state(path, shop_id)
    assert state.phase == "follow" and state.cursor
    mirrored = mirror_rows(Path(path))
    assert {k: (v, d["status"]) for k, (v, d) in mirrored.items()} == await source_orders(
        db, shop_id
    )


async def stored_state(path: str, shop_id: int) -> MirrorState:
    store = SqliteStore(path)
    try:
        return await store.load_state(shop_id)
    finally:
        await store.close()


@pytest.mark.parametrize("reader_open", [False, True])
async def test_mirror_bulk_copy_journal_and_a_concurrent_reader(
    app: Any,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reader_open: bool,
) -> None:
    """The copy's batches go through a rollback journal (each page written once) when the
    mirror has the file to itself; with someone reading the file meanwhile it stays in WAL and
    the copy still completes. Either way the file follows the feed in WAL afterwards."""
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    await seed_orders(app, shop_id, internal_headers, token, 6, paid=2)  # 8 changes
    monkeypatch.setattr(mirror_sync, "BULK_BATCH", 2)
    path = tmp_path / "journal.db"
    modes: list[tuple[str, str]] = []  # (phase stored by the batch, journal mode meanwhile)

    class WatchedStore(SqliteStore):
        def _apply_lines(self, shop_id: int, lines: Any, state_row: tuple[Any, ...]) -> None:
            super()._apply_lines(shop_id, lines, state_row)
            modes.append((state_row[1], self._journal_mode))

    store = WatchedStore(str(path))
    reader = sqlite3.connect(path)
    if reader_open:  # an integrator's connection reading the mirror during the copy
        reader.execute("SELECT count(*) FROM mirror_entities").fetchone()
    else:
        reader.close()
    api = ApiClient("http://t", token, transport=httpx.ASGITransport(app=app))
    try:
        await asyncio.wait_for(
            Mirror(api, store, shop_id, snapshot="feed", wait=1).run(until_caught_up=True), 120
        )
    finally:
        await api.close()
        await store.close()
        reader.close()
    copying = {mode for phase, mode in modes if phase == "new"}
    assert len(modes) >= 3 and copying == ({"wal"} if reader_open else {"truncate"})
    assert modes[-1] == ("follow", "wal")
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        check.close()
    mirrored = mirror_rows(path)
    assert {k: (v, d["status"]) for k, (v, d) in mirrored.items()} == await source_orders(
        db, shop_id
    )


async def test_mirror_bulk_copy_into_postgres(
    app: Any,
    db: Database,
    database_url: str,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    await seed_orders(
        app, shop_id, internal_headers, token, 5, paid=5
    )  # two versions of each order
    monkeypatch.setattr(mirror_sync, "BULK_BATCH", 3)
    store = await PostgresStore.open(database_url)
    api = ApiClient("http://t", token, transport=httpx.ASGITransport(app=app))
    try:
        await asyncio.wait_for(
            Mirror(api, store, shop_id, snapshot="feed", wait=1).run(until_caught_up=True), 120
        )
        rows = await store.conn.fetch(
            "SELECT entity_id, version, data FROM mirror_entities WHERE shop_id = $1", shop_id
        )
    finally:
        await api.close()
        await store.close()
    mirrored = {r["entity_id"]: (r["version"], orjson.loads(r["data"])["status"]) for r in rows}
    assert mirrored == await source_orders(db, shop_id)


class Recorded(httpx.ASGITransport):
    """The app over ASGI, remembering the path and query of every request."""

    def __init__(self, app: Any) -> None:
        super().__init__(app=app)
        self.requests: list[httpx.URL] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request.url)
        return await super().handle_async_request(request)


async def test_mirror_parallel_slices_crash_restart_and_writers_converge(
    app: Any,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The copy in 3 slices at once, crashed mid-way (the stored state stays ``new``: it starts
    over), then again while orders keep changing; following from the plan's cursor, the mirror
    ends equal to the source."""
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    await seed_orders(app, shop_id, internal_headers, token, 9, paid=3)  # 12 changes
    monkeypatch.setattr(mirror_sync, "BULK_BATCH", 2)
    path = str(tmp_path / "sliced.db")

    class CrashingStore(SqliteStore):
        calls = 0

        async def apply_lines(self, shop_id: int, lines: Any, state: MirrorState) -> None:
            CrashingStore.calls += 1
            if CrashingStore.calls == 3:
                raise RuntimeError("crash in the middle of the copy")
            await super().apply_lines(shop_id, lines, state)

    async def run(store: SqliteStore) -> Recorded:
        transport = Recorded(app)
        api = ApiClient("http://t", token, transport=transport)
        try:
            mirror = Mirror(api, store, shop_id, snapshot="feed", wait=1, parallel=3)
            await asyncio.wait_for(mirror.run(until_caught_up=True), 120)
        finally:
            await api.close()
            await store.close()
        return transport

    with pytest.raises(ExceptionGroup) as crashed:
        await run(CrashingStore(path))
    assert crashed.group_contains(RuntimeError, match="crash")
    assert (await stored_state(path, shop_id)).phase == "new"

    rng = random.Random(18)
    stop = asyncio.Event()

    async def writers() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://t", headers=internal_headers
        ) as c:
            base = f"/internal/v1/shops/{shop_id}/orders"
            while not stop.is_set():
                if rng.random() < 0.5:
                    await c.post(base, json=order_payload())
                else:
                    oid = rng.choice(list(await source_orders(db, shop_id)))
                    await c.post(f"{base}/{oid}/pay", json={"pay_method": "alipay"})  # or 409

    writing = asyncio.create_task(writers())
    try:
        transport = await run(SqliteStore(path))
    finally:
        stop.set()
        await writing
    bulk_queries = [u.params for u in transport.requests if u.path.endswith("/changes/bulk")]
    assert len(bulk_queries) == 3 and all("until" in q for q in bulk_queries)
    assert any(u.path.endswith("/changes/bulk/slices") for u in transport.requests)
    state = await stored_state(path, shop_id)
    assert state.phase == "follow" and state.cursor

    await run(SqliteStore(path))  # the rest of the writers' changes, from the stored cursor
    mirrored = mirror_rows(Path(path))
    assert {k: (v, d["status"]) for k, (v, d) in mirrored.items()} == await source_orders(
        db, shop_id
    )
