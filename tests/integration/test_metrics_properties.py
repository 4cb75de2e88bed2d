"""Property test of the metric definitions (docs/metrics.md): over random shops, orders and
days, every rate lies in [0, 1] and every measure equals a plain SQL oracle written from the
definitions — for one shop and for several shops together (each in its own timezone), read
live (changes not rolled up yet) and from the rollup (after catching up). Then the cohort rule
of the rollup: a return or complaint opened later changes the day its order was paid.

A seeded random loop (reproducible: the seed is in the failure message)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any

import pytest
from sqlalchemy import text, update

from app.db import Database
from app.domain.access.scope import ShopScope
from app.domain.metrics.service import MetricsService
from app.domain.sync.change_log import record_change
from app.models import Shop
from tests.factories import make_account, make_shop
from tests.integration.test_metrics_rollup import caught_up

START = datetime(2026, 5, 1, tzinfo=UTC)
SPAN_DAYS = 8
ZONES = ("Asia/Shanghai", "UTC", "America/Los_Angeles")
RATES = ("payment_conversion", "return_rate", "complaint_rate", "dispute_rate")

_ORDER = text(
    """
INSERT INTO orders (shop_id, order_no, status, pay_status, pay_method, goods_amount, paid_amount,
    commission_amount, buyer_id, buyer_nickname, receiver_name, receiver_phone, receiver_address,
    province, city, traffic_source, created_at, paid_at, shipped_at, signed_at)
VALUES (:shop, :no, :status, :pay_status, 'alipay', :amount, :paid_amount, 0, :buyer,
    'n', 'r', '13800000000', 'a', '广东', '深圳', 'search', :created, :paid, :shipped, :signed)
RETURNING id
"""
)
_AFTER_SALE = text(
    "INSERT INTO after_sales (shop_id, order_id, type, status, reason, amount, created_at)"
    " VALUES (:shop, :order, :type, 'requested', 'r', 100, :at) RETURNING id"
)
_COMPLAINT = text(
    "INSERT INTO complaints (shop_id, order_id, kind, status, description, created_at)"
    " VALUES (:shop, :order, 'quality', 'open', 'c', :at) RETURNING id"
)
# Disputes count in no metric: seeded too, so a complaint_rate reading them would fail.
_DISPUTE = text(
    "INSERT INTO disputes (shop_id, order_id, kind, status, description, created_at)"
    " VALUES (:shop, :order, 'logistics', 'open', 'd', :at) RETURNING id"
)

# The oracle: the definitions, written again as plain SQL over the source tables.
_ORACLE = text(
    """
WITH o AS (
    SELECT o.*, timezone(s.timezone, o.created_at)::date AS c_day,
           timezone(s.timezone, o.paid_at)::date AS p_day,
           EXISTS (SELECT 1 FROM after_sales a WHERE a.shop_id = o.shop_id
                   AND a.order_id = o.id AND a.type IN ('refund_only', 'return_refund'))
               AS returned,
           EXISTS (SELECT 1 FROM complaints c WHERE c.shop_id = o.shop_id
                   AND c.order_id = o.id) AS complained
    FROM orders o JOIN shops s ON s.id = o.shop_id
    WHERE o.shop_id = ANY(CAST(:shops AS bigint[]))
)
SELECT count(*) FILTER (WHERE c_day BETWEEN :f AND :l) AS orders,
       count(*) FILTER (WHERE c_day BETWEEN :f AND :l AND paid_at IS NOT NULL) AS converted,
       count(*) FILTER (WHERE p_day BETWEEN :f AND :l) AS paid,
       COALESCE(sum(paid_amount) FILTER (WHERE p_day BETWEEN :f AND :l), 0) AS gmv,
       count(*) FILTER (WHERE p_day BETWEEN :f AND :l AND returned) AS returned,
       count(*) FILTER (WHERE p_day BETWEEN :f AND :l AND complained) AS complained
