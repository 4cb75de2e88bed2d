"""The internal ingest path end to end through the ASGI app on real PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.db import Database
from app.models import AuditLog, ChangeLog, OrderEvent
from tests.conftest import order_payload


def base(shop: dict[str, int]) -> str:
    return f"/internal/v1/shops/{shop['shop_id']}"


async def create(client: httpx.AsyncClient, shop: dict[str, int], h: dict[str, str]) -> Any:
    r = await client.post(f"{base(shop)}/orders", json=order_payload(), headers=h)
    assert r.status_code == 201, r.text
    return r.json()


async def changes(db: Database, shop_id: int) -> list[ChangeLog]:
    async with db.transaction() as s:
        rows = await s.execute(
            select(ChangeLog).where(ChangeLog.shop_id == shop_id).order_by(ChangeLog.id)
        )
        return list(rows.scalars())


async def test_full_lifecycle_writes_change_log_timeline_and_audit(
    client: httpx.AsyncClient, shop: dict[str, int], internal_headers: dict[str, str], db: Database
) -> None:
    order = await create(client, shop, internal_headers)
    assert order["status"] == "pending_payment"
    assert order["goods_amount"] == 9980 and order["version"] == 1
    assert len(order["order_no"]) == 19
    oid = order["id"]
    steps = [
        ("pay", {"pay_method": "alipay"}, "paid", "order.paid"),
        ("ship", {"carrier": "SF", "tracking_no": "SF1234567890"}, "shipped", "order.shipped"),
        ("sign", {}, "shipped", "order.signed"),
        ("complete", {}, "completed", "order.completed"),
    ]
    for version, (action, body, status, _) in enumerate(steps, start=2):
        r = await client.post(
            f"{base(shop)}/orders/{oid}/{action}", json=body, headers=internal_headers
        )
        assert r.status_code == 200, r.text
        assert r.json()["status"] == status
        assert r.json()["version"] == version
    final = r.json()
    assert final["paid_amount"] == 9980 + 1000
    assert final["tracking_numbers"] == ["SF1234567890"]
    assert final["signed_at"] is not None

    rows = await changes(db, shop["shop_id"])
    assert [c.type for c in rows] == ["order.created"] + [s[3] for s in steps]
    assert [c.entity_version for c in rows] == [1, 2, 3, 4, 5]
    assert rows[-1].data == final
    async with db.transaction() as s:
        events = (
            (
                await s.execute(
                    select(OrderEvent.kind)
                    .where(OrderEvent.shop_id == shop["shop_id"])
                    .order_by(OrderEvent.id)
                )
            )
            .scalars()
            .all()
        )
        audits = await s.scalar(
            select(func.count()).select_from(AuditLog).where(AuditLog.shop_id == shop["shop_id"])
        )
    assert events == ["created", "paid", "shipped", "signed", "completed"]
    assert audits == 5


async def test_illegal_transition_is_409_and_writes_nothing(
    client: httpx.AsyncClient, shop: dict[str, int], internal_headers: dict[str, str], db: Database
) -> None:
    order = await create(client, shop, internal_headers)
    r = await client.post(
        f"{base(shop)}/orders/{order['id']}/complete", json={}, headers=internal_headers
    )
    assert r.status_code == 409
    assert r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert problem["code"] == "invalid_transition"
    assert problem["current_state"] == "pending_payment"
    assert problem["allowed_actions"] == ["close", "pay"]
    assert len(await changes(db, shop["shop_id"])) == 1


async def test_stale_expected_version_is_409_version_conflict(
    client: httpx.AsyncClient, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    order = await create(client, shop, internal_headers)
    r = await client.post(
        f"{base(shop)}/orders/{order['id']}/pay",
        json={"pay_method": "alipay", "expected_version": 7},
        headers=internal_headers,
    )
    assert r.status_code == 409
    assert r.json()["code"] == "version_conflict"
    assert r.json()["current_version"] == 1


async def test_after_sale_opened_on_paid_order(
    client: httpx.AsyncClient, shop: dict[str, int], internal_headers: dict[str, str], db: Database
) -> None:
    order = await create(client, shop, internal_headers)
    url = f"{base(shop)}/orders/{order['id']}/after-sales"
    r = await client.post(
        url, json={"type": "refund_only", "reason": "不想要了"}, headers=internal_headers
    )
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"
    await client.post(
        f"{base(shop)}/orders/{order['id']}/pay",
        json={"pay_method": "wechat_pay"},
        headers=internal_headers,
    )
    r = await client.post(
        url, json={"type": "refund_only", "reason": "不想要了"}, headers=internal_headers
    )
    assert r.status_code == 201, r.text
    assert r.json()["amount"] == 10980 and r.json()["status"] == "requested"
    assert "approve" in r.json()["allowed_actions"]
    again = await client.post(
        url, json={"type": "refund_only", "reason": "x"}, headers=internal_headers
    )
    assert again.status_code == 409 and again.json()["code"] == "after_sale_open"
    rows = await changes(db, shop["shop_id"])
    assert rows[-1].type == "after_sale.created" and rows[-1].entity == "after_sale"


@pytest.mark.parametrize(
    ("path", "kwargs", "status", "code"),
    [
        (
            "/orders",
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            422,
            "validation_error",
        ),
        ("/orders", {"json": {"buyer": "nope"}}, 422, "validation_error"),
        ("/orders", {"json": order_payload(items=[])}, 422, "validation_error"),
        (
            "/orders",
            {
                "json": order_payload(
                    items=[{"product_id": 1, "title": "x", "quantity": "many", "unit_price": 1}]
                )
            },
            422,
            "validation_error",
        ),
        ("/orders", {"json": order_payload(extra_field=1)}, 422, "validation_error"),
        ("/orders/99999999999/pay", {"json": {"pay_method": "alipay"}}, 404, "not_found"),
        ("/orders/1/pay", {"json": {"pay_method": "bitcoin"}}, 422, "validation_error"),
        (
            "/orders/99999999999999999999/pay",
            {"json": {"pay_method": "alipay"}},
            422,
            "validation_error",
        ),
        ("/orders/abc", {}, 422, "validation_error"),
    ],
)
async def test_bad_input_is_problem_json_never_5xx(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    path: str,
    kwargs: dict[str, Any],
    status: int,
    code: str,
) -> None:
    headers = {**internal_headers, **kwargs.pop("headers", {})}
    method = "GET" if path == "/orders/abc" else "POST"
    r = await client.request(method, base(shop) + path, headers=headers, **kwargs)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == code and body["status"] == status and body["detail"]
    assert body["request_id"] == r.headers["x-request-id"]
    if code == "validation_error":
        assert body["errors"] and all("loc" in e and "msg" in e for e in body["errors"])


async def test_unknown_shop_and_bad_token(
    client: httpx.AsyncClient, internal_headers: dict[str, str]
) -> None:
    r = await client.post(
        "/internal/v1/shops/999999999/orders", json=order_payload(), headers=internal_headers
    )
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}):
        r = await client.post("/internal/v1/shops/1/orders", json=order_payload(), headers=headers)
        assert r.status_code == 401, headers
        assert r.json()["code"] == "unauthorized"
        assert r.headers["www-authenticate"].startswith("Bearer")


async def test_duplicate_order_no_is_409(
    client: httpx.AsyncClient, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    body = order_payload(order_no="2611260000000000001")
    assert (
        await client.post(f"{base(shop)}/orders", json=body, headers=internal_headers)
    ).status_code == 201
    r = await client.post(f"{base(shop)}/orders", json=body, headers=internal_headers)
    assert r.status_code == 409 and r.json()["code"] == "order_exists"
