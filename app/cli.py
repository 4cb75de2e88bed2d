"""The ``ordergate`` command line. Each command group lives in ``app/commands/``."""

from __future__ import annotations

import os

# Click's plain help instead of typer's rich formatter, which imports ~0.3 s of modules (rich
# markdown, columns, tracebacks) before printing a line; set TYPER_USE_RICH=1 for the boxes.
os.environ.setdefault("TYPER_USE_RICH", "0")

import typer  # after the switch above: typer reads it at import

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