FROM o
"""
)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


async def oracle(db: Database, shops: list[int], first: date, last: date) -> dict[str, Any]:
    async with db.transaction() as s:
        row = (await s.execute(_ORACLE, {"shops": shops, "f": first, "l": last})).one()
    paid = int(row.paid)
    return {
        "orders": int(row.orders),
        "paid_orders": paid,
        "gmv": int(row.gmv),
        "aov": int(Fraction(int(row.gmv), paid) + Fraction(1, 2)) if paid else None,
        "payment_conversion": _ratio(int(row.converted), int(row.orders)),
        "return_rate": _ratio(int(row.returned), paid),
        "complaint_rate": _ratio(int(row.complained), paid),
        "dispute_rate": _ratio(int(row.complained), paid),
    }


def order_row(
    shop_id: int,
    no: str,
    amount: int,
    created: datetime,
    paid: datetime | None,
    shipped: datetime | None = None,
    signed: datetime | None = None,
) -> dict[str, Any]:
    return {
        "shop": shop_id,
        "no": no,
        "status": "paid" if paid else "pending_payment",
        "pay_status": "paid" if paid else "unpaid",
        "amount": amount,
        "paid_amount": amount if paid else 0,
        "buyer": f"b{amount % 7}",
        "created": created,
        "paid": paid,
        "shipped": shipped,
        "signed": signed,
    }


def _at(rnd: random.Random) -> datetime:
    return START + timedelta(seconds=rnd.randint(0, SPAN_DAYS * 86400))


async def seed_shop(db: Database, rnd: random.Random, tz: str, n: int) -> int:
    """``n`` random orders (some paid the next day, some never), random after-sales of every
    type, complaints and disputes (which count nowhere) opened up to days later — every write
    recorded in the change log."""
    shop_id = await make_shop(db, owner_id=await make_account(db))
    async with db.transaction() as s:
        await s.execute(update(Shop).where(Shop.id == shop_id).values(timezone=tz))
        for k in range(n):
            created = _at(rnd)
            paid = (
                created + timedelta(hours=rnd.choice([0, 1, 20, 30]))
                if rnd.random() < 0.7
                else None
            )
            shipped = paid + timedelta(hours=5) if paid and rnd.random() < 0.6 else None
            signed = shipped + timedelta(hours=rnd.randint(10, 60)) if shipped else None
            order_id = (
                await s.execute(
                    _ORDER,
                    order_row(
                        shop_id,
                        f"{shop_id:09d}{k:010d}",
                        rnd.choice([990, 4990, 12900]),
                        created,
                        paid,
                        shipped,
                        signed,
                    ),
                )
            ).scalar_one()
            await _changed(s, shop_id, "order", order_id)
            if paid is None:
                continue
            for _ in range(rnd.choice([0, 0, 1, 2])):  # several after-sales of one order
                kind = rnd.choice(["refund_only", "return_refund", "exchange"])
                at = paid + timedelta(hours=rnd.randint(1, 24 * 12))
                found = await s.execute(
                    _AFTER_SALE, {"shop": shop_id, "order": order_id, "type": kind, "at": at}
                )
                await _changed(s, shop_id, "after_sale", found.scalar_one())
            for _ in range(rnd.choice([0, 0, 0, 1, 2])):
                at = paid + timedelta(hours=rnd.randint(1, 24 * 12))
                found = await s.execute(_COMPLAINT, {"shop": shop_id, "order": order_id, "at": at})
                await _changed(s, shop_id, "complaint", found.scalar_one())
            if rnd.random() < 0.3:
                at = paid + timedelta(hours=rnd.randint(1, 24 * 12))
                found = await s.execute(_DISPUTE, {"shop": shop_id, "order": order_id, "at": at})
                await _changed(s, shop_id, "dispute", found.scalar_one())
    return shop_id


async def _changed(s: Any, shop_id: int, entity: str, entity_id: int) -> None:
    await record_change(
        s,
        shop_id=shop_id,
        entity=entity,
        entity_id=entity_id,
        entity_version=1,
        type=f"{entity}.updated",
        data={"id": entity_id},
    )


def assert_rates_in_unit_interval(metrics: dict[str, Any], where: str) -> None:
    for k in RATES:
        assert metrics[k] is None or 0 <= metrics[k] <= 1, (where, k, metrics[k])


def view(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: metrics[k] for k in ("orders", "paid_orders", "gmv", "aov", *RATES)}


async def check(db: Database, shops: list[int], rnd: random.Random, what: str) -> None:
    """Random ranges: the summary (aggregate and each shop) and every day of the trend."""
    async with db.transaction() as s:
        service = MetricsService(s, ShopScope.of(shops))
        for _ in range(4):
            first = START.date() + timedelta(days=rnd.randint(-1, SPAN_DAYS))
            last = first + timedelta(days=rnd.choice([0, 0, 1, 3, 6]))
            where = f"{what} {first}..{last}"
            summary = await service.shops_summary(shops, first, last)
            assert_rates_in_unit_interval(summary["metrics"], where)
            assert view(summary["metrics"]) == await oracle(db, shops, first, last), where
            for part in summary["by_shop"]:
                assert_rates_in_unit_interval(part["metrics"], where)
                want = await oracle(db, [part["shop_id"]], first, last)
                assert view(part["metrics"]) == want, (where, part["shop_id"])
            trend = await service.shops_trend(shops, first, last)
            for point in trend["series"][0]["points"]:
                day = date.fromisoformat(point["date"])
                assert_rates_in_unit_interval(point, f"{where} day {day}")
                assert view(point) == await oracle(db, shops, day, day), (where, day)


@pytest.mark.parametrize("seed", [3, 8])
async def test_random_days_equal_the_sql_oracle_live_and_rolled_up(db: Database, seed: int) -> None:
    rnd = random.Random(seed)
    shops = [await seed_shop(db, rnd, tz, rnd.randint(25, 45)) for tz in ZONES]
    await check(db, shops[:1], rnd, f"seed {seed} one shop, live")
    await check(db, shops, rnd, f"seed {seed} three shops, live")
    for shop_id in shops:
        await caught_up(db, shop_id)
    await check(db, shops[:1], rnd, f"seed {seed} one shop, rolled up")
    await check(db, shops, rnd, f"seed {seed} three shops, rolled up")


async def test_a_late_return_changes_the_day_the_order_was_paid(db: Database) -> None:
    """The rollup stays true for cohort rates: an after-sale or a complaint opened days later
    is a change of its order's paid day, which is recomputed (a dispute counts nowhere)."""
    rnd = random.Random(5)
    shop_id = await seed_shop(db, rnd, "Asia/Shanghai", 0)
    paid_at = datetime(2026, 5, 2, 4, 0, tzinfo=UTC)  # noon in Shanghai, 2026-05-02
    paid_day = date(2026, 5, 2)
    async with db.transaction() as s:
        order_id = (
            await s.execute(
                _ORDER,
                # created the day before, paid on paid_day
                order_row(
                    shop_id, f"{shop_id:09d}9999999999", 990, paid_at - timedelta(hours=20), paid_at
                ),
            )
        ).scalar_one()
        await _changed(s, shop_id, "order", order_id)
    await caught_up(db, shop_id)

    async def rolled_row() -> tuple[int, int, int]:
        async with db.transaction() as s:
            row = (
                await s.execute(
                    text(
                        "SELECT paid_orders, returned_orders, complained_orders"
                        " FROM metrics_daily WHERE shop_id = :shop AND day = :day"
                        " AND dim_kind = 'total'"
                    ),
                    {"shop": shop_id, "day": paid_day},
                )
            ).one()
        return (int(row[0]), int(row[1]), int(row[2]))

    async def rates() -> tuple[float | None, float | None]:
        async with db.transaction() as s:
            got = await MetricsService(s, ShopScope.of([shop_id])).summary(
                shop_id, paid_day, paid_day
            )
        return got["metrics"]["return_rate"], got["metrics"]["complaint_rate"]

    assert await rolled_row() == (1, 0, 0)
    assert await rates() == (0.0, 0.0)
    later = paid_at + timedelta(days=9)
    async with db.transaction() as s:  # a dispute is no complaint
        d = (
            await s.execute(_DISPUTE, {"shop": shop_id, "order": order_id, "at": later})
        ).scalar_one()
        await _changed(s, shop_id, "dispute", d)
    await caught_up(db, shop_id)
    assert await rolled_row() == (1, 0, 0)
    assert await rates() == (0.0, 0.0)
    async with db.transaction() as s:
        a = (
            await s.execute(
                _AFTER_SALE,
                {"shop": shop_id, "order": order_id, "type": "return_refund", "at": later},
            )
        ).scalar_one()
        await _changed(s, shop_id, "after_sale", a)
    assert await rates() == (1.0, 0.0)  # before the worker: that day is read live
    await caught_up(db, shop_id)
    assert await rolled_row() == (1, 1, 0)  # the old day itself was recomputed
    assert await rates() == (1.0, 0.0)
    async with db.transaction() as s:  # a complaint alone (its own change) does the same
        c = (
            await s.execute(_COMPLAINT, {"shop": shop_id, "order": order_id, "at": later})
        ).scalar_one()
        await _changed(s, shop_id, "complaint", c)
    assert await rates() == (1.0, 1.0)
    await caught_up(db, shop_id)
    assert await rolled_row() == (1, 1, 1)
    assert await rates() == (1.0, 1.0)
    async with db.transaction() as s:  # and the day the after-sale opened holds nothing of it
        opened = await s.scalar(
            text("SELECT count(*) FROM metrics_daily WHERE shop_id = :shop AND day = :day"),
            {"shop": shop_id, "day": (later + timedelta(hours=8)).date()},
        )
    assert opened == 0
