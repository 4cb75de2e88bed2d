"""Regression (found by schemathesis): an error body echoing a NUL character from the client
must still be storable under an Idempotency-Key (PostgreSQL jsonb refuses \\u0000)."""

from __future__ import annotations

import httpx

from app.db import Database
from tests.factories import bearer, make_token


async def test_batch_with_nul_in_a_field_name_is_stored_and_replayed(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    headers = {**bearer(token), "Idempotency-Key": "nul-batch-1"}
    body = {"shipments": [{"order_id": 1, "carrier": "SF", "tracking_no": "SF0001", "x\u0000y": 1}]}
    first = await client.post(f"/v1/shops/{shop_id}/shipments/batch", json=body, headers=headers)
    assert first.status_code == 200, first.text
    result = first.json()["results"][0]
    assert result["ok"] is False and result["error"]["code"] == "validation_error"
    assert "\u0000" not in first.text
    replay = await client.post(f"/v1/shops/{shop_id}/shipments/batch", json=body, headers=headers)
    assert replay.status_code == 200
    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert replay.json() == first.json()
