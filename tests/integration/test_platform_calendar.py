"""The platform calendar (``ordergate calendar``) moves dispute review windows: a weekday off is
skipped, a weekend day worked is counted."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
import typer
from typer.testing import CliRunner

from app.cli import cli
from app.commands.calendar import parse_days
from app.config import Settings
from app.db import Database
from app.domain.calendar.repository import clear_days
from app.kit.business_days import add_business_days
from tests.factories import bearer, make_token
from tests.integration.orders_support import new_order, v1
from tests.integration.test_after_sales_disputes import PNG, dispute, upload

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _run_cli(settings: Settings, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": settings.database_url or ""}
    result = CliRunner().invoke(cli, ["calendar", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
async def calendar_cleared(db: Database) -> AsyncIterator[list[date]]:
    """The days this test marks; cleared afterwards, since the calendar is database-wide."""
    today = datetime.now(SHANGHAI).date()
    days = [today + timedelta(days=n) for n in range(15)]
    yield days
    async with db.transaction() as session:
        await clear_days(session, days)


def test_day_specs_and_ranges() -> None:
    assert parse_days(["2026-10-07..2026-10-08", "2026-10-01"]) == [
        date(2026, 10, 1),
        date(2026, 10, 7),
        date(2026, 10, 8),
    ]
    for bad in ["2026-10-08..2026-10-01", "2026-13-01", "2026-01-01..2027-06-01"]:
        with pytest.raises(typer.BadParameter, match=r"YYYY-MM-DD|forwards"):
            parse_days([bad])


def test_weekend_workdays_count_and_holidays_do_not() -> None:
    friday = datetime(2026, 9, 25, 10, 0, tzinfo=SHANGHAI)
    # Sat 26 worked (make-up day), Mon 28 - Wed 30 worked, Thu 1 off: 5 business days end Fri 2.
    due = add_business_days(
        friday, 5, "Asia/Shanghai", holidays={date(2026, 10, 1)}, workdays={date(2026, 9, 26)}
    )
    assert due == datetime(2026, 10, 2, 10, 0, tzinfo=SHANGHAI)


async def test_review_window_follows_the_calendar(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    calendar_cleared: list[date],
) -> None:
    shop_id = shop["shop_id"]
    owner = bearer(await make_token(db, shop_ids=[shop_id]))
    weekdays = [d for d in calendar_cleared[1:] if d.weekday() < 5]
    weekend = [d for d in calendar_cleared[1:] if d.weekday() >= 5]
    off, worked = weekdays[:2], weekend[:1]
    await asyncio.to_thread(
        _run_cli, settings, "off", *[d.isoformat() for d in off], "--note", "holiday"
    )
    await asyncio.to_thread(_run_cli, settings, "on", worked[0].isoformat(), "--note", "make-up")
    shown = await asyncio.to_thread(_run_cli, settings, "show")
    assert all(d.isoformat() in shown for d in [*off, *worked])

    order = await new_order(client, shop_id, internal_headers, state="shipped")
    d = await dispute(client, shop_id, order["id"], owner)
    assert (await upload(client, shop_id, d["id"], owner, PNG)).status_code == 201
    r = await client.post(v1(shop_id, f"/disputes/{d['id']}/submit"), json={}, headers=owner)
    assert r.status_code == 200, r.text
    body = r.json()
    submitted = datetime.fromisoformat(body["submitted_at"])
    want = add_business_days(submitted, 5, "Asia/Shanghai", set(off), set(worked))
    plain = add_business_days(submitted, 5, "Asia/Shanghai")
    assert want != plain  # the calendar really moved the window
    assert datetime.fromisoformat(body["review_due_at"]) == want.astimezone(UTC)
    earliest = add_business_days(submitted, 3, "Asia/Shanghai", set(off), set(worked))
    assert datetime.fromisoformat(body["review_window"]["earliest"]) == earliest.astimezone(UTC)

    await asyncio.to_thread(_run_cli, settings, "clear", *[d.isoformat() for d in [*off, *worked]])
    assert "holiday" not in await asyncio.to_thread(_run_cli, settings, "show")
