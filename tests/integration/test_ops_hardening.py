"""Operational hardening through the real app: the internal token `serve` writes, the OAuth
issuer, trusted proxies, body caps, a bounded pool wait, parked long-polls on shutdown, and
database errors kept out of the logs' bound values."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
import structlog
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from starlette.requests import Request

from app.config import Settings
from app.db import Database
from app.domain.access.principal import resolve_principal
from app.graphql.context import GraphQLContext
from app.graphql.schema import build_schema
from app.main import create_app
from app.secrets_store import ensure_internal_token
from app.web.listing import codec_of
from tests.factories import bearer, make_token
from tests.feed_support import eventually

AppFactory = Callable[..., AbstractAsyncContextManager[tuple[Any, httpx.AsyncClient]]]
SECRET = "argon2id$v=19$m=65536$s3cr3t-hash-never-logged"


@pytest.fixture
def dedicated_app(settings: Settings) -> AppFactory:
    """An app of its own (own settings, pool and lifespan), reached from ``peer``."""

    @asynccontextmanager
    async def make(
        peer: str = "127.0.0.1", lifespan: bool = True, **overrides: Any
    ) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
        application = create_app(settings.model_copy(update=overrides))
        transport = httpx.ASGITransport(app=application, client=(peer, 40000))
        async with (
            application.router.lifespan_context(application) if lifespan else _nothing(),
            httpx.AsyncClient(transport=transport, base_url="http://testserver") as c,
        ):
            yield application, c

    return make


@asynccontextmanager
async def _nothing() -> AsyncIterator[None]:
    yield


# -- the internal token ---------------------------------------------------------------------


async def test_without_internal_token_the_app_reads_the_one_serve_wrote(
    dedicated_app: AppFactory, tmp_path: Path, shop: dict[str, int]
) -> None:
    """`ordergate serve` writes $DATA_DIR/internal_token before starting its workers; each
    worker's app must accept exactly that token (it used to answer 401 to everything)."""
    written = ensure_internal_token(Settings(data_dir=tmp_path))  # what `serve` does
    path = f"/internal/v1/shops/{shop['shop_id']}/orders/999999999"
    async with dedicated_app(internal_token=None, data_dir=tmp_path) as (_, c):
        good = await c.get(path, headers=bearer(written))
        wrong = await c.get(path, headers=bearer("ogi_wrong"))
    assert good.status_code == 404, good.text  # authenticated: the order does not exist
    assert wrong.status_code == 401


# -- the OAuth issuer -----------------------------------------------------------------------


async def test_issuer_comes_from_public_url_not_the_host_header(
    dedicated_app: AppFactory,
) -> None:
    metadata = "/.well-known/oauth-authorization-server"
    evil = {"Host": "evil.example"}
    async with dedicated_app(lifespan=False, public_url="https://api.example.com/") as (_, c):
        configured = (await c.get(metadata, headers=evil)).json()
    async with dedicated_app(lifespan=False, env="production", public_url=None) as (_, c):
        unconfigured = await c.get(metadata, headers=evil)
    async with dedicated_app(lifespan=False, env="development", public_url=None) as (_, c):
        development = (await c.get(metadata)).json()
    assert configured["issuer"] == "https://api.example.com"
    assert configured["token_endpoint"] == "https://api.example.com/oauth/token"
    assert "evil.example" not in orjson.dumps(configured).decode()
    # Production without ORDERGATE_PUBLIC_URL: no metadata rather than one naming any host.
    assert unconfigured.status_code == 404
    assert unconfigured.headers["content-type"] == "application/problem+json"
    assert development["issuer"] == "http://testserver"


# -- trusted proxies ------------------------------------------------------------------------

TOKEN_BODY = {"grant_type": "authorization_code", "code": "nope", "client_id": "ogc_nope"}


async def _token_statuses(c: httpx.AsyncClient, forwarded_for: list[str]) -> list[int]:
    return [
        (await c.post("/oauth/token", data=TOKEN_BODY, headers={"X-Forwarded-For": ip})).status_code
        for ip in forwarded_for
    ]


async def test_forwarded_for_from_an_untrusted_peer_is_ignored(
    dedicated_app: AppFactory,
) -> None:
    """A client cannot pick the address its per-IP limit is counted under."""
    spoofed = ["203.0.113.1", "203.0.113.2", "203.0.113.3"]
    async with dedicated_app(peer="10.77.0.5", redis_url=None, auth_attempts_per_minute=2) as (
        _,
        c,
    ):
        statuses = await _token_statuses(c, spoofed)
    assert statuses == [400, 400, 429]


