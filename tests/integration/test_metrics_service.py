"""Metrics service against an independent Python oracle (docs/metrics.md definitions), on orders
ingested with fixed timestamps either side of Asia/Shanghai midnights."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import update

from app.db import Database
from app.domain.access.scope import ShopScope
from app.domain.metrics.definitions import AUTHOR_CONTENT_MAX, METRIC_NAMES
from app.domain.metrics.rollup import rebuild
from app.domain.metrics.service import MetricsService
from app.errors import NotFound, ValidationFailed
from app.models import Shop
from tests.integration.metrics_seed import (
    SHANGHAI,
    Spec,
    group_value,
    local_day,
    make_specs,
    oracle,
    seed,
    within,
)

D = date(2026, 3, 10)
RANGES = [
    (D, D),
    (D - timedelta(days=1), D - timedelta(days=1)),
    (D - timedelta(days=3), D + timedelta(days=3)),
    (D + timedelta(days=1), D + timedelta(days=6)),
    (date(2025, 1, 1), date(2025, 1, 5)),  # empty: no division by zero
]


@pytest.fixture
async def seeded(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> tuple[int, list[Spec]]:
    specs = await seed(client, db, shop["shop_id"], internal_headers, make_specs())
    return shop["shop_id"], specs


def metric_view(o: dict[str, Any]) -> dict[str, Any]:
    return {k: o[k] for k in METRIC_NAMES}


def assert_metrics(got: dict[str, Any], want: dict[str, Any]) -> None:
    assert set(got) == set(METRIC_NAMES)
    hours_got, hours_want = got["ship_to_sign_hours"], want["ship_to_sign_hours"]
    for k in ("avg", "p50", "p90"):
        if hours_want[k] is None:
            assert hours_got[k] is None
        else:
            assert hours_got[k] == pytest.approx(hours_want[k], abs=0.011)
    rest = {k: v for k, v in got.items() if k != "ship_to_sign_hours"}
    assert rest == {k: v for k, v in metric_view(want).items() if k != "ship_to_sign_hours"}


async def run(db: Database, shop_id: int, fn: str, *args: Any, **kw: Any) -> Any:
    async with db.transaction() as s:
        return await getattr(MetricsService(s, ShopScope.of([shop_id])), fn)(shop_id, *args, **kw)


def test_seed_straddles_local_midnights() -> None:
    specs = make_specs()
    # Same UTC date, different Shanghai dates: the case a UTC bucket gets wrong.
    split = [s for s in specs if s.created.date() != local_day(s.created, SHANGHAI)]
    assert split and len(split) < len(specs)
    assert any(s.signed and s.shipped for s in specs)
    assert any(s.after_sale for s in specs) and any(s.complaint for s in specs)
    # Disputes on paid orders without a complaint: counting disputes would change the rates.
    assert any(s.dispute and s.paid and not s.complaint for s in specs)


async def test_summary_equals_oracle(db: Database, seeded: tuple[int, list[Spec]]) -> None:
    shop_id, specs = seeded
    # One seeding, several ranges (seeding dominates the test's time).
    for first, last in RANGES:
        got = await run(db, shop_id, "summary", first, last)
        assert got["timezone"] == SHANGHAI
        assert_metrics(got["metrics"], oracle(specs, first, last))
        days = (last - first).days + 1
        prev = (first - timedelta(days=days), first - timedelta(days=1))
        assert got["previous"]["from"] == prev[0].isoformat()
        assert_metrics(got["previous"]["metrics"], oracle(specs, *prev))
    assert oracle(specs, D, D)["orders"] > 0 and oracle(specs, D, D)["gmv"] > 0


async def test_empty_range_is_zero_counts_and_null_ratios(
    db: Database, shop: dict[str, int]
) -> None:
    got = (await run(db, shop["shop_id"], "summary", D, D))["metrics"]
    assert got == {
        "orders": 0,
        "paid_orders": 0,
        "gmv": 0,
        "payment_conversion": None,
        "aov": None,
        "ship_to_sign_hours": {"avg": None, "p50": None, "p90": None},
        "return_rate": None,
        "complaint_rate": None,
        "dispute_rate": None,
    }


async def test_summary_follows_the_shop_timezone(
    db: Database, seeded: tuple[int, list[Spec]]
) -> None:
    shop_id, specs = seeded
    async with db.transaction() as s:
        await s.execute(update(Shop).where(Shop.id == shop_id).values(timezone="UTC"))
    # The documented step after a timezone change (a rollup may have caught this shop).
    await rebuild(db, shop_ids=[shop_id])
    got = await run(db, shop_id, "summary", D, D)
    assert got["timezone"] == "UTC"
    assert_metrics(got["metrics"], oracle(specs, D, D, "UTC"))
    assert oracle(specs, D, D, "UTC")["orders"] != oracle(specs, D, D)["orders"]


async def test_trend_by_day_equals_oracle(db: Database, seeded: tuple[int, list[Spec]]) -> None:
    shop_id, specs = seeded
    for group_by in (None, "traffic_source", "author", "province", "pay_method"):
        await check_trend(db, shop_id, specs, group_by)


async def check_trend(db: Database, shop_id: int, specs: list[Spec], group_by: str | None) -> None:
    first, last = D - timedelta(days=3), D + timedelta(days=4)
    got = await run(db, shop_id, "trend", first, last, group_by=group_by)
    assert got["metrics"] == list(METRIC_NAMES)
    if group_by is None:
        groups: dict[Any, list[Spec]] = {None: specs}
    else:
        groups = {}
        for s in specs:
            groups.setdefault(group_value(s, group_by), []).append(s)
    series = {e["key"]: e for e in got["series"]}
    # every group that has any event in the range appears; no others
    active = {k for k, members in groups.items() if _active(members, first, last)}
    assert set(series) == active
    for key in active:
        points = series[key]["points"]
        assert [p["date"] for p in points] == [
            (first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)
        ]  # zero-filled
        for p in points:
            day = date.fromisoformat(p["date"])
            want = oracle(groups[key], day, day)
            assert_metrics({k: p[k] for k in METRIC_NAMES}, want)
            if group_by == "author":
                assert p["commission"] == want["commission"]
        if group_by == "author" and key is not None:
            assert series[key]["nickname"].startswith("达人")


async def test_trend_metric_selection_and_validation(
    db: Database, seeded: tuple[int, list[Spec]]
) -> None:
    shop_id, _ = seeded
    got = await run(db, shop_id, "trend", D, D, metric=["gmv", "orders"])
    assert got["metrics"] == ["orders", "gmv"]
    assert set(got["series"][0]["points"][0]) == {"date", "orders", "gmv"}
    with pytest.raises(ValidationFailed) as e:
        await run(db, shop_id, "trend", D, D, metric=["revenue"])
    assert e.value.extra["errors"][0]["loc"] == ["query", "metric"]
    with pytest.raises(ValidationFailed) as e:
        await run(db, shop_id, "trend", D, D - timedelta(days=1))
    assert e.value.extra["errors"][0]["loc"] == ["query", "to"]
    with pytest.raises(ValidationFailed) as e:
        await run(db, shop_id, "trend", D - timedelta(days=400), D)
    assert e.value.extra["errors"][0]["loc"] == ["query", "from"]


async def test_top_buyers_equal_oracle(db: Database, seeded: tuple[int, list[Spec]]) -> None:
    shop_id, specs = seeded
    for by in ("aov", "gmv"):
        check_top(await run_top(db, shop_id, by), specs, by)


async def run_top(db: Database, shop_id: int, by: str) -> Any:
    first, last = D - timedelta(days=3), D + timedelta(days=3)
    return await run(db, shop_id, "top_buyers", first, last, by=by, limit=4)


def check_top(got: Any, specs: list[Spec], by: str) -> None:
    first, last = D - timedelta(days=3), D + timedelta(days=3)
    buyers: dict[str, list[int]] = {}
    for s in specs:
        if within(s.paid, first, last, SHANGHAI):
            buyers.setdefault(s.buyer, []).append(s.paid_amount)

    def sort_key(item: tuple[str, list[int]]) -> tuple[Any, ...]:
        b, amounts = item
        gmv, n = sum(amounts), len(amounts)
        primary = (-Fraction(gmv, n), -gmv) if by == "aov" else (-gmv, -n)
        return (*primary, b)

    want = [
        {
            "buyer_id": b,
            "nickname": f"nick-{b}",
            "paid_orders": len(a),
            "gmv": sum(a),
            "aov": int(Fraction(sum(a), len(a)) + Fraction(1, 2)),
        }
        for b, a in sorted(buyers.items(), key=sort_key)[:4]
    ]
    assert got["buyers"] == want


async def test_funnel_equals_oracle(db: Database, seeded: tuple[int, list[Spec]]) -> None:
    shop_id, specs = seeded
    first, last = D - timedelta(days=1), D + timedelta(days=1)
    now = datetime(2026, 3, 11, 12, 0, tzinfo=UTC)
    got = await run(db, shop_id, "funnel", first, last, now=now)
    c = [s for s in specs if within(s.created, first, last, SHANGHAI)]
    unpaid = [s for s in c if not s.paid]
    pending = [s for s in unpaid if not s.closed_reason]
    closed = [s for s in unpaid if s.closed_reason]
    reasons: dict[str, int] = {}
    for s in closed:
        reasons[s.closed_reason or ""] = reasons.get(s.closed_reason or "", 0) + 1
    assert got["stages"] == {
        "created": len(c),
        "paid": sum(1 for s in c if s.paid),
        "shipped": sum(1 for s in c if s.shipped),
        "signed": sum(1 for s in c if s.signed),
        "completed": 0,
    }
    assert got["unpaid"] == {
        "total": len(unpaid),
        "pending_payment": len(pending),
        "pending_over_24h": sum(1 for s in pending if s.created < now - timedelta(hours=24)),
        "closed_unpaid": len(closed),
        "reminded_unpaid": sum(1 for s in unpaid if s.reminded),
        "paid_after_reminder": sum(1 for s in c if s.paid and s.reminded and s.reminded < s.paid),
        "close_reasons": [
            {"reason": r, "count": n}
            for r, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
    }


async def test_daily_report_compares_with_previous_day(
    db: Database, seeded: tuple[int, list[Spec]]
) -> None:
    shop_id, specs = seeded
    got = await run(db, shop_id, "daily_report", D)
    today, before = oracle(specs, D, D), oracle(specs, D - timedelta(days=1), D - timedelta(days=1))
    assert_metrics(got["metrics"], today)
    assert got["previous_day"]["date"] == "2026-03-09"
    assert_metrics(got["previous_day"]["metrics"], before)
    assert_metrics(
        got["same_weekday_last_week"]["metrics"],
        oracle(specs, D - timedelta(days=7), D - timedelta(days=7)),
    )
    change = got["change_vs_previous_day"]
    assert change["orders"] == today["orders"] - before["orders"]
    assert change["gmv"] == today["gmv"] - before["gmv"]
    if today["aov"] is None or before["aov"] is None:
        assert change["aov"] is None


async def test_other_shops_are_invisible(db: Database, shop: dict[str, int]) -> None:
    async with db.transaction() as s:
        service = MetricsService(s, ShopScope.of([shop["shop_id"] + 10_000]))
        with pytest.raises(NotFound):
            await service.summary(shop["shop_id"], D, D)


def _active(members: list[Spec], first: date, last: date) -> bool:
    """Any of these orders created, paid or signed in the range (then the group has a row,
    maybe of zeros); after-sales and complaints count with their order's payment."""
    return any(
        within(t, first, last, SHANGHAI)
        for s in members
        for t in (s.created, s.paid, s.signed)
        if isinstance(t, datetime)
    )


