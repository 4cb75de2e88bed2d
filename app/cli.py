"""The ``ordergate`` command line. Each command group lives in ``app/commands/``."""

from __future__ import annotations

import typer

from app.commands import register

cli = typer.Typer(
    name="ordergate",
    help="OrderGate: order-integration platform for Douyin-style shops.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
register(cli)


def main() -> None:
    cli()
