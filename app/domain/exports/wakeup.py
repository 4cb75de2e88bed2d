"""Export jobs start when they are queued, not at the worker's next poll: creating a job
notifies ``EXPORTS_CHANNEL`` (delivered on commit) and the worker listens on it. The worker
still polls on a timer, so a lost notification only delays a job by that timer."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

EXPORTS_CHANNEL = "ordergate_exports"
# The worker's LISTEN connection on it (pg_stat_activity.application_name).
EXPORTS_LISTENER_NAME = "ordergate-exports-listener"


async def notify_export_queued(session: AsyncSession) -> None:
    await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": EXPORTS_CHANNEL})