def _volume(members: list[Spec], first: date, last: date) -> dict[str, Any]:
    o = oracle(members, first, last)
    return {k: o[k] for k in ("orders", "paid_orders", "gmv", "aov")}


def _groups(specs: list[Spec], key: Any) -> dict[Any, list[Spec]]:
    out: dict[Any, list[Spec]] = {}
    for s in specs:
        out.setdefault(key(s), []).append(s)
    return out


async def check_regions_and_authors(db: Database, shop_id: int, specs: list[Spec]) -> None:
    for first, last in RANGES:
        got = await run(db, shop_id, "regions", first, last)
        provinces = {p["province"]: p for p in got["provinces"]}
        want = {
            p: members
            for p, members in _groups(specs, lambda s: s.province).items()
            if _active(members, first, last)
        }
        assert set(provinces) == set(want)
        for p, members in want.items():
            row = provinces[p]
            assert {k: row[k] for k in ("orders", "paid_orders", "gmv", "aov")} == _volume(
                members, first, last
            )
            assert sum(c["orders"] for c in row["cities"]) == row["orders"]
        gmvs = [p["gmv"] for p in got["provinces"]]
        assert gmvs == sorted(gmvs, reverse=True)

        got = await run(db, shop_id, "authors", first, last)
        authors = {a["author_id"]: a for a in got["authors"]}
        want = {
            a: members
            for a, members in _groups(specs, lambda s: s.author_id).items()
            if a is not None and _active(members, first, last)
        }
        assert set(authors) == set(want)
        for a, members in want.items():
            row = authors[a]
            assert row["nickname"].startswith("达人")
            assert {k: row[k] for k in ("orders", "paid_orders", "gmv", "aov")} == _volume(
                members, first, last
            )
            assert row["commission"] == oracle(members, first, last)["commission"]
            by_source = {b["traffic_source"]: b for b in row["by_source"]}
            sources = {
                t: m
                for t, m in _groups(members, lambda s: s.traffic_source).items()
                if _active(m, first, last)
            }
            assert set(by_source) == set(sources)
            for t, m in sources.items():
                assert by_source[t]["gmv"] == oracle(m, first, last)["gmv"]
                assert by_source[t]["orders"] == oracle(m, first, last)["orders"]
                assert by_source[t]["commission"] == oracle(m, first, last)["commission"]
            by_content = {(b["traffic_source"], b["content_id"]): b for b in row["by_content"]}
            contents = {
                k: m
                for k, m in _groups(members, lambda s: (s.traffic_source, s.content_id)).items()
                if k[1] is not None and _active(m, first, last)
            }
            assert len(contents) <= AUTHOR_CONTENT_MAX  # the cap does not cut the seed
            assert set(by_content) == set(contents)
            for k, m in contents.items():
                assert {
                    f: by_content[k][f] for f in ("orders", "paid_orders", "gmv", "aov")
                } == _volume(m, first, last)
                assert by_content[k]["commission"] == oracle(m, first, last)["commission"]
            gmvs = [b["gmv"] for b in row["by_content"]]
            assert gmvs == sorted(gmvs, reverse=True)


