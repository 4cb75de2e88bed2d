"""Business-day arithmetic in a shop's timezone: Mon–Fri, minus holidays, plus the weekend days
declared working days (China moves weekends around its public holidays: 调休)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def add_business_days(
    start: datetime,
    days: int,
    timezone: str,
    holidays: Collection[date] = (),
    workdays: Collection[date] = (),
) -> datetime:
    """``start`` moved forward by ``days`` business days, keeping the local time of day.

    Days are counted in the shop's timezone: a Friday 10:00 submission plus 5 business days is
    the next Friday 10:00; a Saturday one lands on the following Friday too.
    """
    zone = ZoneInfo(timezone)
    local = start.astimezone(zone)
    day = local.date()
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_business_day(day, holidays, workdays):
            counted += 1
    # Rebuild the wall-clock time on that day, so a DST change in between cannot shift it.
    return datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=zone)


def is_business_day(day: date, holidays: Collection[date], workdays: Collection[date]) -> bool:
    if day in workdays:
        return True
    return day.weekday() < 5 and day not in holidays
