"""Metrics (docs/metrics.md definitions, same service as REST) and the change feed as types."""

from __future__ import annotations

import datetime
from typing import Any, cast

import strawberry
from strawberry.types import Info

from app.domain.metrics.definitions import (
    AUTHOR_CONTENT_MAX,
    METRIC_NAMES,
    TOP_BUYERS_MAX,
    GroupBy,
    TrendInterval,
)
from app.domain.metrics.definitions import TopBuyersBy as DomainTopBuyersBy
from app.domain.metrics.service import MetricsService
from app.errors import InsufficientScope, ValidationFailed, field_error
from app.graphql.types.scalars import JSON, DateTime, Long

Row = dict[str, Any]


def _day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


@strawberry.type
class ShipToSignHours:
    avg: float | None
    p50: float | None
    p90: float | None


@strawberry.type(description="Metric values over a range (shop timezone)")
class Metrics:
    orders: int
    paid_orders: int
    gmv: Long = strawberry.field(description="Fen")
    payment_conversion: float | None
    aov: int | None = strawberry.field(description="Fen")
    ship_to_sign_hours: ShipToSignHours
    return_rate: float | None
    complaint_rate: float | None
    dispute_rate: float | None = strawberry.field(
        deprecation_reason="The same value as complaintRate; use complaintRate."
    )


@strawberry.type(description="Shop health over a period (besides the summary metrics)")
class MetricsHealth:
    refunded_amount: Long = strawberry.field(description="Fen, of orders paid in the period")
    refunded_orders: int = strawberry.field(description="Orders paid in the period, refunded")
    refund_rate: float | None = strawberry.field(description="refundedOrders / orders paid")
    flagged: int = strawberry.field(description="Orders created in the period, now flagged")
    unpaid_over_24h: int = strawberry.field(
        description="Orders created in the period, still unpaid after 24 h"
    )


@strawberry.type
class PreviousPeriod:
    from_: str = strawberry.field(name="from")
    to: str
    metrics: Metrics
    health: MetricsHealth


# The domain's enums, registered under their GraphQL names (one definition each).
strawberry.enum(GroupBy, name="MetricsGroupBy", description="Dimension a trend is split by")
strawberry.enum(
    TrendInterval,
    name="MetricsInterval",
    description="Bucket size of a trend (shop timezone); HOUR: at most 7 days",
)
strawberry.enum(DomainTopBuyersBy, name="TopBuyersBy")
MetricsGroupBy = GroupBy
MetricsInterval = TrendInterval
TopBuyersBy = DomainTopBuyersBy


@strawberry.type(description="One day of a trend; metrics not asked for are null")
class TrendPoint:
    date: str
    hour: int | None = strawberry.field(description="Local clock hour 0..23 (interval HOUR)")
    orders: int | None
    paid_orders: int | None
    gmv: Long | None = strawberry.field(description="Fen")
    payment_conversion: float | None
    aov: int | None = strawberry.field(description="Fen")
    ship_to_sign_hours: ShipToSignHours | None
    return_rate: float | None
    complaint_rate: float | None
    dispute_rate: float | None = strawberry.field(
        deprecation_reason="The same value as complaintRate; use complaintRate."
    )
    commission: Long | None = strawberry.field(description="Fen; author trends only")


@strawberry.type(description="One group's zero-filled days; key null = the no-value group")
class TrendSeries:
    key: str | None
    nickname: str | None = strawberry.field(description="Author trends only")
    points: list[TrendPoint]


@strawberry.type
class MetricsTrend:
    interval: MetricsInterval
    group_by: MetricsGroupBy | None
    metrics: list[str]
    series: list[TrendSeries]


@strawberry.type(description="Order volume of a city")
class CityMetrics:
    city: str
    orders: int
    paid_orders: int
    gmv: Long
    aov: int | None


@strawberry.type(description="Order volume of a province (order density)")
class RegionMetrics:
    province: str
    orders: int
    paid_orders: int
    gmv: Long
    aov: int | None
    cities: list[CityMetrics]


@strawberry.type(description="An influencer's sales through one traffic source")
class AuthorSourceMetrics:
    traffic_source: str
    orders: int
    paid_orders: int
    gmv: Long
    aov: int | None
    commission: Long


@strawberry.type(description="An influencer's sales in one live room or short video")
class AuthorContentMetrics:
    traffic_source: str = strawberry.field(description="live_room or short_video")
    content_id: str = strawberry.field(description="The room id (live_room) or video id")
    orders: int
    paid_orders: int
    gmv: Long
    aov: int | None
    commission: Long


