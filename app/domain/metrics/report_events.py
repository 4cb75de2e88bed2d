"""The ``report.daily`` webhook event: each shop's daily report of yesterday (shop timezone),
sent once to the endpoints that subscribed to it (``report.daily`` or ``report.*``).

The worker job ``daily_reports`` checks every minute. For a shop with a subscribed endpoint
and no report yet for yesterday, one transaction computes the report with the same service
as ``GET /metrics/daily-report``, stores its body in ``report_events`` (unique per shop, kind
and day: several workers cannot send it twice) and queues one delivery per endpoint with
``change_id = -report id``; the delivery workers sign, send and retry it like any event.

Days missed while no worker ran are caught up, oldest first, up to ``CATCH_UP_DAYS`` back and
never before the day preceding the shop's first subscription (subscribing does not replay a
shop's history; it starts with yesterday's report, as it always did).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import JSONB

from app.db import Database
from app.domain.access.scope import ShopScope
from app.domain.jobs import JobContext, wait_or_stop
from app.domain.metrics.service import MetricsService
from app.domain.webhooks.fanout import notify_due
from app.domain.webhooks.sql import receives_sql
from app.kit.clock import utcnow
from app.logging import get_logger

log = get_logger(__name__)

REPORT_DAILY = "report.daily"
EVERY_SECONDS = 60.0
CATCH_UP_DAYS = 7

_SUBSCRIBED = """e.deleted_at IS NULL AND e.enabled
    AND ('report.daily' = ANY(e.event_types) OR 'report.*' = ANY(e.event_types))"""

_SHOPS_SQL = text(
    f"""
SELECT s.id, s.timezone, min(e.created_at) AS subscribed_at
FROM webhook_endpoints e JOIN shops s ON s.id = ANY(e.shop_ids)
WHERE {_SUBSCRIBED} GROUP BY s.id, s.timezone ORDER BY s.id
"""
)
_SENT_SINCE_SQL = text(
    "SELECT shop_id, day FROM report_events WHERE kind = :kind AND day >= :oldest"
)
_STORE_SQL = text(
    """
INSERT INTO report_events (shop_id, kind, day, data) VALUES (:shop, :kind, :day, :data)
ON CONFLICT (shop_id, kind, day) DO NOTHING
RETURNING id
"""
).bindparams(bindparam("data", type_=JSONB))
_QUEUE_SQL = text(
    f"""
INSERT INTO webhook_deliveries (endpoint_id, shop_id, change_id, event_type, webhook_id)
SELECT e.id, :shop, -CAST(:report AS bigint), :kind, :webhook_id
FROM webhook_endpoints e
WHERE :shop = ANY(e.shop_ids) AND {_SUBSCRIBED} AND {receives_sql("CAST(:shop AS bigint)")}
ON CONFLICT DO NOTHING
"""
)


async def emit_daily_reports(db: Database, *, now: datetime | None = None) -> int:
    """Queue every due report not sent yet (yesterday's, and missed days within
    ``CATCH_UP_DAYS``) for each subscribed shop; returns how many reports were stored."""
    now = now or utcnow()
    oldest = now.date() - timedelta(days=CATCH_UP_DAYS + 1)  # before any shop's window
    async with db.transaction() as session:
        shops = [(int(i), str(tz), at) for i, tz, at in await session.execute(_SHOPS_SQL)]
        # One read of what was sent: a quiet minute costs no transaction per shop and day.
        sent = {
            (int(s), d)
            for s, d in await session.execute(
                _SENT_SINCE_SQL, {"kind": REPORT_DAILY, "oldest": oldest}
            )
        }
    stored = 0
    for shop_id, tz, subscribed_at in shops:
        for day in due_days(now, ZoneInfo(tz), subscribed_at):
            if (shop_id, day) not in sent:
                stored += await _emit(db, shop_id, day)
    return stored


def due_days(now: datetime, zone: ZoneInfo, subscribed_at: datetime) -> list[date]:
    """The days whose report may be due, oldest first."""
    yesterday = now.astimezone(zone).date() - timedelta(days=1)
    first = max(
        yesterday - timedelta(days=CATCH_UP_DAYS - 1),
        subscribed_at.astimezone(zone).date() - timedelta(days=1),
    )
    return [first + timedelta(days=n) for n in range((yesterday - first).days + 1)]


async def _emit(db: Database, shop_id: int, day: date) -> int:
    params = {"shop": shop_id, "kind": REPORT_DAILY, "day": day}
    async with db.transaction() as session:
        body = await MetricsService(session, ShopScope.of([shop_id])).daily_report(shop_id, day)
        report_id = await session.scalar(_STORE_SQL, {**params, "data": body})
        if report_id is None:  # another worker stored it meanwhile
            return 0
        await session.execute(
            _QUEUE_SQL,
            {**params, "report": int(report_id), "webhook_id": f"msg_report_{report_id}"},
        )
        await notify_due(session)
    log.info("report_daily_queued", shop_id=shop_id, day=str(day))
    return 1


async def daily_reports_job(ctx: JobContext) -> None:
    while not ctx.stop.is_set():
        await emit_daily_reports(ctx.db)
        await wait_or_stop(ctx.stop, EVERY_SECONDS)
