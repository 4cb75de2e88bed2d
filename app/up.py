"""``ordergate up``: everything a developer needs in one process.

Embedded PostgreSQL (unless DATABASE_URL is set) → migrations → secrets → demo data when the
database has no orders → demo app credentials → banner with every URL and credential → uvicorn
with the worker in-process. SIGINT/SIGTERM stops uvicorn, then the worker, then PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.engine import make_url

from app import __version__, embedded_pg, instance_lock, migrations
from app.config import Settings
from app.db import Database
from app.demo import load_demo, orders_present
from app.demo.credentials import ensure_demo_credentials
from app.main import create_app
from app.secrets_store import ensure_demo_password, ensure_internal_token, ensure_secret_key
from app.serving import ManagedServer, ShutdownSignals, bind, serve, until_signal
from app.worker.runner import run_worker


@dataclass(frozen=True)
class UpOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    orders: int = 20_000
    shops: int = 3
    seed: int = 42


@dataclass
class Prepared:
    """What the bootstrap steps produced, for the banner."""

    demo: str = ""
    credentials: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def development_settings() -> Settings:
    """Settings for ``up``: development and human-readable logs unless the environment says."""
    overrides: dict[str, Any] = {}
    if "ORDERGATE_ENV" not in os.environ:
        overrides["env"] = "development"
    if "ORDERGATE_LOG_JSON" not in os.environ:
        overrides["log_json"] = False
    return Settings(**overrides)


def run_up(options: UpOptions, console: Console) -> int:
    settings = development_settings()
    try:
        with instance_lock.hold(settings.data_dir) as lock:
            return _run_locked(settings, options, console, lock)
    except instance_lock.InstanceRunning as running:
        console.print(
            f"OrderGate is already running on {settings.data_dir.resolve()} ({running.owner}); "
            "stop it first or set ORDERGATE_DATA_DIR to another directory.",
            markup=False,
        )
        return 1


def _run_locked(
    settings: Settings, options: UpOptions, console: Console, lock: instance_lock.InstanceLock
) -> int:
    signals = ShutdownSignals()
    with signals.installed():
        try:
            sock = bind(options.host, options.port)
        except OSError as exc:
            console.print(
                f"Cannot listen on {options.host}:{options.port} ({exc.strerror or exc}): "
                f"choose another port with --port (or --port 0 for any free one).",
                markup=False,
            )
            return 1
        host, port = sock.getsockname()[:2]
        lock.announce(f"http://{f'[{host}]' if ':' in host else host}:{port}")
        pg: embedded_pg.EmbeddedPostgres | None = None
        try:
            if not settings.database_url:
                console.print(f"Starting embedded PostgreSQL, data in {settings.pg_dir.resolve()}")
                pg = embedded_pg.start(settings.pg_dir)
            if not signals.requested:
                asyncio.run(_run(settings, pg, options, sock, signals, console))
        finally:
            sock.close()
            if pg is not None:
                _release_postgres(pg, console)
    return 0


def _release_postgres(pg: embedded_pg.EmbeddedPostgres, console: Console) -> None:
    """Stop the embedded server, or say who keeps it running (another command attached)."""
    pg.stop()
    if pg.pid is None:
        console.print(f"PostgreSQL stopped; data kept in {pg.path} for the next start.")
    else:
        console.print(f"PostgreSQL left running for the other processes using {pg.path}.")


async def _run(
    settings: Settings,
    pg: embedded_pg.EmbeddedPostgres | None,
    options: UpOptions,
    sock: Any,
    signals: ShutdownSignals,
    console: Console,
) -> None:
    stop = signals.attach()
    try:
        if pg is not None:
            settings.database_url = await pg.ensure_database()
        assert settings.database_url is not None
        console.print("Migrating the database to head…")
        await asyncio.to_thread(migrations.upgrade, settings.database_url)
        ensure_secret_key(settings)
        ensure_internal_token(settings)
        ensure_demo_password(settings)
        if stop.is_set():
            return
        prepared = await _prepare_data(settings, options, console, stop)
        if prepared is None:
            return
        app = create_app(settings)
        config = uvicorn.Config(
            app, timeout_graceful_shutdown=5, lifespan="on", proxy_headers=False
        )
        server = ManagedServer(config)
        _banner(console, settings, pg, sock, app, prepared)
        await serve(server, sock, signals, _worker(settings))
    finally:
        signals.detach()


async def _prepare_data(
    settings: Settings, options: UpOptions, console: Console, stop: asyncio.Event
) -> Prepared | None:
    """Seed demo data and demo credentials; None when a stop was requested meanwhile."""
    assert settings.database_url is not None
    prepared = Prepared()
    db = Database.connect(settings, settings.database_url)
    try:
        finished, demo = await until_signal(_seed_if_empty(db, settings, options, console), stop)
        if not finished:
            return None
        prepared.demo = demo or ""
        credentials = await ensure_demo_credentials(db, password=settings.demo_password)
        prepared.credentials = _pairs(credentials)
    finally:
        await db.dispose()
    return prepared


async def _seed_if_empty(
    db: Database, settings: Settings, options: UpOptions, console: Console
) -> str:
    if options.orders <= 0:
        return "not seeded (--orders 0)"
    count = await orders_present(db)
    if count:
        return f"{count} orders already present (not reseeded)"
    assert settings.database_url is not None
    with Progress(
        TextColumn("Loading demo data"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("demo", total=options.orders)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        summary = await load_demo(
            settings.database_url,
            shops=options.shops,
            orders=options.orders,
            seed=options.seed,
            progress=report,
        )
    shop_ids = summary.shop_ids
    shops = f"shops {', '.join(map(str, shop_ids))}" if shop_ids else f"{options.shops} shops"
    return f"seeded {options.orders} orders in {shops} (seed {options.seed})"


def _worker(settings: Settings) -> Callable[[asyncio.Event], Coroutine[Any, Any, None]]:
    async def background(stop: asyncio.Event) -> None:
        await run_worker(settings, stop)

    return background


def _pairs(credentials: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Label/value pairs of the demo credentials, for the banner."""
    return [(str(k).replace("_", " ").capitalize(), str(v)) for k, v in credentials.items()]


