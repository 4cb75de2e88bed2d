"""Exports over GraphQL: createExport, shop.exports and shop.export answer what REST answers
(one service, one read model), through the one write wrapper (idempotent, userErrors)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.config import Settings
from app.db import Database
from tests.factories import bearer, make_token
from tests.integration.export_support import (
    FIRST,
    LAST,
    seed_calendar,  # noqa: F401
    seed_orders,
    worker,
)
from tests.integration.test_graphql import gql

pytestmark = pytest.mark.usefixtures("seed_calendar")

FIELDS = """databaseId shopId shopIds status format fields filters createdFrom createdTo granularity
  locale bom piiMasked progress { rows total } sizeBytes sha256 attempts error createdAt
  startedAt finishedAt expiresAt fileUrl"""

CREATE = f"""mutation($s: Int!, $input: CreateExportInput!, $k: String) {{
  createExport(shopId: $s, input: $input, idempotencyKey: $k) {{
    export {{ {FIELDS} }} userErrors {{ code field message }} }} }}"""

LIST = f"""query($s: Int!, $first: Int, $after: String) {{ shop(id: $s) {{
  exports(first: $first, after: $after) {{ nodes {{ {FIELDS} }}
    pageInfo {{ hasNextPage hasPreviousPage endCursor }} }} }} }}"""

ONE = f"""query($s: Int!, $id: Int!) {{ shop(id: $s) {{ export(id: $id) {{ {FIELDS} }} }} }}"""


def _as_rest(node: dict[str, Any]) -> dict[str, Any]:
    """GraphQL's camelCase export -> REST's keys (values are the same)."""
    snake = {"".join("_" + c.lower() if c.isupper() else c for c in k): v for k, v in node.items()}
    snake["id"] = snake.pop("database_id")
    return snake


async def test_create_list_and_read_match_rest(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    await seed_orders(client, db, shop_id, internal_headers)
    token = await make_token(db, shop_ids=[shop_id], scopes="exports")
    body = {
        "createdFrom": FIRST,
        "createdTo": LAST,
        "fields": ["status", "province"],
        "filters": {"status": ["PAID"]},
        "locale": "ZH",
    }
    made = await gql(client, token, CREATE, {"s": shop_id, "input": body, "k": "exp-1"})
    payload = made["data"]["createExport"]
    assert payload["userErrors"] == [], payload
    job = payload["export"]
    assert job["status"] == "QUEUED" and job["fileUrl"] is None and job["locale"] == "ZH"
    replay = await gql(client, token, CREATE, {"s": shop_id, "input": body, "k": "exp-1"})
    assert replay["data"]["createExport"] == payload  # the same job, not a second one

    assert await worker(db, settings, shop_id).run_once()
    one = (await gql(client, token, ONE, {"s": shop_id, "id": job["databaseId"]}))["data"]
    done = one["shop"]["export"]
    rest = await client.get(
        f"/v1/shops/{shop_id}/exports/{job['databaseId']}", headers=bearer(token)
    )
    assert rest.status_code == 200
    assert done["status"] == "SUCCEEDED" and done["fileUrl"] == rest.json()["file_url"]
    expected = rest.json()
    got = _as_rest(done)
    for enum_key in ("status", "format", "granularity", "locale"):
        got[enum_key] = got[enum_key].lower()
    assert got == expected

    listed = (await gql(client, token, LIST, {"s": shop_id, "first": 5}))["data"]
    page = listed["shop"]["exports"]
    assert [n["databaseId"] for n in page["nodes"]] == [job["databaseId"]]
    assert page["pageInfo"]["hasNextPage"] is False


async def test_errors_are_user_errors_and_scope_is_required(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id], scopes="exports")
    too_long = {"createdFrom": "2026-01-01", "createdTo": "2026-06-30"}
    payload = (await gql(client, token, CREATE, {"s": shop_id, "input": too_long}))["data"]
    errors = payload["createExport"]["userErrors"]
    assert payload["createExport"]["export"] is None
    assert errors[0]["code"] == "export_range_too_long"

    reader = await make_token(db, shop_ids=[shop_id], scopes="orders:read")
    denied = await gql(client, reader, LIST, {"s": shop_id})
    assert denied["errors"][0]["extensions"]["code"] == "INSUFFICIENT_SCOPE"
