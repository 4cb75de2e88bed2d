"""GraphQL input that must be refused cheaply, never with a 5xx or a frozen process: fragment
explosions (over HTTP and the WebSocket), malformed request bodies, integers beyond 64 bits."""

from __future__ import annotations

import asyncio
import json
import signal
import threading
from collections.abc import Awaitable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import httpx
import orjson
import pytest

from app.db import Database
from bench.graphql_validation import spread_many
from tests.conftest import graphql_socket
from tests.factories import bearer, make_token
from tests.integration.test_graphql import count_statements, gql

T = TypeVar("T")

# Generous: the check answers in milliseconds; this only turns a regression (an expansion that
# freezes the event loop for minutes) into a failure instead of a hung suite.
TIMEOUT = 60.0


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt the main thread after ``seconds`` even while CPU-bound code holds the event
    loop (the app under test runs in this loop, where ``wait_for`` alone cannot fire)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


async def bounded(work: Awaitable[T]) -> T:
    with _alarm(TIMEOUT + 5):
        return await asyncio.wait_for(work, TIMEOUT)


def fragment_bomb(levels: int) -> str:
    """~40 bytes per level: F_i spreads F_{i-1} twice, so the operation expands to 2^levels
    selections of ``me``."""
    lines = [f"query Bomb {{ ...F{levels} }}", "fragment F0 on Query { me { tokenId } }"]
    lines += [f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels + 1)]
    return "\n".join(lines)


async def _token(db: Database, shop: dict[str, int]) -> str:
    return await make_token(db, shop_ids=[shop["shop_id"]])


@pytest.mark.parametrize("levels", [20, 24])
async def test_fragment_explosion_is_refused_before_validation_over_http(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], levels: int
) -> None:
    token = await _token(db, shop)
    query = fragment_bomb(levels)
    assert len(query) < 1200
    with count_statements(db) as statements:
        body = await bounded(gql(client, token, query))
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX", body
    assert error["extensions"]["problem"] == "query_too_complex"
    assert error["extensions"]["selections"] == {"limit": 2000}
    # Only the principal lookup ran: no resolver, and nothing charged.
    assert all("oauth_tokens" in s or "shop_members" in s for s in statements), statements


@pytest.mark.parametrize("levels", [20, 24])
async def test_fragment_explosion_is_refused_over_the_websocket(
    served_url: str, db: Database, shop: dict[str, int], levels: int
) -> None:
    token = await _token(db, shop)

    async def run() -> dict[str, Any]:
        async with graphql_socket(served_url, f"Bearer {token}") as ws:
            payload = {"query": fragment_bomb(levels)}
            await ws.send(
                orjson.dumps({"id": "1", "type": "subscribe", "payload": payload}).decode()
            )
            message: dict[str, Any] = orjson.loads(await ws.recv())
            return message

    message = await bounded(run())
    assert message["type"] == "error", message
    assert [e["extensions"]["code"] for e in message["payload"]] == ["QUERY_TOO_COMPLEX"]


async def test_fragments_within_the_limit_run_and_cost_what_they_expand_to(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    """The memoised cost is the expanded document's cost: 2^5 spreads of ``me`` (1 point each)
    cost 32 though ``me`` is resolved once."""
    token = await _token(db, shop)
    body = await bounded(gql(client, token, fragment_bomb(5)))
    assert "errors" not in body, body
    assert body["data"]["me"]["tokenId"] is not None
    assert body["extensions"]["cost"]["requested"] == 32


async def test_fragment_cycles_are_still_validation_errors(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    token = await _token(db, shop)
    query = (
        "query { ...A } fragment A on Query { me { tokenId } ...B } "
        "fragment B on Query { ...A ...B }"
    )
    body = await bounded(gql(client, token, query))
    codes = {e["extensions"]["code"] for e in body["errors"]}
    assert codes == {"GRAPHQL_VALIDATION_FAILED"}, body
    assert any("within itself" in e["message"] for e in body["errors"]), body


# -- same-named fields and many fragments ------------------------------------------------------

# Legal and under every limit, yet graphql-core's overlapping-fields rule compared every pair
# of same-named fields and of spread fragments: seconds each, and past its comparison budget a
# refusal ("Validation aborted.") of a valid document.
REPEATED = {
    "1990_x_tokenId": "{ me { " + "tokenId " * 1990 + "} }",
    "660_x_me": "{ " + "me { tokenId } " * 660 + "}",
    "300_distinct_fragments": spread_many(300),
}


@pytest.mark.parametrize("query", REPEATED.values(), ids=list(REPEATED))
async def test_repeated_fields_and_many_fragments_are_validated_and_run(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], query: str
) -> None:
    token = await _token(db, shop)
    body = await bounded(gql(client, token, query))
    assert "errors" not in body, body
    assert body["data"]["me"]["tokenId"] is not None


CONFLICTING = {
    "different_fields": "{ me { x: tokenId x: appId } }",
    "differing_arguments": "{ shop(id: 1) { id } shop(id: 2) { id } }",
    "through_fragments": "{ ...A ...B } fragment A on Query { me { x: tokenId } } "
    "fragment B on Query { me { x: appId } }",
    "through_inline_fragments": "{ ... on Query { me { x: tokenId } } ... { me { x: scopes } } }",
    "nested": "{ me { shops { x: id } } me { shops { x: name } } }",
    "among_659_duplicates": "{ " + "me { tokenId } " * 659 + "me { tokenId: appId } }",
}


@pytest.mark.parametrize("query", CONFLICTING.values(), ids=list(CONFLICTING))
async def test_fields_that_cannot_merge_are_validation_errors(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], query: str
) -> None:
    token = await _token(db, shop)
    body = await bounded(gql(client, token, query))
    assert body["data"] is None, body
    assert {e["extensions"]["code"] for e in body["errors"]} == {"GRAPHQL_VALIDATION_FAILED"}
    assert all(" conflict because " in e["message"] for e in body["errors"]), body


