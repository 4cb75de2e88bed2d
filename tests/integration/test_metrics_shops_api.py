"""Metrics over several shops (REST /v1/metrics/…, GraphQL metrics(shopIds:)): the aggregate
and by_shop equal the oracle of the pooled and of each shop's orders; the shops are those the
token grants metrics:read on, never another tenant's; and the per-shop CSV downloads."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from app.db import Database
from tests.factories import bearer, make_account, make_shop, make_token
from tests.integration.metrics_seed import SHANGHAI, Spec, local_day, make_specs, oracle, seed
from tests.integration.test_graphql import gql
from tests.integration.test_graphql_metrics import METRICS, camel
from tests.integration.test_metrics_api import problem
from tests.integration.test_metrics_service import assert_metrics

D = date(2026, 3, 10)
FIRST, LAST = D - timedelta(days=2), D + timedelta(days=2)
RANGE = {"from": FIRST.isoformat(), "to": LAST.isoformat()}


@pytest.fixture
async def two_shops(
    client: httpx.AsyncClient, db: Database, internal_headers: dict[str, str]
) -> tuple[int, int, dict[int, list[Spec]], str]:
    """One owner's two seeded shops and a metrics:read token on both."""
    owner = await make_account(db)
    a, b = await make_shop(db, owner_id=owner), await make_shop(db, owner_id=owner)
    specs = {
        a: await seed(client, db, a, internal_headers, make_specs(seed=21, n=14)),
        b: await seed(client, db, b, internal_headers, make_specs(seed=22, n=14)),
    }
    token = await make_token(db, shop_ids=[a, b], scopes=["metrics:read"])
    return a, b, specs, token


async def get(client: httpx.AsyncClient, token: str, path: str, **params: Any) -> Any:
    r = await client.get(f"/v1/metrics/{path}", params={**RANGE, **params}, headers=bearer(token))
    assert r.status_code == 200, r.text
    return r.json()


async def test_aggregate_and_by_shop_equal_the_oracle(
    client: httpx.AsyncClient, two_shops: tuple[int, int, dict[int, list[Spec]], str]
) -> None:
    a, b, specs, token = two_shops
    pooled = specs[a] + specs[b]
    body = await get(client, token, "summary")  # default: every granted shop
    assert body["shop_ids"] == [a, b]
    assert_metrics(body["metrics"], oracle(pooled, FIRST, LAST))
    assert [s["shop_id"] for s in body["by_shop"]] == [a, b]
    for part in body["by_shop"]:
        assert_metrics(part["metrics"], oracle(specs[part["shop_id"]], FIRST, LAST))
    prev = (FIRST - timedelta(days=5), FIRST - timedelta(days=1))
    assert_metrics(body["previous"]["metrics"], oracle(pooled, *prev))

    only_b = await get(client, token, "summary", shop_id=[b])
    assert only_b["shop_ids"] == [b] and [s["shop_id"] for s in only_b["by_shop"]] == [b]
    assert_metrics(only_b["metrics"], oracle(specs[b], FIRST, LAST))

    trend = await get(client, token, "trend")
    for point in trend["series"][0]["points"]:
        day = date.fromisoformat(point["date"])
        want = oracle(pooled, day, day)
        assert {k: point[k] for k in ("orders", "paid_orders", "gmv", "return_rate")} == {
            k: want[k] for k in ("orders", "paid_orders", "gmv", "return_rate")
        }
    assert [t["shop_id"] for t in trend["by_shop"]] == [a, b]

    regions = await get(client, token, "regions")
    assert sum(p["orders"] for p in regions["provinces"]) == oracle(pooled, FIRST, LAST)["orders"]
    assert sum(p["gmv"] for p in regions["provinces"]) == sum(
        sum(p["gmv"] for p in part["provinces"]) for part in regions["by_shop"]
    )
    authors = await get(client, token, "authors")
    assert sum(x["gmv"] for x in authors["authors"]) == sum(
        sum(x["gmv"] for x in part["authors"]) for part in authors["by_shop"]
    )
    funnel = await get(client, token, "funnel")
    assert funnel["stages"]["created"] == oracle(pooled, FIRST, LAST)["orders"]
    assert [f["stages"]["created"] for f in funnel["by_shop"]] == [
        oracle(specs[s], FIRST, LAST)["orders"] for s in (a, b)
    ]
    buyers = await get(client, token, "buyers/top", by="gmv", limit=100)
    paid = [s for s in pooled if s.paid and FIRST <= _local(s) <= LAST]
    assert sum(x["gmv"] for x in buyers["buyers"]) == sum(s.paid_amount for s in paid)
    # The same buyer id buys in both shops: the aggregate ranks their orders together.
    assert {x["buyer_id"] for x in buyers["buyers"]} == {s.buyer for s in paid}


def _local(spec: Spec) -> date:
    assert spec.paid is not None
    return local_day(spec.paid, SHANGHAI)


