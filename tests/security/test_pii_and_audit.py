"""PII masking follows ``orders:read_pii`` (granted ∩ role); every API write leaves one audit
row naming the token, and a write that fails leaves none."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from app.db import Database
from app.models import AuditLog
from tests.factories import add_staff, bearer, issue_pair, make_token
from tests.integration.orders_support import new_order


async def receiver_phone(client: httpx.AsyncClient, url: str, token: str) -> str:
    r = await client.get(url, headers=bearer(token))
    assert r.status_code == 200, r.text
    phone: str = r.json()["receiver"]["phone"]
    return phone


async def test_pii_is_masked_without_read_pii(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers)
    url = f"/v1/shops/{shop_id}/orders/{order['id']}"
    full = await make_token(db, shop_ids=[shop_id])
    plain = await make_token(db, shop_ids=[shop_id], scopes="orders:read")
    viewer = await add_staff(db, shop_id=shop_id, role="viewer")
    # The viewer's token is granted read_pii, but the role does not include it.
    viewer_token = await make_token(db, shop_ids=[shop_id], account_id=viewer)
    assert await receiver_phone(client, url, full) == "13812341234"
    assert await receiver_phone(client, url, plain) == "138****1234"
    assert await receiver_phone(client, url, viewer_token) == "138****1234"
    r = await client.get(url, headers=bearer(plain))
    assert r.json()["receiver"]["name"] == "张*"


async def audit_rows(db: Database, shop_id: int) -> list[AuditLog]:
    """The write audit rows (``pii.read`` rows of responses: tests/security/test_pii_read_audit)."""
    async with db.transaction() as s:
        rows = await s.scalars(
            select(AuditLog)
            .where(AuditLog.shop_id == shop_id, AuditLog.action != "pii.read")
            .order_by(AuditLog.id)
        )
        return list(rows)


async def test_api_writes_are_audited_and_failed_writes_are_not(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers, state="paid")
    pair = await issue_pair(db, shop_ids=[shop_id])
    headers = {**bearer(pair.access_token), "X-Request-ID": "req-audit-1"}
    url = f"/v1/shops/{shop_id}/orders/{order['id']}"
    before = len(await audit_rows(db, shop_id))

    r = await client.patch(
        url,
        json={"merchant_remark": "gift wrap", "expected_version": order["version"]},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    rows = await audit_rows(db, shop_id)
    assert len(rows) == before + 1
    row = rows[-1]
    assert row.actor_type == "app"
    assert row.actor_account_id == shop["owner_id"]
    assert row.actor_token_id == pair.token_id
    assert row.entity == "order" and row.entity_id == order["id"]
    assert (row.before_version, row.after_version) == (order["version"], order["version"] + 1)
    assert row.request_id == "req-audit-1" and row.ip

    # A stale version and an illegal transition both fail: nothing is recorded.
    stale = await client.patch(
        url, json={"merchant_remark": "late", "expected_version": order["version"]}, headers=headers
    )
    assert stale.status_code == 409
    closed = await client.post(f"{url}/close", json={"reason": "x"}, headers=headers)
    assert closed.status_code in (409, 422), closed.text
    assert len(await audit_rows(db, shop_id)) == before + 1

    # The owner sees it in the audit log through the API.
    log = await client.get(
        f"/v1/shops/{shop_id}/audit-log", params={"entity": "order"}, headers=headers
    )
    assert log.status_code == 200
    assert log.json()["data"][0]["actor"]["token_id"] == pair.token_id