def _route_paths(routes: Iterable[Any]) -> set[str]:
    """Every route path, inside included routers too (FastAPI ≥ 0.16x keeps those lazily, as
    one route per ``include_router`` holding the original router)."""
    paths: set[str] = set()
    for route in routes:
        if path := getattr(route, "path", None):
            paths.add(str(path))
        inner = getattr(getattr(route, "original_router", None), "routes", None)
        if inner:
            paths |= _route_paths(inner)
    return paths


def _banner(
    console: Console,
    settings: Settings,
    pg: embedded_pg.EmbeddedPostgres | None,
    sock: Any,
    app: Any,
    prepared: Prepared,
) -> None:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}"
    paths = _route_paths(app.routes)
    rows: list[tuple[str, str]] = [
        ("API", f"{base}/"),
        ("Docs (OpenAPI)", f"{base}/docs"),
    ]
    if "/graphql" in paths:
        rows.append(("GraphQL (GraphiQL)", f"{base}/graphql"))
    if "/console" in paths:
        rows.append(("Console", f"{base}/console/  (sign in as the demo owner below)"))
    rows += [
        ("Metrics", f"{base}/metrics"),
        ("Health", f"{base}/healthz  {base}/readyz"),
    ]
    assert settings.database_url is not None
    if pg is not None:
        rows.append(("PostgreSQL", f"embedded, data in {pg.path} (reused next time)"))
        rows.append(("Database URL", settings.database_url))
    else:
        rows.append(("Database URL", make_url(settings.database_url).render_as_string()))
    rows.append(("Internal token", f"{settings.internal_token}  (Bearer, /internal/v1)"))
    rows.append(("Secret key", f"in {(settings.data_dir / 'secret_key').resolve()}"))
    rows.append(("Demo data", prepared.demo))
    rows += prepared.credentials
    width = max(len(label) for label, _ in rows)
    console.print(f"\nOrderGate {__version__} ({settings.env}) listening on {base}")
    for label, value in rows:
        console.print(f"  {label.ljust(width)}  {value}", markup=False)
    for note in prepared.notes:
        console.print(f"  {note}", markup=False)
    console.print("Press Ctrl-C to stop (uvicorn, the worker and PostgreSQL).\n")
