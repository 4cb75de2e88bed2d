"""Long-polls (``wait`` > 0) are parked below FastAPI (app/api/v1/changes_parked.py): the same
answers and the same problem+json errors as the route, and credentials that hold for the life
of the parked request."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import orjson
import pytest
from prometheus_client import REGISTRY
from sqlalchemy import text

from app.db import Database
from app.domain.access.secrets import hash_secret
from app.domain.sync.cursor import CursorCodec
from tests.factories import bearer, make_account, make_shop, make_token
from tests.feed_support import SECRET, commit_change, eventually

ADMITTED = "ordergate_feed_long_polls_admitted_total"


def admitted() -> float:
    return REGISTRY.get_sample_value(ADMITTED) or 0.0


def comparable(r: httpx.Response) -> tuple[int, dict[str, Any], dict[str, str]]:
    """Status, body and headers, less what differs between any two requests."""
    body = orjson.loads(r.content)
    body.pop("request_id", None)
    body.pop("horizon_lag_ms", None)  # kept by the listener: may tick between two requests
    skip = {"x-request-id", "ratelimit", "x-ratelimit-remaining", "x-ratelimit-reset"}
    headers = {k: v for k, v in r.headers.items() if k not in skip and k != "content-length"}
    return r.status_code, body, headers


async def test_a_long_poll_answers_what_the_route_answers(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    h = bearer(await make_token(db, shop_ids=[shop_id]))
    for n in (1, 2, 3):
        await commit_change(db, shop_id, n, 1)
    url = f"/v1/shops/{shop_id}/changes"
    short = await client.get(url, params={"limit": 2}, headers=h)
    before = admitted()
    parked = await client.get(url, params={"limit": 2, "wait": 5}, headers=h)
    assert admitted() == before + 1  # served below FastAPI
    assert short.status_code == parked.status_code == 200, parked.text
    assert comparable(parked) == comparable(short)
    assert parked.headers["content-type"] == "application/json"
    assert int(parked.headers["content-length"]) == len(parked.content)
    assert len(orjson.loads(parked.content)["data"]) == 2


async def _other_shop_token(db: Database) -> str:
    owner = await make_account(db)
    return await make_token(db, shop_ids=[await make_shop(db, owner_id=owner)])


@pytest.mark.parametrize(
    "case",
    [
        "limit=0",
        "limit=abc",
        "types=order.nope",
        "types=%00",
        "cursor=not!base64",
        "cursor=AAAAAAAAAAAAAAAA",
        "no token",
        "bad token",
        "other shop",
        "no changes:read",
        "shop 0",
        "cursor=now",
    ],
)
async def test_a_long_poll_refused_is_refused_as_the_route_refuses_it(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], case: str
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    query = case if "=" in case else ""
    if case == "no token":
        h: dict[str, str] = {}
    elif case == "bad token":
        h = bearer("oga_" + "x" * 40)
    elif case == "other shop":
        h = bearer(await _other_shop_token(db))
    elif case == "no changes:read":
        h = bearer(await make_token(db, shop_ids=[shop_id], scopes=["orders:read"]))
    else:
        h = bearer(token)
    path = f"/v1/shops/{0 if case == 'shop 0' else shop_id}/changes?{query}"
    route = await client.get(f"{path}&wait=0", headers=h)
    before = admitted()
    parked = await client.get(f"{path}&wait=5", headers=h)
    assert admitted() == before  # handed on to the route
    if case == "cursor=now":
        assert parked.status_code == 200
        assert orjson.loads(parked.content)["next_cursor"]
        return
    assert parked.status_code in (400, 401, 403, 404, 422), parked.text
    assert parked.headers["content-type"] == "application/problem+json"
    assert comparable(parked) == comparable(route)


async def _park(client: httpx.AsyncClient, url: str, h: dict[str, str]) -> asyncio.Task[Any]:
    return asyncio.create_task(client.get(url, params={"wait": 30}, headers=h))


async def test_revoking_a_token_ends_its_parked_long_poll_and_only_it(
    app: Any, client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    listener = app.state.change_listener
    await asyncio.wait_for(listener.connected.wait(), 10)
    await asyncio.wait_for(app.state.principal_cache.connected.wait(), 10)
    doomed = await make_token(db, shop_ids=[shop_id])
    kept = await make_token(db, shop_ids=[shop_id])
    head = await client.get(f"/v1/shops/{shop_id}/changes?cursor=now", headers=bearer(kept))
    url = f"/v1/shops/{shop_id}/changes?cursor={head.json()['next_cursor']}"
    parked_before = listener.parked
    ending = await _park(client, url, bearer(doomed))
    staying = await _park(client, url, bearer(kept))
    await eventually(lambda: listener.parked == parked_before + 2, timeout=10, what="2 parked")

    async with db.transaction() as s:  # the trigger notifies every process
        await s.execute(
            text("UPDATE oauth_tokens SET revoked_at = now() WHERE access_token_hash = :h"),
            {"h": hash_secret(doomed)},
        )
    r = await asyncio.wait_for(ending, 10)  # not the 30 s of its wait
    assert r.status_code == 401, r.text
    assert r.json()["code"] == "unauthorized"
    assert 'error="invalid_token"' in r.headers["www-authenticate"]
    assert not staying.done()
    row_id = await commit_change(db, shop_id, 1, 1)
    r = await asyncio.wait_for(staying, 10)
    assert r.status_code == 200 and [c["id"] for c in r.json()["data"]] == [row_id]
    CursorCodec(SECRET).decode(r.json()["next_cursor"], shop_id=shop_id)
