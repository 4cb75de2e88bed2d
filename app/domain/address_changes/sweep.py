"""The worker's side of address changes: settle pending requests the platform decides.

One transaction per request (a failure settles the others still), each as the system actor.
Tests call :func:`settle_due` with an explicit ``now``: no waiting for the clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.config import Settings
from app.db import Database
from app.domain.access.scope import ShopScope
from app.domain.address_changes.repository import settleable
from app.domain.address_changes.service import AddressChangeService
from app.domain.audit.actor import SYSTEM
from app.domain.jobs import JobContext, wait_or_stop
from app.kit.clock import utcnow
from app.logging import get_logger

SWEEP_EVERY_SECONDS = 60.0
BATCH = 200
log = get_logger(__name__)


def auto_approve_after(settings: Settings) -> timedelta:
    return timedelta(hours=settings.address_change_auto_approve_hours)


async def settle_due(db: Database, now: datetime, *, limit: int = BATCH) -> dict[str, int]:
    """Settle what is due at ``now``; returns how many were approved and rejected."""
    async with db.transaction() as session:
        due = await settleable(session, now, limit)
    done = {"approve": 0, "reject": 0}
    for shop_id, request_id in due:
        try:
            async with db.transaction() as session:
                service = AddressChangeService(session, ShopScope.of([shop_id]), SYSTEM)
                action = await service.settle(shop_id, request_id, now)
        except Exception:
            log.exception("address_change_settle_failed", shop_id=shop_id, id=request_id)
            continue
        if action is not None:
            done[action] += 1
    return done


async def address_change_job(ctx: JobContext) -> None:
    """Worker job ``address_changes``: a sweep a minute (a batch at a time until caught up)."""
    while not ctx.stop.is_set():
        settled = await settle_due(ctx.db, utcnow())
        if sum(settled.values()) < BATCH:
            await wait_or_stop(ctx.stop, SWEEP_EVERY_SECONDS)
