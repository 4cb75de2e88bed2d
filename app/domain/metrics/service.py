"""Metrics service: turns the repository's tallies into DESIGN §13's metrics.

Empty denominators give ``null`` (never 0 and never a division error): a day without orders
has no conversion rate, which is not the same as a conversion of 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
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
from app.domain.metrics.repository import Key, MetricsRepository, Tally
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
    ShopsAuthors,
    ShopsFunnel,
    ShopSpan,
    ShopsRegions,
    ShopsSpan,
    ShopsSummary,
    ShopsTopBuyers,
    ShopsTrend,
    Summary,
    TopBuyer,
    TopBuyers,
    Trend,
    TrendBody,
    TrendPoint,
    TrendSeries,
    Volume,
)
from app.errors import ValidationFailed, field_error
from app.kit.clock import utcnow

V = TypeVar("V", bound=Volume)
K = TypeVar("K")


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


def _shops_span(shop_ids: Sequence[int], first: date, last: date) -> ShopsSpan:
    return {"shop_ids": list(shop_ids), "from": first.isoformat(), "to": last.isoformat()}


def merged(parts: Iterable[dict[K, Tally]]) -> dict[K, Tally]:
    """Cell-wise sums of several shops' tallies (ship->sign durations pooled)."""
    out: dict[K, Tally] = {}
    for part in parts:
        for key, t in part.items():
            out.setdefault(key, Tally()).add(t)
    return out


def _total(cells: dict[Key, Tally]) -> Tally:
    return cells.get((None, None), Tally())


def _period(rng: DayRange, t: Tally, unpaid_over_24h: int) -> PreviousPeriod:
    """``metrics`` and ``health`` of one period."""
    return {
        "from": rng.first.isoformat(),
        "to": rng.last.isoformat(),
        "metrics": metrics_of(t),
        "health": {
            "refunded_amount": t.refunded_amount,
            "refunded_orders": t.refunded_orders,
            "refund_rate": ratio(t.refunded_orders, t.paid_orders),
            "flagged": t.flagged,
            "unpaid_over_24h": unpaid_over_24h,
        },
    }


def _regions(cities: dict[Any, Tally], provinces: dict[Any, Tally]) -> list[ProvinceVolume]:
    """Order density by province, and city within it (largest first)."""
    by_city: dict[str, list[CityVolume]] = {}
    for key, t in cities.items():
        province, _, city = str(key).partition("/")
        by_city.setdefault(province, []).append({"city": city, **_volume(t)})
    rows: list[ProvinceVolume] = [
        {"province": p, **_volume(t), "cities": _largest(by_city.get(p, []), lambda c: c["city"])}
        for p, t in provinces.items()
    ]
    return _largest(rows, lambda p: p["province"])


def _authors(
    sources: dict[Any, Tally], contents: dict[Any, Tally], names: dict[int, str]
) -> list[AuthorMetrics]:
    """Per author: totals, by traffic source, by room/video (orders without one left out)."""
    by_source: dict[int, list[AuthorSource]] = {}
    # Every order has a traffic source, so an author's totals are the sum of their
    # per-source cells: no third read.
    per_author: dict[int, Tally] = {}
    for key, t in sources.items():
        author, _, source = str(key).partition("/")
        if author:
            row: AuthorSource = {"traffic_source": source, **_volume(t), "commission": t.commission}
            by_source.setdefault(int(author), []).append(row)
            per_author.setdefault(int(author), Tally()).add(t)
    by_content: dict[int, list[AuthorContent]] = {}
    for key, t in contents.items():
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
            by_content.setdefault(int(author), []).append(content)

    def by_id(rows: list[AuthorContent]) -> list[AuthorContent]:
        # A room and a video may share an id: ties are then broken by source (stable sort).
        return sorted(rows, key=lambda r: r["traffic_source"])

    authors: list[AuthorMetrics] = [
        {
            "author_id": a,
            "nickname": names.get(a),
            **_volume(t),
            "commission": t.commission,
            "by_source": _largest(by_source.get(a, []), lambda r: r["traffic_source"]),
            "by_content": _largest(by_id(by_content.get(a, [])), lambda r: r["content_id"])[
                :AUTHOR_CONTENT_MAX
            ],
        }
        for a, t in per_author.items()
    ]
    return _largest(authors, lambda r: r["author_id"])


def _author_ids(keys: Iterable[Any]) -> list[int]:
    return sorted({int(a) for k in keys if k and (a := str(k).partition("/")[0])})


