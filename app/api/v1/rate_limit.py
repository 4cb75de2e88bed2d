"""``GET /v1/rate-limit``: the caller's buckets (per granted shop, plus the multi-shop one),
read without charging; and :func:`install` wiring the throttle into an app."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from pydantic import BaseModel

from app.api.input_guard import INPUT_GUARD
from app.api.ratelimit_headers import RateLimitHeadersMiddleware
from app.auth.dependencies import CurrentPrincipal
from app.config import Settings
from app.errors import ServiceUnavailable
from app.ratelimit import RateLimiter, bucket_key, limiter_of

router = APIRouter(prefix="/v1", tags=["account"])


class BucketOut(BaseModel):
    name: str
    limit: int
    window_seconds: int
    remaining: int
    reset_seconds: int


class RateLimitBucketsOut(BaseModel):
    shop_id: int | None  # None: the bucket of requests spanning shops (GET /v1/orders, GraphQL)
    key: str
    buckets: list[BucketOut]


class RateLimitOut(BaseModel):
    enabled: bool
    per_process: bool
    tier: str
    items: list[RateLimitBucketsOut]


@router.get(
    "/rate-limit",
    summary="Your rate-limit buckets per shop (free: reading them costs no points)",
    response_model=RateLimitOut,
)
async def rate_limit_status(request: Request, principal: CurrentPrincipal) -> RateLimitOut:
    settings: Settings = request.app.state.settings
    limiter = limiter_of(request)
    shops: list[int | None] = [*sorted(principal.shop_ids), None]
    keys: dict[str, int | None] = {}
    for shop_id in shops:  # a console token has one key for every shop
        keys.setdefault(bucket_key(principal, shop_id), shop_id)
    items = []
    if settings.ratelimit_enabled:
        try:
            for key, shop_id in keys.items():
                states = await limiter.states(key, principal.tier)
                buckets = [
                    BucketOut(
                        name=b.name,
                        limit=b.limit,
                        window_seconds=b.window,
                        remaining=b.remaining,
                        reset_seconds=b.reset,
                    )
                    for b in states
                ]
                items.append(RateLimitBucketsOut(shop_id=shop_id, key=key, buckets=buckets))
        except Exception as exc:  # the store being down is a 503 here, never a 500
            raise ServiceUnavailable("The rate-limit store is unavailable.") from exc
    return RateLimitOut(
        enabled=settings.ratelimit_enabled,
        per_process=limiter.per_process,
        tier=principal.tier,
        items=items,
    )


def install(app: FastAPI, settings: Settings) -> None:
    """The limiter (logs when limits are per process), the header middleware and the route."""
    if settings.ratelimit_enabled:
        app.state.ratelimiter = RateLimiter(settings)
    app.add_middleware(RateLimitHeadersMiddleware)
    app.include_router(router, dependencies=INPUT_GUARD)
