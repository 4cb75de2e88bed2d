"""Read models of the metrics endpoints (docs/metrics.md definitions; money in integer fen, ratios
0..1 rounded to 4 decimals, days in the shop's timezone). An empty denominator gives null,
never 0: a day without orders has no conversion rate."""

from __future__ import annotations

from typing import Annotated, NotRequired

from pydantic import Field
from typing_extensions import TypedDict

from app.domain.metrics.definitions import GroupBy, MetricName, TopBuyersBy, TrendInterval
from app.kit.contract import read_model

__all__ = [
    "AuthorContent",
    "AuthorMetrics",
    "AuthorSource",
    "AuthorsReport",
    "BuyerTotals",
    "CityVolume",
    "CloseReason",
    "DailyReport",
    "DayMetrics",
    "Funnel",
    "FunnelStages",
    "FunnelUnpaid",
    "HoursStats",
    "MetricDeltas",
    "MetricName",
    "Metrics",
    "PeriodHealth",
    "PreviousPeriod",
    "ProvinceVolume",
    "RegionsReport",
    "ShopSpan",
    "ShopsAuthors",
    "ShopsFunnel",
    "ShopsRegions",
    "ShopsSpan",
    "ShopsSummary",
    "ShopsTopBuyers",
    "ShopsTrend",
    "Summary",
    "TopBuyer",
    "TopBuyers",
    "Trend",
    "TrendBody",
    "TrendPoint",
    "TrendSeries",
    "Volume",
]

Count = Annotated[int, Field(ge=0, examples=[120])]
Fen = Annotated[int, Field(description="Integer fen (12990 is ¥129.90).", examples=[1558800])]
Ratio = Annotated[
    float | None,
    Field(description="0..1, 4 decimals; null when the denominator is 0.", examples=[0.8421]),
]
Day = Annotated[str, Field(description="YYYY-MM-DD (shop timezone).", examples=["2026-12-06"])]
Timezone = Annotated[
    str, Field(description="IANA timezone of the shop's days.", examples=["Asia/Shanghai"])
]
ShopIdField = Annotated[int, Field(description="The shop.", examples=[1])]


@read_model
class HoursStats(TypedDict):
    """Hours from shipping to signing, over orders signed in the range (null: none)."""

    avg: Annotated[float | None, Field(examples=[52.25])]
    p50: Annotated[float | None, Field(examples=[47.5])]
    p90: Annotated[float | None, Field(examples=[96.0])]


@read_model
class Volume(TypedDict):
    """Order volume of a range or a group."""

    orders: Annotated[int, Field(description="Orders created in the range.", examples=[120])]
    paid_orders: Annotated[
        int,
        Field(
            description="Orders paid in the range (by paid_at, whenever created).", examples=[101]
        ),
    ]
    gmv: Annotated[
        int,
        Field(description="Paid amount of orders paid in the range, in fen.", examples=[1558800]),
    ]
    aov: Annotated[
        int | None,
        Field(
            description="gmv / orders paid in the range, fen rounded half up; null without any.",
            examples=[15434],
        ),
    ]


@read_model
class Metrics(Volume):
    """Every metric of a range; the names are the trend's metric names."""

    payment_conversion: Annotated[
        Ratio, Field(description="Of the orders created in the range, the share paid.")
    ]
    ship_to_sign_hours: HoursStats
    return_rate: Annotated[
        Ratio,
        Field(
            description="Of the orders paid in the range, the share with a return/refund "
            "after-sale (opened at any time up to now)."
        ),
    ]
    complaint_rate: Annotated[
        Ratio,
        Field(
            description="Of the orders paid in the range, the share with a buyer complaint "
            "(opened at any time up to now)."
        ),
    ]
    dispute_rate: Annotated[
        Ratio,
        Field(description="Deprecated: the same value as complaint_rate.", deprecated=True),
    ]


@read_model
class MetricDeltas(TypedDict):
    """Each metric minus the previous day's (null when either side is null)."""

    orders: int | None
    paid_orders: int | None
    gmv: int | None
    aov: int | None
    payment_conversion: float | None
    ship_to_sign_hours: HoursStats
    return_rate: float | None
    complaint_rate: float | None
    dispute_rate: Annotated[
        float | None, Field(description="Deprecated: see complaint_rate.", deprecated=True)
    ]


