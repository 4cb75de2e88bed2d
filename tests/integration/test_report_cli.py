"""``ordergate report daily`` prints the daily report of the metrics service."""

from __future__ import annotations

import asyncio
from datetime import date

import httpx
import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.config import Settings
from app.db import Database
from tests.integration.metrics_seed import make_specs, oracle, seed


async def test_report_daily_prints_the_figures(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    specs = await seed(client, db, shop["shop_id"], internal_headers, make_specs(seed=3, n=12))
    monkeypatch.setenv("DATABASE_URL", settings.database_url or "")
    result = await asyncio.to_thread(
        CliRunner().invoke,
        cli,
        ["report", "daily", "--shop", str(shop["shop_id"]), "--date", "2026-03-10"],
    )
    assert result.exit_code == 0, result.output
    want = oracle(specs, date(2026, 3, 10), date(2026, 3, 10))
    lines = {line.split("│")[1].strip(): line for line in result.output.splitlines() if "│" in line}
    assert lines["orders"].split("│")[2].strip() == str(want["orders"])
    assert lines["gmv"].split("│")[2].strip() == str(want["gmv"])
    assert "ship_to_sign_hours.p90" in lines
