"""Metrics service: turns the repository's tallies into DESIGN §13's metrics.

Empty denominators give ``null`` (never 0 and never a division error): a day without orders
has no conversion rate, which is not the same as a conversion of 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar, cast

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.scope import ShopScope
from app.domain.metrics.definitions import (
    AUTHOR_CONTENT_MAX,
    HOURS_DIGITS,
    MAX_HOURLY_DAYS,
    MAX_SUMMARY_DAYS,
    MAX_TREND_DAYS,
    METRIC_NAMES,
    RATIO_DIGITS,
    Dimension,
    GroupBy,
    MetricName,
    TopBuyersBy,
    TrendInterval,
)
from app.domain.metrics.ranges import DayRange, day_range
from app.domain.metrics.repository import MetricsRepository, Tally
from app.domain.metrics.schemas import (
    AuthorContent,
    AuthorMetrics,
    AuthorSource,
    AuthorsReport,
    CityVolume,
    DailyReport,
    Funnel,
    HoursStats,
    MetricDeltas,
    Metrics,
    PreviousPeriod,
    ProvinceVolume,
    RegionsReport,
    ShopSpan,
    Summary,
    TopBuyer,
    TopBuyers,
    Trend,
    TrendPoint,
    TrendSeries,
    Volume,
)
from app.errors import ValidationFailed, field_error
from app.kit.clock import utcnow

V = TypeVar("V", bound=Volume)


def ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, RATIO_DIGITS) if denominator else None


def average_fen(total: int, count: int) -> int | None:
    """Integer fen, rounded half up (amounts are never negative)."""
    return (2 * total + count) // (2 * count) if count else None


def _hours(value: float | None) -> float | None:
    return round(float(value), HOURS_DIGITS) if value is not None else None


def percentile_cont(values: list[float], fraction: float) -> float:
    """PostgreSQL's ``percentile_cont`` (linear interpolation) over sorted ``values``."""
    position = fraction * (len(values) - 1)
    lo, hi = math.floor(position), math.ceil(position)
    return values[lo] + (values[hi] - values[lo]) * (position - lo)


def hours_of(values: list[float]) -> HoursStats:
    if not values:
        return {"avg": None, "p50": None, "p90": None}
    xs = sorted(values)
    return {
        "avg": _hours(sum(xs) / len(xs)),
        "p50": _hours(percentile_cont(xs, 0.5)),
        "p90": _hours(percentile_cont(xs, 0.9)),
    }


def metrics_of(t: Tally) -> Metrics:
    return {
        **_volume(t),
        "payment_conversion": ratio(t.converted_orders, t.orders),
        "ship_to_sign_hours": hours_of(t.hours),
        "return_rate": ratio(t.returned_orders, t.paid_orders),
        "complaint_rate": ratio(t.complained_orders, t.paid_orders),
        "dispute_rate": ratio(t.complained_orders, t.paid_orders),  # deprecated alias
    }


def _delta(now: Any, before: Any) -> Any:
    """``now`` minus ``before``, key by key (nested dicts too); null when either is null."""
    if isinstance(now, dict):
        return {k: _delta(v, before.get(k) if before else None) for k, v in now.items()}
    if now is None or before is None:
        return None
    diff = now - before
    return round(diff, RATIO_DIGITS) if isinstance(diff, float) else diff


def _selected(metric: Sequence[str] | None) -> tuple[MetricName, ...]:
    if not metric:
        return METRIC_NAMES
    unknown = [m for m in metric if m not in METRIC_NAMES]
    if unknown:
        raise ValidationFailed(
            f"Unknown metric {unknown[0]!r}.",
            [field_error(["query", "metric"], f"must be one of {', '.join(METRIC_NAMES)}")],
        )
    return tuple(m for m in METRIC_NAMES if m in metric)


def _volume(t: Tally) -> Volume:
    return {
        "orders": t.orders,
        "paid_orders": t.paid_orders,
        "gmv": t.gmv,
        "aov": average_fen(t.gmv, t.paid_orders),
    }


def _largest(rows: list[V], name: Callable[[V], object]) -> list[V]:
    """Most GMV first, then most orders, then by name (stable for ties)."""
    return sorted(rows, key=lambda r: (-r["gmv"], -r["orders"], str(name(r))))


def _span_of(shop_id: int, rng: DayRange) -> ShopSpan:
    return {
        "shop_id": shop_id,
        "from": rng.first.isoformat(),
        "to": rng.last.isoformat(),
        "timezone": rng.timezone,
    }