@read_model
class PeriodHealth(TypedDict):
    """Refunds, risk flags and stale unpaid orders of a period."""

    refunded_amount: Annotated[int, Field(description="Refunded, in fen.", examples=[25800])]
    refunded_orders: Annotated[int, Field(description="Orders with a refund.", examples=[3])]
    refund_rate: Annotated[Ratio, Field(description="refunded_orders / orders paid in range.")]
    flagged: Annotated[int, Field(description="Orders flagged for risk.", examples=[1])]
    unpaid_over_24h: Annotated[
        int, Field(description="Orders still pending payment 24 h after creation.", examples=[2])
    ]


# ``from`` is a Python keyword: the range's ends are declared in the functional syntax.
_Span = TypedDict(
    "_Span",
    {
        "from": Annotated[
            str, Field(description="First day (inclusive).", examples=["2026-11-01"])
        ],
        "to": Annotated[str, Field(description="Last day (inclusive).", examples=["2026-11-30"])],
    },
)


@read_model
class ShopSpan(_Span):
    """The shop and range of days (its timezone) a report covers."""

    shop_id: ShopIdField
    timezone: Timezone


@read_model
class PreviousPeriod(_Span):
    """The period of the same length just before the range."""

    metrics: Metrics
    health: PeriodHealth


@read_model
class ShopsSpan(_Span):
    """The shops and range of days (each shop's own timezone) an aggregate covers."""

    shop_ids: Annotated[list[int], Field(description="The shops aggregated.", examples=[[1, 2]])]


class _SummaryBody(TypedDict):
    metrics: Metrics
    health: PeriodHealth
    previous: PreviousPeriod


@read_model
class Summary(ShopSpan, _SummaryBody):
    """Key figures over a range of days, with the previous period of the same length."""


@read_model
class ShopsSummary(ShopsSpan, _SummaryBody):
    """Key figures of several shops together (each shop's days in its timezone), and each."""

    by_shop: list[Summary]


@read_model
class TrendPoint(TypedDict):
    """One bucket of a trend; only the metrics asked for are present."""

    date: Day
    hour: NotRequired[
        Annotated[int, Field(ge=0, le=23, description="Local clock hour (interval `hour`).")]
    ]
    orders: NotRequired[int]
    paid_orders: NotRequired[int]
    gmv: NotRequired[int]
    aov: NotRequired[int | None]
    payment_conversion: NotRequired[float | None]
    ship_to_sign_hours: NotRequired[HoursStats]
    return_rate: NotRequired[float | None]
    complaint_rate: NotRequired[float | None]
    dispute_rate: NotRequired[
        Annotated[
            float | None, Field(description="Deprecated: see complaint_rate.", deprecated=True)
        ]
    ]
    commission: NotRequired[
        Annotated[int, Field(description="Commission in fen (group_by=author only).")]
    ]


@read_model
class TrendSeries(TypedDict):
    """The points of one group (or of the whole shop without group_by)."""

    key: Annotated[
        str | int | None,
        Field(
            description=(
                "The group's value (a traffic source, author id, province or pay method); null "
                "without group_by, or for orders without one."
            ),
            examples=["live_room"],
        ),
    ]
    nickname: NotRequired[
        Annotated[str | None, Field(description="The author's nickname (group_by=author).")]
    ]
    points: list[TrendPoint]


class TrendBody(TypedDict):
    interval: TrendInterval
    group_by: GroupBy | None
    metrics: Annotated[list[MetricName], Field(description="The metrics in each point.")]
    series: list[TrendSeries]


@read_model
class Trend(ShopSpan, TrendBody):
    """Metrics by day or hour, zero-filled, optionally split by a dimension."""


@read_model
class ShopsTrend(ShopsSpan, TrendBody):
    """The trend of several shops together (by local day of each shop), and of each."""

    by_shop: list[Trend]


@read_model
class CityVolume(Volume):
    city: Annotated[str, Field(examples=["深圳"])]


@read_model
class ProvinceVolume(Volume):
    province: Annotated[str, Field(examples=["广东"])]
    cities: Annotated[list[CityVolume], Field(description="Most GMV first.")]


class _RegionsBody(TypedDict):
    provinces: list[ProvinceVolume]


