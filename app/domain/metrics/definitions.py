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
# "/search" for no author) alike in the rollup and the live queries. ``author_content`` is
# "author/source/content id" ("12/live_room/r1"): the content id is the order's room_id for
# live_room orders and its video_id for short_video orders; other sources (or a missing id)
# have none, and their value is NULL.
Dimension = GroupBy | Literal["city", "author_source", "author_content"]
# Which order column identifies the content an order came from, per traffic source.
CONTENT_COLUMNS: dict[str, str] = {"live_room": "room_id", "short_video": "video_id"}

# After-sale types that count as a return/refund for return_rate (exchanges do not).
RETURN_TYPES: tuple[str, ...] = ("refund_only", "return_refund")

RATIO_DIGITS = 4  # ratios are floats 0..1 rounded to 4 decimals (0.8421)
HOURS_DIGITS = 2

# Limits that keep one request bounded.
MAX_SUMMARY_DAYS = 3660
MAX_TREND_DAYS = 366
MAX_HOURLY_DAYS = 7  # interval=hour: 168 points per series, read live
TOP_BUYERS_MAX = 100
AUTHOR_CONTENT_MAX = 20  # rooms/videos listed per author (largest first)
