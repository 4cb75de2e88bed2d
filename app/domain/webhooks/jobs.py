"""Worker jobs: the fan-out loop and the delivery loop (each wakes on NOTIFY, re-checks often)."""

from __future__ import annotations

import asyncio

from app.domain.jobs import JobContext, JobFactory
from app.domain.sync.change_log import NOTIFY_CHANNEL
from app.domain.webhooks.delivery import DeliveryWorker
from app.domain.webhooks.fanout import DUE_CHANNEL, fan_out_forever
from app.domain.webhooks.listener import listen


async def _with_listener(ctx: JobContext, channel: str, wake: asyncio.Event) -> asyncio.Task[None]:
    return asyncio.create_task(listen(ctx.settings.database_url or "", [channel], wake, ctx.stop))


async def fanout_job(ctx: JobContext) -> None:
    wake = asyncio.Event()
    listener = await _with_listener(ctx, NOTIFY_CHANNEL, wake)
    try:
        await fan_out_forever(ctx.db, ctx.stop, wake)
    finally:
        listener.cancel()


async def delivery_job(ctx: JobContext) -> None:
    wake = asyncio.Event()
    listener = await _with_listener(ctx, DUE_CHANNEL, wake)
    try:
        await DeliveryWorker(ctx.db, ctx.settings).run_forever(ctx.stop, wake)
    finally:
        listener.cancel()


def webhook_jobs() -> dict[str, JobFactory]:
    return {"webhook_fanout": fanout_job, "webhook_delivery": delivery_job}
