"""``ordergate calendar``: keep the platform's working calendar (dispute review windows).

ordergate calendar off 2026-10-01..2026-10-07 --note "National Day"
ordergate calendar on 2026-09-27 2026-10-10 --note "National Day make-up day"
ordergate calendar clear 2026-10-10
ordergate calendar show --year 2026
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from app.commands.database import run_with_database

if TYPE_CHECKING:
    from app.db import Database
calendar = typer.Typer(help="The platform's working calendar.", no_args_is_help=True)

Days = Annotated[
    list[str], typer.Argument(help="Days as YYYY-MM-DD or ranges YYYY-MM-DD..YYYY-MM-DD.")
]
Note = Annotated[str, typer.Option(help="Why (e.g. the holiday's name).")]

_MAX_RANGE_DAYS = 366


def parse_days(specs: list[str]) -> list[date]:
    """``2026-10-01`` or ``2026-10-01..2026-10-07`` (inclusive) → the days, in order."""
    days: set[date] = set()
    for spec in specs:
        first_raw, sep, last_raw = spec.partition("..")
        try:
            first = date.fromisoformat(first_raw)
            last = date.fromisoformat(last_raw) if sep else first
        except ValueError as exc:
            raise typer.BadParameter(f"{spec!r}: use YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD") from exc
        span = (last - first).days
        if span < 0 or span >= _MAX_RANGE_DAYS:
            raise typer.BadParameter(f"{spec!r}: a range runs forwards and spans at most a year")
        days.update(first + timedelta(days=offset) for offset in range(span + 1))
    return sorted(days)


def _mark(specs: list[str], *, workday: bool, note: str) -> None:
    from app.domain.calendar.repository import mark_days

    days = parse_days(specs)

    async def work(db: Database) -> int:
        async with db.transaction() as session:
            return await mark_days(session, days, workday=workday, note=note)

    marked = run_with_database(work)
    typer.echo(f"{marked} day(s) marked {'worked' if workday else 'off'}.")


@calendar.command("off")
def off(days: Days, note: Note = "") -> None:
    """Declare weekdays off (public holidays): review windows skip them."""
    _mark(days, workday=False, note=note)


@calendar.command("on")
def on(days: Days, note: Note = "") -> None:
    """Declare weekend days worked (make-up working days): review windows count them."""
    _mark(days, workday=True, note=note)


@calendar.command("clear")
def clear(days: Days) -> None:
    """Return days to the plain Mon–Fri rule."""
    from app.domain.calendar.repository import clear_days

    parsed = parse_days(days)

    async def work(db: Database) -> int:
        async with db.transaction() as session:
            return await clear_days(session, parsed)

    typer.echo(f"{run_with_database(work)} day(s) cleared.")


@calendar.command("show")
def show(year: Annotated[int | None, typer.Option(help="Only this year.")] = None) -> None:
    """List the exceptions to Mon–Fri."""
    from rich.console import Console
    from rich.table import Table

    from app.domain.calendar.repository import calendar_days

    async def work(db: Database) -> list[tuple[date, bool, str]]:
        async with db.transaction() as session:
            return [(d.day, d.workday, d.note) for d in await calendar_days(session, year)]

    table = Table(title="Platform calendar (exceptions to Mon–Fri)")
    for column in ("day", "weekday", "kind", "note"):
        table.add_column(column)
    for day, workday, note in run_with_database(work):
        table.add_row(day.isoformat(), day.strftime("%a"), "worked" if workday else "off", note)
    Console(highlight=False, soft_wrap=True).print(table)


def register(cli: typer.Typer) -> None:
    cli.add_typer(calendar, name="calendar")
