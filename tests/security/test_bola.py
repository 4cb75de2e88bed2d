"""BOLA matrix: every tenant route, called with a token of shop A on shop B's ids, answers 404
(or 403) and changes nothing. Same for every staff role against routes outside its role."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.db import Database
from app.domain.access.scopes import ROLE_SCOPES
from tests.factories import add_staff, bearer, make_account, make_shop, make_token
from tests.integration.orders_support import new_order
from tests.security.tenant_routes import Route, shop_fingerprint, tenant_routes


@pytest.fixture
async def victim(
    client: httpx.AsyncClient, db: Database, internal_headers: dict[str, str]
) -> dict[str, int]:
    """Shop B with an order and an after-sale, so the ids in the URLs are real."""
    owner = await make_account(db)
    shop_id = await make_shop(db, owner_id=owner)
    order = await new_order(client, shop_id, internal_headers, state="paid")
    r = await client.post(
        f"/internal/v1/shops/{shop_id}/orders/{order['id']}/after-sales",
        json={"type": "refund_only", "reason": "changed mind"},
        headers=internal_headers,
    )
    assert r.status_code == 201, r.text
    return {
        "shop_id": shop_id,
        "order_id": order["id"],
        "after_sale_id": r.json()["id"],
        "account_id": owner,
        "app_id": 1,
    }


async def call(client: httpx.AsyncClient, route: Route, ids: dict[str, int], token: str) -> Any:
    body = None if route.method in ("get", "delete") else {}
    return await client.request(
        route.method.upper(), route.url(ids), json=body, headers=bearer(token)
    )


def test_the_matrix_sees_the_tenant_routes(app: Any) -> None:
    paths = {r.path for r in tenant_routes(app)}
    for expected in (
        "/v1/shops/{shop_id}/audit-log",
        "/v1/shops/{shop_id}/staff",
        "/v1/shops/{shop_id}/grants",
        "/v1/shops/{shop_id}/changes",
    ):
        assert expected in paths


async def test_token_of_shop_a_never_reaches_shop_b(
    app: Any, client: httpx.AsyncClient, db: Database, shop: dict[str, int], victim: dict[str, int]
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    before = await shop_fingerprint(db, victim["shop_id"])
    failures = []
    for route in tenant_routes(app):
        r = await call(client, route, victim, token)
        if r.status_code not in (403, 404):
            failures.append(
                f"{route.method.upper()} {route.path} -> {r.status_code} {r.text[:120]}"
            )
        elif r.headers["content-type"] != "application/problem+json":
            failures.append(f"{route.method.upper()} {route.path}: not problem+json")
    assert not failures, "\n".join(failures)
    assert await shop_fingerprint(db, victim["shop_id"]) == before


async def test_unknown_shop_ids_are_404_not_500(
    app: Any, client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    for route in tenant_routes(app):
        r = await call(client, route, {"shop_id": 2**63 - 1}, token)
        assert r.status_code in (403, 404), (route, r.status_code, r.text[:200])


@pytest.mark.parametrize("role", ["viewer", "after_sales", "shipping"])
async def test_each_role_is_refused_outside_its_scopes(
    app: Any, client: httpx.AsyncClient, db: Database, victim: dict[str, int], role: str
) -> None:
    staff = await add_staff(db, shop_id=victim["shop_id"], role=role)
    # The token is granted every scope: only the role limits it.
    token = await make_token(db, shop_ids=[victim["shop_id"]], account_id=staff)
    before = await shop_fingerprint(db, victim["shop_id"])
    checked, failures = 0, []
    for route in tenant_routes(app):
        missing = [s for s in route.scopes if s not in ROLE_SCOPES[role]]
        if not missing:
            continue
        checked += 1
        r = await call(client, route, victim, token)
        if r.status_code != 403 or r.json().get("code") != "insufficient_scope":
            failures.append(f"{route.method.upper()} {route.path} -> {r.status_code}")
    assert not failures, "\n".join(failures)
    assert checked > 0
    assert await shop_fingerprint(db, victim["shop_id"]) == before


async def test_viewer_cannot_write_anything_and_shipping_cannot_refund(app: Any) -> None:
    writes = [r for r in tenant_routes(app) if r.is_write]
    assert writes
    for route in writes:
        assert route.scopes, f"{route.method} {route.path} has no scope"
        assert not set(route.scopes) <= ROLE_SCOPES["viewer"], route
    refunds = [r for r in writes if "after-sales" in r.path or r.path.endswith("/refund")]
    assert refunds
    for route in refunds:
        assert not set(route.scopes) <= ROLE_SCOPES["shipping"], route
