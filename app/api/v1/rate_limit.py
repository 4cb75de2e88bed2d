"""``GET /v1/rate-limit``: the caller's buckets (per granted shop, plus the multi-shop one),
read without charging; and :func:`install` wiring the throttle into an app."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response

from app.api.input_guard import INPUT_GUARD
from app.api.ratelimit_headers import RateLimitHeadersMiddleware
from app.auth.dependencies import CurrentPrincipal
from app.config import Settings
from app.domain.accounts.schemas import RateLimitBuckets, RateLimitStatus
from app.errors import ServiceUnavailable
from app.ratelimit import RateLimiter, bucket_key, limiter_of
from app.web.openapi import COMMON_ERRORS, problem, problems
from app.web.responses import json_bytes_response

router = APIRouter(prefix="/v1", tags=["account"])


@router.get(
    "/rate-limit",
    summary="Your rate-limit buckets per shop (free: reading them costs no points)",
    response_model=RateLimitStatus,
    responses=problem(503, "`service_unavailable`: the rate-limit store cannot be read"),
)
async def rate_limit_status(request: Request, principal: CurrentPrincipal) -> Response:
    settings: Settings = request.app.state.settings
    limiter = limiter_of(request)
    shops: list[int | None] = [*sorted(principal.shop_ids), None]
    keys: dict[str, int | None] = {}
    for shop_id in shops:  # a console token has one key for every shop
        keys.setdefault(bucket_key(principal, shop_id), shop_id)
    items: list[RateLimitBuckets] = []
    if settings.ratelimit_enabled:
        try:
            for key, shop_id in keys.items():
                states = await limiter.states(key, principal.tier)
                buckets: RateLimitBuckets = {
                    "shop_id": shop_id,
                    "key": key,
                    "buckets": [
                        {
                            "name": b.name,
                            "limit": b.limit,
                            "window_seconds": b.window,
                            "remaining": b.remaining,
                            "reset_seconds": b.reset,
                        }
                        for b in states
                    ],
                }
                items.append(buckets)
        except Exception as exc:  # the store being down is a 503 here, never a 500
            raise ServiceUnavailable("The rate-limit store is unavailable.") from exc
    body: RateLimitStatus = {
        "data": items,  # every bucket of the caller: one page
        "has_more": False,
        "next_cursor": None,
        "enabled": settings.ratelimit_enabled,
        "per_process": limiter.per_process,
        "tier": principal.tier,
    }
    return json_bytes_response(body)


def install(app: FastAPI, settings: Settings) -> None:
    """The limiter (logs when limits are per process), the header middleware and the route."""
    app.state.ratelimiter = RateLimiter(settings)
    app.add_middleware(RateLimitHeadersMiddleware)
    app.include_router(router, responses=problems(*COMMON_ERRORS), dependencies=INPUT_GUARD)
