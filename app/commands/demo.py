"""``ordergate demo`` (bulk demo data) and ``ordergate simulate`` (live ingest traffic)."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, Annotated

import typer

from app.commands.database import database_url, explained_connection_errors, fail, settings

if TYPE_CHECKING:
    from app.demo import DemoSummary
    from app.demo.simulator import SimulationResult


def demo(
    shops: Annotated[int, typer.Option(help="Shops to create (each with an owner).", min=1)] = 3,
    orders: Annotated[int, typer.Option(help="Orders in total across the shops.", min=0)] = 20_000,
    seed: Annotated[int, typer.Option(help="Seed: the same seed loads the same data.")] = 42,
) -> None:
    """Load realistic demo data: shops, owners, influencers, products and ORDERS orders.

    Orders span the 120 days before today's midnight (Asia/Shanghai) with an evening peak, a
    realistic status mix, pay methods, weighted provinces, live-room/short-video traffic,
    shipments, timelines, after-sales (~6% of paid orders) and disputes (~0.5%), plus one
    change-log row per order, after-sale and dispute. Loaded set-based in SQL in batches;
    deterministic for a seed on a given day. Migrates first. Uses the embedded PostgreSQL
    unless DATABASE_URL is set. Demo owners get no password (`ordergate up` creates the demo
    login).
    """
    from app import migrations

    with database_url(settings()) as url, explained_connection_errors(url):
        migrations.upgrade(url)
        summary = _load_with_progress(url, shops, orders, seed)
    _print_summary(summary)


def _load_with_progress(url: str, shops: int, orders: int, seed: int) -> DemoSummary:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from app.demo import load_demo

    columns = (
        TextColumn("Loading demo orders"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns) as progress:
        task = progress.add_task("demo", total=orders)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return asyncio.run(load_demo(url, shops=shops, orders=orders, seed=seed, progress=report))


def _print_summary(summary: DemoSummary) -> None:
    typer.echo(
        f"Loaded {summary.orders:,} orders into shops {summary.shop_ids} "
        f"(seed {summary.seed}, history up to {summary.anchor:%Y-%m-%d %H:%M} UTC) "
        f"in {summary.seconds:.1f} s."
    )
    typer.echo("  " + ", ".join(f"{table} {n:,}" for table, n in summary.rows.items()))


def _shop_ids(value: str) -> list[int]:
    try:
        ids = [int(part) for part in value.split(",") if part.strip()]
    except ValueError as exc:
        raise typer.BadParameter("comma-separated shop ids, e.g. 1,2,3") from exc
    if not ids or min(ids) < 1:
        raise typer.BadParameter("comma-separated shop ids, e.g. 1,2,3")
    return ids


def simulate_command(
    shops: Annotated[str, typer.Option(help="Comma-separated shop ids, e.g. 1,2,3.")],
    base_url: Annotated[str, typer.Option(help="OrderGate base URL.")] = "http://127.0.0.1:8000",
    internal_token: Annotated[
        str | None,
        typer.Option(
            help="Internal bearer token (default: ORDERGATE_INTERNAL_TOKEN or the one "
            "`ordergate up` stored in the data dir)."
        ),
    ] = None,
    rate: Annotated[float, typer.Option(help="Lifecycle events per second.", min=0.01)] = 20.0,
    duration: Annotated[float, typer.Option(help="Seconds to run.", min=0.1)] = 60.0,
    seed: Annotated[int, typer.Option(help="Seed of the generated traffic.")] = 42,
    concurrency: Annotated[int, typer.Option(help="Requests in flight at most.", min=1)] = 32,
    merchant_token: Annotated[
        str | None,
        typer.Option(
            help="A merchant's access token with after_sales:write and orders:write on the "
            "shops (the one `ordergate up` prints): adds partial refunds, exchange offers and "
            "parcel corrections."
        ),
    ] = None,
) -> None:
    """Drive the internal ingest API with live order traffic.

    New orders, payments, closes, shipments, carrier signs, completions and after-sale
    requests at RATE lifecycle events per second for DURATION seconds, on orders it created
    itself (so every action is valid); with --merchant-token also partial refunds, exchange
    offers (accepted or declined by the buyer) and parcel corrections (a tracking number
    fixed in transit, once per parcel). Prints the achieved rate and the
    errors at the end.
    """
    shop_ids = _shop_ids(shops)
    token = internal_token or _stored_token()
    if not token:
        fail("No internal token: pass --internal-token or set ORDERGATE_INTERNAL_TOKEN.")
    typer.echo(
        f"Simulating {rate:g} events/s for {duration:g} s against {base_url} (shops {shop_ids})…"
    )
    result = asyncio.run(
        _simulate(base_url, token, shop_ids, rate, duration, seed, concurrency, merchant_token)
    )
    _print_result(result, rate)
    if result.events and result.errors == result.events:
        raise typer.Exit(1)


async def _simulate(
    base_url: str,
    token: str,
    shops: list[int],
    rate: float,
    duration: float,
    seed: int,
    concurrency: int,
    merchant_token: str | None = None,
) -> SimulationResult:
    from app.demo.simulator import internal_client, simulate

    async with AsyncExitStack() as stack:
        client = await stack.enter_async_context(internal_client(base_url, token))
        merchant = None
        if merchant_token:
            merchant = await stack.enter_async_context(internal_client(base_url, merchant_token))
        return await simulate(
            client,
            shops=shops,
            rate=rate,
            duration=duration,
            seed=seed,
            concurrency=concurrency,
            merchant=merchant,
        )


def _stored_token() -> str | None:
    current = settings()
    if current.internal_token:
        return current.internal_token
    path = current.data_dir / "internal_token"
    return path.read_text().strip() if path.exists() else None


def _print_result(result: SimulationResult, rate: float) -> None:
    typer.echo(
        f"{result.events:,} events in {result.seconds:.1f} s: {result.rate:.1f} events/s "
        f"achieved (target {rate:g}); {result.errors:,} errors."
    )
    typer.echo("  " + ", ".join(f"{a} {n:,}" for a, n in sorted(result.by_action.items())))
    for kind, n in result.errors_by_kind.most_common(10):
        typer.echo(f"  error {kind}: {n:,}")


def register(cli: typer.Typer) -> None:
    cli.command()(demo)
    cli.command("simulate")(simulate_command)
