"""Running one piece of database work from a CLI command (needs DATABASE_URL)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer
from rich.console import Console

from app.config import Settings
from app.db import Database
from app.errors import AppError

T = TypeVar("T")

_console = Console(highlight=False, soft_wrap=True, stderr=True)


def run_with_database(work: Callable[[Database], Awaitable[T]]) -> T:
    """Connect, run ``work``, dispose. A missing DATABASE_URL exits 2; a domain error is
    printed as ``code: detail`` and exits 1 (never a traceback)."""
    settings = Settings()
    if not settings.database_url:
        _console.print("[red]DATABASE_URL is not set.[/red]")
        raise typer.Exit(2)

    async def run() -> T:
        db = Database.connect(settings, settings.database_url or "")
        try:
            return await work(db)
        finally:
            await db.dispose()

    try:
        return asyncio.run(run())
    except AppError as exc:
        _console.print(f"[red]{exc.code}: {exc.detail}[/red]")
        raise typer.Exit(1) from exc
