"""Date ranges of metrics and exports: whole days in the shop's timezone, both ends inclusive.

A range of local dates becomes one half-open UTC interval ``[start, end)`` for SQL; day buckets
are computed in SQL with ``timezone(shop_tz, ts)::date`` so they agree with these bounds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.errors import ValidationFailed, field_error

# Far from date.min/date.max so previous periods and day arithmetic never overflow.
MIN_DATE = date(2000, 1, 1)
MAX_DATE = date(2999, 12, 31)


@dataclass(frozen=True)
class DayRange:
    first: date
    last: date  # inclusive
    timezone: str

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(0), tzinfo=ZoneInfo(self.timezone))

    @property
    def end(self) -> datetime:
        """Exclusive upper bound: local midnight after the last day."""
        return datetime.combine(
            self.last + timedelta(days=1), time(0), tzinfo=ZoneInfo(self.timezone)
        )

    def dates(self) -> Iterator[date]:
        for n in range(self.days):
            yield self.first + timedelta(days=n)

    def previous(self) -> DayRange:
        """The period of the same length just before this one (for comparisons)."""
        return DayRange(
            self.first - timedelta(days=self.days), self.first - timedelta(days=1), self.timezone
        )

    def shifted(self, days: int) -> DayRange:
        return DayRange(
            self.first + timedelta(days=days), self.last + timedelta(days=days), self.timezone
        )


def day_range(
    first: date,
    last: date,
    timezone: str,
    *,
    max_days: int,
    names: tuple[str, str] = ("from", "to"),
    where: str = "query",
) -> DayRange:
    """Validate a ``from``/``to`` pair; errors name the offending parameter (``where`` is
    ``query`` or ``body``)."""
    for name, value in zip(names, (first, last), strict=True):
        if not MIN_DATE <= value <= MAX_DATE:
            raise ValidationFailed(
                f"'{name}' must be between {MIN_DATE} and {MAX_DATE}.",
                [field_error([where, name], f"must be between {MIN_DATE} and {MAX_DATE}")],
            )
    if last < first:
        raise ValidationFailed(
            f"'{names[1]}' must not be before '{names[0]}'.",
            [field_error([where, names[1]], f"must be on or after {names[0]}={first}")],
        )
    span = (last - first).days + 1
    if span > max_days:
        raise ValidationFailed(
            f"The range from '{names[0]}' to '{names[1]}' spans {span} days; "
            f"the limit is {max_days} days.",
            [field_error([where, names[0]], f"range must not exceed {max_days} days")],
            max_days=max_days,
        )
    return DayRange(first, last, timezone)