@strawberry.type(description="An influencer's sales and commission")
class AuthorMetrics:
    author_id: int
    nickname: str | None
    orders: int
    paid_orders: int
    gmv: Long
    aov: int | None
    commission: Long
    by_source: list[AuthorSourceMetrics]
    by_content: list[AuthorContentMetrics] = strawberry.field(
        description=f"Per live room / short video, most GMV first (the top {AUTHOR_CONTENT_MAX})"
    )


@strawberry.type
class TopBuyer:
    buyer_id: str
    nickname: str | None
    paid_orders: int
    gmv: Long
    aov: int | None


@strawberry.type
class FunnelStages:
    created: int
    paid: int
    shipped: int
    signed: int
    completed: int


@strawberry.type
class CloseReasonCount:
    reason: str
    count: int


@strawberry.type(description="What became of the orders never paid")
class UnpaidOutcomes:
    total: int
    pending_payment: int
    pending_over_24h: int
    closed_unpaid: int
    reminded_unpaid: int
    paid_after_reminder: int
    close_reasons: list[CloseReasonCount]


@strawberry.type(description="Orders created in the range: steps reached, unpaid outcomes")
class MetricsFunnel:
    stages: FunnelStages
    unpaid: UnpaidOutcomes


@strawberry.type
class DayMetrics:
    date: str
    metrics: Metrics


@strawberry.type(description="Differences (this day minus the day before); null where unknown")
class MetricsChange:
    orders: int | None
    paid_orders: int | None
    gmv: Long | None
    payment_conversion: float | None
    aov: int | None
    ship_to_sign_hours: ShipToSignHours | None
    return_rate: float | None
    complaint_rate: float | None
    dispute_rate: float | None = strawberry.field(
        deprecation_reason="The same value as complaintRate; use complaintRate."
    )


@strawberry.type(description="One day vs the day before and the same weekday a week before")
class DailyReport:
    date: str
    timezone: str
    metrics: Metrics
    previous_day: DayMetrics
    same_weekday_last_week: DayMetrics
    change_vs_previous_day: MetricsChange


def _shops(root: Row) -> list[int]:
    """The shops a metrics object answers for: several (``shop_ids``) or one."""
    return list(root["shop_ids"]) if "shop_ids" in root else [root["shop_id"]]


def _service(info: Info[Any, None], shop_ids: list[int]) -> MetricsService:
    auth = info.context.authorize("metrics:read")
    for shop_id in shop_ids:
        auth.require(shop_id)
    return MetricsService(info.context.session, auth.shops)


def _range(root: Row) -> tuple[datetime.date, datetime.date]:
    return _day(root["from"]), _day(root["to"])


def _point(point: Row) -> Row:
    return {
        "date": point["date"],
        "hour": point.get("hour"),
        "commission": point.get("commission"),
    } | {k: point.get(k) for k in METRIC_NAMES}


# The fields below resolve alike on one shop's metrics and on several shops' (their aggregate):
# the service's multi-shop reports, whose aggregate over one shop is that shop's report.


async def _trend(
    root: Row,
    info: Info[Any, None],
    metric: list[str] | None = None,
    interval: MetricsInterval = MetricsInterval.DAY,
    group_by: MetricsGroupBy | None = None,
) -> MetricsTrend:
    shops = _shops(root)
    body = await info.context.serial(
        _service(info, shops).shops_trend(
            shops,
            *_range(root),
            group_by=group_by.value if group_by else None,
            metric=metric,
            interval=interval.value,
        )
    )
    return cast(
        MetricsTrend,
        {
            "interval": MetricsInterval(body["interval"]),
            "group_by": group_by,
            "metrics": body["metrics"],
            "series": [
                {
                    "key": None if e["key"] is None else str(e["key"]),
                    "nickname": e.get("nickname"),
                    "points": [_point(p) for p in e["points"]],
                }
                for e in body["series"]
            ],
        },
    )


async def _regions(root: Row, info: Info[Any, None]) -> list[RegionMetrics]:
    shops = _shops(root)
    body = await info.context.serial(_service(info, shops).shops_regions(shops, *_range(root)))
    return cast(list[RegionMetrics], body["provinces"])


async def _authors(root: Row, info: Info[Any, None]) -> list[AuthorMetrics]:
    shops = _shops(root)
    body = await info.context.serial(_service(info, shops).shops_authors(shops, *_range(root)))
    return cast(list[AuthorMetrics], body["authors"])


