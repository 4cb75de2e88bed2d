"""The API throttle through the real app: per (app, shop) buckets in real Redis, shared by
instances, headers on every response, fail open / closed, in-memory fallback."""

from __future__ import annotations

import asyncio
import os
import re
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import orjson
import pytest
from pydantic import TypeAdapter

from app.config import Settings
from app.db import Database
from app.domain.accounts.schemas import RateLimitStatus
from app.main import create_app
from app.ratelimit import RateLimiter, charge_key
from tests.conftest import graphql_socket, serving
from tests.factories import bearer, make_shop, make_token
from tests.feed_support import eventually

REDIS_URL = os.environ.get("REDIS_URL")
needs_redis = pytest.mark.skipif(
    not REDIS_URL, reason="REDIS_URL is unset: the shared-bucket tests need a real Redis"
)
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1

AppFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def prefix() -> str:
    """A key prefix per test, so parallel runs sharing one Redis never see each other."""
    return f"ordergate-test:rl:{uuid.uuid4().hex}"


def limited_settings(settings: Settings, prefix: str, **overrides: Any) -> Settings:
    """Small limits; the same prefix means the same buckets."""
    values: dict[str, Any] = {
        "ratelimit_enabled": True,
        "ratelimit_points_per_minute": 5,
        "ratelimit_requests_per_second": 1000,
        "ratelimit_key_prefix": prefix,
        "redis_url": REDIS_URL,
        # Small pools: the PostgreSQL server is shared; requests queue for a connection.
        "db_pool_size": 3,
        "db_max_overflow": 0,
        **overrides,
    }
    return settings.model_copy(update=values)


