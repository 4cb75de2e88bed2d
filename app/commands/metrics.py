"""``ordergate metrics rebuild [--shop ID]``: recompute the metrics_daily rollup from the
source tables (after a shop's timezone changed, or data was written around the write trail)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from app.commands.database import run_with_database

if TYPE_CHECKING:
    from app.db import Database

metrics = typer.Typer(help="The metrics rollup.", no_args_is_help=True)


@metrics.command("rebuild")
def rebuild_command(
    shop: list[int] = typer.Option(
        None, "--shop", min=1, help="Shop id (repeatable); all if absent"
    ),
) -> None:
    """Recompute every day of the rollup (of the given shops, or of all shops)."""

    from app.domain.metrics.rollup import rebuild

    async def run(db: Database) -> int:
        return await rebuild(db, shop_ids=list(shop) if shop else None)

    days = run_with_database(run)
    typer.echo(f"Recomputed {days} shop-days.")


def register(cli: typer.Typer) -> None:
    cli.add_typer(metrics, name="metrics")
