"""``ordergate feed reset-epoch``: operators start a new feed epoch after a restore."""

from __future__ import annotations

import typer

from app.commands.database import run_with_database

feed = typer.Typer(help="Change-feed operations.", no_args_is_help=True)


@feed.command("reset-epoch")
def reset_epoch_command() -> None:
    """Start a new feed epoch: every older cursor then answers 410 cursor_expired (resync)."""
    from app.domain.sync.epoch import reset_epoch

    typer.echo(f"Feed epoch is now {run_with_database(reset_epoch)}; older cursors will get 410.")


def register(cli: typer.Typer) -> None:
    cli.add_typer(feed, name="feed")
