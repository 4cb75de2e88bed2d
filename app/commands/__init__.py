"""Command groups of the CLI; each module exposes ``register(cli)``.

Command modules import their heavy dependencies inside the command, so ``ordergate --help``
stays fast (bench/cli_startup.py).
"""

from __future__ import annotations

from types import ModuleType

import typer

from app.commands import (
    calendar,
    demo,
    feed,
    metrics,
    oauth,
    oauth_login,
    report,
    server,
    webhooks,
    worker,
)
from app.mirror import command as mirror

COMMAND_MODULES: tuple[ModuleType, ...] = (
    server, feed, mirror, report, demo, worker, oauth, oauth_login, webhooks, calendar, metrics,
)  # fmt: skip


def register(cli: typer.Typer) -> None:
    for module in COMMAND_MODULES:
        module.register(cli)
