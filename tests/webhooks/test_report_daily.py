"""The ``report.daily`` webhook event: yesterday's daily report (shop timezone), once per shop
and day, to the endpoints that name it; signed and delivered like any event."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import func, select, update

from app.config import Settings
from app.db import Database
from app.domain.access.scope import ShopScope
from app.domain.metrics.report_events import (
    CATCH_UP_DAYS,
    REPORT_DAILY,
    due_days,
    emit_daily_reports,
)
from app.domain.metrics.service import MetricsService
from app.domain.webhooks.patterns import is_valid_pattern
from app.domain.webhooks.signing import verify
from app.kit.clock import utcnow
from app.models import ReportEvent, WebhookEndpoint
from tests.conftest import order_payload
from tests.feed_support import eventually
from tests.webhooks.support import (
    HORIZON_WAIT,
    create_endpoint,
    delivery_rows,
    running_delivery,
    running_receiver,
)

pytestmark = pytest.mark.feed


SHANGHAI = ZoneInfo("Asia/Shanghai")


async def report_days(db: Database, shop_id: int) -> list[date]:
    """The days whose daily report is stored for ``shop_id``, oldest first."""
    async with db.transaction() as s:
        rows = await s.scalars(
            select(ReportEvent.day)
            .where(ReportEvent.shop_id == shop_id, ReportEvent.kind == REPORT_DAILY)
            .order_by(ReportEvent.day)
        )
        return list(rows)


async def test_daily_report_event_is_sent_once_to_subscribers(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    assert is_valid_pattern("report.daily") and is_valid_pattern("report.*")
    shop_id = shop["shop_id"]
    now = utcnow()
    yesterday = now.astimezone(SHANGHAI).date() - timedelta(days=1)
    noon = datetime.combine(yesterday, datetime.min.time(), SHANGHAI) + timedelta(hours=12)
    r = await client.post(
        f"/internal/v1/shops/{shop_id}/orders",
        json=order_payload(created_at=noon.isoformat()),
        headers=internal_headers,
    )
    assert r.status_code == 201, r.text
    with running_receiver() as rx:
        subscribed, secret = await create_endpoint(
            db, settings, url=rx.url, shop_ids=[shop_id], event_types=["report.daily"]
        )
        everything, _ = await create_endpoint(
            db, settings, url=rx.url, shop_ids=[shop_id], event_types=["*"]
        )
        assert await emit_daily_reports(db, now=now) >= 1
        await emit_daily_reports(db, now=now)  # a second pass (or worker) sends nothing more
        async with db.transaction() as s:
            stored = await s.scalar(
                select(func.count()).where(
                    ReportEvent.shop_id == shop_id, ReportEvent.kind == REPORT_DAILY
                )
            )
        assert stored == 1
        async with running_delivery(db, settings, [subscribed, everything]):
            await eventually(lambda: len(rx.snapshot()) >= 1, timeout=HORIZON_WAIT, what="report")
        got = rx.snapshot()
    assert len(got) == 1
    event = verify(secret, got[0].body, got[0].headers)
    assert event["type"] == "report.daily" and event["shop_id"] == shop_id
    async with db.transaction() as s:
        want = await MetricsService(s, ShopScope.of([shop_id])).daily_report(shop_id, yesterday)
    assert event["data"] == want
    assert event["data"]["date"] == yesterday.isoformat()
    assert event["data"]["metrics"]["orders"] == 1
    assert [d.status for d in await delivery_rows(db, subscribed)] == ["delivered"]
    assert await delivery_rows(db, everything) == []  # "*" means every change, not reports


def test_due_days_catch_up_but_never_before_the_subscription() -> None:
    now = datetime(2026, 11, 27, 1, 0, tzinfo=SHANGHAI)
    yesterday = datetime(2026, 11, 26).date()
    assert due_days(now, SHANGHAI, now) == [yesterday]
    three_days_ago = now - timedelta(days=3)
    assert due_days(now, SHANGHAI, three_days_ago) == [
        yesterday - timedelta(days=n) for n in (3, 2, 1, 0)
    ]
    long_ago = now - timedelta(days=90)
    days = due_days(now, SHANGHAI, long_ago)
    assert len(days) == CATCH_UP_DAYS and days[-1] == yesterday


async def test_days_missed_while_no_worker_ran_are_caught_up_once(
    db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    endpoint_id, _ = await create_endpoint(
        db, settings, url="http://127.0.0.1:9/hook", shop_ids=[shop_id], event_types=["report.*"]
    )
    now = utcnow()
    async with db.transaction() as s:  # subscribed three days ago; no worker ran since
        await s.execute(
            update(WebhookEndpoint)
            .where(WebhookEndpoint.id == endpoint_id)
            .values(created_at=now - timedelta(days=3))
        )
    # Counted for this shop only: other tests' shops in the same database may be due too.
    assert await emit_daily_reports(db, now=now) >= 4
    first = await report_days(db, shop_id)
    assert first == due_days(now, SHANGHAI, now - timedelta(days=3))
    await emit_daily_reports(db, now=now)
    assert await report_days(db, shop_id) == first
    assert len(await delivery_rows(db, endpoint_id)) == 4
