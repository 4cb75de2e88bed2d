"""An open GraphQL WebSocket keeps no rights its token has lost: every operation is authorised
again, and a socket whose token was revoked, expired, or lost a shop (app uninstalled, staff
removed) is closed with 4403. Errors sent over the socket carry ``extensions.code``."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import orjson
import pytest
import websockets
from sqlalchemy import func, update

from app.config import Settings
from app.db import Database
from app.graphql.sockets import MAX_OPERATIONS_PER_SOCKET
from app.main import create_app
from app.models import OAuthToken
from tests.conftest import WS_OPEN_TIMEOUT, graphql_socket, serving
from tests.factories import add_staff, bearer, issue_pair, make_app, make_token
from tests.feed_support import eventually
from tests.integration.orders_support import new_order, v1

pytestmark = pytest.mark.feed


FLAG_ORDER = (
    'mutation($s: Int!, $o: Int!) { flagOrder(shopId: $s, orderId: $o, reason: "check") '
    "{ order { flagged } userErrors { code } } }"
)
CHANGES = 'subscription($s: Int!) { changes(shopId: $s, after: "now") { type } }'


@asynccontextmanager
async def socket_app(settings: Settings, **overrides: Any) -> AsyncIterator[tuple[Any, str]]:
    """A dedicated app (own lifespan, own socket registry) served over real HTTP; its slot
    counts in Redis are its own unless ``ratelimit_key_prefix`` is given."""
    values = {"ratelimit_key_prefix": f"ordergate-test:ws:{uuid.uuid4().hex}", **overrides}
    application = create_app(settings.model_copy(update=values))
    async with application.router.lifespan_context(application), serving(application) as url:
        yield application, url


@pytest.fixture
async def revocable(db: Database, shop: dict[str, int]) -> dict[str, Any]:
    """An app of the shop's owner with its credentials, and an access token it holds."""
    name = f"ws-{uuid.uuid4().hex[:8]}"
    app_id, client_id, secret = await make_app(db, owner_id=shop["owner_id"], name=name)
    pair = await issue_pair(db, shop_ids=[shop["shop_id"]], client_name=name)
    assert secret is not None
    return {"app_id": app_id, "client_id": client_id, "secret": secret, "token": pair.access_token}


async def _send(ws: Any, op_id: str, query: str, variables: dict[str, Any]) -> None:
    payload = {"query": query, "variables": variables}
    await ws.send(orjson.dumps({"id": op_id, "type": "subscribe", "payload": payload}).decode())


async def _message(ws: Any, timeout: float = 30) -> dict[str, Any]:
    message: dict[str, Any] = orjson.loads(await asyncio.wait_for(ws.recv(), timeout))
    return message


async def _close_code(ws: Any, timeout: float = 15) -> int | None:
    """Read until the server closes the socket (bounded); its close code."""
    with pytest.raises(websockets.ConnectionClosed) as closed:
        async with asyncio.timeout(timeout):
            while True:
                await ws.recv()
    return closed.value.rcvd.code if closed.value.rcvd is not None else None


async def _revoke_token(client: httpx.AsyncClient, revocable: dict[str, Any]) -> None:
    r = await client.post(
        "/oauth/revoke",
        data={"token": revocable["token"], "token_type_hint": "access_token"},
        auth=(revocable["client_id"], revocable["secret"]),
    )
    assert r.status_code == 200, r.text


