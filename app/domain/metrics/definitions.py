"""Metric names (DESIGN §13, exactly) and group-by dimensions."""

from __future__ import annotations

from typing import Literal

METRIC_NAMES: tuple[str, ...] = (
    "orders",
    "paid_orders",
    "gmv",
    "payment_conversion",
    "aov",
    "ship_to_sign_hours",
    "return_rate",
    "dispute_rate",
)

GroupBy = Literal["traffic_source", "author", "province", "pay_method"]
GROUP_BYS: tuple[str, ...] = ("traffic_source", "author", "province", "pay_method")
# Internal dimensions of regions and authors: pairs, keyed "a/b" ("广东/深圳", "12/live_room",
# "/search" for no author) alike in the rollup and the live queries.
Dimension = GroupBy | Literal["city", "author_source"]

# After-sale types that count as a return/refund for return_rate (exchanges do not).
RETURN_TYPES: tuple[str, ...] = ("refund_only", "return_refund")

RATIO_DIGITS = 4  # ratios are floats 0..1 rounded to 4 decimals (0.8421)
HOURS_DIGITS = 2

# Limits that keep one request bounded.
MAX_SUMMARY_DAYS = 3660
MAX_TREND_DAYS = 366
MAX_HOURLY_DAYS = 7  # interval=hour: 168 points per series, read live
TOP_BUYERS_MAX = 100
