"""The platform's working calendar: which weekdays are off and which weekend days are worked.

Dispute review windows ("5 business days") are the platform reviewers' days, so they follow this
one calendar whatever the shop. Operators keep it with ``ordergate calendar``; with no rows it is
plain Mon–Fri.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, extract, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.business_days import add_business_days
from app.models import PlatformCalendarDay


@dataclass(frozen=True, slots=True)
class PlatformCalendar:
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()

    def add_business_days(self, start: datetime, days: int, timezone: str) -> datetime:
        return add_business_days(start, days, timezone, self.holidays, self.workdays)


async def load_platform_calendar(session: AsyncSession) -> PlatformCalendar:
    """The whole calendar: a few dozen rows a year, read once per request that needs it."""
    rows = (
        await session.execute(select(PlatformCalendarDay.day, PlatformCalendarDay.workday))
    ).all()
    return PlatformCalendar(
        holidays=frozenset(day for day, workday in rows if not workday),
        workdays=frozenset(day for day, workday in rows if workday),
    )


async def mark_days(
    session: AsyncSession, days: Iterable[date], *, workday: bool, note: str = ""
) -> int:
    """Declare ``days`` off (``workday=False``) or worked; re-marking a day replaces it."""
    values = [{"day": day, "workday": workday, "note": note} for day in sorted(set(days))]
    if not values:
        return 0
    stmt = insert(PlatformCalendarDay).values(values)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[PlatformCalendarDay.day],
            set_={"workday": stmt.excluded.workday, "note": stmt.excluded.note},
        )
    )
    return len(values)


async def clear_days(session: AsyncSession, days: Iterable[date]) -> int:
    """Return ``days`` to the plain Mon–Fri rule."""
    result = await session.execute(
        delete(PlatformCalendarDay).where(PlatformCalendarDay.day.in_(set(days)))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def calendar_days(
    session: AsyncSession, year: int | None = None
) -> list[PlatformCalendarDay]:
    stmt = select(PlatformCalendarDay).order_by(PlatformCalendarDay.day)
    if year is not None:
        stmt = stmt.where(extract("year", PlatformCalendarDay.day) == year)
    return list((await session.execute(stmt)).scalars())
