"""The API throttle (docs/rate-limits.md): one contract for REST and GraphQL.

Two moving-window buckets per key, both in Redis through ``limits.aio`` (atomic Lua scripts, so
every worker sharing the Redis enforces one combined budget):

- ``points``: ``ORDERGATE_RATELIMIT_POINTS_PER_MINUTE`` (or the app tier's value from
  ``ORDERGATE_RATELIMIT_TIERS``) per 60 s; a REST request costs 1 (batch: 1 + entries // 50),
  a GraphQL request its estimated cost.
- ``burst``: ``ORDERGATE_RATELIMIT_REQUESTS_PER_SECOND`` requests per second, whatever their cost.

The key is the principal's ``rate_limit_key(shop_id)`` (app + shop; one per account for the
first-party console). A request without a single shop (``GET /v1/orders``, a GraphQL operation
over several shops) charges the app's multi-shop bucket ``app:{client_id}:all``; a GraphQL
operation on one shop charges that shop's bucket, as REST does (app/graphql/touched.py).

REST charges inside the auth dependency (:func:`charge_request`), before the handler runs; a
GraphQL view calls :func:`charge` with its estimated cost. The decision is stored on
``request.state.ratelimit``; :mod:`app.api.ratelimit_headers` turns it into response headers.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from limits import RateLimitItem, RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from prometheus_client import Counter
from starlette.requests import HTTPConnection

from app.config import Settings
from app.domain.access.principal import Principal
from app.errors import RateLimited, ServiceUnavailable

log = logging.getLogger(__name__)

THROTTLED = Counter(
    "ordergate_ratelimit_throttled_total", "Requests refused with 429, by app", ["app", "bucket"]
)
STORAGE_ERRORS = Counter(
    "ordergate_ratelimit_storage_errors_total",
    "Rate-limit storage failures (Redis down): requests let through (open) or refused (closed)",
    ["mode"],
)

POINTS = "points"
BURST = "burst"
BATCH_ENTRIES_PER_POINT = 50
STATE_KEY = "ratelimit"
_COST_KEY = "ratelimit_cost"
_PRINCIPAL_KEY = "ordergate_principal"  # where the auth dependency caches the principal


@dataclass(frozen=True)
class BucketState:
    name: str  # "points" or "burst"
    limit: int
    window: int  # seconds
    remaining: int
    reset: int  # seconds until the oldest charge in the window expires (0: window empty)


@dataclass(frozen=True)
class Decision:
    """The outcome of one charge. ``buckets`` is empty when the storage could not be asked."""

    allowed: bool
    key: str
    cost: int
    buckets: tuple[BucketState, ...]
    throttled_by: str | None = None
    retry_after: int = 0
    degraded: bool = False

    def bucket(self, name: str) -> BucketState | None:
        return next((b for b in self.buckets if b.name == name), None)

    def error(self) -> RateLimited:
        """The 429 problem for a refused decision (REST raises it; GraphQL maps it to THROTTLED)."""
        return RateLimited(
            f"The '{self.throttled_by}' budget of {self.key} is spent; "
            f"retry after {self.retry_after} s.",
            retry_after=self.retry_after,
            bucket=self.throttled_by,
            rate_limit_key=self.key,
        )

    def cost_extension(self) -> dict[str, int]:
        """GraphQL ``extensions.cost``: {requested, remaining, limit, reset} of points."""
        points = self.bucket(POINTS)
        if points is None:
            return {"requested": self.cost}
        return {
            "requested": self.cost,
            "remaining": points.remaining,
            "limit": points.limit,
            "reset": points.reset,
        }


def redis_storage_uri(redis_url: str) -> str:
    """``redis://…`` -> ``async+redis://…`` (the scheme ``limits.aio`` registers)."""
    return redis_url if redis_url.startswith("async+") else f"async+{redis_url}"


