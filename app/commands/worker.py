"""``ordergate worker``: run the background jobs (webhooks, exports, retention) until stopped."""

from __future__ import annotations

import asyncio
import signal
from typing import Annotated

import typer
from rich.console import Console

from app.config import Settings
from app.logging import configure_logging
from app.worker.runner import registered_jobs, run_worker

console = Console(highlight=False, soft_wrap=True)


def worker(
    only: Annotated[
        str | None, typer.Option(help="Comma-separated job names to run (default: all).")
    ] = None,
) -> None:
    """Run every background job until SIGINT/SIGTERM. Several workers may run at once."""
    settings = Settings()
    configure_logging(settings.log_level, settings.log_json)
    if not settings.database_url:
        console.print("[red]DATABASE_URL is not set.[/red]")
        raise typer.Exit(2)
    names = frozenset(n.strip() for n in only.split(",") if n.strip()) if only else None
    unknown = (names or frozenset()) - registered_jobs().keys()
    if unknown:
        console.print(f"[red]Unknown job(s): {', '.join(sorted(unknown))}[/red]")
        raise typer.Exit(2)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run_worker(settings, stop, only=names)

    asyncio.run(main())


def register(cli: typer.Typer) -> None:
    cli.command("worker")(worker)
