"""Demo data: deterministic for a seed, realistic ratios, consistent rows, and change-log data
equal to what the services return for the same entities."""

from __future__ import annotations

import asyncio
import itertools
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import pytest

from app.config import Settings, plain_database_url
from app.db import Database
from app.demo import load_demo
from app.demo.indexes import model_indexes
from app.domain.access.scope import ShopScope
from app.domain.address_changes.service import AddressChangeService
from app.domain.after_sales.service import AfterSaleService
from app.domain.audit.actor import SYSTEM
from app.domain.complaints.service import ComplaintService
from app.domain.disputes.service import DisputeService
from app.domain.orders.service import OrderService
from app.migrations import upgrade
from tests.dbsetup import _with_db, schema_hash

ANCHOR = datetime(2026, 11, 1, 16, tzinfo=UTC)  # midnight in Shanghai
ORDERS = 3000

# Business content per table: everything except the load-time columns of change_log.
CONTENT = {
    "accounts": "SELECT id, email, display_name, password_hash, created_at FROM accounts",
    "shops": "SELECT * FROM shops",
    "shop_members": "SELECT * FROM shop_members",
    "authors": "SELECT * FROM authors",
    "products": "SELECT * FROM products",
    "orders": "SELECT * FROM orders",
    "order_items": "SELECT * FROM order_items",
    "shipments": "SELECT * FROM shipments",
    "order_events": "SELECT * FROM order_events",
    "after_sales": "SELECT * FROM after_sales",
    "disputes": "SELECT * FROM disputes",
    "dispute_evidence": "SELECT * FROM dispute_evidence",
    "address_change_requests": "SELECT * FROM address_change_requests",
    "complaints": "SELECT * FROM complaints",
    "change_log": (
        "SELECT shop_id, id, entity, entity_id, entity_version, type, data FROM change_log"
    ),
}

_names = itertools.count(1)


@pytest.fixture(scope="module")
async def fresh_database(
    server_url: str, database_url: str
) -> AsyncIterator[Callable[[], Awaitable[str]]]:
    """Factory of empty migrated databases (clones of the test template)."""
    created: list[str] = []
    admin = await asyncpg.connect(plain_database_url(server_url))

    async def make() -> str:
        name = (
            f"og_demo_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}_{next(_names)}"
        )
        template = f"og_tpl_{schema_hash()}"
        await admin.execute("SELECT pg_advisory_lock(727274)")  # the template's clone lock
        try:
            # The migration may have changed since this session's template was made.
            if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", template):
                await admin.execute(f'CREATE DATABASE "{template}"')
                await asyncio.to_thread(upgrade, _with_db(server_url, template))
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        finally:
            await admin.execute("SELECT pg_advisory_unlock(727274)")
        created.append(name)
        return _with_db(server_url, name)

    yield make
    for name in created:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()


async def content_hashes(url: str) -> dict[str, str]:
    conn = await asyncpg.connect(plain_database_url(url))
    try:
        return {
            table: await conn.fetchval(
                f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                f"FROM ({query}) t"
            )
            for table, query in CONTENT.items()
        }
    finally:
        await conn.close()


