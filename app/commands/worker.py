"""``ordergate worker``: run the background jobs (webhooks, exports, retention) until stopped."""

from __future__ import annotations

import asyncio
import signal
from typing import Annotated

import typer

from app.commands.database import database_url, fail, settings


def worker(
    only: Annotated[
        str | None, typer.Option(help="Comma-separated job names to run (default: all).")
    ] = None,
) -> None:
    """Run every background job until SIGINT/SIGTERM. Several workers may run at once."""
    from app.logging import configure_logging
    from app.worker.runner import registered_jobs, run_worker

    current = settings()
    configure_logging(current.log_level, current.log_json)
    names = frozenset(n.strip() for n in only.split(",") if n.strip()) if only else None
    unknown = (names or frozenset()) - registered_jobs().keys()
    if unknown:
        fail(f"Unknown job(s): {', '.join(sorted(unknown))}")

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run_worker(current, stop, only=names)

    with database_url(current) as url:
        current.database_url = url
        asyncio.run(main())


def register(cli: typer.Typer) -> None:
    cli.command("worker")(worker)