async def _buyers_top(
    root: Row, info: Info[Any, None], by: TopBuyersBy = TopBuyersBy.AOV, limit: int = 20
) -> list[TopBuyer]:
    if not 1 <= limit <= TOP_BUYERS_MAX:
        raise ValidationFailed(
            f"'limit' must be between 1 and {TOP_BUYERS_MAX}.",
            [field_error(["limit"], f"must be between 1 and {TOP_BUYERS_MAX}")],
        )
    shops = _shops(root)
    body = await info.context.serial(
        _service(info, shops).shops_top_buyers(shops, *_range(root), by=by.value, limit=limit)
    )
    return cast(list[TopBuyer], body["buyers"])


async def _funnel(root: Row, info: Info[Any, None]) -> MetricsFunnel:
    shops = _shops(root)
    body = await info.context.serial(_service(info, shops).shops_funnel(shops, *_range(root)))
    return cast(MetricsFunnel, body)


_TREND = "By day, zero-filled; metric names as in REST (all if none)"
_REGIONS = "Orders and GMV by province and city, most GMV first"
_AUTHORS = "Per influencer, split by traffic source and by room/video, most GMV first"
_BUYERS = "Buyers with orders paid in the range (limit 1..100)"
_FUNNEL = "Created → paid → shipped → signed → completed; unpaid outcomes"


@strawberry.type(
    description="Metrics over whole days (shop timezone); every field below answers for the "
    "same range through the same service as REST /v1/shops/{id}/metrics/…"
)
class MetricsSummary:
    from_: str = strawberry.field(name="from")
    to: str
    timezone: str
    metrics: Metrics
    health: MetricsHealth
    previous: PreviousPeriod
    trend: MetricsTrend = strawberry.field(resolver=_trend, description=_TREND)
    regions: list[RegionMetrics] = strawberry.field(resolver=_regions, description=_REGIONS)
    authors: list[AuthorMetrics] = strawberry.field(resolver=_authors, description=_AUTHORS)
    buyers_top: list[TopBuyer] = strawberry.field(resolver=_buyers_top, description=_BUYERS)
    funnel: MetricsFunnel = strawberry.field(resolver=_funnel, description=_FUNNEL)

    @strawberry.field(description="The daily report of `date` (default: the range's last day)")
    async def daily_report(
        self: Row, info: Info[Any, None], date: datetime.date | None = None
    ) -> DailyReport:
        service = _service(info, [self["shop_id"]])
        day = date or _day(self["to"])
        return cast(
            DailyReport, await info.context.serial(service.daily_report(self["shop_id"], day))
        )


@strawberry.type(
    description="Metrics of several shops together over whole days (each shop's timezone), "
    "and of each (byShop); the same service as REST /v1/metrics/…"
)
class ShopsMetrics:
    shop_ids: list[int]
    from_: str = strawberry.field(name="from")
    to: str
    metrics: Metrics
    health: MetricsHealth
    previous: PreviousPeriod
    by_shop: list[MetricsSummary]
    trend: MetricsTrend = strawberry.field(resolver=_trend, description=_TREND)
    regions: list[RegionMetrics] = strawberry.field(resolver=_regions, description=_REGIONS)
    authors: list[AuthorMetrics] = strawberry.field(resolver=_authors, description=_AUTHORS)
    buyers_top: list[TopBuyer] = strawberry.field(resolver=_buyers_top, description=_BUYERS)
    funnel: MetricsFunnel = strawberry.field(resolver=_funnel, description=_FUNNEL)


async def shops_metrics(
    info: Info[Any, None], shop_ids: list[int] | None, first: datetime.date, last: datetime.date
) -> ShopsMetrics:
    """Query.metrics: the shops asked for (each needing metrics:read), or every shop the
    token grants it on (as the multi-shop order list chooses)."""
    auth = info.context.authorize("metrics:read")
    shops = auth.selected_shops(shop_ids)
    if not shops:
        raise InsufficientScope("metrics:read", "The token grants metrics:read on no shop.")
    service = MetricsService(info.context.session, auth.shops)
    body = await info.context.serial(service.shops_summary(shops, first, last))
    return cast(ShopsMetrics, body)


@strawberry.type
class Change:
    id: Long
    type: str
    entity: str
    entity_id: Long
    entity_version: int
    created_at: DateTime
    data: JSON


@strawberry.type(description="A page of the change feed; loop on endCursor forever")
class ChangePage:
    nodes: list[Change]
    end_cursor: str
    has_more: bool
    horizon_lag_ms: int
    caught_up: bool = strawberry.field(
        description="Every change committed before this read is in this page or before it"
    )