async def test_forwarded_for_from_a_trusted_proxy_names_the_client(
    dedicated_app: AppFactory,
) -> None:
    async with dedicated_app(
        peer="10.78.0.1",
        redis_url=None,
        auth_attempts_per_minute=2,
        trusted_proxies="192.0.2.7, 10.78.0.0/16",
    ) as (_, c):
        distinct = await _token_statuses(c, ["198.51.100.1", "198.51.100.2", "198.51.100.3"])
        same = await _token_statuses(c, ["198.51.100.9"] * 3)
        # A client-supplied entry before the proxy's own is not believed either.
        chained = await _token_statuses(c, [f"203.0.113.{n}, 198.51.100.9" for n in range(2)])
    assert distinct == [400, 400, 400]
    assert same == [400, 400, 429]
    assert chained == [429, 429]


def test_a_malformed_trusted_proxy_fails_at_startup() -> None:
    with pytest.raises(ValueError, match="not-an-ip"):
        Settings(trusted_proxies="10.0.0.0/8, not-an-ip")


# -- body caps ------------------------------------------------------------------------------


def _assert_too_large(r: httpx.Response, limit: int) -> None:
    assert r.status_code == 413, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "payload_too_large" and body["max_bytes"] == limit
    assert body["request_id"] == r.headers["x-request-id"]


