"""Fixtures: real PostgreSQL (DATABASE_URL, else embedded), the real ASGI app through httpx."""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.models import Account, Shop, ShopMember
from tests.contract_support import contract_hook
from tests.dbsetup import (
    drop_worker_database,
    embedded_server_url,
    prepare_worker_database,
)

INTERNAL_TOKEN = "ogi_test_internal_token"
# The WebSocket opening handshake runs in this test process's own event loop; on a loaded 2-core
# box (several suites at once) the library's 10 s default was seen to expire.
WS_OPEN_TIMEOUT = 30.0
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def server_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return embedded_server_url(ROOT / "var" / "test-pg")


@pytest.fixture(scope="session")
def database_url(server_url: str) -> Iterator[str]:
    url = prepare_worker_database(server_url)
    yield url
    drop_worker_database(server_url, url)


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        env="development",
        database_url=database_url,
        redis_url=os.environ.get("REDIS_URL"),
        data_dir=tmp_path_factory.mktemp("data"),
        secret_key="test-secret-key-not-for-production",
        internal_token=INTERNAL_TOKEN,
        log_json=True,
        log_level="WARNING",
        # The throttle has its own apps in tests/integration/test_rate_limits.py; here it would
        # only make fast loops flaky.
        ratelimit_enabled=False,
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[Any]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="session")
async def db(app: Any) -> Database:
    database: Database = app.state.db
    return database


@pytest.fixture
async def session(db: Database) -> AsyncIterator[AsyncSession]:
    """A session whose whole test is rolled back: for service and repository tests whose rows
    no other connection needs to see. ``commit()`` inside releases a savepoint instead."""
    async with db.engine.connect() as conn:
        outer = await conn.begin()
        s = AsyncSession(bind=conn, join_transaction_mode="create_savepoint")
        try:
            yield s
        finally:
            await s.close()
            await outer.rollback()


@pytest.fixture
async def session_shop(session: AsyncSession) -> dict[str, int]:
    """An owner and shop made inside ``session`` (gone with its rollback)."""
    n = f"{os.getpid()}-{next(_unique)}-{os.urandom(3).hex()}"
    account_id = await session.scalar(
        insert(Account)
        .values(email=f"owner-{n}@example.test", display_name="Owner", password_hash="x")
        .returning(Account.id)
    )
    shop_id = await session.scalar(
        insert(Shop).values(name=f"Shop {n}", owner_account_id=account_id).returning(Shop.id)
    )
    assert account_id is not None and shop_id is not None
    await session.execute(
        insert(ShopMember).values(shop_id=shop_id, account_id=account_id, role="owner")
    )
    return {"shop_id": shop_id, "owner_id": account_id}


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    hooks = {"response": [contract_hook(app)]}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", event_hooks=hooks
    ) as c:
        yield c


@pytest.fixture
def internal_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {INTERNAL_TOKEN}"}


_unique = itertools.count(1)


@pytest.fixture
async def shop(db: Database) -> dict[str, int]:
    """A fresh owner and shop per test, so tests never see each other's rows."""
    n = f"{os.getpid()}-{next(_unique)}-{os.urandom(3).hex()}"
    async with db.transaction() as s:
        account_id = (
            await s.execute(
                insert(Account)
                .values(email=f"owner-{n}@example.test", display_name="Owner", password_hash="x")
                .returning(Account.id)
            )
        ).scalar_one()
        shop_id = (
            await s.execute(
                insert(Shop)
                .values(name=f"Shop {n}", owner_account_id=account_id)
                .returning(Shop.id)
            )
        ).scalar_one()
        await s.execute(
            insert(ShopMember).values(shop_id=shop_id, account_id=account_id, role="owner")
        )
    return {"shop_id": shop_id, "owner_id": account_id}


def order_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "buyer": {"id": "b1001", "nickname": "小明"},
        "receiver": {
            "name": "张三",
            "phone": "13812341234",
            "address": "广东省深圳市南山区科技园1号",
            "province": "广东",
            "city": "深圳",
        },
        "items": [{"product_id": 1, "title": "T恤", "quantity": 2, "unit_price": 4990}],
        "shipping_fee": 1000,
        "traffic_source": "live_room",
        "room_id": "r123",
    }
    body.update(overrides)
    return body


@pytest.fixture
def worker_id_env() -> Iterator[str]:
    yield os.environ.get("PYTEST_XDIST_WORKER", "main")


@asynccontextmanager
async def serving(app: Any) -> AsyncIterator[str]:
    """``app`` over real HTTP/WebSocket on a free port (its lifespan runs elsewhere)."""
    import asyncio

    import uvicorn

    from tests.feed_support import eventually

    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_level="warning")
    )
    task = asyncio.create_task(server.serve())
    await eventually(lambda: server.started, timeout=10, what="uvicorn start")
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)


@asynccontextmanager
async def graphql_socket(http_url: str, authorization: str) -> AsyncIterator[Any]:
    """A graphql-transport-ws connection to ``http_url``'s ``/graphql``, initialised with
    ``authorization`` (``"Bearer oga_…"``) and acknowledged."""
    import asyncio

    import orjson
    import websockets

    url = http_url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(
        url, subprotocols=["graphql-transport-ws"], open_timeout=WS_OPEN_TIMEOUT
    ) as ws:
        init = {"type": "connection_init", "payload": {"authorization": authorization}}
        await ws.send(orjson.dumps(init).decode())
        ack = orjson.loads(await asyncio.wait_for(ws.recv(), 10))
        assert ack["type"] == "connection_ack", ack
        yield ws


@pytest.fixture
async def served_url(app: Any) -> AsyncIterator[str]:
    """The session's app over real HTTP/WebSocket (its lifespan already runs in ``app``)."""
    async with serving(app) as url:
        yield url


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Tests marked `feed` read the change feed (directly, through GraphQL, the mirror or the
    # webhook fan-out) or hold its horizon open on purpose. The horizon is cluster-wide, so a
    # held transaction in one test would stall another worker's feed reads: they share a worker.
    for item in items:
        if item.get_closest_marker("feed"):
            item.add_marker(pytest.mark.xdist_group("feed"))