class RateLimiter:
    """Buckets for one app instance; shares its Redis with every other worker."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.storage: Storage
        if settings.redis_url:
            self.storage = RedisStorage(
                redis_storage_uri(settings.redis_url),
                implementation="redispy",
                key_prefix=settings.ratelimit_key_prefix,
                # Redis trouble must cost a request milliseconds, not the client's patience.
                socket_connect_timeout=0.5,
                socket_timeout=0.5,
            )
            self.per_process = False
        else:
            self.storage = MemoryStorage()
            self.per_process = True
            log.warning(
                "REDIS_URL is not set: rate limits are kept in memory, per process "
                "(each worker enforces its own budget)"
            )
        self.strategy = MovingWindowRateLimiter(self.storage)
        self.burst_item = RateLimitItemPerSecond(settings.ratelimit_requests_per_second)

    def points_per_minute(self, tier: str) -> int:
        return self.settings.ratelimit_tiers.get(tier, self.settings.ratelimit_points_per_minute)

    def items(self, tier: str) -> tuple[tuple[str, RateLimitItem], ...]:
        return (
            (BURST, self.burst_item),
            (POINTS, RateLimitItemPerMinute(self.points_per_minute(tier))),
        )

    async def _state(self, name: str, item: RateLimitItem, key: str, now: float) -> BucketState:
        window_start, count = await self.storage.get_moving_window(  # type: ignore[attr-defined]
            item.key_for(key), item.amount, item.get_expiry()
        )
        reset = math.ceil(window_start + item.get_expiry() - now) if count else 0
        return BucketState(
            name, item.amount, item.get_expiry(), max(item.amount - count, 0), max(reset, 0)
        )

    async def states(self, key: str, tier: str) -> tuple[BucketState, ...]:
        now = time.time()
        # Both buckets in one round of Redis calls, not one after the other.
        return tuple(
            await asyncio.gather(*(self._state(n, item, key, now) for n, item in self.items(tier)))
        )

    async def hit(self, key: str, tier: str, cost: int) -> Decision:
        """Burst first (1 request), then points (``cost``): a refused burst spends no points.
        A refused charge consumes nothing from the refusing bucket (moving window)."""
        throttled_by: str | None = None
        for name, item in self.items(tier):
            amount = 1 if name == BURST else cost
            if not await self.strategy.hit(item, key, cost=amount):
                throttled_by = name
                break
        buckets = await self.states(key, tier)
        retry_after = 0
        if throttled_by is not None:
            refused = next(b for b in buckets if b.name == throttled_by)
            retry_after = max(refused.reset, 1)
        return Decision(throttled_by is None, key, cost, buckets, throttled_by, retry_after)

    async def check(self) -> bool:
        return bool(await self.storage.check())


def limiter_of(connection: HTTPConnection) -> RateLimiter:
    """The app's limiter (``app.state.ratelimiter``, made by ``create_app``; its Redis client
    connects lazily)."""
    limiter: RateLimiter = connection.app.state.ratelimiter
    return limiter


def points_budget(connection: HTTPConnection, principal: Principal) -> int | None:
    """The points ``principal`` may spend per minute, or None when limits are off."""
    if not connection.app.state.settings.ratelimit_enabled:
        return None
    return limiter_of(connection).points_per_minute(principal.tier)


def bucket_key(principal: Principal, shop_id: int | None) -> str:
    if shop_id is None and not principal.first_party:
        return f"app:{principal.client_id}:all"
    return principal.rate_limit_key(shop_id or 0)


def app_label(key: str) -> str:
    """The metric label: ``app:<client id>`` or ``account`` (console), never a shop id."""
    head, _, rest = key.partition(":")
    return f"app:{rest.split(':', 1)[0]}" if head == "app" else head


def storage_failed(settings: Settings, exc: Exception) -> None:
    """The one policy for a limit store that cannot be asked (every limit, API and per-IP):
    count it, then fail open (return: serve the request) or, with
    ``ORDERGATE_RATELIMIT_FAIL_CLOSED``, raise 503 ``service_unavailable`` + Retry-After."""
    closed = settings.ratelimit_fail_closed
    mode = "closed" if closed else "open"
    STORAGE_ERRORS.labels(mode).inc()
    log.warning("rate-limit storage failed (%s): failing %s", type(exc).__name__, mode)
    if closed:
        raise store_unavailable() from exc


def store_unavailable() -> ServiceUnavailable:
    error = ServiceUnavailable("The rate-limit store is unavailable; retry shortly.")
    error.headers["Retry-After"] = "1"
    return error


async def charge_key(
    limiter: RateLimiter, key: str, cost: int, *, tier: str = "default"
) -> Decision:
    """Charge ``cost`` points to ``key``. Storage failure: fail open (a degraded, allowed decision)
    or, with ``ORDERGATE_RATELIMIT_FAIL_CLOSED``, raise 503 — never a 500."""
    cost = max(1, cost)
    try:
        decision = await limiter.hit(key, tier, cost)
    except Exception as exc:  # any storage failure (refused, timeout, script error)
        storage_failed(limiter.settings, exc)
        return Decision(True, key, cost, (), degraded=True)
    if not decision.allowed:
        THROTTLED.labels(app_label(key), decision.throttled_by or "").inc()
    return decision


async def charge(
    connection: HTTPConnection,
    cost: int,
    *,
    shop_id: int | None = None,
    principal: Principal | None = None,
) -> Decision:
    """The GraphQL hook: charge ``cost`` (min 1) before executing, and get the decision.

    ``principal`` (default: the one cached by the auth dependency on an HTTP request) names
    the bucket (``shop_id`` picks one shop's bucket; default: the app's multi-shop bucket); the
    decision is stored on the connection's state so the response carries the headers. Never
    raises for a refusal: check ``decision.allowed``; answer ``decision.error()`` (429 /
    THROTTLED) and report ``decision.cost_extension()`` in ``extensions.cost``. Raises 503 only
    when failing closed. A disabled throttle allows everything (an empty decision).
    """
    principal = principal or connection.scope.get(_PRINCIPAL_KEY)
    if not isinstance(principal, Principal):
        raise TypeError("charge(connection) needs a connection whose principal was resolved")
    if not connection.app.state.settings.ratelimit_enabled:
        return Decision(True, "", cost, ())
    decision = await charge_key(
        limiter_of(connection), bucket_key(principal, shop_id), cost, tier=principal.tier
    )
    connection.scope.setdefault("state", {})[STATE_KEY] = decision
    return decision


async def charge_request(request: Request, principal: Principal, shop_id: int | None) -> None:
    """The REST hook, called by the auth dependency: once per request, before the handler.
    Raises 429 ``rate_limited`` (or 503 when failing closed)."""
    state = request.scope.setdefault("state", {})
    charged = state.get(STATE_KEY)
    if isinstance(charged, Decision):  # charged once already (a request handed on): same answer
        if not charged.allowed:
            raise charged.error()
        return
    if not request.app.state.settings.ratelimit_enabled:
        return
    cost = int(state.get(_COST_KEY, 1))
    decision = await charge_key(
        limiter_of(request), bucket_key(principal, shop_id), cost, tier=principal.tier
    )
    state[STATE_KEY] = decision
    if not decision.allowed:
        raise decision.error()


def batch_cost(entries: int) -> int:
    return 1 + entries // BATCH_ENTRIES_PER_POINT


def per_entries_cost(field: str) -> Callable[[Request], Awaitable[None]]:
    """A route dependency for batch endpoints: 1 + len(body[field]) // 50 points.
    An unreadable body costs 1 (validation answers it afterwards)."""

    async def declare(request: Request) -> None:
        entries = 0
        try:
            body: Any = await request.json()
            if isinstance(body, dict) and isinstance(body.get(field), list):
                entries = len(body[field])
        except ValueError:
            pass
        request.state.ratelimit_cost = batch_cost(entries)

    return declare
