"""Helpers of the export tests: seed orders, run the worker, and an independent oracle of
every exported field computed in Python from the ORM rows."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select

from app.config import Settings
from app.db import Database
from app.domain.exports import window
from app.domain.exports.labels import ZH
from app.domain.exports.storage import DirectoryStorage
from app.domain.exports.worker import ExportWorker
from app.kit.masking import mask_address, mask_name, mask_phone
from app.models import AfterSale, Author, Order, OrderItem, Shipment
from app.models.after_sales import AfterSaleStatus, AfterSaleType
from app.models.orders import OrderStatus, PayMethod, PayStatus, TrafficSource
from tests.conftest import order_payload
from tests.integration.metrics_seed import make_specs, seed

TZ = "Asia/Shanghai"
FIRST, LAST = "2026-03-08", "2026-03-12"
# The seed's days are fixed; exports cover the last 90 days only, so the tests built on that
# seed read the export calendar as of shortly after it (the window tests use the real clock).
SEED_NOW = datetime(2026, 3, 20, 4, 0, tzinfo=UTC)


@pytest.fixture
def seed_calendar(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(window, "utcnow", lambda: SEED_NOW)
    return SEED_NOW


async def seed_orders(
    client: httpx.AsyncClient, db: Database, shop_id: int, headers: dict[str, str]
) -> None:
    """The metrics seed (timestamps around Shanghai midnights) plus one awkward order."""
    await seed(client, db, shop_id, headers, make_specs(seed=5, n=18))
    awkward = order_payload(
        buyer={"id": "b-odd", "nickname": 'Ann, "the" buyer'},
        items=[
            {"product_id": 1, "title": "T恤, 白", "quantity": 2, "unit_price": 4990},
            {"product_id": 2, "title": '帽子 "XL"', "sku": "H-1", "quantity": 1, "unit_price": 1},
        ],
        created_at=datetime(2026, 3, 9, 15, 59, 59, tzinfo=UTC).isoformat(),
    )
    r = await client.post(f"/internal/v1/shops/{shop_id}/orders", json=awkward, headers=headers)
    assert r.status_code == 201, r.text


def worker(db: Database, settings: Settings, shop_id: int, **kw: Any) -> ExportWorker:
    return ExportWorker(
        db,
        DirectoryStorage(settings.exports_dir),
        ttl_days=settings.export_ttl_days,
        shop_ids=frozenset([shop_id]),
        **kw,
    )


def yuan(fen: int) -> str:
    return f"{Decimal(fen) / 100:.2f}"


def local(ts: datetime | None) -> str:
    return ts.astimezone(ZoneInfo(TZ)).strftime("%Y-%m-%d %H:%M:%S") if ts else ""


ENUM_COLUMNS = {
    "status": OrderStatus,
    "pay_status": PayStatus,
    "pay_method": PayMethod,
    "traffic_source": TrafficSource,
}


async def expected_rows(
    db: Database,
    shop_id: int,
    fields: list[str],
    *,
    masked: bool,
    granularity: str = "order",
    zh: bool = False,
) -> list[list[str]]:
    """What the file must hold, from the DB rows, formatted in Python (not SQL); ``zh``:
    enum values as the one label table names them."""

    def label(enum: type[StrEnum], value: str) -> str:
        return ZH[enum][value] if zh else value

    start = datetime(2026, 3, 8, tzinfo=ZoneInfo(TZ))
    end = datetime(2026, 3, 13, tzinfo=ZoneInfo(TZ))
    async with db.transaction() as s:
        orders = (
            (
                await s.execute(
                    select(Order)
                    .where(Order.shop_id == shop_id)
                    .where(Order.created_at >= start, Order.created_at < end)
                    .order_by(Order.created_at, Order.id)
                )
            )
            .scalars()
            .all()
        )
        items: dict[int, list[OrderItem]] = defaultdict(list)
        for it in (
            await s.execute(
                select(OrderItem).where(OrderItem.shop_id == shop_id).order_by(OrderItem.id)
            )
        ).scalars():
            items[it.order_id].append(it)
        parcels: dict[int, list[Shipment]] = defaultdict(list)
        for sh in (
            await s.execute(
                select(Shipment).where(Shipment.shop_id == shop_id).order_by(Shipment.id)
            )
        ).scalars():
            parcels[sh.order_id].append(sh)
        sales: dict[int, list[AfterSale]] = defaultdict(list)
        for a in (
            await s.execute(
                select(AfterSale).where(AfterSale.shop_id == shop_id).order_by(AfterSale.id)
            )
        ).scalars():
            sales[a.order_id].append(a)
        authors = {a.id: a.nickname for a in (await s.execute(select(Author))).scalars()}

    def order_value(o: Order, name: str) -> str:
        if name in ("created_at", "paid_at", "shipped_at", "signed_at"):
            return local(getattr(o, name))
        if name in ("goods_amount", "paid_amount", "commission_amount", "shipping_fee"):
            return yuan(getattr(o, name))
        if name == "receiver_name":
            return mask_name(o.receiver_name) if masked else o.receiver_name
        if name == "receiver_phone":
            return mask_phone(o.receiver_phone) if masked else o.receiver_phone
        if name == "receiver_address":
            return mask_address(o.receiver_address) if masked else o.receiver_address
        if name == "author":
            return authors.get(o.author_id, "") if o.author_id else ""
        if name == "items":
            return "; ".join(f"{i.title} x{i.quantity}" for i in items[o.id])
        if name == "tracking_no":
            return "; ".join(p.tracking_no for p in parcels[o.id])
        if name == "after_sales":
            return "; ".join(
                f"{label(AfterSaleType, a.type)}:{label(AfterSaleStatus, a.status)}:"
                f"{yuan(a.amount)}"
                for a in sales[o.id]
            )
        if name == "flagged":
            return ("是" if o.flagged else "否") if zh else ("true" if o.flagged else "false")
        if name in ENUM_COLUMNS and getattr(o, name) is not None:
            return label(ENUM_COLUMNS[name], getattr(o, name))
        value = getattr(o, name)
        return "" if value is None else str(value)

    def item_value(i: OrderItem, name: str) -> str:
        return {
            "item_title": i.title,
            "item_sku": i.sku or "",
            "item_quantity": str(i.quantity),
            "item_unit_price": yuan(i.unit_price),
            "item_amount": yuan(i.unit_price * i.quantity),
        }[name]

    rows = []
    for o in orders:
        if granularity == "item":
            for i in items[o.id]:
                rows.append(
                    [
                        item_value(i, f) if f.startswith("item_") else order_value(o, f)
                        for f in fields
                    ]
                )
        else:
            rows.append([order_value(o, f) for f in fields])
    return rows


def parse_csv(data: bytes, *, bom: bool = False) -> list[list[str]]:
    if bom:
        assert data.startswith(b"\xef\xbb\xbf")
        data = data[3:]
    else:
        assert not data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def parse_xlsx(data: bytes) -> list[list[str]]:
    """Cells of the first sheet as text, read with zipfile + ElementTree (no openpyxl here)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        shared: list[str] = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t")) for si in root]
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows: list[list[str]] = []
    for row in sheet.iter(f"{{{ns['m']}}}row"):
        cells: dict[int, str] = {}
        for c in row.iter(f"{{{ns['m']}}}c"):
            col = _col_index(c.attrib["r"])
            kind = c.attrib.get("t")
            if kind == "s":
                cells[col] = shared[int(c.findtext("m:v", namespaces=ns) or "0")]
            elif kind == "inlineStr":
                cells[col] = "".join(t.text or "" for t in c.iter(f"{{{ns['m']}}}t"))
            else:
                cells[col] = c.findtext("m:v", namespaces=ns) or ""
        width = max(cells) + 1 if cells else 0
        rows.append([cells.get(i, "") for i in range(width)])
    return rows


def _col_index(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref)
    assert letters
    n = 0
    for ch in letters.group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def days_ago(n: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=n)
