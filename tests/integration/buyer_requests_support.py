"""Helpers for address-change and complaint tests: the buyer's side through the internal API,
audit rows, and GraphQL calls."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from app.db import Database
from app.models import AuditLog, ChangeLog
from tests.factories import bearer
from tests.integration.orders_support import internal

NEW_RECEIVER = {
    "name": "李四",
    "phone": "13998765432",
    "address": "浙江省杭州市西湖区文三路90号",
    "province": "浙江",
    "city": "杭州",
}


async def ask_address_change(
    client: httpx.AsyncClient,
    shop_id: int,
    order_id: int,
    ih: dict[str, str],
    receiver: dict[str, str] | None = None,
) -> dict[str, Any]:
    r = await client.post(
        internal(shop_id, f"/orders/{order_id}/address-change-requests"),
        json={"receiver": receiver or NEW_RECEIVER},
        headers=ih,
    )
    assert r.status_code == 201, r.text
    assert r.headers["Location"].endswith(f"/address-change-requests/{r.json()['id']}")
    body: dict[str, Any] = r.json()
    return body


async def complain(
    client: httpx.AsyncClient,
    shop_id: int,
    order_id: int,
    ih: dict[str, str],
    kind: str = "quality",
) -> dict[str, Any]:
    r = await client.post(
        internal(shop_id, f"/orders/{order_id}/complaints"),
        json={"kind": kind, "description": "The collar arrived torn"},
        headers=ih,
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def audit_actions(db: Database, shop_id: int) -> list[AuditLog]:
    async with db.transaction() as s:
        rows = await s.scalars(
            select(AuditLog).where(AuditLog.shop_id == shop_id).order_by(AuditLog.id)
        )
        return list(rows)


async def pii_reads(db: Database, shop_id: int) -> list[AuditLog]:
    return [a for a in await audit_actions(db, shop_id) if a.action == "pii.read"]


async def change_types(db: Database, shop_id: int, entity: str) -> list[str]:
    async with db.transaction() as s:
        rows = await s.scalars(
            select(ChangeLog.type)
            .where(ChangeLog.shop_id == shop_id, ChangeLog.entity == entity)
            .order_by(ChangeLog.id)
        )
        return list(rows)


async def gql(
    client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    r = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=bearer(token)
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body
