"""``ordergate up`` (development, all in one), ``serve`` (production) and ``migrate``."""

from __future__ import annotations

import asyncio
import os
from typing import Annotated

import typer
import uvicorn
from rich.console import Console

from app import embedded_pg, migrations
from app.config import Settings
from app.prometheus import prepare_multiprocess
from app.secrets_store import ensure_internal_token, ensure_secret_key
from app.up import UpOptions, run_up

console = Console(highlight=False, soft_wrap=True)

Host = Annotated[str, typer.Option(help="Interface to listen on.")]
Port = Annotated[int, typer.Option(help="TCP port (0 picks a free one).", min=0, max=65535)]


def up(
    host: Host = "127.0.0.1",
    port: Port = 8000,
    orders: Annotated[
        int, typer.Option(help="Demo orders to seed (in total) when the database is empty.", min=0)
    ] = 20_000,
    shops: Annotated[int, typer.Option(help="Demo shops to spread the orders over.", min=1)] = 3,
    seed: Annotated[int, typer.Option(help="Random seed of the demo data.")] = 42,
) -> None:
    """Run OrderGate locally: database, migrations, demo data, API and worker in one process.

    Starts an embedded PostgreSQL unless DATABASE_URL is set, migrates, seeds demo data when the
    database has no orders, creates the demo app credentials, prints every URL and credential
    and serves with the worker in-process. Ctrl-C (or SIGTERM) stops it all; data is kept in
    ORDERGATE_DATA_DIR (default ./var) and reused next time.
    """
    options = UpOptions(host=host, port=port, orders=orders, shops=shops, seed=seed)
    raise typer.Exit(run_up(options, console))


def serve(
    host: Host = "0.0.0.0",  # noqa: S104 - a production server listens on its interfaces
    port: Port = 8000,
    workers: Annotated[int, typer.Option(help="uvicorn worker processes.", min=1)] = 1,
) -> None:
    """Serve the API for production with uvicorn (needs DATABASE_URL).

    ORDERGATE_ENV defaults to production. Run `ordergate migrate` first and `ordergate worker`
    beside it.
    """
    os.environ.setdefault("ORDERGATE_ENV", "production")
    settings = Settings()
    if not settings.database_url:
        console.print("[red]DATABASE_URL is not set[/red] (use `ordergate up` for local runs).")
        raise typer.Exit(2)
    # Created once here, before the workers start, so they all read the same values.
    ensure_secret_key(settings)
    ensure_internal_token(settings)
    prepare_multiprocess(workers)
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # X-Forwarded-For is trusted only from ORDERGATE_TRUSTED_PROXIES, by the app itself.
        proxy_headers=False,
        timeout_graceful_shutdown=10,
    )


def migrate(
    revision: Annotated[str, typer.Option(help="Alembic revision to upgrade to.")] = "head",
) -> None:
    """Upgrade the database schema (the embedded PostgreSQL when DATABASE_URL is unset)."""
    settings = Settings()
    if settings.database_url:
        migrations.upgrade(settings.database_url, revision)
        console.print(f"Database migrated to {revision}.")
        return
    console.print(f"Embedded PostgreSQL, data in {settings.pg_dir.resolve()}")
    pg = embedded_pg.start(settings.pg_dir)
    try:
        url = asyncio.run(pg.ensure_database())
        migrations.upgrade(url, revision)
        console.print(f"Database migrated to {revision}.")
    finally:
        pg.stop()


def register(cli: typer.Typer) -> None:
    cli.command()(up)
    cli.command()(serve)
    cli.command()(migrate)
