"""GraphQL ``shop { metrics(from, to) { … } }`` answers exactly what REST /metrics/… answers
(same service): summary, trend (every grouping, metric selection), regions, authors,
buyersTop, funnel and dailyReport; cost follows app/graphql/cost.py's rules."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import httpx
import pytest

from app.db import Database
from tests.factories import bearer, make_token
from tests.integration.metrics_seed import make_specs, seed
from tests.integration.test_graphql import gql
from tests.integration.test_metrics_service import D

FIRST, LAST = D - timedelta(days=3), D + timedelta(days=3)
HOURS = "shipToSignHours { avg p50 p90 }"
METRICS = (
    f"orders paidOrders gmv paymentConversion aov {HOURS} returnRate complaintRate disputeRate"
)
VOLUME = "orders paidOrders gmv aov"
HEALTH = "refundedAmount refundedOrders refundRate flagged unpaidOver24h"
QUERY = f"""query($s: Int!, $f: Date!, $t: Date!, $g: MetricsGroupBy, $m: [String!],
                 $by: TopBuyersBy!) {{ shop(id: $s) {{ metrics(from: $f, to: $t) {{
  from to timezone metrics {{ {METRICS} }} health {{ {HEALTH} }}
  previous {{ from to metrics {{ {METRICS} }} health {{ {HEALTH} }} }}
  trend(groupBy: $g, metric: $m) {{ interval groupBy metrics series {{ key nickname
    points {{ date {METRICS} commission }} }} }}
  regions {{ province {VOLUME} cities {{ city {VOLUME} }} }}
  authors {{ authorId nickname {VOLUME} commission bySource {{ trafficSource {VOLUME}
    commission }} byContent {{ trafficSource contentId {VOLUME} commission }} }}
  buyersTop(by: $by, limit: 5) {{ buyerId nickname paidOrders gmv aov }}
  funnel {{ stages {{ created paid shipped signed completed }} unpaid {{ total pendingPayment
    pendingOver24h closedUnpaid remindedUnpaid paidAfterReminder
    closeReasons {{ reason count }} }} }}
  dailyReport {{ date timezone metrics {{ {METRICS} }}
    previousDay {{ date metrics {{ {METRICS} }} }}
    sameWeekdayLastWeek {{ date metrics {{ {METRICS} }} }}
    changeVsPreviousDay {{ {METRICS} }} }}
}} }} }}"""


def camel(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), k): camel(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [camel(v) for v in value]
    return value


ALL_POINT_KEYS = [
    "orders",
    "paidOrders",
    "gmv",
    "paymentConversion",
    "aov",
    "shipToSignHours",
    "returnRate",
    "complaintRate",
    "disputeRate",
    "commission",
]


@pytest.fixture
async def seeded(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> tuple[int, str]:
    await seed(client, db, shop["shop_id"], internal_headers, make_specs())
    token = await make_token(db, shop_ids=[shop["shop_id"]], scopes="metrics:read")
    return shop["shop_id"], token


@pytest.mark.parametrize(
    ("group_by", "metric", "by"),
    [
        (None, None, "aov"),
        ("traffic_source", ["gmv", "orders"], "gmv"),
        ("author", None, "aov"),
        ("province", ["ship_to_sign_hours"], "gmv"),
        ("pay_method", ["payment_conversion"], "aov"),
    ],
)
async def test_graphql_metrics_equal_rest(
    client: httpx.AsyncClient,
    seeded: tuple[int, str],
    group_by: str | None,
    metric: list[str] | None,
    by: str,
) -> None:
    shop_id, token = seeded
    variables = {
        "s": shop_id,
        "f": FIRST.isoformat(),
        "t": LAST.isoformat(),
        "g": group_by.upper() if group_by else None,
        "m": metric,
        "by": by.upper(),
    }
    body = await gql(client, token, QUERY, variables)
    assert "errors" not in body, body
    got = body["data"]["shop"]["metrics"]

    async def rest(path: str, **params: Any) -> Any:
        r = await client.get(
            f"/v1/shops/{shop_id}/metrics/{path}",
            params={"from": FIRST.isoformat(), "to": LAST.isoformat(), **params},
            headers=bearer(token),
        )
        assert r.status_code == 200, r.text
        return camel(r.json())

    summary = await rest("summary")
    keys = ("from", "to", "timezone", "metrics", "health", "previous")
    assert {k: got[k] for k in keys} == {k: summary[k] for k in keys}

    trend_params: dict[str, Any] = {"group_by": group_by} if group_by else {}
    if metric:
        trend_params["metric"] = metric
    trend = await rest("trend", **trend_params)
    assert got["trend"]["interval"] == "DAY"
    assert got["trend"]["groupBy"] == variables["g"]
    assert got["trend"]["metrics"] == trend["metrics"]
    want_series = [
        {
            "key": None if e["key"] is None else str(e["key"]),
            "nickname": e.get("nickname"),
            "points": [
                {"date": p["date"], **{k: p.get(k) for k in ALL_POINT_KEYS}} for p in e["points"]
            ],
        }
        for e in trend["series"]
    ]
    assert got["trend"]["series"] == want_series
    assert len(want_series) > (1 if group_by else 0)

    assert got["regions"] == (await rest("regions"))["provinces"]
    assert got["authors"] == (await rest("authors"))["authors"]
    assert got["authors"] and got["regions"]
    assert any(a["byContent"] for a in got["authors"])
    assert got["buyersTop"] == (await rest("buyers/top", by=by, limit=5))["buyers"]
    funnel = await rest("funnel")
    assert got["funnel"] == {"stages": funnel["stages"], "unpaid": funnel["unpaid"]}

    report = camel(
        (
            await client.get(
                f"/v1/shops/{shop_id}/metrics/daily-report",
                params={"date": LAST.isoformat()},
                headers=bearer(token),
            )
        ).json()
    )
    del report["shopId"]
    assert got["dailyReport"] == report


async def test_graphql_metrics_errors_and_cost(
    client: httpx.AsyncClient, db: Database, seeded: tuple[int, str]
) -> None:
    shop_id, token = seeded
    bad_metric = """query($s: Int!) { shop(id: $s) { metrics(from: "2026-03-01",
        to: "2026-03-02") { trend(metric: ["revenue"]) { metrics } } } }"""
    body = await gql(client, token, bad_metric, {"s": shop_id})
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR", body
    bad_limit = """query($s: Int!) { shop(id: $s) { metrics(from: "2026-03-01",
        to: "2026-03-02") { buyersTop(limit: 101) { gmv } } } }"""
    body = await gql(client, token, bad_limit, {"s": shop_id})
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR", body
    q = """query($s: Int!, $m: [String!], $l: Int!) { shop(id: $s) {
        metrics(from: "2026-03-01", to: "2026-03-02") {
          trend(metric: $m) { series { points { date gmv } } } buyersTop(limit: $l) { gmv } } } }"""
    # Objects 1, lists of objects 1 + 10 x their selection (app/graphql/cost.py):
    # shop 1 + metrics 1 + trend (1 + series 1 + 10 x points (1 + 10 x 0)) + buyersTop (1 + 0).
    body = await gql(client, token, q, {"s": shop_id, "m": None, "l": 5})
    assert "errors" not in body, body
    assert body["extensions"]["cost"]["requested"] == 1 + 1 + (1 + 1 + 10 * 1) + (1 + 10 * 0)
    # Another shop's metrics: not found, like REST.
    other = await make_token(db, shop_ids=[shop_id], scopes="orders:read")
    body = await gql(client, other, q, {"s": shop_id, "m": None, "l": 5})
    assert body["errors"][0]["extensions"]["code"] == "INSUFFICIENT_SCOPE"


async def test_graphql_hourly_trend_equals_rest(
    client: httpx.AsyncClient, seeded: tuple[int, str]
) -> None:
    shop_id, token = seeded
    q = """query($s: Int!) { shop(id: $s) { metrics(from: "2026-03-09", to: "2026-03-10") {
        trend(interval: HOUR, groupBy: PROVINCE, metric: ["orders", "gmv"]) { interval
          series { key points { date hour orders gmv } } } } } }"""
    body = await gql(client, token, q, {"s": shop_id})
    assert "errors" not in body, body
    got = body["data"]["shop"]["metrics"]["trend"]
    r = await client.get(
        f"/v1/shops/{shop_id}/metrics/trend",
        params={
            "from": "2026-03-09",
            "to": "2026-03-10",
            "interval": "hour",
            "group_by": "province",
            "metric": ["orders", "gmv"],
        },
        headers=bearer(token),
    )
    assert r.status_code == 200, r.text
    assert got["interval"] == "HOUR"
    assert got["series"] == [{"key": e["key"], "points": e["points"]} for e in r.json()["series"]]
    assert all(len(e["points"]) == 48 for e in got["series"])


async def test_a_failing_field_beside_running_queries_is_a_field_error_not_a_500(
    client: httpx.AsyncClient, seeded: tuple[int, str]
) -> None:
    """One resolver raising while siblings are mid-query on the request's session: the error is
    reported on its field and the siblings' statements finish, so the request's transaction
    still ends cleanly (graphql-core cancels the siblings of a failed non-null field)."""
    shop_id, token = seeded
    q = """query($s: Int!) { shop(id: $s) { metrics(from: "2026-03-01", to: "2026-03-31") {
        a: buyersTop(limit: 5) { gmv } regions { province } funnel { stages { created } }
        trend(metric: ["revenue"]) { metrics } b: buyersTop(limit: 7) { gmv }
        authors { nickname } } } }"""
    for _ in range(5):
        r = await client.post(
            "/graphql", json={"query": q, "variables": {"s": shop_id}}, headers=bearer(token)
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR", body