# -- malformed bodies ------------------------------------------------------------------------

QUERY = "{ me { tokenId } }"
DEEP = 1000


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


MALFORMED: dict[str, bytes] = {
    "nested_arrays_1000": _nested(DEEP),
    "nested_objects_1000": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    "nested_100000": _nested(100_000),
    "nested_in_variables": orjson.dumps({"query": QUERY, "variables": {"v": 1}}).replace(
        b"1", _nested(DEEP)
    ),
    "bare_string": orjson.dumps(QUERY),
    "array": orjson.dumps([{"query": QUERY}]),
    "number": b"42",
    "null": b"null",
    "true": b"true",
    "variables_array": orjson.dumps({"query": QUERY, "variables": [1]}),
    "variables_string": orjson.dumps({"query": QUERY, "variables": "{}"}),
    "query_number": orjson.dumps({"query": 42}),
    "query_object": orjson.dumps({"query": {"q": QUERY}}),
    "query_missing": orjson.dumps({"variables": {}}),
    "operation_name_number": orjson.dumps({"query": QUERY, "operationName": 7}),
    "extensions_array": orjson.dumps({"query": QUERY, "extensions": [1]}),
    "truncated": b'{"query": ',
    "empty": b"",
    "not_utf8": b'{"query": "\xff\xfe"}',
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=list(MALFORMED))
async def test_malformed_bodies_are_400_problems(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], body: bytes
) -> None:
    token = await _token(db, shop)
    headers = {**bearer(token), "Content-Type": "application/json"}
    r = await bounded(client.post("/graphql", content=body, headers=headers))
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("application/problem+json"), r.text
    problem = r.json()
    assert problem["code"] == "bad_request"
    assert problem["status"] == 400 and problem["detail"] and problem["request_id"]


# -- integers beyond 64 bits -----------------------------------------------------------------

HUGE = [2**31, 2**63, 10**20, 2**64 + 1, -(10**30)]
UPDATE = (
    'mutation($s: Int!, $o: Int!, $v: Int) { flagOrder(shopId: $s, orderId: $o, reason: "x", '
    "expectedVersion: $v) { order { flagged } userErrors { code } } }"
)


@pytest.mark.parametrize("huge", HUGE)
async def test_integers_beyond_64_bits_are_validation_errors(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], huge: int
) -> None:
    token = await _token(db, shop)
    sid = shop["shop_id"]
    cases: list[tuple[str, dict[str, Any]]] = [
        (UPDATE, {"s": sid, "o": 1, "v": huge}),
        (UPDATE, {"s": sid, "o": huge, "v": 1}),
        (UPDATE, {"s": huge, "o": 1}),
        (UPDATE.replace("$v)", f"{huge})").replace(", $v: Int", ""), {"s": sid, "o": 1}),
        (f"{{ shop(id: {huge}) {{ id }} }}", {}),
        ("query($f: Int) { orders(first: $f) { nodes { id } } }", {"f": huge}),
        (
            "query($m: Int) { orders(filter: { minPaid: $m }) { nodes { id } } }",
            {"m": huge},
        ),
    ]
    for query, variables in cases:
        with count_statements(db) as statements:
            r = await client.post(
                "/graphql",
                # json, not orjson: orjson refuses to encode integers beyond 64 bits.
                content=json.dumps({"query": query, "variables": variables}),
                headers={**bearer(token), "Content-Type": "application/json"},
            )
        assert r.status_code < 500, r.text
        body = r.json()
        codes = [e["extensions"]["code"] for e in body["errors"]]
        assert codes and set(codes) == {"GRAPHQL_VALIDATION_FAILED"}, (query, variables, body)
        assert all("oauth_tokens" in s or "shop_members" in s for s in statements), statements


async def test_cost_reads_the_coerced_variables(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    """Variables are coerced before the estimate: a default page size is the one executed."""
    token = await _token(db, shop)
    query = "query($n: Int = 100) { orders(first: $n) { nodes { orderNo buyer { id } } } }"
    body = await gql(client, token, query)
    assert body["extensions"]["cost"]["requested"] == 1 + 100 * (1 + 1), body
