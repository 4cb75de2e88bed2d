"""Which orders may be exported: created on one of the last ``RECENT_DAYS`` days of the
shop's calendar (today is one of them), over a window of at most ``MAX_DAYS`` days. Jobs
give whole days (``created_from``/``created_to`` dates); the synchronous CSV gives instants
(or ``range``). Both go through here, so both follow the same rules."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import NoReturn
from zoneinfo import ZoneInfo

from app.domain.exports.errors import ExportRangeTooLong, ExportWindowTooOld
from app.domain.metrics.ranges import DayRange, day_range
from app.domain.orders.filters import OrderFilter, range_start
from app.errors import field_error
from app.kit.clock import utcnow

MAX_DAYS = 90
RECENT_DAYS = 90


def oldest_day(timezone: str) -> date:
    """The first day still exportable in this timezone."""
    return utcnow().astimezone(ZoneInfo(timezone)).date() - timedelta(days=RECENT_DAYS - 1)


def _too_old(shop_id: int, first: object, oldest: date, loc: list[str | int]) -> NoReturn:
    raise ExportWindowTooOld(
        f"Exports cover orders created on the last {RECENT_DAYS} days of shop {shop_id}'s "
        f"calendar: '{loc[-1]}' ({first}) is before {oldest}.",
        [field_error(loc, f"must be on or after {oldest}")],
        oldest_day=oldest.isoformat(),
        shop_id=shop_id,
    )


def _too_long(days: float, loc: list[str | int]) -> NoReturn:
    raise ExportRangeTooLong(
        f"The window spans {days:g} days; exports cover at most {MAX_DAYS} days.",
        [field_error(loc, f"range must not exceed {MAX_DAYS} days")],
        max_days=MAX_DAYS,
    )


def job_days(
    first: date, last: date, zones: dict[int, str], *, where: str = "body"
) -> dict[int, DayRange]:
    """Each shop's window of whole local days ``first``..``last`` (both inclusive)."""
    span = (last - first).days + 1
    if span > MAX_DAYS:
        _too_long(span, [where, "created_from"])
    ranges: dict[int, DayRange] = {}
    for shop_id, tz in sorted(zones.items()):
        rng = day_range(
            first, last, tz, max_days=MAX_DAYS, names=("created_from", "created_to"), where=where
        )
        oldest = oldest_day(tz)
        if first < oldest:
            _too_old(shop_id, first, oldest, [where, "created_from"])
        ranges[shop_id] = rng
    return ranges


def sync_window(shop_id: int, timezone: str, f: OrderFilter) -> tuple[datetime, datetime | None]:
    """The synchronous CSV's creation window ``[start, end)``: ``created_from`` (or the
    start of ``range``; by default the oldest exportable day), ``created_to`` (or now)."""
    zone = ZoneInfo(timezone)
    now = utcnow()
    oldest = oldest_day(timezone)
    oldest_start = datetime.combine(oldest, time(0), tzinfo=zone)
    starts = [s for s in (f.created_from,) if s is not None]
    if f.range is not None:
        starts.append(range_start(f.range, timezone, now))
    start = max(starts) if starts else oldest_start
    if start < oldest_start:
        _too_old(shop_id, start.isoformat(), oldest, ["query", "created_from"])
    end = f.created_to or now
    if end - start > timedelta(days=MAX_DAYS):
        _too_long((end - start).total_seconds() / 86400, ["query", "created_to"])
    return start, f.created_to
