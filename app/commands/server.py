"""``ordergate up`` (development, all in one), ``serve`` (production) and ``migrate``."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from app.commands.database import database_url, explained_connection_errors, settings

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
    from rich.console import Console

    from app.up import UpOptions, run_up

    options = UpOptions(host=host, port=port, orders=orders, shops=shops, seed=seed)
    raise typer.Exit(run_up(options, Console(highlight=False, soft_wrap=True)))


def serve(
    host: Host = "0.0.0.0",  # noqa: S104 - a production server listens on its interfaces
    port: Port = 8000,
    workers: Annotated[int, typer.Option(help="uvicorn worker processes.", min=1)] = 1,
) -> None:
    """Serve the API for production with uvicorn.

    ORDERGATE_ENV defaults to production. Run `ordergate migrate` first and `ordergate worker`
    beside it. Uses DATABASE_URL, or the embedded PostgreSQL like every command.
    """
    from app.prometheus import prepare_multiprocess
    from app.secrets_store import ensure_internal_token, ensure_secret_key

    os.environ.setdefault("ORDERGATE_ENV", "production")
    current = settings()
    with database_url(current) as url:
        _refuse_citus_worker(url)
        # The uvicorn workers build their own Settings: they read the URL resolved here.
        os.environ["DATABASE_URL"] = url
        # Created once here, before the workers start, so they all read the same values.
        ensure_secret_key(current)
        ensure_internal_token(current)
        prepare_multiprocess(workers)
        _serve(host, port, workers)


def _refuse_citus_worker(url: str) -> None:
    """Clients write through the coordinator only: a Citus worker's shards are pieces of
    tables, and a row written there would carry that worker's xid, which the feed's horizon
    (read on the coordinator) knows nothing about (docs/scaling.md)."""
    import asyncio

    from app.commands.database import fail
    from app.distribution import citus_worker

    with explained_connection_errors(url):
        if asyncio.run(citus_worker(url)):
            fail(
                "DATABASE_URL points at a Citus worker node; point it at the coordinator "
                "(docs/scaling.md)."
            )


def _serve(host: str, port: int, workers: int) -> None:
    import uvicorn

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
    from app import migrations

    with database_url(settings()) as url, explained_connection_errors(url):
        migrations.upgrade(url, revision)
    typer.echo(f"Database migrated to {revision}.")


def register(cli: typer.Typer) -> None:
    cli.command()(up)
    cli.command()(serve)
    cli.command()(migrate)