async def test_regions_and_authors_equal_oracle(
    db: Database, seeded: tuple[int, list[Spec]]
) -> None:
    shop_id, specs = seeded
    await check_regions_and_authors(db, shop_id, specs)


async def test_hourly_trend_equals_oracle(db: Database, seeded: tuple[int, list[Spec]]) -> None:
    shop_id, specs = seeded
    first, last = D - timedelta(days=1), D
    got = await run(db, shop_id, "trend", first, last, interval="hour")
    assert got["interval"] == "hour"
    points = got["series"][0]["points"]
    assert [(p["date"], p["hour"]) for p in points] == [
        ((first + timedelta(days=n)).isoformat(), h) for n in range(2) for h in range(24)
    ]
    tz = ZoneInfo(SHANGHAI)
    for p in points:
        start = datetime.combine(date.fromisoformat(p["date"]), time(p["hour"]), tz)

        def in_hour(ts: datetime | None, start: datetime = start) -> bool:
            return ts is not None and start <= ts < start + timedelta(hours=1)

        created = [s for s in specs if in_hour(s.created)]
        assert p["orders"] == len(created)
        assert p["paid_orders"] == sum(1 for s in specs if in_hour(s.paid))
        assert p["gmv"] == sum(s.paid_amount for s in specs if in_hour(s.paid))
    assert sum(p["orders"] for p in points) == oracle(specs, first, last)["orders"]
    with pytest.raises(ValidationFailed) as e:
        await run(db, shop_id, "trend", D - timedelta(days=7), D, interval="hour")
    assert e.value.extra["errors"][0]["loc"] == ["query", "from"]
    with pytest.raises(ValidationFailed) as e:
        await run(db, shop_id, "trend", D, D, interval="week")
    assert e.value.extra["errors"][0]["loc"] == ["query", "interval"]
