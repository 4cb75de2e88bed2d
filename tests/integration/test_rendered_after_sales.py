"""The after-sales list rendered by PostgreSQL (REST) equals the Python page (GraphQL's source)
for every type x status (so every allowed_actions case), each filter, page by page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import product
from typing import Any

import httpx
import orjson
from sqlalchemy import insert

from app.config import Settings
from app.db import Database
from app.domain.access.scope import ShopScope
from app.domain.after_sales.schemas import AfterSaleListParams
from app.domain.after_sales.service import AfterSaleService
from app.domain.audit.actor import SYSTEM
from app.kit.keyset import KeysetCodec
from app.models import AfterSale
from app.models.after_sales import AfterSaleStatus, AfterSaleType
from tests.factories import bearer, make_token
from tests.integration.orders_support import new_order, v1


async def test_rendered_after_sales_equal_the_python_pages(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    orders = [(await new_order(client, shop_id, internal_headers))["id"] for _ in range(2)]
    base = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    rows: list[dict[str, Any]] = []
    for i, (kind, status) in enumerate(product(AfterSaleType, AfterSaleStatus)):
        created = base + timedelta(minutes=i // 2, microseconds=(i % 3) * 1700)
        rows.append(
            {
                "shop_id": shop_id,
                "order_id": orders[i % 2],
                "type": kind,
                "status": status,
                "reason": f'原因 {i} "quoted"',
                "amount": 100 * i,
                "reject_reason": "No" if status == AfterSaleStatus.REJECTED else None,
                "created_at": created,
                "resolved_at": created + timedelta(hours=1) if i % 4 == 0 else None,
            }
        )
    async with db.transaction() as s:
        await s.execute(insert(AfterSale), rows)
    codec = KeysetCodec(settings.secret_key)
    mixes: list[dict[str, Any]] = [
        {},
        {"type": ["exchange"]},
        {"status": ["approved", "returned"]},
        {"order_id": orders[1]},
        {"created_from": base + timedelta(minutes=5)},
        {"created_to": base + timedelta(minutes=9)},
        {"type": ["return_refund", "refund_only"], "status": ["returned", "awaiting_return"]},
    ]
    for mix in mixes:
        raw: dict[str, Any] = {**mix, "limit": 5}
        for _ in range(20):
            params = AfterSaleListParams.model_validate(raw)
            async with db.transaction() as s:
                service = AfterSaleService(s, ShopScope.of([shop_id]), SYSTEM)
                rendered = await service.list_rendered(shop_id, params, codec)
                python = orjson.dumps(await service.list_page(shop_id, params, codec))
            page = orjson.loads(rendered)
            assert orjson.dumps(page) == python, raw
            if not page["has_more"]:
                break
            raw["cursor"] = page["next_cursor"]
    # And through the route (the client validates the body against Page[AfterSale]).
    token = await make_token(db, shop_ids=[shop_id])
    r = await client.get(v1(shop_id, "/after-sales"), params={"limit": 100}, headers=bearer(token))
    assert r.status_code == 200 and len(r.json()["data"]) == len(rows)
