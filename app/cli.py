"""The ``ordergate`` command line. Each command group lives in ``app/commands/``.

Commands are registered on first use of :data:`cli` (``from app.cli import cli``) or by
:func:`main`, so ``ordergate worker`` can load its own command only: the others import the
whole web app, and a worker's memory is budgeted (the export worker < 100 MB,
docs/exports.md)."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer

from app.commands import register

_cli = typer.Typer(
    name="ordergate",
    help="OrderGate: order-integration platform for Douyin-style shops.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
_registered = False


def full_cli() -> typer.Typer:
    global _registered
    if not _registered:
        register(_cli)
        _registered = True
    return _cli


def _worker_cli() -> typer.Typer:
    lean = typer.Typer(name="ordergate", pretty_exceptions_show_locals=False)
    lean.callback()(lambda: None)  # a group, so the command keeps its name
    importlib.import_module("app.commands.worker").register(lean)
    return lean


def __getattr__(name: str) -> Any:
    if name == "cli":
        return full_cli()
    raise AttributeError(name)


def main() -> None:
    (_worker_cli() if sys.argv[1:2] == ["worker"] else full_cli())()
