"""GET /v1/shops/{id}/changes and /sync-status through the real ASGI app and real tokens."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import orjson
import pytest
from pydantic import TypeAdapter

from app.db import Database
from app.domain.sync.bulk import ROWS_SQL, STREAM_SETTINGS
from app.domain.sync.epoch import reset_epoch
from app.domain.sync.schemas import BulkTrailer, Change
from app.pg_copy import driver_connection
from tests.conftest import order_payload
from tests.factories import bearer, make_shop, make_token
from tests.feed_support import eventually, write_change

pytestmark = pytest.mark.feed


def url(shop_id: int, path: str = "changes") -> str:
    return f"/v1/shops/{shop_id}/{path}"


async def ingest(client: httpx.AsyncClient, shop_id: int, h: dict[str, str]) -> dict[str, Any]:
    r = await client.post(f"/internal/v1/shops/{shop_id}/orders", json=order_payload(), headers=h)
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def follow(
    client: httpx.AsyncClient, shop_id: int, h: dict[str, str], count: int
) -> dict[str, Any]:
    """Long-poll from the start until ``count`` changes arrived (another database's running
    transaction may hold the cluster-wide horizon for a while: the feed stalls, never skips)."""
    data: list[dict[str, Any]] = []
    params: dict[str, Any] = {"wait": 10}
    async with asyncio.timeout(120):
        while len(data) < count:
            r = await client.get(url(shop_id), params=params, headers=h)
            assert r.status_code == 200, r.text
            body: dict[str, Any] = r.json()
            data += body["data"]
            params["cursor"] = body["next_cursor"]
    return {**body, "data": data}


async def test_feed_pages_with_masking_and_head_cursor(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    full = bearer(await make_token(db, shop_ids=[shop_id]))
    no_pii = bearer(await make_token(db, shop_ids=[shop_id], scopes=["changes:read"]))
    order = await ingest(client, shop_id, internal_headers)
    paid = await client.post(
        f"/internal/v1/shops/{shop_id}/orders/{order['id']}/pay",
        json={"pay_method": "alipay"},
        headers=internal_headers,
    )
    assert paid.status_code == 200

    body = await follow(client, shop_id, full, 2)
    assert set(body) == {"data", "next_cursor", "has_more", "horizon_lag_ms", "caught_up"}
    assert [c["type"] for c in body["data"]] == ["order.created", "order.paid"]
    first = body["data"][0]
    assert set(first) == {
        "id", "type", "entity", "entity_id", "entity_version", "created_at", "data",
    }  # fmt: skip
    assert first["entity"] == "order" and first["entity_id"] == order["id"]
    assert first["data"]["receiver"]["phone"] == "13812341234"
    assert body["has_more"] is False

    masked = (await client.get(url(shop_id), headers=no_pii)).json()
    assert masked["data"][0]["data"]["receiver"]["phone"] == "138****1234"
    assert masked["data"][0]["data"]["receiver"]["masked"] is True

    page = (await client.get(url(shop_id), params={"limit": 1}, headers=full)).json()
    assert len(page["data"]) == 1 and page["has_more"] is True
    rest = await client.get(url(shop_id), params={"cursor": page["next_cursor"]}, headers=full)
    assert [c["type"] for c in rest.json()["data"]] == ["order.paid"]

    filtered = await client.get(url(shop_id), params={"types": "order.paid"}, headers=full)
    assert [c["type"] for c in filtered.json()["data"]] == ["order.paid"]

    head = (await client.get(url(shop_id), params={"cursor": "now"}, headers=full)).json()
    assert head["data"] == [] and head["has_more"] is False
    after_head = await client.get(
        url(shop_id), params={"cursor": head["next_cursor"]}, headers=full
    )
    assert after_head.json()["data"] == []


async def test_long_poll_over_http_wakes_on_ingest(
    app: Any,
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    h = bearer(await make_token(db, shop_ids=[shop_id]))
    head = (await client.get(url(shop_id), params={"cursor": "now"}, headers=h)).json()
    listener = app.state.change_listener
    parked = listener.parked
    checked_out = db.engine.pool.checkedout()
    poll = asyncio.create_task(
        client.get(url(shop_id), params={"cursor": head["next_cursor"], "wait": 30}, headers=h)
    )
    await eventually(lambda: listener.parked > parked, timeout=10, what="request parked")
    # A parked request holds no database connection.
    assert db.engine.pool.checkedout() <= checked_out
    order = await ingest(client, shop_id, internal_headers)
    r = await asyncio.wait_for(poll, 60)
    assert [c["entity_id"] for c in r.json()["data"]] == [order["id"]]

    expired = await client.get(
        url(shop_id), params={"cursor": r.json()["next_cursor"], "wait": 0.2}, headers=h
    )
    assert expired.status_code == 200 and expired.json()["data"] == []


async def test_cursor_errors_are_problems(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    other_shop = await make_shop(db, owner_id=shop["owner_id"])
    h = bearer(await make_token(db, shop_ids=[shop_id, other_shop]))
    await ingest(client, shop_id, internal_headers)
    cursor = (await follow(client, shop_id, h, 1))["next_cursor"]

    tampered = cursor[:-2] + ("AA" if cursor[-2:] != "AA" else "BB")
    for bad in (tampered, "not-a-cursor", "x" * 128):
        r = await client.get(url(shop_id), params={"cursor": bad}, headers=h)
        assert r.status_code == 400, r.text
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] == "invalid_cursor"

    cross = await client.get(url(other_shop), params={"cursor": cursor}, headers=h)
    assert cross.status_code == 400 and cross.json()["code"] == "invalid_cursor"

    # Outside the documented alphabet (base64url): refused by the schema, naming the parameter.
    for path in (url(shop_id), url(shop_id, "changes/bulk")):
        r = await client.get(path, params={"cursor": "\x1a\u0095/+="}, headers=h)
        assert r.status_code == 422 and r.json()["code"] == "validation_error", r.text
        assert r.json()["errors"][0]["loc"] == ["query", "cursor"]

    for params in ({"limit": 0}, {"limit": 1001}, {"wait": 61}, {"types": "order.exploded"}):
        r = await client.get(url(shop_id), params=params, headers=h)
        assert r.status_code == 422 and r.json()["code"] == "validation_error", params

    await reset_epoch(db)
    gone = await client.get(url(shop_id), params={"cursor": cursor}, headers=h)
    assert gone.status_code == 410
    problem = gone.json()
    assert problem["code"] == "cursor_expired"
    assert problem["resync"]["head_cursor"] == f"/v1/shops/{shop_id}/changes?cursor=now"


async def test_auth_scope_and_visibility(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    assert (await client.get(url(shop_id))).status_code == 401
    orders_only = bearer(await make_token(db, shop_ids=[shop_id], scopes=["orders:read"]))
    r = await client.get(url(shop_id), headers=orders_only)
    assert r.status_code == 403 and r.json()["code"] == "insufficient_scope"
    stranger_shop = await make_shop(db, owner_id=shop["owner_id"])
    mine = bearer(await make_token(db, shop_ids=[shop_id]))
    assert (await client.get(url(stranger_shop), headers=mine)).status_code == 404
    assert (await client.get(url(stranger_shop, "sync-status"), headers=mine)).status_code == 404


async def test_sync_status_and_metrics(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    h = bearer(await make_token(db, shop_ids=[shop_id]))
    empty = (await client.get(url(shop_id, "sync-status"), headers=h)).json()
    assert empty["oldest_retained_change"] is None and empty["changes_last_minute"] == 0
    await ingest(client, shop_id, internal_headers)
    r = await client.get(url(shop_id, "sync-status"), headers=h)
    assert r.status_code == 200
    status = r.json()
    assert status["changes_last_minute"] == 1
    assert status["oldest_retained_change"]["id"] > 0
    assert status["horizon_lag_ms"] >= 0
    head = await client.get(url(shop_id), params={"cursor": status["head_cursor"]}, headers=h)
    assert head.status_code == 200
    metrics = (await client.get("/metrics")).text
    assert "ordergate_feed_horizon_lag_ms" in metrics
    assert "ordergate_feed_listener_connected" in metrics


CHANGE = TypeAdapter(Change)
TRAILER = TypeAdapter(BulkTrailer)


async def bulk(
    client: httpx.AsyncClient, shop_id: int, h: dict[str, str], **params: Any
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """GET /changes/bulk: the change lines and the trailer line."""
    r = await client.get(url(shop_id, "changes/bulk"), params=params, headers=h)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/x-ndjson")
    *changes, trailer = [orjson.loads(line) for line in r.content.splitlines()]
    assert set(trailer) == {"next_cursor", "count"} and trailer["count"] == len(changes)
    # Each line is what the OpenAPI line schema says (ChangeStreamLine: Change, then the
    # trailer), with no undocumented member: the COPY writes them, not the read model.
    for line in changes:
        CHANGE.validate_python(line)
    TRAILER.validate_python(trailer)
    return changes, trailer


async def test_bulk_stream_is_the_paged_feed_in_one_response(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    h = bearer(await make_token(db, shop_ids=[shop_id]))
    no_pii = bearer(await make_token(db, shop_ids=[shop_id], scopes=["changes:read"]))
    orders = [await ingest(client, shop_id, internal_headers) for _ in range(3)]
    paid = await client.post(
        f"/internal/v1/shops/{shop_id}/orders/{orders[0]['id']}/pay",
        json={"pay_method": "alipay"},
        headers=internal_headers,
    )
    assert paid.status_code == 200
    paged = (await follow(client, shop_id, h, 4))["data"]  # all four are below the horizon now

    changes, trailer = await bulk(client, shop_id, h)
    assert changes == paged  # same rows, order, created_at format and stored data

    # From a cursor in the middle, and a types filter, exactly like the paged feed.
    middle = (await client.get(url(shop_id), params={"limit": 2}, headers=h)).json()
    rest, _ = await bulk(client, shop_id, h, cursor=middle["next_cursor"])
    assert rest == paged[2:]
    only_paid, _ = await bulk(client, shop_id, h, types="order.paid")
    assert only_paid == [c for c in paged if c["type"] == "order.paid"]

    # Without orders:read_pii the lines are masked as the paged feed masks them.
    masked_paged = (await follow(client, shop_id, no_pii, 4))["data"]
    masked, _ = await bulk(client, shop_id, no_pii)
    assert masked == masked_paged and masked != paged

    # The trailer's cursor continues with the paged feed: only what came after.
    newer = await ingest(client, shop_id, internal_headers)
    r = await client.get(
        url(shop_id), params={"cursor": trailer["next_cursor"], "wait": 10}, headers=h
    )
    assert [c["entity_id"] for c in r.json()["data"]] == [newer["id"]]


async def slices(
    client: httpx.AsyncClient, shop_id: int, h: dict[str, str], **params: Any
) -> dict[str, Any]:
    r = await client.get(url(shop_id, "changes/bulk/slices"), params=params, headers=h)
    assert r.status_code == 200, r.text
    plan: dict[str, Any] = r.json()
    return plan


async def sliced(
    client: httpx.AsyncClient, shop_id: int, h: dict[str, str], plan: dict[str, Any]
) -> list[list[dict[str, Any]]]:
    """Every slice of the plan, streamed at once; each ends with its own ``until``."""

    async def one(part: dict[str, Any]) -> list[dict[str, Any]]:
        params = {"until": part["until"]} | ({"cursor": part["cursor"]} if part["cursor"] else {})
        changes, trailer = await bulk(client, shop_id, h, **params)
        assert trailer["next_cursor"] == part["until"]
        return changes

    return list(await asyncio.gather(*(one(part) for part in plan["data"])))


async def test_bulk_slices_are_disjoint_complete_and_the_feed_goes_on_after_them(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    h = bearer(await make_token(db, shop_ids=[shop_id]))
    no_pii = bearer(await make_token(db, shop_ids=[shop_id], scopes=["changes:read"]))
    for _ in range(7):
        await ingest(client, shop_id, internal_headers)
    paged = (await follow(client, shop_id, h, 7))["data"]  # all seven below the horizon

    plan = await slices(client, shop_id, h, slices=3)
    assert [p["count"] for p in plan["data"]] == [3, 3, 1] and plan["count"] == 7
    assert plan["data"][0]["cursor"] is None
    for before, after in zip(plan["data"], plan["data"][1:], strict=False):
        assert after["cursor"] == before["until"]  # consecutive: each starts where one ends
    assert plan["next_cursor"] == plan["data"][-1]["until"]
    parts = await sliced(client, shop_id, h, plan)
    assert [len(p) for p in parts] == [3, 3, 1]
    assert [c for part in parts for c in part] == paged
    masked_parts = await sliced(client, shop_id, no_pii, plan)
    masked_paged = (await follow(client, shop_id, no_pii, 7))["data"]
    assert [c for part in masked_parts for c in part] == masked_paged != paged

    # More slices than changes: one change each. From a cursor: only what follows it.
    assert [p["count"] for p in (await slices(client, shop_id, h, slices=20))["data"]] == [1] * 7
    middle = (await client.get(url(shop_id), params={"limit": 5}, headers=h)).json()
    rest = await slices(client, shop_id, h, slices=2, cursor=middle["next_cursor"])
    assert rest["data"][0]["cursor"] == middle["next_cursor"]
    assert [c for part in await sliced(client, shop_id, h, rest) for c in part] == paged[5:]

    # The feed continues from the plan's cursor with what came after, nothing before.
    newer = await ingest(client, shop_id, internal_headers)
    r = await client.get(
        url(shop_id), params={"cursor": plan["next_cursor"], "wait": 10}, headers=h
    )
    assert [c["entity_id"] for c in r.json()["data"]] == [newer["id"]]


async def test_bulk_slices_while_writers_run_miss_nothing_and_repeat_nothing(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    """Slices planned and streamed while orders keep arriving, then the feed followed from the
    plan's cursor until the writers stop: exactly the feed's changes, each once, in order."""
    shop_id = shop["shop_id"]
    h = bearer(await make_token(db, shop_ids=[shop_id]))
    for _ in range(12):
        await ingest(client, shop_id, internal_headers)
    stop = asyncio.Event()
    written = 12

    async def writer() -> None:
        nonlocal written
        while not stop.is_set():
            await ingest(client, shop_id, internal_headers)
            written += 1

    task = asyncio.create_task(writer())
    try:
        await eventually(lambda: written >= 16, what="writes under way")
        plan = await slices(client, shop_id, h, slices=4)
        copied = [c for part in await sliced(client, shop_id, h, plan) for c in part]
        await eventually(lambda: written >= 16 + 5, what="writes after the plan")
    finally:
        stop.set()
        await task
    followed: list[dict[str, Any]] = []
    cursor = plan["next_cursor"]

    async def caught_up() -> bool:
        nonlocal cursor
        body = (await client.get(url(shop_id), params={"cursor": cursor}, headers=h)).json()
        followed.extend(body["data"])
        cursor = body["next_cursor"]
        return len(copied) + len(followed) >= written and body["caught_up"]

    await eventually(caught_up, timeout=120, what="the feed after the slices")
    everything = (await follow(client, shop_id, h, written))["data"]
    assert [c["id"] for c in copied + followed] == [c["id"] for c in everything]
    assert len(everything) == written


async def test_bulk_stream_errors(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    h = bearer(await make_token(db, shop_ids=[shop_id]))
    await ingest(client, shop_id, internal_headers)
    cursor = (await follow(client, shop_id, h, 1))["next_cursor"]
    path = url(shop_id, "changes/bulk")

    orders_only = bearer(await make_token(db, shop_ids=[shop_id], scopes=["orders:read"]))
    r = await client.get(path, headers=orders_only)
    assert r.status_code == 403 and r.json()["code"] == "insufficient_scope"
    r = await client.get(path, params={"cursor": cursor[:-2] + "AA"}, headers=h)
    assert r.status_code == 400 and r.json()["code"] == "invalid_cursor"
    r = await client.get(path, params={"cursor": "now"}, headers=h)
    assert r.status_code == 422 and r.json()["code"] == "validation_error"
    r = await client.get(path, params={"until": "now"}, headers=h)
    assert r.status_code == 422 and r.json()["code"] == "validation_error"
    r = await client.get(path, params={"until": cursor[:-2] + "AA"}, headers=h)
    assert r.status_code == 400 and r.json()["code"] == "invalid_cursor"
    plan_path = url(shop_id, "changes/bulk/slices")
    for bad in (0, 33):
        r = await client.get(plan_path, params={"slices": bad}, headers=h)
        assert r.status_code == 422 and r.json()["code"] == "validation_error"
    r = await client.get(plan_path, headers=orders_only)
    assert r.status_code == 403 and r.json()["code"] == "insufficient_scope"

    await reset_epoch(db)
    r = await client.get(path, params={"cursor": cursor}, headers=h)
    assert r.status_code == 410 and r.json()["code"] == "cursor_expired"
    r = await client.get(path, params={"until": cursor}, headers=h)
    assert r.status_code == 410 and r.json()["code"] == "cursor_expired"
    r = await client.get(plan_path, params={"cursor": cursor}, headers=h)
    assert r.status_code == 410 and r.json()["code"] == "cursor_expired"


async def test_caught_up_is_false_while_anything_committed_is_still_to_come(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    h = bearer(await make_token(db, shop_ids=[shop_id]))
    for _ in range(3):
        await ingest(client, shop_id, internal_headers)
    await follow(client, shop_id, h, 3)  # all three are below the horizon now

    first = (await client.get(url(shop_id), params={"limit": 2}, headers=h)).json()
    assert len(first["data"]) == 2 and first["has_more"] and not first["caught_up"]
    cursor = first["next_cursor"]

    async def rest_is_caught_up() -> bool:
        # Another test's transaction elsewhere on the cluster may hold the horizon a moment.
        body = (await client.get(url(shop_id), params={"cursor": cursor}, headers=h)).json()
        return len(body["data"]) == 1 and body["caught_up"] is True

    await eventually(rest_is_caught_up, what="the last page caught up")

    # A committed change waiting behind an open older transaction: not caught up, on a page
    # and on the head cursor alike.
    last = (await client.get(url(shop_id), params={"cursor": cursor}, headers=h)).json()
    async with db.sessionmaker() as held:
        await held.begin()
        await write_change(held, shop_id, 10**9, 1)  # takes its xid first and stays open
        behind = await ingest(client, shop_id, internal_headers)
        page = (
            await client.get(url(shop_id), params={"cursor": last["next_cursor"]}, headers=h)
        ).json()
        assert page["data"] == [] and page["caught_up"] is False
        head = (await client.get(url(shop_id), params={"cursor": "now"}, headers=h)).json()
        assert head["caught_up"] is False
        await held.commit()

    after = last["next_cursor"]

    async def both_arrived() -> bool:
        body = (await client.get(url(shop_id), params={"cursor": after}, headers=h)).json()
        ids = [c["entity_id"] for c in body["data"]]
        return ids == [10**9, behind["id"]] and body["caught_up"] is True

    await eventually(both_arrived, what="the held changes, then caught up")


async def test_bulk_stream_reads_the_shop_index_in_feed_order(db: Database) -> None:
    """The stream's first line leaves as soon as it is read: the plan walks the shop's
    (shop_id, xid, id) index in feed order, with no sort that would first read every row
    (and no JIT compile before the first row)."""
    async with driver_connection(db) as conn, conn.transaction(readonly=True):
        # Costs that make this small table plan like a big one: reading everything and
        # sorting looks cheap, and every plan is worth compiling.
        await conn.execute("SET LOCAL seq_page_cost = 0.0001; SET LOCAL jit_above_cost = 0")
        await conn.execute(STREAM_SETTINGS)
        plan = "\n".join(
            row[0]
            for row in await conn.fetch(
                f"EXPLAIN {ROWS_SQL}",
                1,
                "0",
                0,
                "9223372036854775807",
                ["order.paid"],
                "9223372036854775807",
                0,
            )
        )
    assert "ix_change_log_shop_xid_id" in plan, plan
    assert "Sort" not in plan and "JIT" not in plan, plan
