"""``ordergate report daily --shop 1 --date 2026-11-25``: the daily report as a table."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import typer

from app.commands.database import run_with_database

if TYPE_CHECKING:
    from rich.table import Table

    from app.db import Database
    from app.domain.metrics.schemas import DailyReport

report = typer.Typer(help="Reports.", no_args_is_help=True)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def _rows(metrics: Mapping[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in metrics.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    return flat


def render(body: DailyReport) -> Table:
    from rich.table import Table

    table = Table(title=f"Shop {body['shop_id']} — {body['date']} ({body['timezone']})")
    for column in ("metric", body["date"], "previous day", "change", "same weekday last week"):
        table.add_column(column, justify="left" if column == "metric" else "right")
    today = _rows(body["metrics"])
    before = _rows(body["previous_day"]["metrics"])
    change = _rows(body["change_vs_previous_day"])
    week = _rows(body["same_weekday_last_week"]["metrics"])
    for key, value in today.items():
        table.add_row(key, _cell(value), _cell(before[key]), _cell(change[key]), _cell(week[key]))
    return table


@report.command("daily")
def daily(
    shop: int = typer.Option(..., "--shop", min=1, help="Shop id"),
    day: datetime = typer.Option(..., "--date", formats=["%Y-%m-%d"], help="YYYY-MM-DD"),
) -> None:
    """Print one day's key figures vs the day before and the same weekday last week."""
    from rich.console import Console

    from app.domain.access.scope import ShopScope
    from app.domain.metrics.service import MetricsService

    # Wide enough for the table even in a narrow (or absent) terminal.
    console = Console(highlight=False, width=max(Console().width, 110))

    async def run(db: Database) -> DailyReport:
        async with db.transaction() as session:
            service = MetricsService(session, ShopScope.of([shop]))
            return await service.daily_report(shop, day.date())

    console.print(render(run_with_database(run)))


def register(cli: typer.Typer) -> None:
    cli.add_typer(report, name="report")