async def test_json_body_over_the_cap_is_refused_before_the_route_runs(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    limit = settings.max_body_bytes
    big = b'{"pad": "' + b"x" * limit + b'"}'
    # No token at all: a route that ran would answer 401; the cap answers first.
    _assert_too_large(
        await client.post(
            "/internal/v1/shops/1/orders",
            content=big,
            headers={"Content-Type": "application/json"},
        ),
        limit,
    )
    _assert_too_large(
        await client.post("/graphql", content=big, headers={"Content-Type": "application/json"}),
        limit,
    )


async def test_chunked_body_is_counted_as_it_streams(
    client: httpx.AsyncClient, settings: Settings, internal_headers: dict[str, str]
) -> None:
    limit = settings.max_body_bytes
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: Transfer-Encoding chunked
        nonlocal sent
        yield b'{"pad": "'
        for _ in range(limit // 65536 + 4):
            sent += 65536
            yield b"x" * 65536
        yield b'"}'

    r = await client.post(
        "/internal/v1/shops/1/orders",
        content=chunks(),
        headers={**internal_headers, "Content-Type": "application/json"},
    )
    _assert_too_large(r, limit)


async def test_multipart_uploads_have_their_own_larger_cap(
    client: httpx.AsyncClient, settings: Settings, shop: dict[str, int], db: Database
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    path = f"/v1/shops/{shop['shop_id']}/disputes/999999999/evidence"
    two_mb = {"file": ("chat.txt", b"x" * (2 * 1_048_576), "text/plain")}
    over = {"file": ("chat.txt", b"x" * settings.max_upload_bytes, "text/plain")}
    accepted = await client.post(path, files=two_mb, data={"kind": "chat_log"}, **_h(token))
    refused = await client.post(path, files=over, data={"kind": "chat_log"}, **_h(token))
    assert accepted.status_code == 404, accepted.text  # past the cap: the dispute is unknown
    _assert_too_large(refused, settings.max_upload_bytes)


def _h(token: str) -> dict[str, Any]:
    return {"headers": bearer(token)}


# -- the pool wait --------------------------------------------------------------------------


async def test_an_exhausted_pool_answers_503_after_a_bounded_wait(
    dedicated_app: AppFactory, shop: dict[str, int], db: Database
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    async with dedicated_app(db_pool_size=1, db_max_overflow=0, db_pool_timeout_seconds=0.2) as (
        application,
        c,
    ):
        async with application.state.db.engine.connect() as held:  # the only connection
            await held.execute(text("SELECT 1"))
            r = await c.get(f"/v1/shops/{shop['shop_id']}/orders", headers=bearer(token))
            gql = await c.post(
                "/graphql",
                json={"query": "{ orders(first: 1) { nodes { id } } }"},
                headers=bearer(token),
            )
        after = await c.get(f"/v1/shops/{shop['shop_id']}/orders", headers=bearer(token))
    for refused in (r, gql):
        assert refused.status_code == 503, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["code"] == "service_unavailable"
        assert int(refused.headers["Retry-After"]) >= 1
    assert after.status_code == 200  # the connection is back: served again, no restart


# -- long-polls at shutdown -----------------------------------------------------------------


async def test_parked_long_polls_answer_their_empty_page_when_the_server_stops(
    dedicated_app: AppFactory, shop: dict[str, int], db: Database
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    changes = f"/v1/shops/{shop['shop_id']}/changes"
    async with dedicated_app() as (application, c):
        head = (await c.get(changes, params={"cursor": "now"}, headers=bearer(token))).json()
        listener = application.state.change_listener
        poll = asyncio.create_task(
            c.get(
                changes,
                params={"cursor": head["next_cursor"], "wait": 60},
                headers=bearer(token),
                timeout=30,
            )
        )
        await eventually(lambda: listener.parked == 1, timeout=10, what="the poll to park")
        listener.drain()  # what SIGTERM does (app.serving.on_shutdown_signal)
        r = await asyncio.wait_for(poll, 10)
        late = await asyncio.wait_for(
            c.get(
                changes, params={"cursor": head["next_cursor"], "wait": 60}, headers=bearer(token)
            ),
            10,
        )
        # An empty page moves its cursor up to the horizon, which other transactions on the
        # server (any database) advance: the cursor need not equal the head, but must be one the
        # feed accepts to go on from.
        for answer in (r, late):
            assert answer.status_code == 200, answer.text
            assert answer.json()["data"] == []
            follow = await c.get(
                changes, params={"cursor": answer.json()["next_cursor"]}, headers=bearer(token)
            )
            assert follow.status_code == 200 and follow.json()["data"] == [], follow.text


async def test_a_live_feed_subscription_completes_when_the_server_stops(
    dedicated_app: AppFactory, shop: dict[str, int], db: Database
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    async with dedicated_app() as (application, _):
        scope = {
            "type": "http",
            "app": application,
            "headers": [],
            "client": ("127.0.0.1", 1),
            "method": "POST",
            "path": "/graphql",
            "query_string": b"",
        }
        request = Request(scope)
        listener = application.state.change_listener
        async with application.state.db.sessionmaker() as session:
            principal = await resolve_principal(session, token)
            stream = await build_schema().subscribe(
                'subscription($s: Int!) { changes(shopId: $s, after: "now") { type } }',
                variable_values={"s": shop["shop_id"]},
                context_value=GraphQLContext(request, session, principal, codec_of(request)),
            )
            assert not hasattr(stream, "errors"), stream
            pending = asyncio.ensure_future(stream.__anext__())
            await eventually(lambda: listener.parked == 1, timeout=10, what="the feed to park")
            listener.drain()
            with pytest.raises(StopAsyncIteration):  # completes rather than spinning
                await asyncio.wait_for(pending, 10)


# -- database errors in logs ----------------------------------------------------------------


async def _failing_statements(db: Database) -> list[DBAPIError]:
    """A server-side error quoting its parameter, and a driver-side one."""
    errors = []
    for sql, value in (
        ("SELECT CAST(CAST(:secret AS text) AS integer)", SECRET),
        ("SELECT 1 WHERE 1 = :secret", SECRET),
    ):
        with pytest.raises(DBAPIError) as caught:
            async with db.engine.connect() as conn:
                await conn.execute(text(sql), {"secret": value})
        errors.append(caught.value)
    return errors


async def test_database_errors_never_log_bound_values(db: Database) -> None:
    errors = await _failing_statements(db)
    processors = structlog.get_config()["processors"]
    stdlib = io.StringIO()
    handler = logging.StreamHandler(stdlib)
    handler.setFormatter(logging.Formatter("%(message)s"))
    uvicorn_log = logging.getLogger("uvicorn.error")
    uvicorn_log.addHandler(handler)
    try:
        rendered = []
        for error in errors:
            assert SECRET not in str(error).split("\n[SQL")[1]  # hide_parameters on the engine
            event: Any = {"event": "unhandled_error", "exc_info": error}
            for processor in processors:
                event = processor(None, "error", event)
            rendered.append(str(event))
            uvicorn_log.error("Exception in ASGI application", exc_info=error)
    finally:
        uvicorn_log.removeHandler(handler)
    text_out = "\n".join(rendered) + stdlib.getvalue()
    assert SECRET not in text_out and "s3cr3t" not in text_out
    # What identifies the fault is kept: SQLSTATE, statement, stack.
    assert "sqlstate=22P02" in text_out
    assert "sqlstate=22000" in text_out  # the driver's own (argument encoding) error
    assert "[SQL: SELECT CAST(CAST($1 AS text) AS integer)]" in text_out
    assert "_failing_statements" in text_out