@read_model
class RegionsReport(ShopSpan, _RegionsBody):
    """Order density by province and city, most GMV first."""


@read_model
class ShopsRegions(ShopsSpan, _RegionsBody):
    """Order density of several shops together, and of each."""

    by_shop: list[RegionsReport]


@read_model
class AuthorSource(Volume):
    """An author's orders from one traffic source."""

    traffic_source: Annotated[str, Field(examples=["live_room"])]
    commission: Fen


@read_model
class AuthorContent(AuthorSource):
    """An author's orders from one live room or short video."""

    content_id: Annotated[
        str, Field(description="Live room id or short video id.", examples=["r1"])
    ]


@read_model
class AuthorMetrics(Volume):
    """One influencer's orders, GMV and commission."""

    author_id: Annotated[int, Field(examples=[12])]
    nickname: Annotated[str | None, Field(examples=["小红"])]
    commission: Fen
    by_source: Annotated[list[AuthorSource], Field(description="Most GMV first.")]
    by_content: Annotated[
        list[AuthorContent], Field(description="Top rooms and videos, most GMV first (≤ 20).")
    ]


class _AuthorsBody(TypedDict):
    authors: list[AuthorMetrics]


@read_model
class AuthorsReport(ShopSpan, _AuthorsBody):
    """Per influencer (orders without one left out), most GMV first."""


@read_model
class ShopsAuthors(ShopsSpan, _AuthorsBody):
    """Per influencer over several shops together, and per shop."""

    by_shop: list[AuthorsReport]


@read_model
class BuyerTotals(TypedDict):
    buyer_id: Annotated[str, Field(examples=["b-1024"])]
    nickname: Annotated[str, Field(examples=["阿明"])]
    paid_orders: Annotated[int, Field(description="Orders paid in the range.", examples=[4])]
    gmv: Fen


@read_model
class TopBuyer(BuyerTotals):
    """A buyer's orders paid in the range."""

    aov: Annotated[int | None, Field(description="gmv / paid_orders, fen.")]


class _TopBuyersBody(TypedDict):
    by: TopBuyersBy
    buyers: list[TopBuyer]


@read_model
class TopBuyers(ShopSpan, _TopBuyersBody):
    """High-value buyers of a range."""


@read_model
class ShopsTopBuyers(ShopsSpan, _TopBuyersBody):
    """High-value buyers over several shops together (a buyer's orders in every shop), and
    per shop."""

    by_shop: list[TopBuyers]


@read_model
class FunnelStages(TypedDict):
    """Orders created in the range that reached each stage."""

    created: Count
    paid: Count
    shipped: Count
    signed: Count
    completed: Count


@read_model
class CloseReason(TypedDict):
    reason: Annotated[str, Field(description="Close reason; empty when none was given.")]
    count: Count


@read_model
class FunnelUnpaid(TypedDict):
    """What became of the orders created in the range and never paid."""

    total: Count
    pending_payment: Annotated[int, Field(description="Still waiting for payment.")]
    pending_over_24h: Annotated[int, Field(description="Waiting for more than 24 h.")]
    closed_unpaid: Annotated[int, Field(description="Closed without payment.")]
    reminded_unpaid: Annotated[int, Field(description="Unpaid despite a payment reminder.")]
    paid_after_reminder: Annotated[
        int, Field(description="Paid after a reminder (counted among paid orders).")
    ]
    close_reasons: Annotated[list[CloseReason], Field(description="Most frequent first.")]


class _FunnelBody(TypedDict):
    stages: FunnelStages
    unpaid: FunnelUnpaid


@read_model
class Funnel(ShopSpan, _FunnelBody):
    """Created → paid → shipped → signed → completed, and the unpaid outcomes."""


@read_model
class ShopsFunnel(ShopsSpan, _FunnelBody):
    """The funnel of several shops together, and of each."""

    by_shop: list[Funnel]


@read_model
class DayMetrics(TypedDict):
    date: Day
    metrics: Metrics


@read_model
class DailyReport(TypedDict):
    """One day's figures vs the day before and the same weekday a week before."""

    shop_id: ShopIdField
    date: Day
    timezone: Timezone
    metrics: Metrics
    previous_day: DayMetrics
    same_weekday_last_week: DayMetrics
    change_vs_previous_day: MetricDeltas
