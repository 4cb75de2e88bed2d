"""The metrics_daily rollup path against the same Python oracle as the live path: after the
worker caught up, with writes it has not rolled up yet (read live), after catching up again,
across a shop-timezone change (rebuild) and on empty periods."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update

from app.config import Settings
from app.db import Database
from app.domain.metrics.rollup import rebuild, roll_up_all, unrolled_days
from app.domain.sync.change_log import record_change
from app.models import MetricsDaily, Order, Shop
from app.worker.runner import registered_jobs, run_worker
from tests.feed_support import eventually
from tests.integration.metrics_seed import SHANGHAI, Spec, make_specs, oracle, seed, within
from tests.integration.test_metrics_service import (
    RANGES,
    D,
    assert_metrics,
    check_regions_and_authors,
    check_trend,
    run,
)

pytestmark = pytest.mark.feed


D_NOON = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # noon in Shanghai on day D


async def caught_up(db: Database, shop_id: int) -> None:
    """Roll up until no change of the shop is left past the cursor (the horizon is
    cluster-wide: another test's open transaction may hold it back for a while)."""

    async def done() -> bool:
        await roll_up_all(db)
        async with db.transaction() as s:
            return await unrolled_days(s, shop_id) == set()

    await eventually(done, timeout=30, what="metrics rollup caught up")


async def check_all(db: Database, shop_id: int, specs: list[Spec], tz: str = SHANGHAI) -> None:
    for first, last in RANGES:
        got = await run(db, shop_id, "summary", first, last)
        assert_metrics(got["metrics"], oracle(specs, first, last, tz))
        prev = got["previous"]
        assert_metrics(
            prev["metrics"],
            oracle(
                specs,
                datetime.fromisoformat(prev["from"]).date(),
                datetime.fromisoformat(prev["to"]).date(),
                tz,
            ),
        )
    if tz == SHANGHAI:
        for group_by in (None, "traffic_source", "author", "province", "pay_method"):
            await check_trend(db, shop_id, specs, group_by)
        report = await run(db, shop_id, "daily_report", D)
        assert_metrics(report["metrics"], oracle(specs, D, D))
        await check_regions_and_authors(db, shop_id, specs)


@pytest.fixture
async def rolled(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> tuple[int, list[Spec]]:
    shop_id = shop["shop_id"]
    specs = await seed(client, db, shop_id, internal_headers, make_specs())
    await caught_up(db, shop_id)
    return shop_id, specs


async def test_rollup_answers_and_equals_oracle(
    db: Database, rolled: tuple[int, list[Spec]]
) -> None:
    shop_id, specs = rolled
    await check_all(db, shop_id, specs)
    # The rollup is what answered: skew its rows and the summary follows; a rebuild restores.
    async with db.transaction() as s:
        n = await s.scalar(
            select(func.count()).where(MetricsDaily.shop_id == shop_id, MetricsDaily.day == D)
        )
        assert n and n > 1  # total + every dimension
        await s.execute(
            update(MetricsDaily)
            .where(MetricsDaily.shop_id == shop_id, MetricsDaily.dim_kind == "total")
            .values(orders=MetricsDaily.orders + 1000)
        )
    got = await run(db, shop_id, "summary", D, D)
    assert got["metrics"]["orders"] == oracle(specs, D, D)["orders"] + 1000
    await rebuild(db, shop_ids=[shop_id])
    await check_all(db, shop_id, specs)


async def test_writes_are_exact_before_and_after_catch_up(
    client: httpx.AsyncClient,
    db: Database,
    rolled: tuple[int, list[Spec]],
    internal_headers: dict[str, str],
) -> None:
    shop_id, specs = rolled
    # New orders (same days, other seed) and a payment of a pending order on D.
    more = await seed(client, db, shop_id, internal_headers, make_specs(seed=99, n=8))
    pending = next(s for s in specs if not s.paid and not s.closed_reason)
    paid_at = datetime(2026, 3, 10, 15, 59, 59, tzinfo=UTC)  # 23:59:59 Shanghai, day D
    r = await client.post(
        f"/internal/v1/shops/{shop_id}/orders/{pending.id}/pay",
        json={"pay_method": "alipay", "paid_at": paid_at.isoformat()},
        headers=internal_headers,
    )
    assert r.status_code == 200, r.text
    pending.paid, pending.pay_method = paid_at, "alipay"
    everything = specs + more
    async with db.transaction() as s:
        assert await unrolled_days(s, shop_id)  # not rolled up yet: those days are read live
    await check_all(db, shop_id, everything)
    await caught_up(db, shop_id)
    await check_all(db, shop_id, everything)


async def test_timezone_change_then_rebuild(db: Database, rolled: tuple[int, list[Spec]]) -> None:
    shop_id, specs = rolled
    async with db.transaction() as s:
        await s.execute(update(Shop).where(Shop.id == shop_id).values(timezone="UTC"))
    await rebuild(db, shop_ids=[shop_id])
    await check_all(db, shop_id, specs, "UTC")
    assert oracle(specs, D, D, "UTC")["orders"] != oracle(specs, D, D)["orders"]


async def test_empty_shop_and_future_days(db: Database, shop: dict[str, int]) -> None:
    await caught_up(db, shop["shop_id"])
    today = datetime.now(UTC).date()
    for first, last in ((D, D), (today - timedelta(days=3), today + timedelta(days=2))):
        got = (await run(db, shop["shop_id"], "summary", first, last))["metrics"]
        assert got["orders"] == 0 and got["payment_conversion"] is None
        assert got["ship_to_sign_hours"] == {"avg": None, "p50": None, "p90": None}


async def test_worker_job_keeps_the_rollup_current(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    assert "metrics_rollup" in registered_jobs()
    shop_id = shop["shop_id"]
    # Seeded before the worker starts: the seed backdates shipped_at in SQL, around the write
    # trail, which the rollup (like any change-log follower) would not see.
    specs = await seed(client, db, shop_id, internal_headers, make_specs(seed=3, n=10))
    stop = asyncio.Event()
    runner = asyncio.create_task(run_worker(settings, stop, only=frozenset({"metrics_rollup"})))

    async def rolled_up() -> bool:
        async with db.transaction() as s:
            rows = await s.scalar(select(func.count()).where(MetricsDaily.shop_id == shop_id))
            return bool(rows) and await unrolled_days(s, shop_id) == set()

    try:
        await eventually(rolled_up, timeout=30, what="the worker rolled the shop up")
        await check_all(db, shop_id, specs)
        # A write while it runs: followed from the change log.
        pending = next(s for s in specs if not s.paid and not s.closed_reason)
        pending.paid, pending.pay_method = D_NOON, "wechat_pay"
        r = await client.post(
            f"/internal/v1/shops/{shop_id}/orders/{pending.id}/pay",
            json={"pay_method": "wechat_pay", "paid_at": D_NOON.isoformat()},
            headers=internal_headers,
        )
        assert r.status_code == 200, r.text
        await eventually(rolled_up, timeout=30, what="the worker rolled the payment up")
        await check_all(db, shop_id, specs)
    finally:
        stop.set()
        await asyncio.wait_for(runner, 10)


async def test_large_backlog_is_rebuilt_not_paged(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.domain.metrics import rollup

    shop_id = shop["shop_id"]
    await caught_up(db, shop_id)
    specs = await seed(client, db, shop_id, internal_headers, make_specs(seed=11, n=12))
    rebuilds: list[object] = []
    real_rebuild = rollup.rebuild

    async def counting(*args: object, **kw: object) -> int:
        rebuilds.append(kw)
        return await real_rebuild(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(rollup, "REBUILD_BACKLOG", 5)
    monkeypatch.setattr(rollup, "rebuild", counting)
    await rollup.roll_up_all(db, batch=2)  # a full first page reveals the backlog
    assert rebuilds
    await caught_up(db, shop_id)
    await check_all(db, shop_id, specs)


async def mark_health(db: Database, shop_id: int, specs: list[Spec]) -> dict[int, tuple[int, bool]]:
    """Refund half of every third paid order and flag every fourth order (SQL plus a change
    row, as a service write leaves); returns {order id: (refunded fen, flagged)}."""
    marks: dict[int, tuple[int, bool]] = {}
    async with db.transaction() as s:
        for k, spec in enumerate(specs):
            refund = spec.paid_amount // 2 if spec.paid and k % 3 == 0 else 0
            flagged = k % 4 == 0
            marks[spec.id] = (refund, flagged)
            await s.execute(
                update(Order)
                .where(Order.shop_id == shop_id, Order.id == spec.id)
                .values(refunded_amount=refund, flagged=flagged)
            )
            await record_change(
                s,
                shop_id=shop_id,
                entity="order",
                entity_id=spec.id,
                entity_version=1,
                type="order.updated",
                data={"id": spec.id},
            )
    return marks


def health_oracle(
    specs: list[Spec], marks: dict[int, tuple[int, bool]], first: date, last: date
) -> dict[str, Any]:
    paid = [s for s in specs if within(s.paid, first, last, SHANGHAI)]
    created = [s for s in specs if within(s.created, first, last, SHANGHAI)]
    refunded = [s for s in paid if marks[s.id][0]]
    return {
        "refunded_amount": sum(marks[s.id][0] for s in paid),
        "refunded_orders": len(refunded),
        "refund_rate": round(len(refunded) / len(paid), 4) if paid else None,
        "flagged": sum(1 for s in created if marks[s.id][1]),
        # March 2026 is long past: every order still pending is over 24 h.
        "unpaid_over_24h": sum(1 for s in created if not s.paid and not s.closed_reason),
    }


async def test_health_equals_oracle_live_and_rolled_up(
    db: Database, rolled: tuple[int, list[Spec]]
) -> None:
    shop_id, specs = rolled
    marks = await mark_health(db, shop_id, specs)
    assert any(r for r, _ in marks.values()) and any(f for _, f in marks.values())
    for phase in ("pending", "rolled up"):
        if phase == "rolled up":
            await caught_up(db, shop_id)
        for first, last in RANGES:
            got = await run(db, shop_id, "summary", first, last)
            assert got["health"] == health_oracle(specs, marks, first, last), (phase, first)
            prev = got["previous"]
            p_first, p_last = date.fromisoformat(prev["from"]), date.fromisoformat(prev["to"])
            assert prev["health"] == health_oracle(specs, marks, p_first, p_last)