class MetricsService:
    """Each report over one shop, or over several shops together with a ``by_shop``
    breakdown (each shop's days in its own timezone; the aggregate sums the shops' raw
    tallies, so its ratios are the shares of the pooled cohorts, not averages of ratios)."""

    def __init__(self, session: AsyncSession, scope: ShopScope) -> None:
        self.repo = MetricsRepository(session, scope)

    async def _ranges(
        self,
        shop_ids: Sequence[int],
        first: date,
        last: date,
        max_days: int,
        names: tuple[str, str] = ("from", "to"),
    ) -> dict[int, DayRange]:
        zones = await self.repo.timezones_of(shop_ids)
        return {
            s: day_range(first, last, tz, max_days=max_days, names=names) for s, tz in zones.items()
        }

    async def _grouped(
        self, ranges: dict[int, DayRange], dim: Dimension
    ) -> dict[int, dict[Any, Tally]]:
        tallies = await self.repo.tallies_of(ranges, by_day=False, group_by=dim, with_hours=False)
        return {s: {g: t for (_, g), t in found.cells.items()} for s, found in tallies.items()}

    async def summary(
        self, shop_id: int, first: date, last: date, *, now: datetime | None = None
    ) -> Summary:
        return (await self.shops_summary([shop_id], first, last, now=now))["by_shop"][0]

    async def shops_summary(
        self, shop_ids: Sequence[int], first: date, last: date, *, now: datetime | None = None
    ) -> ShopsSummary:
        ranges = await self._ranges(shop_ids, first, last, MAX_SUMMARY_DAYS)
        previous = {s: rng.previous() for s, rng in ranges.items()}
        now = now or utcnow()
        cur = await self.repo.tallies_of(ranges, by_day=False, group_by=None)
        pre = await self.repo.tallies_of(previous, by_day=False, group_by=None)
        cur_unpaid = await self.repo.unpaid_over_24h(ranges, now=now)
        pre_unpaid = await self.repo.unpaid_over_24h(previous, now=now)

        def body(shops: Sequence[int]) -> tuple[PreviousPeriod, PreviousPeriod]:
            rng = ranges[shops[0]]
            now_t = _total(merged(cur[s].cells for s in shops))
            before_t = _total(merged(pre[s].cells for s in shops))
            return (
                _period(rng, now_t, sum(cur_unpaid[s] for s in shops)),
                _period(rng.previous(), before_t, sum(pre_unpaid[s] for s in shops)),
            )

        by_shop: list[Summary] = []
        for s, rng in ranges.items():
            this, before = body([s])
            by_shop.append(
                {
                    **_span_of(s, rng),
                    "metrics": this["metrics"],
                    "health": this["health"],
                    "previous": before,
                }
            )
        this, before = body(list(ranges))
        return {
            **_shops_span(list(ranges), first, last),
            "metrics": this["metrics"],
            "health": this["health"],
            "previous": before,
            "by_shop": by_shop,
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
        body = await self.shops_trend(
            [shop_id], first, last, group_by=group_by, metric=metric, interval=interval
        )
        return body["by_shop"][0]

    async def shops_trend(
        self,
        shop_ids: Sequence[int],
        first: date,
        last: date,
        *,
        group_by: GroupBy | None = None,
        metric: Sequence[str] | None = None,
        interval: str = "day",
    ) -> ShopsTrend:
        names = _selected(metric)
        buckets: list[tuple[Any, TrendPoint]]  # (tally key, point head) per bucket
        if interval == "day":
            ranges = await self._ranges(shop_ids, first, last, MAX_TREND_DAYS)
            tallies = await self.repo.tallies_of(ranges, by_day=True, group_by=group_by)
            buckets = [(d, {"date": d.isoformat()}) for d in next(iter(ranges.values())).dates()]
        elif interval == "hour":
            ranges = await self._ranges(shop_ids, first, last, MAX_HOURLY_DAYS)
            tallies = {
                s: await self.repo.hourly_tallies(s, rng, group_by=group_by)
                for s, rng in ranges.items()
            }
            buckets = [
                (datetime.combine(d, time(h)), {"date": d.isoformat(), "hour": h})
                for d in next(iter(ranges.values())).dates()
                for h in range(24)
            ]
        else:
            raise ValidationFailed(
                f"Unknown interval {interval!r}.",
                [field_error(["query", "interval"], "must be one of day, hour")],
            )
        nicknames = (
            await self.repo.author_names(
                sorted({g for t in tallies.values() for _, g in t.cells if g is not None})
            )
            if group_by == "author"
            else {}
        )

        def body(cells: dict[Key, Tally]) -> TrendBody:
            groups = sorted({g for _, g in cells}, key=lambda g: (g is None, str(g)))
            if group_by is None:
                groups = [None]
            series: list[TrendSeries] = []
            for g in groups:
                points: list[TrendPoint] = []
                for key, head in buckets:
                    t = cells.get((key, g), Tally())
                    m = metrics_of(t)
                    point = head.copy()
                    for k in names:
                        point[k] = m[k]  # type: ignore[literal-required]  # k: a metric name
                    if group_by == "author":
                        point["commission"] = t.commission
                    points.append(point)
                entry: TrendSeries = {"key": g, "points": points}
                if group_by == "author":
                    entry["nickname"] = nicknames.get(g) if g is not None else None
                series.append(entry)
            return {
                "interval": TrendInterval(interval),
                "group_by": group_by,
                "metrics": list(names),
                "series": series,
            }

        by_shop: list[Trend] = [
            {**_span_of(s, rng), **body(tallies[s].cells)} for s, rng in ranges.items()
        ]
        return {
            **_shops_span(list(ranges), first, last),
            **body(merged(t.cells for t in tallies.values())),
            "by_shop": by_shop,
        }

    async def regions(self, shop_id: int, first: date, last: date) -> RegionsReport:
        return (await self.shops_regions([shop_id], first, last))["by_shop"][0]

    async def shops_regions(self, shop_ids: Sequence[int], first: date, last: date) -> ShopsRegions:
        """Order density by province, and city within it (largest first)."""
        ranges = await self._ranges(shop_ids, first, last, MAX_SUMMARY_DAYS)
        cities = await self._grouped(ranges, "city")
        provinces = await self._grouped(ranges, GroupBy.PROVINCE)
        return {
            **_shops_span(list(ranges), first, last),
            "provinces": _regions(merged(cities.values()), merged(provinces.values())),
            "by_shop": [
                {**_span_of(s, rng), "provinces": _regions(cities[s], provinces[s])}
                for s, rng in ranges.items()
            ],
        }

    async def authors(self, shop_id: int, first: date, last: date) -> AuthorsReport:
        return (await self.shops_authors([shop_id], first, last))["by_shop"][0]

    async def shops_authors(self, shop_ids: Sequence[int], first: date, last: date) -> ShopsAuthors:
        """Orders, GMV and commission per influencer, split by traffic source (live room,
        short video, …) and by live room / short video (the top AUTHOR_CONTENT_MAX); orders
        without an author are left out."""
        ranges = await self._ranges(shop_ids, first, last, MAX_SUMMARY_DAYS)
        sources = await self._grouped(ranges, "author_source")
        contents = await self._grouped(ranges, "author_content")
        all_sources = merged(sources.values())
        names = await self.repo.author_names(_author_ids(all_sources))
        return {
            **_shops_span(list(ranges), first, last),
            "authors": _authors(all_sources, merged(contents.values()), names),
            "by_shop": [
                {**_span_of(s, rng), "authors": _authors(sources[s], contents[s], names)}
                for s, rng in ranges.items()
            ],
        }

    async def top_buyers(
        self, shop_id: int, first: date, last: date, *, by: str = "aov", limit: int = 20
    ) -> TopBuyers:
        return (await self.shops_top_buyers([shop_id], first, last, by=by, limit=limit))["by_shop"][
            0
        ]

    async def shops_top_buyers(
        self, shop_ids: Sequence[int], first: date, last: date, *, by: str = "aov", limit: int = 20
    ) -> ShopsTopBuyers:
        """A buyer id names the same buyer in every shop (platform buyer ids): the aggregate
        ranks buyers by their orders in all the given shops."""
        ranges = await self._ranges(shop_ids, first, last, MAX_SUMMARY_DAYS)

        async def buyers(part: dict[int, DayRange]) -> list[TopBuyer]:
            rows = await self.repo.top_buyers(part, by=by, limit=limit)
            return [{**row, "aov": average_fen(row["gmv"], row["paid_orders"])} for row in rows]

        by_shop: list[TopBuyers] = [
            {**_span_of(s, rng), "by": TopBuyersBy(by), "buyers": await buyers({s: rng})}
            for s, rng in ranges.items()
        ]
        together = by_shop[0]["buyers"] if len(by_shop) == 1 else await buyers(ranges)
        return {
            **_shops_span(list(ranges), first, last),
            "by": TopBuyersBy(by),
            "buyers": together,
            "by_shop": by_shop,
        }

    async def funnel(
        self, shop_id: int, first: date, last: date, *, now: datetime | None = None
    ) -> Funnel:
        return (await self.shops_funnel([shop_id], first, last, now=now))["by_shop"][0]

    async def shops_funnel(
        self, shop_ids: Sequence[int], first: date, last: date, *, now: datetime | None = None
    ) -> ShopsFunnel:
        ranges = await self._ranges(shop_ids, first, last, MAX_SUMMARY_DAYS)
        now = now or utcnow()
        by_shop: list[Funnel] = []
        for s, rng in ranges.items():
            stages, unpaid = await self.repo.funnel({s: rng}, now=now)
            by_shop.append({**_span_of(s, rng), "stages": stages, "unpaid": unpaid})
        if len(by_shop) == 1:
            stages, unpaid = by_shop[0]["stages"], by_shop[0]["unpaid"]
        else:
            stages, unpaid = await self.repo.funnel(ranges, now=now)
        return {
            **_shops_span(list(ranges), first, last),
            "stages": stages,
            "unpaid": unpaid,
            "by_shop": by_shop,
        }

    async def _totals(self, shop_id: int, rng: DayRange) -> Metrics:
        tallies = await self.repo.tallies(shop_id, rng, by_day=False, group_by=None)
        return metrics_of(_total(tallies.cells))

    async def daily_report(self, shop_id: int, day: date) -> DailyReport:
        rng = (await self._ranges([shop_id], day, day, 1, names=("date", "date")))[shop_id]
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
