"""Order writes over REST: happy path, wrong state, stale version, idempotent replay and
mismatch, wrong role, wrong shop — plus the audit/change-log/timeline each write leaves."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import func, select, text, update

from app.db import Database
from app.models import AuditLog, ChangeLog, IdempotencyKey, Order
from tests.factories import bearer, make_account, make_shop, make_token
from tests.feed_support import eventually
from tests.integration.orders_support import new_order, role_headers, v1


@pytest.fixture
async def owner(db: Database, shop: dict[str, int]) -> dict[str, str]:
    return bearer(await make_token(db, shop_ids=[shop["shop_id"]]))


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


async def counts(db: Database, shop_id: int, order_id: int) -> tuple[int, int]:
    """Write audit rows of the shop (``pii.read`` rows of responses aside) and the order's
    changes."""
    async with db.transaction() as s:
        audits = await s.scalar(
            select(func.count())
            .select_from(AuditLog)
            .where(AuditLog.shop_id == shop_id, AuditLog.action != "pii.read")
        )
        changes = await s.scalar(
            select(func.count())
            .select_from(ChangeLog)
            .where(ChangeLog.shop_id == shop_id, ChangeLog.entity_id == order_id)
        )
    return int(audits or 0), int(changes or 0)


async def test_ship_happy_path_writes_everything(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers, state="paid")
    before = await counts(db, shop_id, order["id"])
    r = await client.post(
        v1(shop_id, f"/orders/{order['id']}/shipments"),
        json={"carrier": "SF", "tracking_no": "SF1234567", "items": [order["items"][0]["id"]]},
        headers={**owner, "If-Match": f'"{order["version"]}"'},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "shipped"
    assert body["version"] == order["version"] + 1
    assert r.headers["etag"] == f'"{body["version"]}"'
    assert body["tracking_numbers"] == ["SF1234567"]
    assert body["receiver"]["masked"] is False  # the PII scope reads it in clear
    after = await counts(db, shop_id, order["id"])
    assert after[0] == before[0] + 1 and after[1] == before[1] + 1

    detail = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=owner)).json()
    assert [e["kind"] for e in detail["timeline"]] == ["created", "paid", "shipped"]
    assert detail["shipments"][0]["item_ids"] == [order["items"][0]["id"]]


async def test_stale_version_wrong_state_unknown_items(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    paid = await new_order(client, shop_id, internal_headers, state="paid")
    url = v1(shop_id, f"/orders/{paid['id']}/shipments")
    r = await client.post(
        url, json={"carrier": "SF", "tracking_no": "SF1"}, headers={**owner, "If-Match": '"1"'}
    )
    assert r.status_code == 422  # tracking_no too short: validation names the field
    assert r.json()["errors"][0]["loc"][-1] == "tracking_no"
    r = await client.post(
        url,
        json={"carrier": "SF", "tracking_no": "SF12345", "expected_version": 1},
        headers=owner,
    )
    assert r.status_code == 409 and r.json()["code"] == "version_conflict"
    assert r.json()["current_version"] == paid["version"]
    r = await client.post(
        url, json={"carrier": "SF", "tracking_no": "SF12345", "items": [999999999]}, headers=owner
    )
    assert r.status_code == 422 and r.json()["code"] == "unknown_order_items"

    unpaid = await new_order(client, shop_id, internal_headers)
    r = await client.post(
        v1(shop_id, f"/orders/{unpaid['id']}/shipments"),
        json={"carrier": "SF", "tracking_no": "SF12345"},
        headers=owner,
    )
    assert r.status_code == 409
    problem = r.json()
    assert problem["code"] == "invalid_transition"
    assert problem["current_state"] == "pending_payment"
    assert problem["allowed_actions"] == ["close", "pay"]
    assert r.headers["content-type"].startswith("application/problem+json")


async def test_idempotent_replay_mismatch_and_rollback_leaves_no_record(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers, state="paid")
    url = v1(shop_id, f"/orders/{order['id']}/shipments")
    k = key()
    # One of the order's two units per parcel: a second parcel is a real, different write.
    lines = [{"item_id": order["items"][0]["id"], "quantity": 1}]
    body = {"carrier": "SF", "tracking_no": "SF7654321", "lines": lines}
    first = await client.post(url, json=body, headers={**owner, **k})
    assert first.status_code == 201, first.text
    # Same key, same body (keys in another order): the stored response, no second parcel.
    again = await client.post(
        url,
        content=orjson.dumps({"lines": lines, "tracking_no": "SF7654321", "carrier": "SF"}),
        headers={**owner, **k, "content-type": "application/json"},
    )
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["etag"] == first.headers["etag"]
    detail = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=owner)).json()
    assert len(detail["shipments"]) == 1
    # Same key, different body.
    r = await client.post(url, json={**body, "tracking_no": "SF0000001"}, headers={**owner, **k})
    assert r.status_code == 422 and r.json()["code"] == "idempotency_mismatch"
    # Another principal may use the same key independently.
    other = bearer(await make_token(db, shop_ids=[shop_id], client_name="other-app"))
    r = await client.post(url, json={**body, "tracking_no": "SF0000002"}, headers={**other, **k})
    assert r.status_code == 201

    # A failed write stores nothing: the retry with the same key runs again.
    unpaid = await new_order(client, shop_id, internal_headers)
    k2 = key()
    u2 = v1(shop_id, f"/orders/{unpaid['id']}/shipments")
    body = {"carrier": "SF", "tracking_no": "SF7654321"}
    r = await client.post(u2, json=body, headers={**owner, **k2})
    assert r.status_code == 409
    async with db.transaction() as s:
        stored = await s.scalar(
            select(func.count())
            .select_from(IdempotencyKey)
            .where(IdempotencyKey.key == k2["Idempotency-Key"])
        )
    assert stored == 0
    await client.post(
        f"/internal/v1/shops/{shop_id}/orders/{unpaid['id']}/pay",
        json={"pay_method": "alipay"},
        headers=internal_headers,
    )
    r = await client.post(u2, json=body, headers={**owner, **k2})
    assert r.status_code == 201, r.text


async def test_concurrent_same_key_is_409_in_progress(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    """Hold the first request's transaction open (a row lock the write needs), then send the
    same key: it must answer 409 at once instead of waiting or writing twice."""
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers, state="paid")
    url = v1(shop_id, f"/orders/{order['id']}/shipments")
    k = key()
    body = {"carrier": "SF", "tracking_no": "SF5550001"}
    async with db.engine.connect() as blocker:
        tx = await blocker.begin()
        await blocker.execute(
            select(Order.id)
            .where(Order.shop_id == shop_id, Order.id == order["id"])
            .with_for_update()
        )
        first = asyncio.create_task(client.post(url, json=body, headers={**owner, **k}))

        # Wait until the first request holds the idempotency lock (it then blocks on the row).
        async def lock_held() -> bool:
            async with db.engine.connect() as probe:
                held = await probe.scalar(
                    text(
                        "SELECT count(*) FROM pg_locks l JOIN pg_database d "
                        "ON d.oid = l.database AND d.datname = current_database() "
                        "WHERE l.locktype = 'advisory'"
                    )
                )
            return bool(held)

        await eventually(lock_held, timeout=10, what="the idempotency lock held")
        second = await client.post(url, json=body, headers={**owner, **k})
        assert second.status_code == 409 and second.json()["code"] == "idempotency_in_progress"
        await tx.rollback()
    r = await first
    assert r.status_code == 201, r.text
    third = await client.post(url, json=body, headers={**owner, **k})
    assert third.status_code == 201 and third.headers["idempotent-replayed"] == "true"


WriteCall = Callable[
    [httpx.AsyncClient, int, dict[str, Any], dict[str, str]], Awaitable[httpx.Response]
]


async def test_wrong_role_and_wrong_shop(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers, state="paid")
    viewer = await role_headers(db, shop_id, "viewer")
    shipping = await role_headers(db, shop_id, "shipping")
    url = v1(shop_id, f"/orders/{order['id']}/shipments")
    body = {"carrier": "SF", "tracking_no": "SF8880001"}
    r = await client.post(url, json=body, headers=viewer)
    assert r.status_code == 403 and r.json()["code"] == "insufficient_scope"
    r = await client.post(
        v1(shop_id, f"/orders/{order['id']}/refund"), json={"reason": "x"}, headers=shipping
    )
    assert r.status_code == 403
    # A token of another owner's shop: this shop and its order are invisible (404, not 403).
    stranger = await make_account(db)
    other_shop = await make_shop(db, owner_id=stranger)
    foreign = bearer(await make_token(db, shop_ids=[other_shop]))
    r = await client.post(url, json=body, headers=foreign)
    assert r.status_code == 404
    # The other shop's path with this shop's order id: not found either.
    r = await client.post(
        v1(other_shop, f"/orders/{order['id']}/shipments"), json=body, headers=foreign
    )
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    r = await client.post(url, json=body, headers=shipping)
    assert r.status_code == 201


async def test_patch_rules(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    unpaid = await new_order(client, shop_id, internal_headers)
    url = v1(shop_id, f"/orders/{unpaid['id']}")
    r = await client.patch(url, json={"shipping_fee": 0, "merchant_remark": "VIP"}, headers=owner)
    assert r.status_code == 200, r.text
    assert r.json()["shipping_fee"] == 0 and r.json()["merchant_remark"] == "VIP"
    r = await client.patch(url, json={}, headers=owner)
    assert r.status_code == 422
    paid = await new_order(client, shop_id, internal_headers, state="paid")
    url = v1(shop_id, f"/orders/{paid['id']}")
    r = await client.patch(url, json={"shipping_fee": 100}, headers=owner)
    assert r.status_code == 409 and r.json()["code"] == "shipping_fee_locked"
    receiver = {
        "name": "李四",
        "phone": "13900001111",
        "address": "浙江省杭州市西湖区1号",
        "province": "浙江",
        "city": "杭州",
    }
    r = await client.patch(url, json={"receiver": receiver}, headers=owner)
    assert r.status_code == 200 and r.json()["province"] == "浙江"
    shipped = await new_order(client, shop_id, internal_headers, state="shipped")
    r = await client.patch(
        v1(shop_id, f"/orders/{shipped['id']}"), json={"receiver": receiver}, headers=owner
    )
    assert r.status_code == 409 and r.json()["code"] == "receiver_locked"
    r = await client.patch(
        v1(shop_id, f"/orders/{shipped['id']}"),
        json={"merchant_remark": "late"},
        headers={**owner, "If-Match": '"1"'},
    )
    assert r.status_code == 409 and r.json()["code"] == "version_conflict"


async def test_flag_unflag_close_and_masking(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers)
    r = await client.post(
        v1(shop_id, f"/orders/{order['id']}/flag"), json={"reason": "fake address"}, headers=owner
    )
    assert r.status_code == 200 and r.json()["flagged"] is True
    r = await client.delete(v1(shop_id, f"/orders/{order['id']}/flag"), headers=owner)
    assert r.status_code == 200 and r.json()["flagged"] is False
    r = await client.post(
        v1(shop_id, f"/orders/{order['id']}/close"), json={"reason": "buyer asked"}, headers=owner
    )
    assert r.status_code == 200 and r.json()["status"] == "closed"
    r = await client.post(
        v1(shop_id, f"/orders/{order['id']}/close"), json={"reason": "again"}, headers=owner
    )
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"
    # Without orders:read_pii the receiver is masked in reads and write responses.
    reader = bearer(
        await make_token(
            db, shop_ids=[shop_id], scopes=["orders:read", "orders:write"], client_name="nopii"
        )
    )
    detail = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=reader)).json()
    assert detail["receiver"]["masked"] is True
    assert detail["receiver"]["phone"] == "138****1234"
    full = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=owner)).json()
    assert full["receiver"]["phone"] == "13812341234"
    by_no = await client.get(v1(shop_id, f"/orders/by-no/{order['order_no']}"), headers=owner)
    assert by_no.status_code == 200 and by_no.json()["id"] == order["id"]
    assert by_no.headers["etag"] == f'"{by_no.json()["version"]}"'
    kinds = [e["kind"] for e in full["timeline"]]
    assert kinds == ["created", "flagged", "unflagged", "closed"]
    r = await client.post(
        v1(shop_id, f"/orders/{order['id']}/flag"), json={"reason": "x"}, headers=reader
    )
    assert r.json()["receiver"]["masked"] is True


async def test_payment_reminders(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers)
    url = v1(shop_id, f"/orders/{order['id']}/payment-reminders")
    r = await client.post(
        url, json={"coupon_code": "SAVE5", "message": "Still want it?"}, headers=owner
    )
    assert r.status_code == 200, r.text
    r = await client.post(url, json={}, headers=owner)
    assert r.status_code == 409 and r.json()["code"] == "reminder_too_soon"
    assert "next_allowed_at" in r.json()
    detail = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=owner)).json()
    assert [p["coupon_code"] for p in detail["payment_reminders"]] == ["SAVE5"]
    assert detail["timeline"][-1]["kind"] == "payment_reminder"

    old = await new_order(client, shop_id, internal_headers)
    async with db.transaction() as s:
        await s.execute(
            update(Order)
            .where(Order.shop_id == shop_id, Order.id == old["id"])
            .values(created_at=func.now() - func.make_interval(0, 0, 0, 0, 25))
        )
    r = await client.post(
        v1(shop_id, f"/orders/{old['id']}/payment-reminders"), json={}, headers=owner
    )
    assert r.status_code == 409 and r.json()["code"] == "reminder_window_closed"
    paid = await new_order(client, shop_id, internal_headers, state="paid")
    r = await client.post(
        v1(shop_id, f"/orders/{paid['id']}/payment-reminders"), json={}, headers=owner
    )
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"


async def test_merchant_refund(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers, state="shipped")
    k = key()
    url = v1(shop_id, f"/orders/{order['id']}/refund")
    r = await client.post(url, json={"reason": "out of stock"}, headers={**owner, **k})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "closed" and body["pay_status"] == "refunded"
    assert body["refunded_amount"] == body["paid_amount"]
    again = await client.post(url, json={"reason": "out of stock"}, headers={**owner, **k})
    assert again.status_code == 200 and again.json() == body
    r = await client.post(url, json={"reason": "twice"}, headers=owner)
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"
    detail = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=owner)).json()
    assert [(a["type"], a["status"]) for a in detail["after_sales"]] == [
        ("refund_only", "refunded")
    ]
    unpaid = await new_order(client, shop_id, internal_headers)
    r = await client.post(
        v1(shop_id, f"/orders/{unpaid['id']}/refund"), json={"reason": "x"}, headers=owner
    )
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"


async def test_batch_ship_mixed_entries(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    good = [await new_order(client, shop_id, internal_headers, state="paid") for _ in range(3)]
    unpaid = await new_order(client, shop_id, internal_headers)
    entries = [
        {"order_id": good[0]["id"], "carrier": "SF", "tracking_no": "SF9000001"},
        {"order_id": unpaid["id"], "carrier": "SF", "tracking_no": "SF9000002"},
        {"order_id": good[1]["id"], "carrier": "SF", "tracking_no": "x"},
        {"order_id": 999999999999, "carrier": "SF", "tracking_no": "SF9000003"},
        {
            "order_id": good[2]["id"],
            "carrier": "SF",
            "tracking_no": "SF9000004",
            "expected_version": 1,
        },
        {"order_id": good[1]["id"], "carrier": "YTO", "tracking_no": "YT9000005"},
    ]
    k = key()
    r = await client.post(
        v1(shop_id, "/shipments/batch"), json={"shipments": entries}, headers={**owner, **k}
    )
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["ok"] for x in results] == [True, False, False, False, False, True]
    assert results[1]["error"]["code"] == "invalid_transition"
    assert results[2]["error"]["code"] == "validation_error"
    assert results[2]["error"]["errors"][0]["loc"] == ["shipments", 2, "tracking_no"]
    assert results[3]["error"]["code"] == "not_found"
    assert results[4]["error"]["code"] == "version_conflict"
    assert results[0]["order"]["status"] == "shipped"
    assert r.json()["succeeded"] == 2
    replay = await client.post(
        v1(shop_id, "/shipments/batch"), json={"shipments": entries}, headers={**owner, **k}
    )
    assert replay.json() == r.json()
    detail = (await client.get(v1(shop_id, f"/orders/{good[0]['id']}"), headers=owner)).json()
    assert len(detail["shipments"]) == 1
    r = await client.post(
        v1(shop_id, "/shipments/batch"), json={"shipments": entries * 100}, headers=owner
    )
    assert r.status_code == 422  # over 500 entries


async def test_a_malformed_if_match_is_refused_on_every_write(
    client: httpx.AsyncClient, shop: dict[str, int], owner: dict[str, str]
) -> None:
    # The batch has no single version to compare, but the header's syntax is still the
    # contract's: it used to be ignored there (200) while every other write said 422.
    entries = [{"order_id": 1, "carrier": "SF", "tracking_no": "SF1234567890"}]
    r = await client.post(
        v1(shop["shop_id"], "/shipments/batch"),
        json={"shipments": entries},
        headers={**owner, "If-Match": "not-an-etag"},
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["header", "If-Match"]
