"""Helpers for order API tests: orders through the internal ingest API, tokens per role."""

from __future__ import annotations

from typing import Any

import httpx

from app.db import Database
from tests.conftest import order_payload
from tests.factories import add_staff, bearer, make_token


def internal(shop_id: int, path: str) -> str:
    return f"/internal/v1/shops/{shop_id}{path}"


def v1(shop_id: int, path: str) -> str:
    return f"/v1/shops/{shop_id}{path}"


async def new_order(
    client: httpx.AsyncClient,
    shop_id: int,
    internal_headers: dict[str, str],
    *,
    state: str = "pending_payment",
    **overrides: Any,
) -> dict[str, Any]:
    """An order driven through the ingest API to ``state`` (pending_payment, paid, shipped)."""
    r = await client.post(
        internal(shop_id, "/orders"), json=order_payload(**overrides), headers=internal_headers
    )
    assert r.status_code == 201, r.text
    order: dict[str, Any] = r.json()
    if state in ("paid", "shipped", "completed"):
        r = await client.post(
            internal(shop_id, f"/orders/{order['id']}/pay"),
            json={"pay_method": "alipay"},
            headers=internal_headers,
        )
        assert r.status_code == 200, r.text
        order = r.json()
    if state in ("shipped", "completed"):
        r = await client.post(
            internal(shop_id, f"/orders/{order['id']}/ship"),
            json={"carrier": "SF", "tracking_no": f"SF{order['id']:08d}"},
            headers=internal_headers,
        )
        assert r.status_code == 200, r.text
        order = r.json()
    if state == "completed":
        r = await client.post(
            internal(shop_id, f"/orders/{order['id']}/complete"),
            json={},
            headers=internal_headers,
        )
        assert r.status_code == 200, r.text
        order = r.json()
    return order


async def role_headers(db: Database, shop_id: int, role: str) -> dict[str, str]:
    """A token for a staff member with ``role`` on the shop (all scopes granted)."""
    if role == "owner":
        return bearer(await make_token(db, shop_ids=[shop_id]))
    account_id = await add_staff(db, shop_id=shop_id, role=role)
    return bearer(
        await make_token(db, shop_ids=[shop_id], account_id=account_id, client_name=f"t-{role}")
    )