async def test_graphql_metrics_over_shops_equal_rest(
    client: httpx.AsyncClient, two_shops: tuple[int, int, dict[int, list[Spec]], str]
) -> None:
    a, b, _, token = two_shops
    query = f"""query($ids: [Int!], $f: Date!, $t: Date!) {{ metrics(shopIds: $ids, from: $f,
      to: $t) {{ shopIds from to metrics {{ {METRICS} }} byShop {{ metrics {{ {METRICS} }} }}
      funnel {{ stages {{ created paid }} }} regions {{ province gmv }} }} }}"""
    body = await gql(client, token, query, {"ids": None, "f": RANGE["from"], "t": RANGE["to"]})
    assert "errors" not in body, body
    got = body["data"]["metrics"]
    rest = camel(await get(client, token, "summary"))
    assert got["shopIds"] == [a, b]
    assert got["metrics"] == rest["metrics"]
    assert [s["metrics"] for s in got["byShop"]] == [s["metrics"] for s in rest["byShop"]]
    funnel = camel(await get(client, token, "funnel"))
    assert got["funnel"]["stages"]["created"] == funnel["stages"]["created"]


async def test_other_tenants_and_missing_scopes(
    client: httpx.AsyncClient,
    db: Database,
    two_shops: tuple[int, int, dict[int, list[Spec]], str],
) -> None:
    a, b, _, token = two_shops
    stranger_shop = await make_shop(db, owner_id=await make_account(db))
    h = bearer(token)
    for path in ("summary", "trend", "regions", "authors", "buyers/top", "funnel"):
        url = f"/v1/metrics/{path}"
        # Another tenant's shop, alone or among the token's own: 404, nothing of it leaks.
        for ids in ([stranger_shop], [a, stranger_shop]):
            r = await client.get(url, params={**RANGE, "shop_id": ids}, headers=h)
            problem(r, 404, "not_found")
        problem(await client.get(url, params=RANGE), 401, "unauthorized")
    stranger = bearer(await make_token(db, shop_ids=[stranger_shop], scopes=["metrics:read"]))
    r = await client.get("/v1/metrics/summary", params=RANGE, headers=stranger)
    assert r.status_code == 200 and r.json()["shop_ids"] == [stranger_shop]
    assert r.json()["metrics"]["orders"] == 0
    body = await gql(
        client,
        await make_token(db, shop_ids=[stranger_shop], scopes=["metrics:read"]),
        'query($ids: [Int!]) { metrics(shopIds: $ids, from: "2026-03-08", to: "2026-03-12")'
        " { shopIds } }",
        {"ids": [a]},
    )
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    # A shop granted without metrics:read: 403 naming the scope, asked for or by default.
    orders_only = bearer(await make_token(db, shop_ids=[a, b], scopes=["orders:read"]))
    for params in (RANGE, {**RANGE, "shop_id": [a]}):
        r = await client.get("/v1/metrics/summary", params=params, headers=orders_only)
        assert problem(r, 403, "insufficient_scope")["scope"] == "metrics:read"


async def test_summary_and_trend_csv_downloads(
    client: httpx.AsyncClient, two_shops: tuple[int, int, dict[int, list[Spec]], str]
) -> None:
    a, _, specs, token = two_shops
    h = bearer(token)
    json_body = (await client.get(f"/v1/shops/{a}/metrics/summary", params=RANGE, headers=h)).json()
    r = await client.get(f"/v1/shops/{a}/metrics/summary.csv", params=RANGE, headers=h)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["metric", "value", "previous"]
    cells = {row[0]: row[1:] for row in rows[1:]}
    gmv = json_body["metrics"]["gmv"]
    assert cells["gmv"][0] == f"{gmv // 100}.{gmv % 100:02d}"  # yuan, as export files
    assert cells["orders"] == [
        str(json_body["metrics"]["orders"]),
        str(json_body["previous"]["metrics"]["orders"]),
    ]
    assert cells["complaint_rate"][0] == (
        ""
        if json_body["metrics"]["complaint_rate"] is None
        else str(json_body["metrics"]["complaint_rate"])
    )
    assert "ship_to_sign_hours_p90" in cells and "unpaid_over_24h" in cells

    r = await client.get(
        f"/v1/shops/{a}/metrics/trend.csv",
        params={**RANGE, "group_by": "province", "metric": ["orders", "gmv"]},
        headers=h,
    )
    assert r.status_code == 200, r.text
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["date", "key", "orders", "gmv"]
    days = (LAST - FIRST).days + 1
    assert (len(rows) - 1) % days == 0 and len(rows) > 1
    assert sum(int(row[2]) for row in rows[1:]) == oracle(specs[a], FIRST, LAST)["orders"]
    r = await client.get(
        f"/v1/shops/{a}/metrics/trend.csv",
        params={"from": "2026-03-10", "to": "2026-03-01"},
        headers=h,
    )
    problem(r, 422, "validation_error")
