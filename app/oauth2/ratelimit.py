"""Per-IP limits on the unauthenticated auth endpoints (token, login) with slowapi.

slowapi uses the sync ``limits`` API, so this stays on the few unauthenticated routes
(DESIGN §12); the API bucket is elsewhere and async.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import Response
from slowapi import Limiter
from slowapi.errors import RateLimitExceeded

from app.api.responses import problem_response, request_id_of
from app.config import Settings
from app.errors import RateLimited


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def build_auth_limiter(settings: Settings) -> Limiter:
    return Limiter(
        key_func=client_ip,
        storage_uri=settings.redis_url or "memory://",
        key_prefix="ordergate:auth",
        strategy="moving-window",
        headers_enabled=False,
    )


F = TypeVar("F", bound=Callable[..., Any])


def per_ip_limit(limiter: Limiter, settings: Settings) -> Callable[[F], F]:
    """The route decorator: ORDERGATE_AUTH_ATTEMPTS_PER_MINUTE per client address."""
    decorator: Callable[[F], F] = limiter.limit(f"{settings.auth_attempts_per_minute}/minute")
    return decorator


def _retry_after(request: Request, limiter: Limiter) -> int:
    view_limit = getattr(request.state, "view_rate_limit", None)
    if view_limit is None:
        return 60
    try:
        reset_at, _ = limiter.limiter.get_window_stats(view_limit[0], *view_limit[1])
    except Exception:  # a storage hiccup must not turn a 429 into a 500
        return 60
    return max(int(reset_at - time.time()) + 1, 1)


def install_auth_rate_limits(app: FastAPI, limiter: Limiter) -> None:
    app.state.limiter = limiter

    async def handler(request: Request, exc: Exception) -> Response:
        error = RateLimited(
            "Too many attempts from this address; wait and try again.",
            retry_after=_retry_after(request, limiter),
        )
        return problem_response(error.problem(request_id_of(request)), 429, error.headers)

    app.add_exception_handler(RateLimitExceeded, handler)
