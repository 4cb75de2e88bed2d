"""Per-IP limits on the unauthenticated auth endpoints (token, login).

``ORDERGATE_AUTH_ATTEMPTS_PER_MINUTE`` per client address and endpoint, a moving window in the
API throttle's store (``limits.aio``: Redis when ``REDIS_URL`` is set, never blocking the event
loop). The address is the TCP peer; ``X-Forwarded-For`` counts only when the peer is one of
``ORDERGATE_TRUSTED_PROXIES`` (see :func:`app.main.create_app`). A store that cannot be asked
follows the throttle's one policy (:func:`app.ratelimit.storage_failed`): fail open, or 503 when
failing closed, never a 500.
"""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable

from fastapi import Request
from limits import RateLimitItemPerMinute

from app.errors import RateLimited
from app.ratelimit import limiter_of, storage_failed


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def per_ip_limit(endpoint: str) -> Callable[[Request], Awaitable[None]]:
    """A route dependency counting one attempt per request from the client's address; it runs
    before the route opens its database session."""

    async def attempt(request: Request) -> None:
        settings = request.app.state.settings
        limiter = limiter_of(request)
        item = RateLimitItemPerMinute(settings.auth_attempts_per_minute)
        key = f"auth:{endpoint}:{client_ip(request)}"
        try:
            if await limiter.strategy.hit(item, key):
                return
            stats = await limiter.strategy.get_window_stats(item, key)
        except Exception as exc:  # the store is down: the one fail-open/closed policy
            storage_failed(settings, exc)
            return
        retry_after = max(math.ceil(stats.reset_time - time.time()), 1)
        raise RateLimited(
            "Too many attempts from this address; wait and try again.", retry_after=retry_after
        )

    return attempt