class MetricsService:
    def __init__(self, session: AsyncSession, scope: ShopScope) -> None:
        self.repo = MetricsRepository(session, scope)

    async def _range(
        self,
        shop_id: int,
        first: date,
        last: date,
        max_days: int,
        names: tuple[str, str] = ("from", "to"),
    ) -> DayRange:
        tz = await self.repo.timezone_of(shop_id)
        return day_range(first, last, tz, max_days=max_days, names=names)

    async def _totals(self, shop_id: int, rng: DayRange) -> Metrics:
        return metrics_of(await self._total(shop_id, rng))

    async def _total(self, shop_id: int, rng: DayRange) -> Tally:
        tallies = await self.repo.tallies(shop_id, rng, by_day=False, group_by=None)
        return tallies.cells.get((None, None), Tally())

    async def _period(self, shop_id: int, rng: DayRange, now: datetime) -> PreviousPeriod:
        """``metrics`` (DESIGN §13) and ``health`` of one period."""
        t = await self._total(shop_id, rng)
        return {
            "from": rng.first.isoformat(),
            "to": rng.last.isoformat(),
            "metrics": metrics_of(t),
            "health": {
                "refunded_amount": t.refunded_amount,
                "refunded_orders": t.refunded_orders,
                "refund_rate": ratio(t.refunded_orders, t.paid_orders),
                "flagged": t.flagged,
                "unpaid_over_24h": await self.repo.unpaid_over_24h(shop_id, rng, now=now),
            },
        }

    async def summary(
        self, shop_id: int, first: date, last: date, *, now: datetime | None = None
    ) -> Summary:
        rng = await self._range(shop_id, first, last, MAX_SUMMARY_DAYS)
        prev = rng.previous()
        now = now or utcnow()
        period = await self._period(shop_id, rng, now)
        return {
            **_span_of(shop_id, rng),
            "metrics": period["metrics"],
            "health": period["health"],
            "previous": await self._period(shop_id, prev, now),
        }

    async def trend(
        self,
        shop_id: int,
        first: date,
        last: date,
        *,
        group_by: GroupBy | None = None,
        metric: Sequence[str] | None = None,
        interval: str = "day",
    ) -> Trend:
        names = _selected(metric)
        buckets: list[tuple[Any, TrendPoint]]  # (tally key, point head) per bucket
        if interval == "day":
            rng = await self._range(shop_id, first, last, MAX_TREND_DAYS)
            tallies = await self.repo.tallies(shop_id, rng, by_day=True, group_by=group_by)
            buckets = [(d, {"date": d.isoformat()}) for d in rng.dates()]
        elif interval == "hour":
            rng = await self._range(shop_id, first, last, MAX_HOURLY_DAYS)
            tallies = await self.repo.hourly_tallies(shop_id, rng, group_by=group_by)
            buckets = [
                (datetime.combine(d, time(h)), {"date": d.isoformat(), "hour": h})
                for d in rng.dates()
                for h in range(24)
            ]
        else:
            raise ValidationFailed(
                f"Unknown interval {interval!r}.",
                [field_error(["query", "interval"], "must be one of day, hour")],
            )
        groups = sorted({g for _, g in tallies.cells}, key=lambda g: (g is None, str(g)))
        if group_by is None:
            groups = [None]
        names_of = (
            await self.repo.author_names([g for g in groups if g is not None])
            if group_by == "author"
            else {}
        )
        series: list[TrendSeries] = []
        for g in groups:
            points: list[TrendPoint] = []
            for key, head in buckets:
                t = tallies.cells.get((key, g), Tally())
                m = metrics_of(t)
                point = head.copy()
                for k in names:
                    point[k] = m[k]  # type: ignore[literal-required]  # k: a metric name
                if group_by == "author":
                    point["commission"] = t.commission
                points.append(point)
            entry: TrendSeries = {"key": g, "points": points}
            if group_by == "author":
                entry["nickname"] = names_of.get(g) if g is not None else None
            series.append(entry)
        return {
            **_span_of(shop_id, rng),
            "interval": TrendInterval(interval),
            "group_by": group_by,
            "metrics": list(names),
            "series": series,
        }

    async def _grouped(self, shop_id: int, rng: DayRange, dim: Dimension) -> dict[Any, Tally]:
        tallies = await self.repo.tallies(
            shop_id, rng, by_day=False, group_by=dim, with_hours=False
        )
        return {g: t for (_, g), t in tallies.cells.items()}

    async def regions(self, shop_id: int, first: date, last: date) -> RegionsReport:
        """Order density by province, and city within it (largest first)."""
        rng = await self._range(shop_id, first, last, MAX_SUMMARY_DAYS)
        cities: dict[str, list[CityVolume]] = {}
        for key, t in (await self._grouped(shop_id, rng, "city")).items():
            province, _, city = str(key).partition("/")
            cities.setdefault(province, []).append({"city": city, **_volume(t)})
        provinces: list[ProvinceVolume] = [
            {
                "province": p,
                **_volume(t),
                "cities": _largest(cities.get(p, []), lambda c: c["city"]),
            }
            for p, t in (await self._grouped(shop_id, rng, GroupBy.PROVINCE)).items()
        ]
        by_province = _largest(provinces, lambda p: p["province"])
        return {**_span_of(shop_id, rng), "provinces": by_province}

    async def authors(self, shop_id: int, first: date, last: date) -> AuthorsReport:
        """Orders, GMV and commission per influencer, split by traffic source (live room,
        short video, …) and by live room / short video (the top AUTHOR_CONTENT_MAX); orders
        without an author are left out."""
        rng = await self._range(shop_id, first, last, MAX_SUMMARY_DAYS)
        sources: dict[int, list[AuthorSource]] = {}
        # Every order has a traffic source, so an author's totals are the sum of their
        # per-source cells: no third read.
        per_author: dict[int, Tally] = {}
        for key, t in (await self._grouped(shop_id, rng, "author_source")).items():
            author, _, source = str(key).partition("/")
            if author:
                row: AuthorSource = {
                    "traffic_source": source,
                    **_volume(t),
                    "commission": t.commission,
                }
                sources.setdefault(int(author), []).append(row)
                per_author.setdefault(int(author), Tally()).add(t)
        contents: dict[int, list[AuthorContent]] = {}
        for key, t in (await self._grouped(shop_id, rng, "author_content")).items():
            if key is None:  # live only: orders without a room/video (the rollup drops them)
                continue
            author, source, content_id = str(key).split("/", 2)  # ids may contain "/"
            if author:
                content: AuthorContent = {
                    "traffic_source": source,
                    "content_id": content_id,
                    **_volume(t),
                    "commission": t.commission,
                }
                contents.setdefault(int(author), []).append(content)

        def by_id(rows: list[AuthorContent]) -> list[AuthorContent]:
            # A room and a video may share an id: ties are then broken by source (stable sort).
            return sorted(rows, key=lambda r: r["traffic_source"])

        names = await self.repo.author_names(list(per_author))
        authors: list[AuthorMetrics] = [
            {
                "author_id": a,
                "nickname": names.get(a),
                **_volume(t),
                "commission": t.commission,
                "by_source": _largest(sources.get(a, []), lambda r: r["traffic_source"]),
                "by_content": _largest(by_id(contents.get(a, [])), lambda r: r["content_id"])[
                    :AUTHOR_CONTENT_MAX
                ],
            }
            for a, t in per_author.items()
        ]
        by_author = _largest(authors, lambda r: r["author_id"])
        return {**_span_of(shop_id, rng), "authors": by_author}

    async def top_buyers(
        self, shop_id: int, first: date, last: date, *, by: str = "aov", limit: int = 20
    ) -> TopBuyers:
        rng = await self._range(shop_id, first, last, MAX_SUMMARY_DAYS)
        rows = await self.repo.top_buyers(shop_id, rng, by=by, limit=limit)
        buyers: list[TopBuyer] = [
            {**row, "aov": average_fen(row["gmv"], row["paid_orders"])} for row in rows
        ]
        return {**_span_of(shop_id, rng), "by": TopBuyersBy(by), "buyers": buyers}

    async def funnel(
        self, shop_id: int, first: date, last: date, *, now: datetime | None = None
    ) -> Funnel:
        rng = await self._range(shop_id, first, last, MAX_SUMMARY_DAYS)
        stages, unpaid = await self.repo.funnel(shop_id, rng, now=now or utcnow())
        return {**_span_of(shop_id, rng), "stages": stages, "unpaid": unpaid}

    async def daily_report(self, shop_id: int, day: date) -> DailyReport:
        rng = await self._range(shop_id, day, day, 1, names=("date", "date"))
        today = await self._totals(shop_id, rng)
        yesterday = await self._totals(shop_id, rng.shifted(-1))
        last_week = await self._totals(shop_id, rng.shifted(-7))
        return {
            "shop_id": shop_id,
            "date": day.isoformat(),
            "timezone": rng.timezone,
            "metrics": today,
            "previous_day": {"date": (day - timedelta(days=1)).isoformat(), "metrics": yesterday},
            "same_weekday_last_week": {
                "date": (day - timedelta(days=7)).isoformat(),
                "metrics": last_week,
            },
            "change_vs_previous_day": cast(MetricDeltas, _delta(today, yesterday)),
        }
