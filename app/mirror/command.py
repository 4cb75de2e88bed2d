"""``ordergate mirror``: keep a local SQLite/PostgreSQL copy of a shop, resumable after a crash."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from app.mirror.sync import Progress


def mirror(
    base_url: Annotated[str, typer.Option(help="OrderGate API base URL.")],
    token: Annotated[str, typer.Option(help="Access token with changes:read (+ orders:read).")],
    shop: Annotated[int, typer.Option(help="Shop id to mirror.", min=1)],
    into: Annotated[
        str, typer.Option(help="sqlite:///mirror.db or a postgresql:// URL.")
    ] = "sqlite:///mirror.db",
    wait: Annotated[int, typer.Option(help="Long-poll seconds.", min=1, max=60)] = 30,
    snapshot: Annotated[
        str,
        typer.Option(help="First copy: auto (feed if complete, else list API), list or feed."),
    ] = "auto",
    until_caught_up: Annotated[
        bool, typer.Option(help="Exit once everything committed so far is stored.")
    ] = False,
    parallel: Annotated[
        int,
        typer.Option(
            help=(
                "First copy from the feed: this many slices of the bulk stream at once (worth it "
                "when the server has idle cores; one local writer either way)."
            ),
            min=1,
            max=32,
        ),
    ] = 1,
) -> None:
    """Mirror a shop: head cursor, full copy, then follow the change feed (prints the lag)."""
    from rich.console import Console

    from app.mirror.client import ApiClient
    from app.mirror.store import open_store
    from app.mirror.sync import Mirror

    console = Console(highlight=False, soft_wrap=True, stderr=True)
    printed = [0.0]

    def report(p: Progress) -> None:
        now = time.monotonic()
        if now - printed[0] < 2 and p.lag_seconds is None:
            return
        printed[0] = now
        lag = f"{p.lag_seconds:.2f}s" if p.lag_seconds is not None else "-"
        console.print(f"[{p.phase}] applied={p.applied} lag={lag}")

    async def run() -> None:
        store = await open_store(into)
        api = ApiClient(base_url, token)
        try:
            if snapshot not in ("auto", "list", "feed"):
                raise typer.BadParameter("--snapshot must be auto, list or feed")
            mirror = Mirror(
                api,
                store,
                shop,
                wait=wait,
                on_progress=report,
                snapshot=snapshot,
                parallel=parallel,
            )
            await mirror.run(until_caught_up=until_caught_up)
        finally:
            await api.close()
            await store.close()

    asyncio.run(run())


def register(cli: typer.Typer) -> None:
    cli.command("mirror")(mirror)
