"""Regression (found by schemathesis): a NUL character from the client once reached an error
body stored under an Idempotency-Key (PostgreSQL jsonb refuses \\u0000). The input guard now
refuses it before any handler runs; the store still cleans what it is given."""

from __future__ import annotations

import httpx

from app.db import Database
from app.domain.idempotency.repository import jsonb_safe
from tests.factories import bearer, make_token


async def test_batch_with_nul_in_a_field_name_is_refused_and_nothing_stored(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    headers = {**bearer(token), "Idempotency-Key": "nul-batch-1"}
    body = {"shipments": [{"order_id": 1, "carrier": "SF", "tracking_no": "SF0001", "x\u0000y": 1}]}
    for _ in range(2):  # the retry is refused the same way: no stored response to replay
        r = await client.post(f"/v1/shops/{shop_id}/shipments/batch", json=body, headers=headers)
        assert r.status_code == 422, r.text
        assert r.headers["content-type"] == "application/problem+json"
        assert "Idempotent-Replayed" not in r.headers
        problem = r.json()
        assert problem["code"] == "validation_error"
        assert ["body", "shipments", 0, "x\\x00y"] in [e["loc"] for e in problem["errors"]]
        assert "\u0000" not in r.text


def test_the_store_replaces_nul_in_keys_and_values() -> None:
    stored = jsonb_safe({"x\u0000": ["a\u0000b", 1], "ok": "fine"})
    assert stored == {"x\ufffd": ["a\ufffdb", 1], "ok": "fine"}
