"""Every example response in README.md and docs/*.md is recorded here from a live call.

One producer per ``<!-- example: name -->`` marker (rules and rendering:
tests/doc_examples_support.py). A drifted block fails with a diff; ``make docs-examples``
(``ORDERGATE_WRITE_DOC_EXAMPLES=1``) rewrites the docs from the live responses instead.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from app.config import Settings
from app.db import Database
from app.main import create_app
from tests.doc_examples_support import (
    REWRITE_COMMAND,
    REWRITE_ENV,
    Shown,
    all_blocks,
    diff,
    render,
    rewrite,
    seconds_until,
)
from tests.factories import bearer, make_token
from tests.feed_support import eventually
from tests.integration.orders_support import new_order, v1
from tests.integration.test_graphql_limits import fragment_bomb
from tests.integration.test_rate_limits import REDIS_URL, limited_settings
from tests.oauth_support import (
    authorize_params,
    browser,
    exchange,
    get_code,
    make_merchant,
    make_vendor_app,
    pkce,
)
from tests.webhooks.support import (
    HORIZON_WAIT,
    create_endpoint,
    running_delivery,
    running_receiver,
)

# The changes examples read the feed: run with the other feed readers (tests/conftest.py).
pytestmark = pytest.mark.xdist_group("feed")


@dataclass
class Ctx:
    app: Any
    client: httpx.AsyncClient
    db: Database
    settings: Settings
    internal_headers: dict[str, str]
    shop_id: int

    async def token(self, **kwargs: Any) -> dict[str, str]:
        return bearer(await make_token(self.db, shop_ids=[self.shop_id], **kwargs))

    @asynccontextmanager
    async def throttled(self, **overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        """An app with the throttle on, on buckets of its own (a fresh key prefix)."""
        if not REDIS_URL:
            pytest.skip("REDIS_URL is unset: the rate-limit examples show the shared buckets")
        prefix = f"ordergate-test:rl:docs:{os.urandom(8).hex()}"
        application = create_app(limited_settings(self.settings, prefix, **overrides))
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                yield c


Producer = Callable[[Ctx], Awaitable[Shown]]
PRODUCERS: dict[str, Producer] = {}


def example(name: str) -> Callable[[Producer], Producer]:
    def register(fn: Producer) -> Producer:
        PRODUCERS[name] = fn
        return fn

    return register


# -- docs/errors.md ------------------------------------------------------------------------


@example("errors-invalid-transition")
async def _invalid_transition(ctx: Ctx) -> Shown:
    order = await new_order(ctx.client, ctx.shop_id, ctx.internal_headers)
    r = await ctx.client.post(
        v1(ctx.shop_id, f"/orders/{order['id']}/shipments"),
        json={"carrier": "SF", "tracking_no": "SF1234567"},
        headers={**await ctx.token(), "If-Match": f'"{order["version"]}"'},
    )
    assert r.status_code == 409, r.text
    return Shown.of(r)


# -- docs/oauth.md -------------------------------------------------------------------------


@example("oauth-token")
async def _oauth_token(ctx: Ctx) -> Shown:
    merchant = await make_merchant(ctx.db)
    vendor = await make_vendor_app(ctx.db)
    verifier, challenge = pkce()
    async with browser(ctx.app) as c:
        code = await get_code(c, authorize_params(vendor.client_id, challenge), merchant)
        r = await exchange(c, vendor, code, verifier)
    assert r.status_code == 200, r.text
    return Shown.of(r)


# -- docs/webhooks.md -----------------------------------------------------------------------


@example("webhook-delivery")
async def _webhook_delivery(ctx: Ctx) -> Shown:
    shop_ids = [ctx.shop_id]
    with running_receiver() as rx:
        endpoint_id, _ = await create_endpoint(
            ctx.db, ctx.settings, url=rx.url, shop_ids=shop_ids, event_types=["order.paid"]
        )
        async with running_delivery(ctx.db, ctx.settings, [endpoint_id]):
            await new_order(ctx.client, ctx.shop_id, ctx.internal_headers, state="paid")
            await eventually(
                lambda: bool(rx.snapshot()), timeout=HORIZON_WAIT, what="the order.paid delivery"
            )
    got = rx.snapshot()[0]
    names = ("content-type", "webhook-id", "webhook-timestamp", "webhook-signature")
    return Shown("POST /your/hook", got.headers, got.body, headers=names)


# -- docs/graphql.md -----------------------------------------------------------------------


async def _graphql(ctx: Ctx, query: str, headers: dict[str, str]) -> httpx.Response:
    r = await ctx.client.post("/graphql", json={"query": query}, headers=headers)
    assert r.status_code == 200, r.text
    return r


@example("graphql-too-complex")
async def _graphql_too_complex(ctx: Ctx) -> Shown:
    r = await _graphql(ctx, fragment_bomb(11), await ctx.token())
    assert r.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX", r.text
    return Shown.of(r)


@example("graphql-field-conflict")
async def _graphql_field_conflict(ctx: Ctx) -> Shown:
    r = await _graphql(ctx, "{ me { x: tokenId x: appId } }", await ctx.token())
    assert r.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED", r.text
    return Shown.of(r)


@example("graphql-cost")
async def _graphql_cost(ctx: Ctx) -> Shown:
    await new_order(ctx.client, ctx.shop_id, ctx.internal_headers, state="paid")
    query = "{ orders(first: 10) { nodes { status paidAmount buyer { nickname } } } }"
    return Shown.of(await _graphql(ctx, query, await ctx.token()))


# -- docs/rate-limits.md -------------------------------------------------------------------

_BUDGET = {"ratelimit_points_per_minute": 1000, "ratelimit_requests_per_second": 50}


@example("rate-limit-headers")
async def _rate_limit_headers(ctx: Ctx) -> Shown:
    headers = await ctx.token()
    async with ctx.throttled(**_BUDGET) as c:
        r = await c.get(f"/v1/shops/{ctx.shop_id}/orders", headers=headers)
    assert r.status_code == 200, r.text
    names = ("RateLimit-Policy", "RateLimit", "X-RateLimit-Limit", "X-RateLimit-Remaining")
    return Shown.of(r, headers=(*names, "X-RateLimit-Reset"), body=False)


@example("rate-limit-refused")
async def _rate_limit_refused(ctx: Ctx) -> Shown:
    headers = await ctx.token()
    async with ctx.throttled(ratelimit_points_per_minute=3) as c:
        for _ in range(3):
            assert (await c.get(f"/v1/shops/{ctx.shop_id}/orders", headers=headers)).is_success
        r = await c.get(f"/v1/shops/{ctx.shop_id}/orders", headers=headers)
    assert r.status_code == 429, r.text
    return Shown.of(r, headers=("Retry-After",))


def _burst_at_rest(body: Any) -> Any:
    """The burst bucket refills within a second: show it as read a second later (full)."""
    if isinstance(body, dict):
        if body.get("name") == "burst":
            return {**body, "remaining": body["limit"], "reset_seconds": 0}
        return {k: _burst_at_rest(v) for k, v in body.items()}
    if isinstance(body, list):
        return [_burst_at_rest(v) for v in body]
    return body


@example("rate-limit-status")
async def _rate_limit_status(ctx: Ctx) -> Shown:
    headers = await ctx.token()
    async with ctx.throttled(**_BUDGET) as c:
        for _ in range(3):
            assert (await c.get(f"/v1/shops/{ctx.shop_id}/orders", headers=headers)).is_success
        assert (await c.get("/v1/orders", headers=headers)).is_success
        r = await c.get("/v1/rate-limit", headers=headers)
    assert r.status_code == 200, r.text
    return Shown.of(r, transform=lambda body: seconds_until(_burst_at_rest(body)))


# -- the check -----------------------------------------------------------------------------


@pytest.fixture
async def ctx(
    app: Any,
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    internal_headers: dict[str, str],
    shop: dict[str, int],
) -> Ctx:
    return Ctx(app, client, db, settings, internal_headers, shop["shop_id"])


@pytest.mark.parametrize("name", sorted(PRODUCERS))
async def test_doc_example_is_what_the_api_answers(name: str, ctx: Ctx) -> None:
    marked = [b for b in all_blocks() if b.example == name]
    assert marked, f"no <!-- example: {name} --> in README.md or docs/*.md: drop the producer"
    shown = await PRODUCERS[name](ctx)
    drifted = []
    for block in marked:
        text = render(shown, block.lang)
        if block.body == text:
            continue
        if os.environ.get(REWRITE_ENV) == "1":
            rewrite(block.path, name, text)
        else:
            drifted.append(diff(block, text))
    assert not drifted, (
        f"doc example {name!r} differs from the live response; review, then run "
        f"`{REWRITE_COMMAND}` to rewrite the docs:\n" + "\n".join(drifted)
    )


def test_every_json_block_in_the_docs_is_marked() -> None:
    problems = []
    for block in all_blocks():
        if block.example and block.example not in PRODUCERS:
            problems.append(f"{block.where}: no producer for example {block.example!r}")
        elif block.marker is None and block.needs_marker:
            problems.append(
                f"{block.where}: a JSON block with no marker: precede it with "
                "<!-- example: name --> (a response, recorded in this module), "
                "<!-- request --> or <!-- schematic -->"
            )
        elif block.marker == "schematic" and _is_json(block.body):
            problems.append(f"{block.where}: a whole JSON document is an example, not a schematic")
    assert not problems, "\n".join(problems)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True