async def test_operations_after_revocation_fail_and_commit_nothing(
    settings: Settings,
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    revocable: dict[str, Any],
) -> None:
    """The token was good at ``connection_init``; once revoked, a mutation sent on the same
    socket is refused with UNAUTHORIZED and writes nothing (the periodic check is slowed
    down here so that the operation itself must notice)."""
    shop_id = shop["shop_id"]
    first, second = [await new_order(client, shop_id, internal_headers) for _ in range(2)]
    async with (
        socket_app(settings, graphql_ws_auth_check_seconds=3600) as (_, url),
        graphql_socket(url, f"Bearer {revocable['token']}") as ws,
    ):
        await _send(ws, "1", FLAG_ORDER, {"s": shop_id, "o": first["id"]})
        done = await _message(ws)
        assert done["payload"]["data"]["flagOrder"]["order"] == {"flagged": True}, done
        assert (await _message(ws))["type"] == "complete"

        await _revoke_token(client, revocable)

        await _send(ws, "2", FLAG_ORDER, {"s": shop_id, "o": second["id"]})
        refused = await _message(ws)
        errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "UNAUTHORIZED", refused
        await _send(ws, "3", "{ me { tokenId } }", {})
        errors = (await _message(ws))["payload"]
        errors = errors if isinstance(errors, list) else errors["errors"]
        assert errors[0]["extensions"]["code"] == "UNAUTHORIZED"
    owner = await make_token(db, shop_ids=[shop_id])
    seen = await client.get(v1(shop_id, f"/orders/{second['id']}"), headers=bearer(owner))
    assert seen.json()["flagged"] is False  # nothing committed


async def _uninstall(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], revocable: dict[str, Any]
) -> None:
    owner = await make_token(db, shop_ids=[shop["shop_id"]], client_name="owner-console")
    r = await client.delete(
        v1(shop["shop_id"], f"/grants/{revocable['app_id']}"), headers=bearer(owner)
    )
    assert r.status_code == 204, r.text


async def _expire(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], revocable: dict[str, Any]
) -> None:
    async with db.transaction() as s:
        await s.execute(
            update(OAuthToken)
            .where(OAuthToken.client_id == revocable["app_id"])
            .values(access_expires_at=func.now())
        )


async def _revoked(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], revocable: dict[str, Any]
) -> None:
    await _revoke_token(client, revocable)


Loss = Callable[[httpx.AsyncClient, Database, dict[str, int], dict[str, Any]], Awaitable[None]]


@pytest.mark.parametrize(
    "lose", [_revoked, _expire, _uninstall], ids=["revoked", "expired", "uninstalled"]
)
async def test_a_socket_that_lost_its_rights_is_closed_with_4403(
    settings: Settings,
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    revocable: dict[str, Any],
    lose: Loss,
) -> None:
    async with (
        socket_app(settings, graphql_ws_auth_check_seconds=0.2) as (_, url),
        graphql_socket(url, f"Bearer {revocable['token']}") as ws,
    ):
        await _send(ws, "live", CHANGES, {"s": shop["shop_id"]})
        # The subscription is running (a query after it on the same socket is answered).
        await _send(ws, "q", "{ me { tokenId } }", {})
        answer = await _message(ws)
        assert answer["id"] == "q" and answer["type"] == "next", answer
        await lose(client, db, shop, revocable)
        assert await _close_code(ws) == 4403