@pytest.fixture
def limited_app(settings: Settings, prefix: str) -> AppFactory:
    """A dedicated app instance (own lifespan) with small limits; same prefix = same buckets."""

    @asynccontextmanager
    async def make(**overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        application = create_app(limited_settings(settings, prefix, **overrides))
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                yield c

    return make


@pytest.fixture
async def two_shops(db: Database, shop: dict[str, int]) -> dict[str, Any]:
    """One owner, shops 1 and 2; app A on both, app B on shop 1."""
    owner = shop["owner_id"]
    second = await make_shop(db, owner_id=owner)
    tag = uuid.uuid4().hex[:8]
    first = shop["shop_id"]
    a = await make_token(db, shop_ids=[first, second], client_name=f"rl-a-{tag}")
    b = await make_token(db, shop_ids=[first], client_name=f"rl-b-{tag}")
    return {"shop1": first, "shop2": second, "a": bearer(a), "b": bearer(b)}


def orders(shop_id: int) -> str:
    return f"/v1/shops/{shop_id}/orders"


def parse_list(header: str) -> dict[str, dict[str, int]]:
    """``"points";r=3;t=60, "burst";r=9;t=1`` -> {"points": {"r": 3, "t": 60}, ...}"""
    out: dict[str, dict[str, int]] = {}
    for item in header.split(","):
        name, *params = item.strip().split(";")
        out[name.strip('"')] = {k: int(v) for k, v in (p.split("=") for p in params)}
    return out


def metric(text: str, name: str, labels: str) -> float:
    match = re.search(rf"^{name}\{{{re.escape(labels)}\}} ([0-9.e+]+)$", text, re.M)
    return float(match.group(1)) if match else 0.0


@needs_redis
async def test_one_app_one_shop_throttled_others_untouched(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    s1, s2 = two_shops["shop1"], two_shops["shop2"]
    async with limited_app() as c:
        for _ in range(5):
            assert (await c.get(orders(s1), headers=two_shops["a"])).status_code == 200
        r = await c.get(orders(s1), headers=two_shops["a"])
        assert r.status_code == 429
        assert r.headers["content-type"] == "application/problem+json"
        body = r.json()
        assert body["code"] == "rate_limited"
        assert body["bucket"] == "points"
        assert body["rate_limit_key"].startswith("app:") and body["rate_limit_key"].endswith(
            f":shop:{s1}"
        )
        assert 1 <= int(r.headers["Retry-After"]) <= 60
        assert body["retry_after"] == int(r.headers["Retry-After"])
        assert parse_list(r.headers["RateLimit"])["points"]["r"] == 0
        assert r.headers["X-RateLimit-Remaining"] == "0"

        # Same app, other shop; other app, same shop: their own full buckets.
        other_shop = await c.get(orders(s2), headers=two_shops["a"])
        other_app = await c.get(orders(s1), headers=two_shops["b"])
        assert other_shop.status_code == other_app.status_code == 200
        assert other_shop.headers["X-RateLimit-Remaining"] == "4"
        assert other_app.headers["X-RateLimit-Remaining"] == "4"

        text = (await c.get("/metrics")).text
        app_label = "app:" + body["rate_limit_key"].split(":")[1]
        assert (
            metric(
                text, "ordergate_ratelimit_throttled_total", f'app="{app_label}",bucket="points"'
            )
            >= 1
        )


@needs_redis
async def test_two_instances_share_one_budget_exactly(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    budget, extra = 20, 13
    s1 = two_shops["shop1"]
    async with (
        limited_app(ratelimit_points_per_minute=budget) as one,
        limited_app(ratelimit_points_per_minute=budget) as two,
    ):
        clients = [one, two]
        responses = await asyncio.gather(
            *(clients[i % 2].get(orders(s1), headers=two_shops["a"]) for i in range(budget + extra))
        )
    statuses = [r.status_code for r in responses]
    assert statuses.count(200) == budget
    assert statuses.count(429) == extra
    # Both instances answered some of the successes (the budget is not per process).
    assert {i % 2 for i, r in enumerate(responses) if r.status_code == 200} == {0, 1}


@needs_redis
async def test_headers_on_success_are_consistent(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    async with limited_app(ratelimit_points_per_minute=10, ratelimit_requests_per_second=7) as c:
        seen = []
        for _ in range(3):
            r = await c.get(orders(two_shops["shop1"]), headers=two_shops["a"])
            assert r.status_code == 200
            assert r.headers["RateLimit-Policy"] == '"burst";q=7;w=1, "points";q=10;w=60'
            now = parse_list(r.headers["RateLimit"])
            assert r.headers["X-RateLimit-Limit"] == "10"
            assert int(r.headers["X-RateLimit-Remaining"]) == now["points"]["r"]
            assert int(r.headers["X-RateLimit-Reset"]) == now["points"]["t"]
            assert 0 < now["points"]["t"] <= 60
            assert 0 <= now["burst"]["r"] < 7 and 0 <= now["burst"]["t"] <= 1
            seen.append(now["points"]["r"])
        assert seen == [9, 8, 7]

        # Unauthenticated routes and failed auth are not charged and carry no bucket headers.
        health = await c.get("/healthz")
        assert "RateLimit" not in health.headers


@needs_redis
async def test_burst_cap_counts_requests(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    async with limited_app(ratelimit_points_per_minute=1000, ratelimit_requests_per_second=2) as c:
        responses = await asyncio.gather(
            *(c.get(orders(two_shops["shop1"]), headers=two_shops["a"]) for _ in range(20))
        )
    refused = [r for r in responses if r.status_code == 429]
    assert refused, "20 concurrent requests against a 2/s burst cap"
    assert {r.json()["bucket"] for r in refused} == {"burst"}
    assert all(r.headers["Retry-After"] == "1" for r in refused)


@needs_redis
async def test_rate_limit_route_and_multi_shop_bucket(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    s1, s2 = two_shops["shop1"], two_shops["shop2"]
    async with limited_app() as c:
        await c.get(orders(s1), headers=two_shops["a"])
        await c.get(orders(s1), headers=two_shops["a"])
        assert (await c.get("/v1/orders", headers=two_shops["a"])).status_code == 200
        r = await c.get("/v1/rate-limit", headers=two_shops["a"])
        assert r.status_code == 200
        body = r.json()
    TypeAdapter(RateLimitStatus).validate_python(body)  # the documented shape, nothing more
    assert body["enabled"] is True and body["per_process"] is False
    assert body["has_more"] is False and body["next_cursor"] is None
    points = {
        item["shop_id"]: next(b for b in item["buckets"] if b["name"] == "points")
        for item in body["data"]
    }
    assert set(points) == {s1, s2, None}
    assert points[s1]["remaining"] == 3
    assert points[s2]["remaining"] == 5
    assert points[None]["remaining"] == 4  # GET /v1/orders spans shops: the app-wide bucket
    assert all(p["limit"] == 5 and p["window_seconds"] == 60 for p in points.values())


@needs_redis
async def test_batch_costs_one_plus_entries_over_50(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    entries = [
        {"order_id": 10_000_000 + i, "carrier": "SF", "tracking_no": f"SF{i:010d}"}
        for i in range(120)
    ]
    async with limited_app(ratelimit_points_per_minute=100) as c:
        r = await c.post(
            f"/v1/shops/{two_shops['shop1']}/shipments/batch",
            json={"shipments": entries},
            headers=two_shops["a"],
        )
    assert r.status_code < 500
    assert r.headers["X-RateLimit-Remaining"] == str(100 - 3)


@needs_redis
async def test_tier_override_sets_the_points(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    # Apps start on the "default" tier (oauth_clients.tier); the tier map overrides it.
    async with limited_app(ratelimit_tiers={"default": 42}) as c:
        r = await c.get(orders(two_shops["shop1"]), headers=two_shops["a"])
    assert r.headers["X-RateLimit-Limit"] == "42"


@needs_redis
async def test_charging_a_key_spends_points_and_refusals_spend_nothing(
    settings: Settings, prefix: str
) -> None:
    assert REDIS_URL
    limiter = RateLimiter(
        settings.model_copy(
            update={
                "redis_url": REDIS_URL,
                "ratelimit_key_prefix": prefix,
                "ratelimit_points_per_minute": 1000,
            }
        )
    )
    first = await charge_key(limiter, "app:1:all", 400)
    assert first.allowed and first.cost_extension()["remaining"] == 600
    too_much = await charge_key(limiter, "app:1:all", 700)
    assert not too_much.allowed and too_much.throttled_by == "points"
    assert too_much.error().status == 429
    # A refused charge spends nothing.
    assert too_much.cost_extension() == {
        "requested": 700,
        "remaining": 600,
        "limit": 1000,
        "reset": too_much.cost_extension()["reset"],
    }
    assert (await charge_key(limiter, "app:1:all", 600)).allowed


async def test_redis_unreachable_fails_open_with_a_metric(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    async with limited_app(redis_url=CLOSED_PORT_REDIS) as c:
        before = metric(
            (await c.get("/metrics")).text,
            "ordergate_ratelimit_storage_errors_total",
            'mode="open"',
        )
        for _ in range(7):  # over the limit of 5: nothing is counted while Redis is down
            r = await c.get(orders(two_shops["shop1"]), headers=two_shops["a"])
            assert r.status_code == 200
            assert "RateLimit" not in r.headers
        after = metric(
            (await c.get("/metrics")).text,
            "ordergate_ratelimit_storage_errors_total",
            'mode="open"',
        )
    assert after - before == 7


async def test_redis_unreachable_fails_closed_when_asked(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    async with limited_app(redis_url=CLOSED_PORT_REDIS, ratelimit_fail_closed=True) as c:
        r = await c.get(orders(two_shops["shop1"]), headers=two_shops["a"])
        status = await c.get("/v1/rate-limit", headers=two_shops["a"])
    assert r.status_code == 503
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "service_unavailable"
    assert r.headers["Retry-After"] == "1"
    assert status.status_code == 503


GRAPHQL_QUERY = {"query": "{ orders(first: 1) { nodes { orderNo } } }"}
BOGUS_TOKEN_REQUEST = {"grant_type": "authorization_code", "code": "nope", "client_id": "ogc_no"}


async def test_redis_unreachable_fails_open_on_every_route(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    """REST, GraphQL, the token endpoint and the login form are served (per-IP limits
    included), never a 500; readiness reports Redis but stays ready (failing open)."""
    async with limited_app(redis_url=CLOSED_PORT_REDIS) as c:
        rest = await c.get(orders(two_shops["shop1"]), headers=two_shops["a"])
        graphql = await c.post("/graphql", json=GRAPHQL_QUERY, headers=two_shops["a"])
        token = await c.post("/oauth/token", data=BOGUS_TOKEN_REQUEST)
        login = await c.post("/oauth/authorize", data={"step": "login", "csrf_token": "x"})
        ready = await c.get("/readyz")
    assert rest.status_code == 200
    assert graphql.status_code == 200 and "errors" not in graphql.json(), graphql.text
    assert token.status_code == 400 and token.json()["error"] == "invalid_client", token.text
    assert login.status_code == 403  # the route ran: its CSRF check refused the form
    assert ready.status_code == 200
    assert ready.json()["checks"]["redis"].startswith("error")


async def test_redis_unreachable_fails_closed_on_every_route(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    """Failing closed: 503 service_unavailable + Retry-After everywhere, GraphQL included
    (HTTP 503, not a 200 carrying an error)."""
    async with limited_app(redis_url=CLOSED_PORT_REDIS, ratelimit_fail_closed=True) as c:
        answers = {
            "rest": await c.get(orders(two_shops["shop1"]), headers=two_shops["a"]),
            "graphql": await c.post("/graphql", json=GRAPHQL_QUERY, headers=two_shops["a"]),
            "token": await c.post("/oauth/token", data=BOGUS_TOKEN_REQUEST),
            "login": await c.post("/oauth/authorize", data={"step": "login", "csrf_token": "x"}),
        }
        ready = await c.get("/readyz")
    for name, r in answers.items():
        assert r.status_code == 503, (name, r.text)
        assert r.headers["Retry-After"] == "1", name
    for name in ("rest", "token", "login"):
        assert answers[name].headers["content-type"] == "application/problem+json", name
        assert answers[name].json()["code"] == "service_unavailable", name
    graphql = answers["graphql"].json()
    assert graphql["data"] is None
    assert graphql["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert ready.status_code == 503
    assert ready.json()["checks"]["redis"].startswith("error")


@needs_redis
async def test_readyz_reports_a_reachable_redis(limited_app: AppFactory) -> None:
    async with limited_app(ratelimit_fail_closed=True) as c:
        r = await c.get("/readyz")
    assert r.status_code == 200, r.text
    assert r.json()["checks"]["redis"] == "ok"


async def test_memory_storage_when_redis_url_is_unset(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    async with limited_app(redis_url=None, ratelimit_points_per_minute=2) as c:
        codes = [
            (await c.get(orders(two_shops["shop1"]), headers=two_shops["a"])).status_code
            for _ in range(3)
        ]
        status = (await c.get("/v1/rate-limit", headers=two_shops["a"])).json()
    assert codes == [200, 200, 429]
    assert status["per_process"] is True


@needs_redis
async def test_graphql_charges_its_estimated_cost_and_throttles(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    # Cost 1 + 20 x (nodes 1 + buyer 1) = 41 points against a 100-point budget.
    query = {"query": "{ orders(first: 20) { nodes { orderNo buyer { id } } } }"}
    async with limited_app(ratelimit_points_per_minute=100) as client:
        first = await client.post("/graphql", json=query, headers=two_shops["a"])
        assert first.status_code == 200, first.text
        assert first.json()["extensions"]["cost"] == {
            "requested": 41,
            "remaining": 59,
            "limit": 100,
            "reset": first.json()["extensions"]["cost"]["reset"],
            "max": 100,  # the whole budget: a costlier query could never be charged
        }
        assert "RateLimit" in first.headers
        second = await client.post("/graphql", json=query, headers=two_shops["a"])
        assert second.json()["extensions"]["cost"]["remaining"] == 18
        third = await client.post("/graphql", json=query, headers=two_shops["a"])
        assert third.status_code == 429
        body = third.json()
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "THROTTLED"
        assert int(third.headers["Retry-After"]) >= 1
        # Refused: nothing spent, nothing executed; another app's budget is untouched.
        other = await client.post("/graphql", json=query, headers=two_shops["b"])
        assert other.status_code == 200


@needs_redis
async def test_graphql_query_over_the_whole_budget_is_too_costly_not_throttled(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    # 41 points against a tier of 40 per minute: no wait would ever let it through.
    query = {"query": "{ orders(first: 20) { nodes { orderNo buyer { id } } } }"}
    async with limited_app(ratelimit_points_per_minute=40) as client:
        r = await client.post("/graphql", json=query, headers=two_shops["a"])
        assert r.status_code == 200 and "Retry-After" not in r.headers
        error = r.json()["errors"][0]
        assert error["extensions"]["code"] == "MAX_COST_EXCEEDED"
        assert error["extensions"]["cost"] == {"requested": 41, "limit": 40}
        # Refused unexecuted and uncharged: a query within the budget still runs.
        small = {"query": "{ orders(first: 10) { nodes { orderNo } } }"}
        ok = await client.post("/graphql", json=small, headers=two_shops["a"])
        assert ok.status_code == 200 and ok.json()["extensions"]["cost"]["remaining"] == 29


@needs_redis
async def test_graphql_over_the_websocket_spends_the_same_budget(
    settings: Settings, prefix: str, two_shops: dict[str, Any]
) -> None:
    """Queries and mutations sent over graphql-transport-ws are charged like HTTP ones."""
    query = "{ orders(first: 20) { nodes { orderNo buyer { id } } } }"  # 41 points
    application = create_app(limited_settings(settings, prefix, ratelimit_points_per_minute=100))
    answers = []
    async with (
        application.router.lifespan_context(application),
        serving(application) as url,
        graphql_socket(url, two_shops["a"]["Authorization"]) as ws,
    ):
        for n in range(3):
            subscribe = {"id": str(n), "type": "subscribe", "payload": {"query": query}}
            await ws.send(orjson.dumps(subscribe).decode())
            answer = await _message(ws)
            if answer["type"] == "next":
                assert await _message(ws) == {"id": str(n), "type": "complete"}
            answers.append(answer)
    first, second, third = answers
    assert first["type"] == "next" and "errors" not in first["payload"], first
    assert first["payload"]["extensions"]["cost"]["remaining"] == 59
    assert second["payload"]["extensions"]["cost"]["remaining"] == 18
    # Over budget: refused unexecuted, exactly as over HTTP.
    errors = third["payload"] if third["type"] == "error" else third["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "THROTTLED", third


async def _message(ws: Any) -> dict[str, Any]:
    message: dict[str, Any] = orjson.loads(await asyncio.wait_for(ws.recv(), 30))
    return message


SHOP_QUERY = "query($s: Int!) { shop(id: $s) { id } }"


@needs_redis
async def test_graphql_on_one_shop_spends_that_shops_bucket_shared_with_rest(
    limited_app: AppFactory, two_shops: dict[str, Any]
) -> None:
    """The (app, shop) bucket is one budget whatever the API; only operations over
    several shops go to the app-wide bucket."""
    s1, s2 = two_shops["shop1"], two_shops["shop2"]
    async with limited_app() as c:
        for _ in range(5):
            assert (await c.get(orders(s1), headers=two_shops["a"])).status_code == 200
        spent = await c.post(
            "/graphql", json={"query": SHOP_QUERY, "variables": {"s": s1}}, headers=two_shops["a"]
        )
        assert spent.status_code == 429, spent.text
        error = spent.json()["errors"][0]
        assert error["extensions"]["code"] == "THROTTLED"
        assert error["extensions"]["rate_limit_key"].endswith(f":shop:{s1}")
        assert int(spent.headers["Retry-After"]) >= 1
        # Another shop: its own bucket, which GraphQL spends and REST then sees.
        other = await c.post(
            "/graphql", json={"query": SHOP_QUERY, "variables": {"s": s2}}, headers=two_shops["a"]
        )
        assert other.status_code == 200 and "errors" not in other.json(), other.text
        assert other.json()["extensions"]["cost"]["remaining"] == 4
        rest = await c.get(orders(s2), headers=two_shops["a"])
        assert rest.headers["X-RateLimit-Remaining"] == "3"
        # Two shops in one operation: the app-wide bucket, untouched so far.
        both = await c.post(
            "/graphql",
            json={"query": f"{{ a: shop(id: {s1}) {{ id }} b: shop(id: {s2}) {{ id }} }}"},
            headers=two_shops["a"],
        )
        assert both.status_code == 200 and both.json()["extensions"]["cost"]["remaining"] == 3


@needs_redis
async def test_a_subscription_costs_its_selection_when_it_starts(
    settings: Settings, prefix: str, two_shops: dict[str, Any]
) -> None:
    """Charged once, to the shop's bucket, before it starts: over budget it never starts."""
    s1 = two_shops["shop1"]
    # 1 (orderCreated) + 1 (buyer) + 1 (items: a list of scalars-only objects) = 3 points.
    subscription = (
        "subscription($s: [Int!]!) "
        "{ orderCreated(shopIds: $s) { orderNo buyer { id } items { title } } }"
    )
    application = create_app(limited_settings(settings, prefix, ratelimit_points_per_minute=5))
    async with (
        application.router.lifespan_context(application),
        serving(application) as url,
        httpx.AsyncClient(base_url=url) as c,
        graphql_socket(url, two_shops["a"]["Authorization"]) as ws,
    ):

        async def remaining() -> int:
            status = (await c.get("/v1/rate-limit", headers=two_shops["a"])).json()
            item = next(i for i in status["data"] if i["shop_id"] == s1)
            points: int = next(b for b in item["buckets"] if b["name"] == "points")["remaining"]
            return points

        payload = {"query": subscription, "variables": {"s": [s1]}}
        await ws.send(orjson.dumps({"id": "1", "type": "subscribe", "payload": payload}).decode())
        await eventually(lambda: _equals(remaining(), 2), what="subscription charged")
        await ws.send(orjson.dumps({"id": "2", "type": "subscribe", "payload": payload}).decode())
        refused = await _message(ws)
        assert refused["id"] == "2", refused
        errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "THROTTLED", refused
        assert await remaining() == 2  # a refused subscription spends nothing


async def _equals(value: Any, expected: Any) -> bool:
    return bool(await value == expected)
