"""Read models of ``GET /v1/me`` (who the token is) and ``GET /v1/rate-limit`` (its buckets)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field
from typing_extensions import TypedDict

from app.domain.shops.schemas import ShopAccess
from app.kit.contract import HasMore, NextCursor, read_model


@read_model
class AccountSummary(TypedDict):
    """The account a token acts for."""

    id: Annotated[int, Field(description="Account id.", examples=[7])]
    email: Annotated[str, Field(description="Sign-in email.", examples=["owner@example.com"])]
    display_name: Annotated[
        str, Field(description="Name shown in the console.", examples=["Li Na"])
    ]


@read_model
class AppSummary(TypedDict):
    """The app (OAuth client) a token was issued to."""

    client_id: Annotated[str, Field(description="OAuth client id.", examples=["ogc_4kq7w2"])]
    name: Annotated[str, Field(description="App name.", examples=["Acme ERP"])]
    first_party: Annotated[bool, Field(description="Part of OrderGate (the console).")]


@read_model
class Me(TypedDict):
    """The token's account, app, shops and scopes."""

    account: Annotated[
        AccountSummary | None, Field(description="Null for a client-credentials token.")
    ]
    app: Annotated[AppSummary | None, Field(description="Null for a token of no app.")]
    token_id: Annotated[int | None, Field(description="Id of this token.", examples=[311])]
    scopes: Annotated[
        list[str],
        Field(
            description="Every scope the token has on at least one shop.",
            examples=[["orders:read", "changes:read"]],
        ),
    ]
    shops: Annotated[list[ShopAccess], Field(description="The shops it may touch, by id.")]


@read_model
class RateLimitBucket(TypedDict):
    """One window of a bucket (a points budget per minute, a request burst cap per second)."""

    name: Annotated[str, Field(description="Which limit.", examples=["points"])]
    limit: Annotated[int, Field(description="Budget per window.", examples=[1000])]
    window_seconds: Annotated[int, Field(description="Window length.", examples=[60])]
    remaining: Annotated[int, Field(description="Left in this window.", examples=[987])]
    reset_seconds: Annotated[
        int, Field(description="Seconds until the window has its budget back.", examples=[42])
    ]


@read_model
class RateLimitBuckets(TypedDict):
    """The buckets one kind of request is charged to."""

    shop_id: Annotated[
        int | None,
        Field(
            description=(
                "The shop whose requests go here; null for requests spanning shops "
                "(`GET /v1/orders`, multi-shop GraphQL)."
            ),
            examples=[1],
        ),
    ]
    key: Annotated[str, Field(description="The bucket's key.", examples=["app:12:shop:1"])]
    buckets: list[RateLimitBucket]


@read_model
class RateLimitStatus(TypedDict):
    """The caller's buckets, one entry per granted shop plus the multi-shop one (one page of
    the list envelope, with the limiter's settings)."""

    data: list[RateLimitBuckets]
    has_more: HasMore
    next_cursor: NextCursor

    enabled: Annotated[bool, Field(description="Rate limiting is on.")]
    per_process: Annotated[
        bool,
        Field(description="Limits are counted per server process (no Redis configured)."),
    ]
    tier: Annotated[str, Field(description="The app's tier (its limits).", examples=["default"])]
