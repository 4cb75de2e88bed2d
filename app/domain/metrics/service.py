"""Metrics service: the reports of one shop or of several shops together, from the
repository's tallies (definitions: :mod:`app.domain.metrics.definitions`; figures derived by
:mod:`app.domain.metrics.figures`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.domain.metrics.definitions import (
    MAX_HOURLY_DAYS,
    MAX_SUMMARY_DAYS,
    MAX_TREND_DAYS,
    Dimension,
    GroupBy,
    TopBuyersBy,
    TrendInterval,
)
from app.domain.metrics.figures import (
    author_ids,
    authors_of,
    average_fen,
    delta,
    merged,
    metrics_of,
    period_of,
    regions_of,
    selected_metrics,
    shops_span,
    span_of,
    total_of,
)
from app.domain.metrics.ranges import DayRange, day_range
from app.domain.metrics.repository import Key, MetricsRepository, Tally
from app.domain.metrics.schemas import (
    AuthorsReport,
    DailyReport,
    Funnel,
    MetricDeltas,
    Metrics,
    PreviousPeriod,
    RegionsReport,
    ShopsAuthors,
    ShopsFunnel,
    ShopsRegions,
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
)
from app.errors import ValidationFailed, field_error
from app.kit.clock import utcnow


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
            now_t = total_of(merged(cur[s].cells for s in shops))
            before_t = total_of(merged(pre[s].cells for s in shops))
            return (
                period_of(rng, now_t, sum(cur_unpaid[s] for s in shops)),
                period_of(rng.previous(), before_t, sum(pre_unpaid[s] for s in shops)),
            )

        by_shop: list[Summary] = []
        for s, rng in ranges.items():
            this, before = body([s])
            by_shop.append(
                {
                    **span_of(s, rng),
                    "metrics": this["metrics"],
                    "health": this["health"],
                    "previous": before,
                }
            )
        this, before = body(list(ranges))
        return {
            **shops_span(list(ranges), first, last),
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
        names = selected_metrics(metric)
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
            {**span_of(s, rng), **body(tallies[s].cells)} for s, rng in ranges.items()
        ]
        return {
            **shops_span(list(ranges), first, last),
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
            **shops_span(list(ranges), first, last),
            "provinces": regions_of(merged(cities.values()), merged(provinces.values())),
            "by_shop": [
                {**span_of(s, rng), "provinces": regions_of(cities[s], provinces[s])}
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
        names = await self.repo.author_names(author_ids(all_sources))
        return {
            **shops_span(list(ranges), first, last),
            "authors": authors_of(all_sources, merged(contents.values()), names),
            "by_shop": [
                {**span_of(s, rng), "authors": authors_of(sources[s], contents[s], names)}
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
            {**span_of(s, rng), "by": TopBuyersBy(by), "buyers": await buyers({s: rng})}
            for s, rng in ranges.items()
        ]
        together = by_shop[0]["buyers"] if len(by_shop) == 1 else await buyers(ranges)
        return {
            **shops_span(list(ranges), first, last),
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
            by_shop.append({**span_of(s, rng), "stages": stages, "unpaid": unpaid})
        if len(by_shop) == 1:
            stages, unpaid = by_shop[0]["stages"], by_shop[0]["unpaid"]
        else:
            stages, unpaid = await self.repo.funnel(ranges, now=now)
        return {
            **shops_span(list(ranges), first, last),
            "stages": stages,
            "unpaid": unpaid,
            "by_shop": by_shop,
        }

    async def _totals(self, shop_id: int, rng: DayRange) -> Metrics:
        tallies = await self.repo.tallies(shop_id, rng, by_day=False, group_by=None)
        return metrics_of(total_of(tallies.cells))

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
            "change_vs_previous_day": cast(MetricDeltas, delta(today, yesterday)),
        }