async def test_staff_removed_from_the_shop_closes_the_socket(
    settings: Settings, client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    staff = await add_staff(db, shop_id=shop_id, role="viewer")
    token = await make_token(db, shop_ids=[shop_id], account_id=staff, client_name="staff-app")
    owner = await make_token(db, shop_ids=[shop_id], client_name="owner-console")
    async with (
        socket_app(settings, graphql_ws_auth_check_seconds=0.2) as (_, url),
        graphql_socket(url, f"Bearer {token}") as ws,
    ):
        await _send(ws, "live", CHANGES, {"s": shop_id})
        await _send(ws, "q", "{ me { tokenId } }", {})
        assert (await _message(ws))["id"] == "q"
        removed = await client.delete(v1(shop_id, f"/staff/{staff}"), headers=bearer(owner))
        assert removed.status_code == 204, removed.text
        assert await _close_code(ws) == 4403


async def test_a_socket_whose_token_keeps_its_rights_stays_open(
    settings: Settings, db: Database, shop: dict[str, int]
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    async with (
        socket_app(settings, graphql_ws_auth_check_seconds=0.05) as (application, url),
        graphql_socket(url, f"Bearer {token}") as ws,
    ):
        registry = application.state.graphql_sockets
        checks = registry.checks
        # Several periodic checks pass (each re-reads every open socket's rights)...
        await eventually(lambda: registry.checks >= checks + 3, what="3 periodic checks")
        # ...and the socket still answers.
        await _send(ws, "q", "{ me { tokenId } }", {})
        assert (await _message(ws))["type"] == "next"


async def test_errors_over_the_websocket_carry_codes(
    served_url: str, db: Database, shop: dict[str, int]
) -> None:
    """The same ``extensions.code`` as over HTTP: for errors in results and for operations
    refused before execution."""
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    async with graphql_socket(served_url, f"Bearer {token}") as ws:
        await _send(ws, "1", "query($s: Int!) { shop(id: $s) { name } }", {"s": 2**30})
        missing = await _message(ws)
        assert missing["type"] == "next", missing
        assert missing["payload"]["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        assert (await _message(ws))["type"] == "complete"

        await _send(ws, "2", "{ nope }", {})
        invalid = await _message(ws)
        assert invalid["type"] == "error", invalid
        assert invalid["payload"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"

        await _send(
            ws, "3", "subscription($s: Int!) { changes(shopId: $s) { type } }", {"s": 2**30}
        )
        refused = await _message(ws)
        errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "NOT_FOUND", refused


async def _token_id(ws: Any) -> int:
    await _send(ws, "me", "{ me { tokenId } }", {})
    answer = await _message(ws)
    assert (await _message(ws))["type"] == "complete"
    token_id: int = answer["payload"]["data"]["me"]["tokenId"]
    return token_id


async def test_open_subscriptions_per_token_are_capped(
    settings: Settings, db: Database, shop: dict[str, int]
) -> None:
    """Across the token's sockets; a completed subscription gives its slot back."""
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    variables = {"s": shop["shop_id"]}
    async with (
        socket_app(settings, graphql_max_subscriptions_per_token=2) as (application, url),
        graphql_socket(url, f"Bearer {token}") as one,
        graphql_socket(url, f"Bearer {token}") as two,
    ):
        registry = application.state.graphql_sockets
        token_id = await _token_id(one)
        await _send(one, "a", CHANGES, variables)
        await _send(two, "b", CHANGES, variables)
        await eventually(lambda: registry.open_subscriptions(token_id) == 2, what="2 running")

        await _send(two, "c", CHANGES, variables)
        refused = await _message(two)
        assert refused["id"] == "c", refused
        errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS", refused
        assert registry.open_subscriptions(token_id) == 2

        await one.send(orjson.dumps({"id": "a", "type": "complete"}).decode())
        await eventually(lambda: registry.open_subscriptions(token_id) == 1, what="slot freed")
        await _send(two, "d", CHANGES, variables)
        await eventually(lambda: registry.open_subscriptions(token_id) == 2, what="d running")


async def test_open_sockets_per_token_are_capped(
    settings: Settings, db: Database, shop: dict[str, int]
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    other = await make_token(db, shop_ids=[shop["shop_id"]])
    async with socket_app(settings, graphql_max_sockets_per_token=2) as (application, url):
        async with (
            graphql_socket(url, f"Bearer {token}") as first,
            graphql_socket(url, f"Bearer {token}"),
        ):
            token_id = await _token_id(first)
            registry = application.state.graphql_sockets
            assert registry.open_sockets(token_id) == 2
            ws_url = url.replace("http://", "ws://") + "/graphql"
            async with websockets.connect(
                ws_url, subprotocols=["graphql-transport-ws"], open_timeout=WS_OPEN_TIMEOUT
            ) as third:
                init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
                await third.send(orjson.dumps(init).decode())
                assert await _close_code(third) == 4429  # never acknowledged
            async with graphql_socket(url, f"Bearer {other}"):
                pass  # another token has its own cap
        await eventually(lambda: registry.open_sockets(token_id) == 0, what="sockets closed")
        async with graphql_socket(url, f"Bearer {token}") as again:
            assert await _token_id(again) == token_id


async def test_operations_in_flight_on_one_socket_are_capped_with_a_code(
    settings: Settings, db: Database, shop: dict[str, int]
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    idle = "subscription { orderCreated(shopIds: []) { orderNo } }"  # waits, reads nothing
    async with (
        # No periodic check during the test: it would hold a connection while it runs.
        socket_app(
            settings, graphql_max_subscriptions_per_token=1000, graphql_ws_auth_check_seconds=3600
        ) as (application, url),
        graphql_socket(url, f"Bearer {token}") as ws,
    ):
        token_id = await _token_id(ws)
        registry = application.state.graphql_sockets
        for n in range(MAX_OPERATIONS_PER_SOCKET):
            await _send(ws, str(n), idle, {})
        await eventually(
            lambda: registry.open_subscriptions(token_id) == MAX_OPERATIONS_PER_SOCKET,
            what="all running",
        )
        # Checking their token left no transaction open: no connection, no snapshot held.
        assert application.state.db.engine.pool.checkedout() == 0
        await _send(ws, "one-more", idle, {})
        refused = await _message(ws)
        assert refused["id"] == "one-more" and refused["type"] == "error", refused
        assert refused["payload"][0]["extensions"]["code"] == "TOO_MANY_OPERATIONS"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="counted across processes in Redis")
async def test_the_socket_cap_holds_across_server_processes(
    settings: Settings, db: Database, shop: dict[str, int]
) -> None:
    """Two app instances sharing one Redis (two workers): one cap for the token in all."""
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    shared = {
        "graphql_max_sockets_per_token": 1,
        "ratelimit_key_prefix": f"ordergate-test:ws:{uuid.uuid4().hex}",
    }
    async with (
        socket_app(settings, **shared) as (_, one),
        socket_app(settings, **shared) as (_, two),
        graphql_socket(one, f"Bearer {token}"),
    ):
        ws_url = two.replace("http://", "ws://") + "/graphql"
        async with websockets.connect(
            ws_url, subprotocols=["graphql-transport-ws"], open_timeout=WS_OPEN_TIMEOUT
        ) as other:
            init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
            await other.send(orjson.dumps(init).decode())
            assert await _close_code(other) == 4429


async def test_slot_store_down_fails_open_or_closed_like_the_throttle(
    settings: Settings, db: Database, shop: dict[str, int]
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    down = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    async with (
        socket_app(settings, redis_url=down) as (_, url),
        graphql_socket(url, f"Bearer {token}") as ws,
    ):
        await _send(ws, "live", CHANGES, {"s": shop["shop_id"]})
        assert await _token_id(ws)  # served, uncounted
    async with socket_app(settings, redis_url=down, ratelimit_fail_closed=True) as (_, url):
        ws_url = url.replace("http://", "ws://") + "/graphql"
        async with websockets.connect(
            ws_url, subprotocols=["graphql-transport-ws"], open_timeout=WS_OPEN_TIMEOUT
        ) as refused:
            init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
            await refused.send(orjson.dumps(init).decode())
            assert await _close_code(refused) == 1013  # try again later


async def test_a_subscription_over_the_cost_limit_never_starts(
    settings: Settings, db: Database, shop: dict[str, int]
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    costly = (
        "subscription($s: [Int!]!) { orderCreated(shopIds: $s) { buyer { id } items { title } } }"
    )
    async with (
        socket_app(settings, graphql_max_cost=2) as (application, url),
        graphql_socket(url, f"Bearer {token}") as ws,
    ):
        token_id = await _token_id(ws)
        await _send(ws, "costly", costly, {"s": [shop["shop_id"]]})  # 1 + 1 + 1 = 3 points
        refused = await _message(ws)
        errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "MAX_COST_EXCEEDED", refused
        assert errors[0]["extensions"]["cost"] == {"requested": 3, "limit": 2}
        assert (await _message(ws)) == {"id": "costly", "type": "complete"}
        assert application.state.graphql_sockets.open_subscriptions(token_id) == 0
