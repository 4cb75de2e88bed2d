"""``ordergate feed reset-epoch``: operators start a new feed epoch after a restore."""

from __future__ import annotations

import asyncio

import typer
from rich.console import Console

from app.config import Settings
from app.db import Database
from app.domain.sync.epoch import reset_epoch

console = Console(highlight=False, soft_wrap=True)
feed = typer.Typer(help="Change-feed operations.", no_args_is_help=True)


@feed.command("reset-epoch")
def reset_epoch_command() -> None:
    """Start a new feed epoch: every older cursor then answers 410 cursor_expired (resync)."""
    settings = Settings()
    if not settings.database_url:
        console.print("[red]DATABASE_URL is not set.[/red]")
        raise typer.Exit(2)

    async def run() -> int:
        db = Database.connect(settings, settings.database_url or "")
        try:
            return await reset_epoch(db)
        finally:
            await db.dispose()

    console.print(f"Feed epoch is now {asyncio.run(run())}; older cursors will get 410.")


def register(cli: typer.Typer) -> None:
    cli.add_typer(feed, name="feed")
