"""The export window rules (last 90 days of the shop's calendar, at most 90 days), on the job
and on the synchronous CSV; the sync CSV's audit entry and `fields=a,b`; zh enum labels; and
multi-shop jobs (`POST /v1/exports`, `createExport(shopIds:)`) with their authorisation."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import insert, select

from app.config import Settings
from app.db import Database
from app.domain.exports.fields import REQUIRED
from app.domain.exports.labels import ZH
from app.models import AuditLog, ShopMember
from app.models.orders import PayMethod
from tests.conftest import order_payload
from tests.factories import bearer, make_account, make_shop, make_token
from tests.integration.export_support import days_ago, parse_csv, worker

TZ = ZoneInfo("Asia/Shanghai")


def today() -> date:
    return datetime.now(TZ).date()


async def add_order(
    client: httpx.AsyncClient, shop_id: int, headers: dict[str, str], *, age_days: float, **kw: Any
) -> dict[str, Any]:
    base = f"/internal/v1/shops/{shop_id}/orders"
    body = order_payload(created_at=days_ago(age_days).isoformat(), **kw)
    r = await client.post(base, json=body, headers=headers)
    assert r.status_code == 201, r.text
    order = r.json()
    r = await client.post(
        f"{base}/{order['id']}/pay",
        json={"pay_method": "wechat_pay", "paid_at": days_ago(age_days - 0.01).isoformat()},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


async def audit(db: Database, shop_id: int, action: str) -> list[dict[str, Any]]:
    async with db.transaction() as s:
        rows = await s.execute(
            select(AuditLog.data)
            .where(AuditLog.shop_id == shop_id, AuditLog.action == action)
            .order_by(AuditLog.id)
        )
        return [dict(r or {}) for r in rows.scalars()]


def job(first: date, last: date, **kw: Any) -> dict[str, Any]:
    return {"created_from": first.isoformat(), "created_to": last.isoformat(), **kw}


@pytest.fixture
async def shop_id(shop: dict[str, int]) -> int:
    return shop["shop_id"]


async def test_job_window_is_the_last_90_days_and_at_most_90_long(
    client: httpx.AsyncClient, db: Database, shop_id: int
) -> None:
    h = bearer(await make_token(db, shop_ids=[shop_id], scopes=["exports"]))
    url = f"/v1/shops/{shop_id}/exports"
    oldest = today() - timedelta(days=89)
    r = await client.post(url, json=job(oldest - timedelta(days=1), today()), headers=h)
    assert r.status_code == 422 and r.json()["code"] == "export_range_too_long", r.text
    r = await client.post(
        url, json=job(oldest - timedelta(days=1), oldest + timedelta(9)), headers=h
    )
    problem = r.json()
    assert r.status_code == 422 and problem["code"] == "export_window_too_old", r.text
    assert problem["oldest_day"] == oldest.isoformat()
    assert problem["errors"][0]["loc"] == ["body", "created_from"]
    # 110-119 days old: refused whatever the window's length
    r = await client.post(
        url, json=job(today() - timedelta(119), today() - timedelta(110)), headers=h
    )
    assert r.status_code == 422 and r.json()["code"] == "export_window_too_old"
    r = await client.post(url, json=job(oldest, today()), headers=h)
    assert r.status_code == 202, r.text


async def test_graphql_create_export_follows_the_window_rules(
    client: httpx.AsyncClient, db: Database, shop_id: int
) -> None:
    h = bearer(await make_token(db, shop_ids=[shop_id], scopes=["exports"]))
    query = """mutation($s: Int, $i: CreateExportInput!) {
      createExport(shopId: $s, input: $i) { export { databaseId } userErrors { code field } }
    }"""
    old = {"createdFrom": (today() - timedelta(100)).isoformat(), "createdTo": today().isoformat()}
    for dates, code in [
        (old, "export_range_too_long"),
        ({**old, "createdTo": (today() - timedelta(95)).isoformat()}, "export_window_too_old"),
    ]:
        r = await client.post(
            "/graphql", json={"query": query, "variables": {"s": shop_id, "i": dates}}, headers=h
        )
        out = r.json()["data"]["createExport"]
        assert out["export"] is None and out["userErrors"][0]["code"] == code, out


async def test_sync_csv_window_rules_audit_and_fields(
    client: httpx.AsyncClient,
    db: Database,
    shop_id: int,
    internal_headers: dict[str, str],
) -> None:
    recent = await add_order(client, shop_id, internal_headers, age_days=2)
    await add_order(client, shop_id, internal_headers, age_days=100)
    h = bearer(await make_token(db, shop_ids=[shop_id], scopes=["exports"]))
    url = f"/v1/shops/{shop_id}/orders.csv"

    # By default: the exportable window only (the 100-day-old order is left out).
    r = await client.get(url, params={"fields": "status,receiver_phone"}, headers=h)
    assert r.status_code == 200, r.text
    rows = parse_csv(r.content)
    assert rows[0] == [*REQUIRED, "status", "receiver_phone"]
    assert [row[0] for row in rows[1:]] == [recent["order_no"]]
    entries = await audit(db, shop_id, "export.downloaded")
    assert len(entries) == 1
    assert entries[0]["fields"] == [*REQUIRED, "status", "receiver_phone"]
    assert entries[0]["rows"] == 1 and entries[0]["mask_pii"] is True

    # Repeated fields answer the same columns as a comma-separated list.
    r2 = await client.get(
        url, params=[("fields", "status"), ("fields", "receiver_phone")], headers=h
    )
    assert r2.status_code == 200 and r2.content == r.content

    too_old = (datetime.now(TZ) - timedelta(days=95)).isoformat()
    r = await client.get(url, params={"created_from": too_old}, headers=h)
    assert r.status_code == 422 and r.json()["code"] == "export_window_too_old", r.text
    start = datetime.now(TZ) - timedelta(days=10)
    r = await client.get(
        url,
        params={
            "created_from": start.isoformat(),
            "created_to": (start + timedelta(days=91)).isoformat(),
        },
        headers=h,
    )
    assert r.status_code == 422 and r.json()["code"] == "export_range_too_long", r.text
    # Refused downloads are not audited as downloads.
    assert len(await audit(db, shop_id, "export.downloaded")) == 2  # the two 200s above


async def test_zh_translates_every_enum_value(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    shop_id: int,
    internal_headers: dict[str, str],
) -> None:
    await add_order(client, shop_id, internal_headers, age_days=1, traffic_source="short_video")
    h = bearer(await make_token(db, shop_ids=[shop_id], scopes=["exports"]))
    fields = "status,pay_status,traffic_source,flagged"
    r = await client.get(
        f"/v1/shops/{shop_id}/orders.csv", params={"fields": fields, "locale": "zh"}, headers=h
    )
    assert r.status_code == 200, r.text
    header, row = parse_csv(r.content)
    assert header[3] == "支付方式" and row[3] == ZH[PayMethod]["wechat_pay"] == "微信支付"
    assert row[4:] == ["待发货", "已支付", "短视频", "否"]
    # The job renders through the same table.
    body = job(today() - timedelta(3), today(), fields=fields.split(","), locale="zh")
    r = await client.post(f"/v1/shops/{shop_id}/exports", json=body, headers=h)
    assert r.status_code == 202, r.text
    assert await worker(db, settings, shop_id).run_once()
    f = await client.get(f"/v1/shops/{shop_id}/exports/{r.json()['id']}/file", headers=h)
    assert parse_csv(f.content)[1][3:] == row[3:]


async def test_multi_shop_export_adds_shop_id_and_checks_every_shop(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    a = shop["shop_id"]
    b = await make_shop(db, owner_id=shop["owner_id"])
    in_a = await add_order(client, a, internal_headers, age_days=3)
    in_b = await add_order(client, b, internal_headers, age_days=2)
    both = bearer(await make_token(db, shop_ids=[a, b], scopes=["exports"]))
    body = job(today() - timedelta(5), today(), fields=["status"], shop_ids=[b, a])
    r = await client.post("/v1/exports", json=body, headers=both)
    assert r.status_code == 202, r.text
    created = r.json()
    assert created["shop_id"] == a and created["shop_ids"] == [a, b]
    assert r.headers["location"] == f"/v1/shops/{a}/exports/{created['id']}"
    assert created["fields"] == ["shop_id", *REQUIRED, "status"]
    assert await worker(db, settings, a).run_once()
    done = (await client.get(r.headers["location"], headers=both)).json()
    assert done["status"] == "succeeded", done
    rows = parse_csv((await client.get(done["file_url"], headers=both)).content)
    assert rows[0][:2] == ["shop_id", "order_no"]
    assert [(row[0], row[1]) for row in rows[1:]] == [
        (str(a), in_a["order_no"]),
        (str(b), in_b["order_no"]),
    ]
    for sid in (a, b):  # each shop's audit log records the export of its orders
        entries = await audit(db, sid, "export.created")
        assert entries[-1]["shop_ids"] == [a, b]

    # A token granted only shop a cannot see a job holding shop b's orders.
    only_a = bearer(await make_token(db, shop_ids=[a], scopes=["exports"]))
    for path in (r.headers["location"], done["file_url"]):
        assert (await client.get(path, headers=only_a)).status_code == 404
    listed = (await client.get(f"/v1/shops/{a}/exports", headers=only_a)).json()
    assert created["id"] not in [j["id"] for j in listed["data"]]
    r = await client.post("/v1/exports", json=body, headers=only_a)
    assert r.status_code == 404 and r.json()["code"] == "not_found"

    # A shop the token does not grant: 404; granted without the exports scope: 403.
    stranger = await make_shop(db, owner_id=await make_account(db))
    r = await client.post("/v1/exports", json={**body, "shop_ids": [a, stranger]}, headers=both)
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    async with db.transaction() as s:
        await s.execute(
            insert(ShopMember).values(shop_id=stranger, account_id=shop["owner_id"], role="viewer")
        )
    viewer = bearer(await make_token(db, shop_ids=[a, stranger], scopes=["exports"]))
    r = await client.post("/v1/exports", json={**body, "shop_ids": [a, stranger]}, headers=viewer)
    assert r.status_code == 403 and r.json()["code"] == "insufficient_scope"
    # Without shop_ids: every shop the token grants with the scope (here only a).
    r = await client.post(
        "/v1/exports", json={k: v for k, v in body.items() if k != "shop_ids"}, headers=viewer
    )
    assert r.status_code == 202 and r.json()["shop_ids"] == [a]
    assert r.json()["fields"][0] == "shop_id"  # the column is there even for one shop


async def test_graphql_create_export_over_shop_ids(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    a = shop["shop_id"]
    b = await make_shop(db, owner_id=shop["owner_id"])
    stranger = await make_shop(db, owner_id=await make_account(db))
    h = bearer(await make_token(db, shop_ids=[a, b], scopes=["exports"]))
    query = """mutation($ids: [Int!], $i: CreateExportInput!) {
      createExport(shopIds: $ids, input: $i) {
        export { databaseId shopId shopIds fields } userErrors { code }
      }
    }"""
    dates = {"createdFrom": (today() - timedelta(3)).isoformat(), "createdTo": today().isoformat()}
    r = await client.post(
        "/graphql", json={"query": query, "variables": {"ids": [b, a], "i": dates}}, headers=h
    )
    out = r.json()["data"]["createExport"]
    assert out["userErrors"] == [], out
    assert out["export"]["shopIds"] == [a, b] and out["export"]["fields"][0] == "shop_id"
    r = await client.post(
        "/graphql",
        json={"query": query, "variables": {"ids": [a, stranger], "i": dates}},
        headers=h,
    )
    out = r.json()["data"]["createExport"]
    assert out["export"] is None and out["userErrors"][0]["code"] == "not_found"
