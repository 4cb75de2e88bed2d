"""The worker runner: every registered job runs until ``stop`` is set.

A job is a factory ``(ctx) -> awaitable`` that loops until ``ctx.stop`` is set. A job that
raises is logged and restarted after a short back-off, so one bad job never takes the others
down. Periodic jobs are registered with :func:`register_periodic` (run, then wait ``every``).
"""

from __future__ import annotations

import asyncio

from app.config import Settings
from app.db import Database
from app.domain.jobs import JobContext, JobFactory, wait_or_stop
from app.logging import get_logger
from app.secrets_store import ensure_secret_key

log = get_logger(__name__)


_REGISTRY: dict[str, JobFactory] = {}
RESTART_DELAY_SECONDS = 1.0


def register_job(name: str, coro_factory: JobFactory) -> None:
    """Add (or replace) a long-running job; it must return once ``ctx.stop`` is set."""
    _REGISTRY[name] = coro_factory


def register_periodic(name: str, every_seconds: float, step: JobFactory) -> None:
    """A job that runs ``step`` every ``every_seconds`` until stopped."""

    async def loop(ctx: JobContext) -> None:
        while not ctx.stop.is_set():
            await step(ctx)
            await wait_or_stop(ctx.stop, every_seconds)

    register_job(name, loop)


def registered_jobs() -> dict[str, JobFactory]:
    _register_builtin_jobs()
    return dict(_REGISTRY)


async def run_worker(
    settings: Settings, stop: asyncio.Event, *, only: frozenset[str] | None = None
) -> None:
    """Run every registered job (or those named in ``only``) until ``stop`` is set."""
    if not settings.database_url:
        raise RuntimeError("DATABASE_URL is not set")
    ensure_secret_key(settings)
    jobs = {n: f for n, f in registered_jobs().items() if only is None or n in only}
    db = Database.connect(settings, settings.database_url)
    ctx = JobContext(db, settings, stop)
    log.info("worker_started", jobs=sorted(jobs))
    try:
        async with asyncio.TaskGroup() as group:
            for name, factory in jobs.items():
                group.create_task(_supervise(name, factory, ctx), name=f"job:{name}")
    finally:
        await db.dispose()
        log.info("worker_stopped")


async def _supervise(name: str, factory: JobFactory, ctx: JobContext) -> None:
    while not ctx.stop.is_set():
        try:
            await factory(ctx)
        except Exception:  # a crashing job restarts; the others keep running
            log.exception("worker_job_crashed", job=name)
            await wait_or_stop(ctx.stop, RESTART_DELAY_SECONDS)


_builtins_loaded = False


def _register_builtin_jobs() -> None:
    global _builtins_loaded
    if _builtins_loaded:
        return
    _builtins_loaded = True
    from app.worker import jobs

    for name, factory in jobs.builtin_jobs().items():
        _REGISTRY.setdefault(name, factory)
