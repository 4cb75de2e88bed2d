"""Metric names and definitions (docs/metrics.md), and group-by dimensions.

The one place the metrics are defined. Every rate is a share of a cohort of orders, so it lies
in [0, 1]:

- ``orders``: orders created in the range;
- ``paid_orders``, ``gmv``, ``aov``: orders paid (``paid_at``) in the range, whenever created;
- ``payment_conversion``: of the orders created in the range, the share paid (ever);
- ``return_rate``: of the orders paid in the range, the share with a return/refund after-sale
  (:data:`RETURN_TYPES`, opened at any time up to now) — :func:`returned_sql`;
- ``complaint_rate``: of the orders paid in the range, the share with a buyer complaint
  (``complaints``, opened at any time up to now) — :func:`complained_sql`; ``dispute_rate`` is
  its deprecated alias (the same value: complaints, not disputes);
- ``ship_to_sign_hours``: over orders signed in the range.

The rollup (:mod:`app.domain.metrics.rollup`) and the live reads
(:mod:`app.domain.metrics.repository`) both take the cohort conditions from here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class MetricName(StrEnum):
    """The metrics of a range (docs/metrics.md), in the order they are listed."""

    ORDERS = "orders"
    PAID_ORDERS = "paid_orders"
    GMV = "gmv"
    PAYMENT_CONVERSION = "payment_conversion"
    AOV = "aov"
    SHIP_TO_SIGN_HOURS = "ship_to_sign_hours"
    RETURN_RATE = "return_rate"
    COMPLAINT_RATE = "complaint_rate"
    DISPUTE_RATE = "dispute_rate"  # deprecated alias of complaint_rate


METRIC_NAMES: tuple[MetricName, ...] = tuple(MetricName)


class GroupBy(StrEnum):
    """Dimension a trend is split by."""

    TRAFFIC_SOURCE = "traffic_source"
    AUTHOR = "author"
    PROVINCE = "province"
    PAY_METHOD = "pay_method"


GROUP_BYS: tuple[str, ...] = tuple(GroupBy)


class TrendInterval(StrEnum):
    """Bucket size of a trend (shop timezone); hour: at most 7 days."""

    DAY = "day"
    HOUR = "hour"


class TopBuyersBy(StrEnum):
    """Ranking of top buyers: by average order value or by GMV."""

    AOV = "aov"
    GMV = "gmv"


# Internal dimensions of regions and authors: pairs, keyed "a/b" ("广东/深圳", "12/live_room",
# "/search" for no author) alike in the rollup and the live queries. ``author_content`` is
# "author/source/content id" ("12/live_room/r1"): the content id is the order's room_id for
# live_room orders and its video_id for short_video orders; other sources (or a missing id)
# have none, and their value is NULL.
Dimension = GroupBy | Literal["city", "author_source", "author_content"]
# Which order column identifies the content an order came from, per traffic source.
CONTENT_COLUMNS: dict[str, str] = {"live_room": "room_id", "short_video": "video_id"}

# After-sale types that count as a return/refund for return_rate (exchanges do not).
RETURN_TYPES: tuple[str, ...] = ("refund_only", "return_refund")

# Where complaints come from: buyers' complaints (投诉, app/domain/complaints), not disputes
# (a dispute is the merchant's appeal to the platform, and counts in no metric). The table must
# have shop_id and order_id, and its change-log rows the entity name below, so the rollup
# recomputes the order's days when a complaint is opened.
COMPLAINT_TABLE = "complaints"
COMPLAINT_ENTITY = "complaint"
# Change-log entities that are facts about an order's cohort (not events counted on their own
# day): a change of one recomputes its order's days.
ORDER_FACT_ENTITIES: tuple[str, ...] = ("after_sale", COMPLAINT_ENTITY)


def returned_sql(order: str) -> str:
    """SQL condition: the order (table or alias ``order``) has a return/refund after-sale."""
    types = ", ".join(f"'{t}'" for t in RETURN_TYPES)
    return (
        f"EXISTS (SELECT 1 FROM after_sales r WHERE r.shop_id = {order}.shop_id"
        f" AND r.order_id = {order}.id AND r.type IN ({types}))"
    )


def complained_sql(order: str) -> str:
    """SQL condition: the order (table or alias ``order``) has a complaint."""
    return (
        f"EXISTS (SELECT 1 FROM {COMPLAINT_TABLE} c WHERE c.shop_id = {order}.shop_id"
        f" AND c.order_id = {order}.id)"
    )


RATIO_DIGITS = 4  # ratios are floats 0..1 rounded to 4 decimals (0.8421)
HOURS_DIGITS = 2

# Limits that keep one request bounded.
MAX_SUMMARY_DAYS = 3660
MAX_TREND_DAYS = 366
MAX_HOURLY_DAYS = 7  # interval=hour: 168 points per series, read live
TOP_BUYERS_MAX = 100
AUTHOR_CONTENT_MAX = 20  # rooms/videos listed per author (largest first)
