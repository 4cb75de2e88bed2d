"""The newest-first lists rendered by PostgreSQL (REST: after-sales, disputes) equal the Python
pages (GraphQL's source) for every type x status (so every allowed_actions case), each filter,
page by page, for callers who may act and callers who may only read (allowed_actions narrowed
in SQL); dispute review windows counted on the platform calendar in the shop's zone."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from itertools import product
from typing import Any

import httpx
import orjson
from pydantic import BaseModel
from sqlalchemy import delete, insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db import Database
from app.domain.access.scope import ShopScope
from app.domain.after_sales.schemas import AfterSaleListParams
from app.domain.after_sales.service import AfterSaleService
from app.domain.audit.actor import SYSTEM
from app.domain.disputes.schemas import DisputeListParams
from app.domain.disputes.service import DisputeService
from app.kit.keyset import KeysetCodec
from app.models import AfterSale, Dispute, PlatformCalendarDay, Shop
from app.models.after_sales import AfterSaleStatus, AfterSaleType, DisputeKind, DisputeStatus
from tests.factories import bearer, make_token
from tests.integration.orders_support import new_order, v1

# The caller's effective scopes on the shop: None = the commerce core (every action).
GRANTS: list[frozenset[str] | None] = [
    None,
    frozenset({"after_sales:read", "after_sales:write", "disputes:write"}),
    frozenset({"after_sales:read"}),
]
Lister = Callable[[AsyncSession, ShopScope, Any, KeysetCodec], Awaitable[tuple[bytes, Any]]]


async def assert_pages_equal(
    db: Database,
    shop_id: int,
    codec: KeysetCodec,
    params_type: type[BaseModel],
    mixes: list[dict[str, Any]],
    lister: Lister,
) -> None:
    """Every mix, every grant, page by page: the rendered page (parsed and re-dumped, which
    keeps key order; PostgreSQL spaces its JSON differently) equals the Python page's bytes."""
    for grant, mix in product(GRANTS, mixes):
        scope = ShopScope.of([shop_id], None if grant is None else {shop_id: grant})
        raw: dict[str, Any] = {**mix, "limit": 5}
        for _ in range(30):
            params = params_type.model_validate(raw)
            async with db.transaction() as s:
                rendered, python = await lister(s, scope, params, codec)
            page = orjson.loads(rendered)
            assert orjson.dumps(page) == orjson.dumps(python), (grant, raw)
            if not page["has_more"]:
                break
            raw["cursor"] = page["next_cursor"]
        else:
            raise AssertionError(f"more pages than rows: {raw}")


async def after_sales_pages(
    s: AsyncSession, scope: ShopScope, params: Any, codec: KeysetCodec
) -> tuple[bytes, Any]:
    service = AfterSaleService(s, scope, SYSTEM)
    (shop_id,) = scope.shop_ids
    rendered = await service.list_rendered(shop_id, params, codec)
    return rendered, await service.list_page(shop_id, params, codec)


async def dispute_pages(
    s: AsyncSession, scope: ShopScope, params: Any, codec: KeysetCodec
) -> tuple[bytes, Any]:
    service = DisputeService(s, scope, SYSTEM)
    (shop_id,) = scope.shop_ids
    rendered = await service.list_rendered(shop_id, params, codec)
    return rendered, await service.list_page(shop_id, params, codec)


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
    mixes: list[dict[str, Any]] = [
        {},
        {"type": ["exchange"]},
        {"status": ["approved", "returned"]},
        {"order_id": orders[1]},
        {"created_from": base + timedelta(minutes=5)},
        {"created_to": base + timedelta(minutes=9)},
        {"type": ["return_refund", "refund_only"], "status": ["returned", "awaiting_return"]},
    ]
    codec = KeysetCodec(settings.secret_key)
    await assert_pages_equal(db, shop_id, codec, AfterSaleListParams, mixes, after_sales_pages)
    # Through the route (the client validates the body against Page[AfterSale]): a read-only
    # caller is offered no action, one who may write every action the state allows.
    for scopes, offered in (("after_sales:read", False), ("all", True)):
        token = await make_token(db, shop_ids=[shop_id], scopes=scopes)
        r = await client.get(
            v1(shop_id, "/after-sales"), params={"limit": 100}, headers=bearer(token)
        )
        assert r.status_code == 200 and len(r.json()["data"]) == len(rows)
        assert any(a["allowed_actions"] for a in r.json()["data"]) is offered


# Platform calendar exceptions in 2031 (no other test reads that year): a holiday week and a
# worked Saturday, as around China's golden week.
CALENDAR_2031 = [(date(2031, 10, d), False) for d in range(1, 8)] + [(date(2031, 10, 11), True)]


async def test_rendered_disputes_equal_the_python_pages(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    orders = [(await new_order(client, shop_id, internal_headers))["id"] for _ in range(2)]
    base = datetime(2031, 9, 26, 1, 30, tzinfo=UTC)
    rows: list[dict[str, Any]] = []
    for i, (kind, status) in enumerate(product(DisputeKind, DisputeStatus)):
        for j in range(3):  # submitted across the holiday week, at odd times, or not at all
            n = i * 3 + j
            submitted = base + timedelta(days=n, hours=n * 5, microseconds=(n % 2) * 250)
            open_ = status == DisputeStatus.OPEN and j == 0
            rows.append(
                {
                    "shop_id": shop_id,
                    "order_id": orders[n % 2],
                    "after_sale_id": None,
                    "kind": kind,
                    "status": status,
                    "description": f'说明 {n} "quoted" \\ 100%',
                    "submitted_at": None if open_ else submitted,
                    "review_due_at": None if open_ else submitted + timedelta(days=7),
                    "decided_at": submitted + timedelta(days=4)
                    if status in (DisputeStatus.WON, DisputeStatus.LOST)
                    else None,
                    "created_at": base + timedelta(minutes=n // 2, microseconds=(n % 3) * 900),
                }
            )
    calendar = [{"day": d, "workday": w, "note": "test 2031"} for d, w in CALENDAR_2031]
    async with db.transaction() as s:
        await s.execute(insert(Dispute), rows)
        await s.execute(insert(PlatformCalendarDay), calendar)
    try:
        mixes: list[dict[str, Any]] = [
            {},
            {"kind": ["logistics"]},
            {"status": ["under_review", "open"]},
            {"order_id": orders[1]},
            {"kind": ["malicious_claim"], "status": ["won", "evidence_submitted"]},
        ]
        codec = KeysetCodec(settings.secret_key)
        for zone in ("Asia/Shanghai", "America/Los_Angeles", ""):  # '' reads as the default
            async with db.transaction() as s:
                await s.execute(update(Shop).where(Shop.id == shop_id).values(timezone=zone))
            await assert_pages_equal(db, shop_id, codec, DisputeListParams, mixes, dispute_pages)
    finally:
        async with db.transaction() as s:
            await s.execute(
                delete(PlatformCalendarDay).where(
                    PlatformCalendarDay.day.in_([d for d, _ in CALENDAR_2031])
                )
            )
    # Through the route (validated against Page[Dispute]): windows present once submitted,
    # actions only for a caller who may write disputes.
    for scopes, offered in (("after_sales:read", False), ("all", True)):
        token = await make_token(db, shop_ids=[shop_id], scopes=scopes)
        r = await client.get(v1(shop_id, "/disputes"), params={"limit": 100}, headers=bearer(token))
        assert r.status_code == 200 and len(r.json()["data"]) == len(rows)
        data = r.json()["data"]
        assert sum(d["review_window"] is None for d in data) == 2
        assert any(d["allowed_actions"] for d in data) is offered