@pytest.fixture(scope="module")
async def demo_url(fresh_database: Callable[[], Awaitable[str]]) -> str:
    url = await fresh_database()
    seen: list[tuple[int, int]] = []
    await load_demo(
        url,
        shops=3,
        orders=ORDERS,
        seed=42,
        anchor=ANCHOR,
        batch_size=700,  # several batches on both connections
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[0] == (0, ORDERS) and seen[-1] == (ORDERS, ORDERS)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    return url


async def fetch(url: str, query: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(plain_database_url(url))
    try:
        return list(await conn.fetch(query, *args))
    finally:
        await conn.close()


async def scalar(url: str, query: str, *args: Any) -> Any:
    return (await fetch(url, query, *args))[0][0]


async def test_demo_determinism(
    demo_url: str, fresh_database: Callable[[], Awaitable[str]]
) -> None:
    """Same seed into a fresh database -> identical rows, however it is batched; another
    seed -> different rows."""
    same = await fresh_database()
    await load_demo(
        same, shops=3, orders=ORDERS, seed=42, anchor=ANCHOR, batch_size=ORDERS, connections=1
    )
    other = await fresh_database()
    await load_demo(other, shops=3, orders=ORDERS, seed=7, anchor=ANCHOR)

    first, second, third = (
        await content_hashes(demo_url),
        await content_hashes(same),
        await content_hashes(other),
    )
    assert first == second
    for table in ("orders", "order_items", "order_events", "change_log"):
        assert first[table] != third[table], table


async def test_counts_and_ratios_are_realistic(demo_url: str) -> None:
    orders = await scalar(demo_url, "SELECT count(*) FROM orders")
    assert orders == ORDERS
    assert await scalar(demo_url, "SELECT count(*) FROM shops") == 3
    assert await scalar(demo_url, "SELECT count(*) FROM authors") == 40
    statuses = {
        r[0]: r[1] for r in await fetch(demo_url, "SELECT status, count(*) FROM orders GROUP BY 1")
    }
    assert {"closed", "paid", "shipped", "completed", "partially_shipped"} <= statuses.keys()
    assert statuses["completed"] > orders / 2
    paid = await scalar(demo_url, "SELECT count(*) FROM orders WHERE paid_at IS NOT NULL")
    after_sales = await scalar(demo_url, "SELECT count(*) FROM after_sales")
    disputes = await scalar(demo_url, "SELECT count(*) FROM disputes")
    assert 0.04 <= after_sales / paid <= 0.08
    assert 0.001 <= disputes / paid <= 0.012
    for table, column in (("address_change_requests", "status"), ("complaints", "status")):
        found = {r[0] for r in await fetch(demo_url, f"SELECT DISTINCT {column} FROM {table}")}
        assert found == {"pending", "approved", "rejected"} or found == {"open", "responded"}
    kinds = {r[0] for r in await fetch(demo_url, "SELECT DISTINCT kind FROM complaints")}
    assert len(kinds) == 5
    methods = await fetch(demo_url, "SELECT DISTINCT pay_method FROM orders")
    assert {r[0] for r in methods} == {None, "douyin_pay", "alipay", "wechat_pay"}
    provinces = await fetch(
        demo_url, "SELECT province FROM orders GROUP BY 1 ORDER BY count(*) DESC LIMIT 3"
    )
    assert provinces[0][0] == "广东"
    sources = {r[0] for r in await fetch(demo_url, "SELECT DISTINCT traffic_source FROM orders")}
    assert {"live_room", "short_video", "product_card", "search", "other"} == sources
    assert (
        await scalar(
            demo_url,
            "SELECT count(*) FROM orders WHERE author_id IS NOT NULL "
            "AND traffic_source = 'live_room' AND room_id IS NULL",
        )
        == 0
    )
    hours = await fetch(
        demo_url,
        "SELECT extract(hour FROM created_at AT TIME ZONE 'Asia/Shanghai')::int AS h, count(*) "
        "FROM orders GROUP BY 1",
    )
    by_hour = {r[0]: r[1] for r in hours}
    assert by_hour[21] > 3 * by_hour.get(4, 0)  # evening peak, quiet night
    # Merchant partial refunds (orders without after-sale) and pending exchange offers.
    partial = await scalar(
        demo_url,
        "SELECT count(*) FROM order_refunds WHERE after_sale_id IS NULL AND amount > 0",
    )
    offers = await scalar(
        demo_url, "SELECT count(*) FROM after_sales WHERE status = 'exchange_offered'"
    )
    assert partial > 0 and offers > 0
    span = await fetch(demo_url, "SELECT min(created_at), max(updated_at) FROM orders")
    assert span[0][0] >= ANCHOR - timedelta(days=120) and span[0][1] <= ANCHOR


async def test_rows_are_consistent(demo_url: str) -> None:
    zero = {
        "order without items": "SELECT count(*) FROM orders o WHERE NOT EXISTS "
        "(SELECT 1 FROM order_items i WHERE i.shop_id = o.shop_id AND i.order_id = o.id)",
        "orphan items": "SELECT count(*) FROM order_items i WHERE NOT EXISTS "
        "(SELECT 1 FROM orders o WHERE o.shop_id = i.shop_id AND o.id = i.order_id)",
        "orphan events": "SELECT count(*) FROM order_events e WHERE NOT EXISTS "
        "(SELECT 1 FROM orders o WHERE o.shop_id = e.shop_id AND o.id = e.order_id)",
        "orphan after-sales": "SELECT count(*) FROM after_sales a WHERE NOT EXISTS "
        "(SELECT 1 FROM orders o WHERE o.shop_id = a.shop_id AND o.id = a.order_id)",
        "unknown author": "SELECT count(*) FROM orders o WHERE o.author_id IS NOT NULL AND "
        "NOT EXISTS (SELECT 1 FROM authors a WHERE a.id = o.author_id)",
        "unknown product": "SELECT count(*) FROM order_items i WHERE NOT EXISTS "
        "(SELECT 1 FROM products p WHERE p.shop_id = i.shop_id AND p.id = i.product_id)",
        "goods amount": "SELECT count(*) FROM orders o WHERE goods_amount <> (SELECT "
        "sum(quantity * unit_price) FROM order_items i WHERE i.shop_id = o.shop_id "
        "AND i.order_id = o.id)",
        "shipped without shipment": "SELECT count(*) FROM orders o WHERE shipped_at IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.shop_id = o.shop_id "
        "AND s.order_id = o.id)",
        "bad order_no": "SELECT count(*) FROM orders WHERE order_no !~ '^[0-9]{19}$'",
        # version = 1 + one per lifecycle step on the timeline
        "version vs timeline": "SELECT count(*) FROM orders o WHERE version <> (SELECT count(*) "
        "FROM order_events e WHERE e.shop_id = o.shop_id AND e.order_id = o.id AND e.kind IN "
        "('created', 'pay', 'close', 'shipped', 'signed', 'complete', 'refunded', "
        "'shipment_updated', 'tracking_updated'))",
        "timeline out of order": "SELECT count(*) FROM (SELECT created_at < lag(created_at) "
        "OVER (PARTITION BY shop_id, order_id ORDER BY id) AS back FROM order_events) t "
        "WHERE back",
        "refund mismatch": "SELECT count(*) FROM orders WHERE (pay_status = 'refunded') <> "
        "(refunded_amount = paid_amount AND refunded_amount > 0)",
        # the refund ledger sums to each order's refunded amount
        "ledger vs refunded_amount": "SELECT count(*) FROM orders o WHERE refunded_amount <> "
        "(SELECT coalesce(sum(amount), 0) FROM order_refunds r WHERE r.shop_id = o.shop_id "
        "AND r.order_id = o.id)",
        "offer without its status": "SELECT count(*) FROM after_sales WHERE "
        "(status = 'exchange_offered') <> (exchange_offer->>'status' = 'pending') "
        "OR (exchange_offer IS NULL) <> (status <> 'exchange_offered')",
        # One order.created row; the newest row (the parcel stories add some) at the version.
        "order change rows": "SELECT count(*) FROM orders o WHERE (SELECT count(*) FROM "
        "change_log c WHERE c.shop_id = o.shop_id AND c.entity = 'order' AND c.entity_id = o.id "
        "AND c.type = 'order.created') <> 1 OR (SELECT max(entity_version) FROM change_log c "
        "WHERE c.shop_id = o.shop_id AND c.entity = 'order' AND c.entity_id = o.id) <> o.version",
        "after-sale change rows": "SELECT count(*) FROM after_sales a WHERE NOT EXISTS (SELECT 1 "
        "FROM change_log c WHERE c.shop_id = a.shop_id AND c.entity = 'after_sale' "
        "AND c.entity_id = a.id AND c.entity_version = a.version)",
        "dispute change rows": "SELECT count(*) FROM disputes d WHERE NOT EXISTS (SELECT 1 "
        "FROM change_log c WHERE c.shop_id = d.shop_id AND c.entity = 'dispute' "
        "AND c.entity_id = d.id AND c.entity_version = d.version)",
        "address change on a shipped order": "SELECT count(*) FROM address_change_requests r "
        "JOIN orders o ON o.shop_id = r.shop_id AND o.id = r.order_id "
        "WHERE o.status NOT IN ('pending_payment', 'paid')",
        "address change rows": "SELECT count(*) FROM address_change_requests r WHERE NOT EXISTS "
        "(SELECT 1 FROM change_log c WHERE c.shop_id = r.shop_id AND c.entity = "
        "'address_change' AND c.entity_id = r.id AND c.entity_version = r.version)",
        "complaint rows": "SELECT count(*) FROM complaints m WHERE NOT EXISTS (SELECT 1 FROM "
        "change_log c WHERE c.shop_id = m.shop_id AND c.entity = 'complaint' "
        "AND c.entity_id = m.id AND c.entity_version = m.version)",
    }
    for what, query in zero.items():
        assert await scalar(demo_url, query) == 0, what
    assert await scalar(demo_url, "SELECT count(DISTINCT (entity, entity_id)) FROM change_log") == (
        await scalar(
            demo_url,
            "SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM after_sales) "
            "+ (SELECT count(*) FROM disputes) + (SELECT count(*) FROM address_change_requests) "
            "+ (SELECT count(*) FROM complaints)",
        )
    )


async def test_change_log_data_equals_service_representation(
    demo_url: str, settings: Settings
) -> None:
    db = Database.connect(settings, demo_url)
    try:
        rows = await fetch(
            demo_url,
            "SELECT DISTINCT ON (status, pay_status, author_id IS NULL, shipped_at IS NULL) "
            "shop_id, id FROM orders ORDER BY status, pay_status, author_id IS NULL, "
            "shipped_at IS NULL, id",
        )
        rows += await fetch(demo_url, "SELECT shop_id, id FROM orders ORDER BY id LIMIT 20")
        assert len(rows) > 10
        async with db.transaction() as session:
            for shop_id, order_id in rows:
                service = OrderService(session, ShopScope.of([shop_id]), SYSTEM)
                expected = await service.get(shop_id, order_id)
                logged = await scalar(
                    demo_url,
                    "SELECT data FROM change_log WHERE entity = 'order' AND entity_id = $1 "
                    "ORDER BY id DESC LIMIT 1",
                    order_id,
                )
                assert _json(logged) == expected
            tables = {
                "after_sale": "after_sales",
                "dispute": "disputes",
                "address_change": "address_change_requests",
                "complaint": "complaints",
            }
            for entity, service_cls in (
                ("after_sale", AfterSaleService),
                ("dispute", DisputeService),
                ("address_change", AddressChangeService),
                ("complaint", ComplaintService),
            ):
                table = tables[entity]
                for shop_id, entity_id in await fetch(
                    demo_url,
                    f"SELECT DISTINCT ON (status) shop_id, id FROM {table} ORDER BY status, id",
                ):
                    got = await service_cls(session, ShopScope.of([shop_id]), SYSTEM).get(
                        shop_id, entity_id
                    )
                    logged = await scalar(
                        demo_url,
                        "SELECT data FROM change_log WHERE entity = $1 AND entity_id = $2 "
                        "ORDER BY id DESC LIMIT 1",
                        entity,
                        entity_id,
                    )
                    assert _json(logged) == got, (entity, entity_id)
    finally:
        await db.dispose()


async def test_bulk_load_rebuilds_its_indexes(
    fresh_database: Callable[[], Awaitable[str]],
) -> None:
    """The deferred-index path leaves every secondary index in place, and ingest after the demo
    gets fresh ids (identity sequences moved past the loaded rows)."""
    url = await fresh_database()
    summary = await load_demo(url, shops=2, orders=500, anchor=ANCHOR, defer_indexes=True)
    names = {r[0] for r in await fetch(url, "SELECT indexname FROM pg_indexes")}
    assert set(model_indexes()) <= names
    max_id = await scalar(url, "SELECT max(id) FROM orders")
    next_id = await scalar(url, "SELECT nextval(pg_get_serial_sequence('orders', 'id'))")
    assert next_id > max_id
    assert summary.rows["orders"] == 500 and len(summary.shop_ids) == 2


def _json(value: Any) -> Any:
    import orjson

    return orjson.loads(value) if isinstance(value, str | bytes) else value


async def test_parcel_stories(demo_url: str) -> None:
    """Each shop has a partially shipped order, one shipped in two parcels and signed by its
    trace, a corrected parcel and a logistics exception (flagged)."""
    per_shop = await fetch(
        demo_url,
        "SELECT o.shop_id, "
        "count(*) FILTER (WHERE o.status = 'partially_shipped') AS partial, "
        "count(*) FILTER (WHERE o.signed_at IS NOT NULL AND (SELECT count(*) FROM shipments s "
        "  WHERE s.shop_id = o.shop_id AND s.order_id = o.id) = 2) AS two_parcels, "
        "count(*) FILTER (WHERE o.flag_reason = 'logistics_exception') AS exceptions "
        "FROM orders o GROUP BY 1 ORDER BY 1",
    )
    assert len(per_shop) == 3
    for row in per_shop:
        assert (row["partial"], row["two_parcels"], row["exceptions"]) == (1, 1, 1), dict(row)
    assert await scalar(demo_url, "SELECT count(*) FROM shipments WHERE corrections = 1") == 3
    assert (
        await scalar(demo_url, "SELECT count(DISTINCT shipment_id) FROM shipment_tracking_events")
        == 15
    )
    types = {r[0] for r in await fetch(demo_url, "SELECT DISTINCT type FROM change_log")}
    assert {"shipment.updated", "shipment.tracking_updated", "order.signed"} <= types
