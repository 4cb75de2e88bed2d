"""Outages on the app's own servers, under load: PostgreSQL stopped and started again, Redis
killed. The contract: 503 ``service_unavailable`` + Retry-After while a dependency is away
(or, for the rate-limit store failing open, service as usual), never a 500 or a cut
connection, recovery without a restart, and no acknowledged write lost."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.config import Settings
from app.main import create_app
from app.models import Order
from tests.conftest import order_payload
from tests.e2e.fault_support import PrivatePostgres, PrivateRedis, private_postgres, private_redis
from tests.factories import bearer, make_account, make_shop, make_token
from tests.feed_support import eventually

INTERNAL = {"Authorization": "Bearer ogi_fault_internal_token"}


@pytest.fixture
def own_pg(pg_tmp: Path) -> Iterator[PrivatePostgres]:
    with private_postgres(pg_tmp) as pg:
        yield pg


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    with private_redis(tmp_path) as server:
        yield server


def fault_settings(tmp_path: Path, database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "env": "development",
        "database_url": database_url,
        "redis_url": None,
        "data_dir": tmp_path,
        "secret_key": "test-secret-key-not-for-production",
        "internal_token": INTERNAL["Authorization"].removeprefix("Bearer "),
        "log_level": "ERROR",
        "ratelimit_enabled": False,
        "db_pool_size": 4,
        "db_max_overflow": 0,
        "db_pool_timeout_seconds": 1.0,
        **overrides,
    }
    return Settings(**values)


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver", timeout=30
        ) as c:
            yield application, c


async def tenant(application: Any) -> tuple[int, dict[str, str]]:
    db = application.state.db
    owner = await make_account(db)
    shop_id = await make_shop(db, owner_id=owner)
    return shop_id, bearer(await make_token(db, shop_ids=[shop_id]))


def assert_unavailable(r: httpx.Response, *, problem: bool = True) -> None:
    assert r.status_code == 503, r.text
    assert int(r.headers["Retry-After"]) >= 1
    if problem:
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] == "service_unavailable"


class Load:
    """Writers and readers hammering the app; every answer is classified as it arrives."""

    def __init__(self, c: httpx.AsyncClient, shop_id: int, token: dict[str, str]) -> None:
        self.c, self.shop_id, self.token = c, shop_id, token
        self.statuses: Counter[int] = Counter()
        self.acknowledged: list[int] = []  # ids of orders whose creation answered 201
        self.unexpected: list[str] = []
        self.stop = asyncio.Event()

    def record(self, r: httpx.Response, ok: int) -> None:
        self.statuses[r.status_code] += 1
        if r.status_code == 503:
            try:
                assert_unavailable(r)
            except AssertionError as error:
                self.unexpected.append(f"503 without the contract: {error}")
        elif r.status_code != ok:
            self.unexpected.append(f"{r.status_code}: {r.text[:300]}")

    async def writer(self) -> None:
        while not self.stop.is_set():
            try:
                r = await self.c.post(
                    f"/internal/v1/shops/{self.shop_id}/orders",
                    json=order_payload(),
                    headers=INTERNAL,
                )
            except Exception as error:  # an exception is a cut connection for a real client
                self.unexpected.append(repr(error))
                continue
            self.record(r, 201)
            if r.status_code == 201:
                self.acknowledged.append(int(r.json()["id"]))
            await asyncio.sleep(0)

    async def reader(self) -> None:
        while not self.stop.is_set():
            try:
                r = await self.c.get(f"/v1/shops/{self.shop_id}/orders", headers=self.token)
            except Exception as error:
                self.unexpected.append(repr(error))
                continue
            self.record(r, 200)
            await asyncio.sleep(0)


async def test_postgres_stopped_under_load(own_pg: PrivatePostgres, tmp_path: Path) -> None:
    async with running(fault_settings(tmp_path, own_pg.url)) as (application, c):
        shop_id, token = await tenant(application)
        changes = f"/v1/shops/{shop_id}/changes"
        head = (await c.get(changes, params={"cursor": "now"}, headers=token)).json()
        load = Load(c, shop_id, token)
        # A long-poll parked on another shop (nothing will arrive) across the whole outage.
        quiet_shop, quiet_token = await tenant(application)
        quiet_changes = f"/v1/shops/{quiet_shop}/changes"
        quiet_head = await c.get(quiet_changes, params={"cursor": "now"}, headers=quiet_token)
        listener = application.state.change_listener
        parked = asyncio.create_task(
            c.get(
                quiet_changes,
                params={"cursor": quiet_head.json()["next_cursor"], "wait": 60},
                headers=quiet_token,
            )
        )
        await eventually(lambda: listener.parked >= 1, timeout=10, what="the long-poll to park")
        tasks = [asyncio.create_task(load.writer()) for _ in range(4)]
        tasks += [asyncio.create_task(load.reader()) for _ in range(2)]
        try:
            await eventually(lambda: len(load.acknowledged) >= 20, timeout=30, what="writes")

            await asyncio.to_thread(own_pg.stop)
            await eventually(lambda: load.statuses[503] >= 10, timeout=30, what="503s")
            # The parked long-poll answers (its empty page, same cursor) rather than dying.
            polled = await asyncio.wait_for(parked, 30)
            during = await c.get(changes, params={"cursor": head["next_cursor"]}, headers=token)
            assert_unavailable(during)
            ready = await c.get("/readyz")
            assert ready.status_code == 503 and ready.json()["status"] == "not_ready"

            await asyncio.to_thread(own_pg.start)
            acknowledged_before = len(load.acknowledged)
            await eventually(
                lambda: len(load.acknowledged) >= acknowledged_before + 20,
                timeout=30,
                what="writes after the restart (no app restart)",
            )
        finally:
            load.stop.set()
            await asyncio.wait_for(asyncio.gather(*tasks), 30)
        assert load.unexpected == []
        assert polled.status_code in (200, 503), polled.text
        if polled.status_code == 200:
            # Its empty page: the position it had reached, which the client simply follows.
            assert polled.json()["data"] == []
            resumed = await c.get(
                quiet_changes, params={"cursor": polled.json()["next_cursor"]}, headers=quiet_token
            )
            assert resumed.status_code == 200 and resumed.json()["data"] == []
        else:
            assert_unavailable(polled)
        async with application.state.db.transaction() as s:
            stored = set(
                (await s.execute(select(Order.id).where(Order.shop_id == shop_id))).scalars()
            )
        assert set(load.acknowledged) <= stored  # nothing acknowledged was lost
        assert (await c.get("/readyz")).status_code == 200


ROUTES = ("rest", "graphql", "token", "login")


async def _every_route(c: httpx.AsyncClient, shop_id: int, token: dict[str, str]) -> dict[str, Any]:
    return {
        "rest": await c.get(f"/v1/shops/{shop_id}/orders", headers=token),
        "graphql": await c.post(
            "/graphql", json={"query": "{ orders(first: 1) { nodes { id } } }"}, headers=token
        ),
        "token": await c.post(
            "/oauth/token",
            data={"grant_type": "authorization_code", "code": "x", "client_id": "ogc_x"},
        ),
        "login": await c.post("/oauth/authorize", data={"step": "login", "csrf_token": "x"}),
    }


SERVED = {"rest": 200, "graphql": 200, "token": 400, "login": 403}


async def test_redis_killed_follows_the_documented_fail_mode(
    own_pg: PrivatePostgres, own_redis: PrivateRedis, tmp_path: Path
) -> None:
    limited = {"redis_url": own_redis.url, "ratelimit_enabled": True}
    async with (
        running(fault_settings(tmp_path, own_pg.url, **limited)) as (application, open_c),
        running(fault_settings(tmp_path, own_pg.url, ratelimit_fail_closed=True, **limited)) as (
            _,
            closed_c,
        ),
    ):
        shop_id, token = await tenant(application)
        healthy = await _every_route(open_c, shop_id, token)
        assert {k: r.status_code for k, r in healthy.items()} == SERVED
        assert "RateLimit" in healthy["rest"].headers  # counted in Redis

        await asyncio.to_thread(own_redis.stop)
        failing_open = await _every_route(open_c, shop_id, token)
        failing_closed = await _every_route(closed_c, shop_id, token)
        ready_open, ready_closed = await open_c.get("/readyz"), await closed_c.get("/readyz")

        await asyncio.to_thread(own_redis.start)
        recovered = await _every_route(closed_c, shop_id, token)

    assert {k: r.status_code for k, r in failing_open.items()} == SERVED
    assert "RateLimit" not in failing_open["rest"].headers
    for name, r in failing_closed.items():
        assert_unavailable(r, problem=name != "graphql")
    assert failing_closed["graphql"].json()["errors"][0]["extensions"]["code"] == (
        "SERVICE_UNAVAILABLE"
    )
    assert ready_open.status_code == 200 and ready_open.json()["checks"]["redis"] != "ok"
    assert ready_closed.status_code == 503
    assert {k: r.status_code for k, r in recovered.items()} == SERVED
