"""Liveness, readiness and the Prometheus endpoint through the real app."""

from __future__ import annotations

from typing import Any

import httpx


async def test_healthz(client: httpx.AsyncClient) -> None:
    r = await client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


async def test_readyz_reports_database_and_migrations(client: httpx.AsyncClient) -> None:
    r = await client.get("/readyz")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "ready"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["migrations"] == "ok"


async def test_metrics_expose_requests_pool_and_build(client: httpx.AsyncClient) -> None:
    await client.get("/healthz")
    r = await client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    text = r.text
    assert 'ordergate_http_requests_total{method="GET",route="/healthz",status="200"}' in text
    assert 'ordergate_db_pool_connections{state="checked_out"}' in text
    assert 'ordergate_db_pool_connections{state="size"}' in text
    assert "ordergate_build_info{version=" in text


async def test_readyz_is_503_with_its_checks_when_migrations_lag(
    app: Any, client: httpx.AsyncClient
) -> None:
    # The code expects a newer migration than the database has (a deploy before `migrate`).
    head = app.state.migration_head
    app.state.migration_head = "f00dfeedbeef"
    try:
        r = await client.get("/readyz")
    finally:
        app.state.migration_head = head
    assert r.status_code == 503
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["status"] == "not_ready"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["migrations"] == f"at {head}, head is f00dfeedbeef"


async def test_405_allow_names_every_method_of_the_path(client: httpx.AsyncClient) -> None:
    """GET and POST of /v1/webhook-endpoints are separate routes; a PUT must hear about both."""
    r = await client.put("/v1/webhook-endpoints")
    assert r.status_code == 405
    assert r.headers["content-type"] == "application/problem+json"
    assert set(r.headers["allow"].split(", ")) == {"GET", "POST"}
