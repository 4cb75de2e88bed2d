"""The built-in jobs of the worker: exports, retention, idempotency pruning, the metrics
rollup and the daily report event, webhooks."""

from __future__ import annotations

import asyncio

from app.domain.address_changes.sweep import address_change_job
from app.domain.exports.wakeup import EXPORTS_CHANNEL
from app.domain.exports.worker import export_worker
from app.domain.idempotency.repository import prune_expired
from app.domain.jobs import JobContext, JobFactory, wait_or_stop
from app.domain.metrics.report_events import daily_reports_job
from app.domain.metrics.rollup import rollup_job
from app.domain.sync.retention import prune_change_log
from app.domain.webhooks.jobs import webhook_jobs
from app.domain.webhooks.listener import listen

RETENTION_EVERY_SECONDS = 600.0
IDEMPOTENCY_PRUNE_EVERY_SECONDS = 300.0


async def _exports(ctx: JobContext) -> None:

    wake = asyncio.Event()
    url = ctx.settings.database_url or ""
    listener = asyncio.create_task(listen(url, [EXPORTS_CHANNEL], wake, ctx.stop))
    try:
        await export_worker(ctx.db, ctx.settings).run_forever(ctx.stop, wake=wake)
    finally:
        listener.cancel()


async def _metrics_rollup(ctx: JobContext) -> None:
    await rollup_job(ctx)


async def _daily_reports(ctx: JobContext) -> None:
    await daily_reports_job(ctx)


async def _address_changes(ctx: JobContext) -> None:
    await address_change_job(ctx)


async def _retention(ctx: JobContext) -> None:
    while not ctx.stop.is_set():
        await prune_change_log(ctx.db, ctx.settings)
        await wait_or_stop(ctx.stop, RETENTION_EVERY_SECONDS)


async def _idempotency(ctx: JobContext) -> None:
    while not ctx.stop.is_set():
        async with ctx.db.transaction() as session:
            await prune_expired(session)
        await wait_or_stop(ctx.stop, IDEMPOTENCY_PRUNE_EVERY_SECONDS)


def builtin_jobs() -> dict[str, JobFactory]:
    jobs: dict[str, JobFactory] = {
        "exports": _exports,
        "feed_retention": _retention,
        "metrics_rollup": _metrics_rollup,
        "daily_reports": _daily_reports,
        "idempotency_prune": _idempotency,
        "address_changes": _address_changes,
    }
    jobs.update(webhook_jobs())
    return jobs
