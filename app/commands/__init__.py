"""Command groups of the CLI; each module exposes ``register(cli)``."""

from __future__ import annotations

import importlib

import typer

# Modules are added here as command groups land; each defines ``register(cli: typer.Typer)``.
COMMAND_MODULES: tuple[str, ...] = (
    "server",
    "feed",
    "mirror",
    "report",
    "demo",
    "worker",
    "oauth",
    "oauth_login",
    "webhooks",
    "calendar",
    "metrics",
    "cluster",
)


def register(cli: typer.Typer) -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"app.commands.{name}").register(cli)
