"""Metrics over REST: scope metrics:read, problem+json validation naming the parameter,
results equal to the Python oracle, other shops invisible."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from app.db import Database
from app.domain.metrics.definitions import METRIC_NAMES
from tests.factories import bearer, make_account, make_shop, make_token
from tests.integration.metrics_seed import make_specs, oracle, seed
from tests.integration.test_metrics_service import assert_metrics

D = date(2026, 3, 10)


def url(shop_id: int, path: str) -> str:
    return f"/v1/shops/{shop_id}/metrics/{path}"


async def test_summary_trend_and_report_over_rest(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    specs = await seed(client, db, shop_id, internal_headers, make_specs(seed=11, n=24))
    h = bearer(await make_token(db, shop_ids=[shop_id], scopes=["metrics:read"]))
    first, last = D - timedelta(days=2), D + timedelta(days=2)
    r = await client.get(
        url(shop_id, "summary"), params={"from": str(first), "to": str(last)}, headers=h
    )
    assert r.status_code == 200, r.text
    assert_metrics(r.json()["metrics"], oracle(specs, first, last))

    r = await client.get(
        url(shop_id, "trend"),
        params={"from": str(first), "to": str(last), "group_by": "province"},
        headers=h,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["group_by"] == "province"
    for entry in body["series"]:
        members = [s for s in specs if s.province == entry["key"]]
        for p in entry["points"]:
            day = date.fromisoformat(p["date"])
            assert_metrics({k: p[k] for k in METRIC_NAMES}, oracle(members, day, day))

    r = await client.get(url(shop_id, "daily-report"), params={"date": str(D)}, headers=h)
    assert r.status_code == 200, r.text
    assert_metrics(r.json()["metrics"], oracle(specs, D, D))

    for path, params in [
        ("buyers/top", {"from": str(first), "to": str(last), "by": "gmv", "limit": 3}),
        ("funnel", {"from": str(first), "to": str(last)}),
    ]:
        r = await client.get(url(shop_id, path), params=params, headers=h)
        assert r.status_code == 200, r.text
    assert r.json()["stages"]["created"] == oracle(specs, first, last)["orders"]


def problem(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    assert body["code"] == code
    return body


@pytest.mark.parametrize(
    "path,params,param",
    [
        ("summary", {"from": "2026-03-10", "to": "2026-03-09"}, "to"),
        ("summary", {"from": "2026-13-01", "to": "2026-03-09"}, "from"),
        ("summary", {"to": "2026-03-09"}, "from"),
        ("summary", {"from": "1900-01-01", "to": "2026-03-09"}, "from"),
        ("summary", {"from": "2026-01-01", "to": "9999-12-31"}, "to"),
        ("trend", {"from": "2024-01-01", "to": "2026-03-09"}, "from"),
        ("trend", {"from": "2026-03-01", "to": "2026-03-09", "metric": "revenue"}, "metric"),
        ("trend", {"from": "2026-03-01", "to": "2026-03-09", "group_by": "city"}, "group_by"),
        ("trend", {"from": "2026-03-01", "to": "2026-03-09", "interval": "week"}, "interval"),
        ("buyers/top", {"from": "2026-03-01", "to": "2026-03-09", "limit": 0}, "limit"),
        ("buyers/top", {"from": "2026-03-01", "to": "2026-03-09", "by": "x"}, "by"),
        ("daily-report", {"date": "yesterday"}, "date"),
    ],
)
async def test_bad_parameters_are_422_naming_the_parameter(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    path: str,
    params: dict[str, Any],
    param: str,
) -> None:
    h = bearer(await make_token(db, shop_ids=[shop["shop_id"]], scopes=["metrics:read"]))
    r = await client.get(url(shop["shop_id"], path), params=params, headers=h)
    body = problem(r, 422, "validation_error")
    # The parameter, or for a repeatable one the parameter and the bad value's index.
    assert any(e["loc"][-1] == param or e["loc"][-2:] == [param, 0] for e in body["errors"]), body


async def test_scope_and_shop_visibility(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    params = {"from": "2026-03-01", "to": "2026-03-02"}
    r = await client.get(url(shop_id, "summary"), params=params)
    problem(r, 401, "unauthorized")
    no_scope = bearer(await make_token(db, shop_ids=[shop_id], scopes=["orders:read"]))
    problem(
        await client.get(url(shop_id, "summary"), params=params, headers=no_scope),
        403,
        "insufficient_scope",
    )
    other_shop = await make_shop(db, owner_id=await make_account(db))
    other = bearer(await make_token(db, shop_ids=[other_shop], scopes=["metrics:read"]))
    problem(
        await client.get(url(shop_id, "summary"), params=params, headers=other), 404, "not_found"
    )
    ok = await client.get(url(other_shop, "summary"), params=params, headers=other)
    assert ok.status_code == 200 and ok.json()["metrics"]["orders"] == 0
