"""Figures derived from tallies (pure): ratios, averages, percentiles, the metrics of a
tally, and the bodies of the reports, for one shop's tallies or several shops' merged ones.

Empty denominators give ``null`` (never 0 and never a division error): a day without orders
has no conversion rate, which is not the same as a conversion of 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, TypeVar

from app.domain.metrics.definitions import (
    AUTHOR_CONTENT_MAX,
    HOURS_DIGITS,
    METRIC_NAMES,
    RATIO_DIGITS,
    MetricName,
)
from app.domain.metrics.percentiles import count_of, mean, percentile_cont
from app.domain.metrics.ranges import DayRange
from app.domain.metrics.repository import Key, Tally
from app.domain.metrics.schemas import (
    AuthorContent,
    AuthorMetrics,
    AuthorSource,
    CityVolume,
    HoursStats,
    Metrics,
    PreviousPeriod,
    ProvinceVolume,
    ShopSpan,
    ShopsSpan,
    Volume,
)
from app.errors import ValidationFailed, field_error

V = TypeVar("V", bound=Volume)
K = TypeVar("K")


def ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, RATIO_DIGITS) if denominator else None


def average_fen(total: int, count: int) -> int | None:
    """Integer fen, rounded half up (amounts are never negative)."""
    return (2 * total + count) // (2 * count) if count else None


def _round_hours(value: float | None) -> float | None:
    return round(float(value), HOURS_DIGITS) if value is not None else None


def hours_of(runs: Sequence[Sequence[float]]) -> HoursStats:
    """avg, p50, p90 over sorted runs of durations (exact: :mod:`.percentiles`)."""
    if not count_of(runs):
        return {"avg": None, "p50": None, "p90": None}
    return {
        "avg": _round_hours(mean(runs)),
        "p50": _round_hours(percentile_cont(runs, 0.5)),
        "p90": _round_hours(percentile_cont(runs, 0.9)),
    }


def metrics_of(t: Tally) -> Metrics:
    return {
        **volume(t),
        "payment_conversion": ratio(t.converted_orders, t.orders),
        "ship_to_sign_hours": hours_of(t.hours),
        "return_rate": ratio(t.returned_orders, t.paid_orders),
        "complaint_rate": ratio(t.complained_orders, t.paid_orders),
        "dispute_rate": ratio(t.complained_orders, t.paid_orders),  # deprecated alias
    }


def delta(now: Any, before: Any) -> Any:
    """``now`` minus ``before``, key by key (nested dicts too); null when either is null."""
    if isinstance(now, dict):
        return {k: delta(v, before.get(k) if before else None) for k, v in now.items()}
    if now is None or before is None:
        return None
    diff = now - before
    return round(diff, RATIO_DIGITS) if isinstance(diff, float) else diff


def selected_metrics(metric: Sequence[str] | None) -> tuple[MetricName, ...]:
    if not metric:
        return METRIC_NAMES
    unknown = [m for m in metric if m not in METRIC_NAMES]
    if unknown:
        raise ValidationFailed(
            f"Unknown metric {unknown[0]!r}.",
            [field_error(["query", "metric"], f"must be one of {', '.join(METRIC_NAMES)}")],
        )
    return tuple(m for m in METRIC_NAMES if m in metric)


def volume(t: Tally) -> Volume:
    return {
        "orders": t.orders,
        "paid_orders": t.paid_orders,
        "gmv": t.gmv,
        "aov": average_fen(t.gmv, t.paid_orders),
    }


def largest(rows: list[V], name: Callable[[V], object]) -> list[V]:
    """Most GMV first, then most orders, then by name (stable for ties)."""
    return sorted(rows, key=lambda r: (-r["gmv"], -r["orders"], str(name(r))))


def span_of(shop_id: int, rng: DayRange) -> ShopSpan:
    return {
        "shop_id": shop_id,
        "from": rng.first.isoformat(),
        "to": rng.last.isoformat(),
        "timezone": rng.timezone,
    }


def shops_span(shop_ids: Sequence[int], first: date, last: date) -> ShopsSpan:
    return {"shop_ids": list(shop_ids), "from": first.isoformat(), "to": last.isoformat()}


def merged(parts: Iterable[dict[K, Tally]]) -> dict[K, Tally]:
    """Cell-wise sums of several shops' tallies (ship->sign durations pooled)."""
    out: dict[K, Tally] = {}
    for part in parts:
        for key, t in part.items():
            out.setdefault(key, Tally()).add(t)
    return out


def total_of(cells: dict[Key, Tally]) -> Tally:
    return cells.get((None, None), Tally())


def period_of(rng: DayRange, t: Tally, unpaid_over_24h: int) -> PreviousPeriod:
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


def regions_of(cities: dict[Any, Tally], provinces: dict[Any, Tally]) -> list[ProvinceVolume]:
    """Order density by province, and city within it (largest first)."""
    by_city: dict[str, list[CityVolume]] = {}
    for key, t in cities.items():
        province, _, city = str(key).partition("/")
        by_city.setdefault(province, []).append({"city": city, **volume(t)})
    rows: list[ProvinceVolume] = [
        {"province": p, **volume(t), "cities": largest(by_city.get(p, []), lambda c: c["city"])}
        for p, t in provinces.items()
    ]
    return largest(rows, lambda p: p["province"])


def authors_of(
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
            row: AuthorSource = {"traffic_source": source, **volume(t), "commission": t.commission}
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
                **volume(t),
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
            **volume(t),
            "commission": t.commission,
            "by_source": largest(by_source.get(a, []), lambda r: r["traffic_source"]),
            "by_content": largest(by_id(by_content.get(a, [])), lambda r: r["content_id"])[
                :AUTHOR_CONTENT_MAX
            ],
        }
        for a, t in per_author.items()
    ]
    return largest(authors, lambda r: r["author_id"])


def author_ids(keys: Iterable[Any]) -> list[int]:
    return sorted({int(a) for k in keys if k and (a := str(k).partition("/")[0])})
