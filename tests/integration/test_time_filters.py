"""Time filters take RFC 3339 date-times only, as the contract's `format: date-time` says:
pydantic alone would read "0" as a Unix timestamp (1970-01-01) and answer 200."""

from __future__ import annotations

import httpx
import pytest

from app.db import Database
from tests.conftest import order_payload
from tests.factories import make_token

ROUTES = ["orders", "after-sales", "audit-log"]


@pytest.mark.parametrize("route", ROUTES)
async def test_a_number_is_not_a_date_time(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], route: str
) -> None:
    shop_id = shop["shop_id"]
    headers = {"Authorization": f"Bearer {await make_token(db, shop_ids=[shop_id])}"}
    url = f"/v1/shops/{shop_id}/{route}"
    for value in ("0", "1700000000", "1.5"):
        r = await client.get(url, params={"created_from": value}, headers=headers)
        assert r.status_code == 422, (value, r.text)
        assert r.json()["errors"][0]["loc"] == ["query", "created_from"]
    ok = await client.get(url, params={"created_from": "2026-12-07T00:00:00Z"}, headers=headers)
    assert ok.status_code == 200, ok.text


async def test_ingested_times_are_rfc3339_too(
    client: httpx.AsyncClient, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    created = await client.post(
        f"/internal/v1/shops/{shop_id}/orders", json=order_payload(), headers=internal_headers
    )
    assert created.status_code == 201, created.text
    url = f"/internal/v1/shops/{shop_id}/orders/{created.json()['id']}/pay"
    r = await client.post(
        url, json={"pay_method": "douyin_pay", "paid_at": "0"}, headers=internal_headers
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["body", "paid_at"]
    ok = await client.post(
        url,
        json={"pay_method": "douyin_pay", "paid_at": "2026-12-07T08:00:00Z"},
        headers=internal_headers,
    )
    assert ok.status_code == 200, ok.text
