"""``ordergate cluster up`` (a local Citus cluster) and ``ordergate distribute``."""

from __future__ import annotations

import asyncio
import signal
import threading
from pathlib import Path

import typer

from app.commands.database import database_url, explained_connection_errors, fail, settings

cluster_app = typer.Typer(help="A local Citus cluster for development and tests.")


@cluster_app.command("up")
def up(
    data_dir: Path = typer.Option(..., "--data-dir", help="Folder of the nodes' data."),
    workers: int = typer.Option(2, "--workers", min=1, help="Worker nodes."),
    port: int = typer.Option(9700, "--port", help="Coordinator port; workers take the next."),
) -> None:
    """Start a coordinator and workers, print the coordinator URL, stop them on SIGINT/SIGTERM."""
    from app.cluster import ClusterError, LocalCluster

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    cluster = LocalCluster(data_dir.resolve(), port=port, workers=workers)
    try:
        cluster.start()
        url = asyncio.run(cluster.ensure_database())
        typer.echo(url)
        while not stop.wait(0.5):
            pass
    except ClusterError as exc:
        fail(str(exc), 1)
    finally:
        cluster.stop()


def distribute() -> None:
    """Distribute the schema by shop on Citus (idempotent; a no-op without the extension)."""
    from app.distribution import distribute_schema

    with database_url(settings()) as url, explained_connection_errors(url):
        report = asyncio.run(distribute_schema(url))
    typer.echo(report)


def register(cli: typer.Typer) -> None:
    cli.add_typer(cluster_app, name="cluster")
    cli.command("distribute")(distribute)
