"""An app's webhook endpoints receive a shop's data only while the app is installed there by the
account that made them; the merchant sees, and can switch off, every endpoint receiving their
shop's data. A real receiver on 127.0.0.1, the real fan-out and delivery worker."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text

from app.config import Settings
from app.db import Database
from app.domain.webhooks.fanout import fan_out_all
from app.models import AuditLog
from tests.factories import add_staff, bearer, make_account, make_shop, make_token
from tests.feed_support import eventually
from tests.webhooks.support import (
    HORIZON_WAIT,
    Receiver,
    delivery_rows,
    make_changes,
    running_delivery,
    running_receiver,
)

pytestmark = pytest.mark.feed


async def api_endpoint(
    client: httpx.AsyncClient, token: str, url: str, shop_ids: list[int]
) -> dict[str, Any]:
    r = await client.post(
        "/v1/webhook-endpoints",
        json={"url": url, "shop_ids": shop_ids, "event_types": ["*"]},
        headers=bearer(token),
    )
    assert r.status_code == 201, r.text
    created: dict[str, Any] = r.json()
    return created


async def app_id_of(client: httpx.AsyncClient, owner: str, shop_id: int, name: str) -> int:
    grants = (await client.get(f"/v1/shops/{shop_id}/grants", headers=bearer(owner))).json()
    return int(next(g["app_id"] for g in grants["data"] if g["app_name"] == name))


def rows_by_shop(rows: list[Any]) -> dict[int, list[str]]:
    by_shop: dict[int, list[str]] = {}
    for row in rows:
        by_shop.setdefault(row.shop_id, []).append(row.status)
    return by_shop


def fanned_out(db: Database, endpoint_id: int, n: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        await fan_out_all(db)
        return len(await delivery_rows(db, endpoint_id)) >= n

    return check


def received_from(rx: Receiver, shop_id: int) -> list[Any]:
    return [r.json for r in rx.snapshot() if r.json["shop_id"] == shop_id]


async def test_uninstall_stops_the_shops_deliveries_and_cancels_pending_ones(
    client: httpx.AsyncClient, db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    uninstalled = shop["shop_id"]
    kept = await make_shop(db, owner_id=shop["owner_id"])
    owner = await make_token(db, shop_ids=[uninstalled, kept], client_name="console")
    erp = await make_token(db, shop_ids=[uninstalled, kept], client_name="erp")
    with running_receiver() as rx:
        endpoint = await api_endpoint(client, erp, rx.url, [uninstalled, kept])
        endpoint_id = endpoint["id"]
        # Fanned out while installed, not sent yet (no delivery worker): pending.
        await make_changes(db, uninstalled, 2)
        await make_changes(db, kept, 2)
        await eventually(fanned_out(db, endpoint_id, 4), timeout=HORIZON_WAIT, what="fan-out")
        assert rows_by_shop(await delivery_rows(db, endpoint_id)) == {
            uninstalled: ["pending"] * 2,
            kept: ["pending"] * 2,
        }

        app_id = await app_id_of(client, owner, uninstalled, "erp")
        r = await client.delete(f"/v1/shops/{uninstalled}/grants/{app_id}", headers=bearer(owner))
        assert r.status_code == 204, r.text
        rows = await delivery_rows(db, endpoint_id)
        assert rows_by_shop(rows) == {uninstalled: ["cancelled"] * 2, kept: ["pending"] * 2}
        assert all("uninstalled" in r.last_error for r in rows if r.shop_id == uninstalled)

        async with running_delivery(db, settings, [endpoint_id]):
            # New changes of both shops: the uninstalled shop's first, so once the kept shop's
            # are delivered the fan-out has passed them too.
            await make_changes(db, uninstalled, 3, type="order.paid")
            await make_changes(db, kept, 3, type="order.paid")
            await eventually(
                lambda: len(received_from(rx, kept)) == 5,
                timeout=HORIZON_WAIT,
                what="the kept shop's deliveries",
            )
        assert received_from(rx, uninstalled) == []
    rows = await delivery_rows(db, endpoint_id)
    assert rows_by_shop(rows) == {uninstalled: ["cancelled"] * 2, kept: ["delivered"] * 5}


async def test_a_grant_revoked_after_fan_out_is_checked_again_at_send_time(
    client: httpx.AsyncClient, db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    erp = await make_token(db, shop_ids=[shop_id], client_name="erp")
    with running_receiver() as rx:
        endpoint_id = (await api_endpoint(client, erp, rx.url, [shop_id]))["id"]
        await make_changes(db, shop_id, 1)
        await eventually(fanned_out(db, endpoint_id, 1), timeout=HORIZON_WAIT, what="fan-out")
        # Revoked behind the fan-out's back (no cancellation ran): only the send-time check
        # stands between the queued delivery and the receiver.
        async with db.transaction() as s:
            await s.execute(
                text(
                    "UPDATE oauth_grants SET revoked_at = now() WHERE shop_id = :shop "
                    "AND client_id = (SELECT client_id FROM webhook_endpoints WHERE id = :e)"
                ),
                {"shop": shop_id, "e": endpoint_id},
            )

        async def settled() -> bool:
            return all(r.status != "pending" for r in await delivery_rows(db, endpoint_id))

        async with running_delivery(db, settings, [endpoint_id]):
            await eventually(settled, timeout=HORIZON_WAIT, what="the claim")
        assert rx.snapshot() == []
    [row] = await delivery_rows(db, endpoint_id)
    assert row.status == "cancelled"
    assert f"shop {shop_id}" in row.last_error


async def test_the_merchant_lists_and_disables_endpoints_receiving_their_shop(
    client: httpx.AsyncClient, db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    second = await make_shop(db, owner_id=shop["owner_id"])
    owner = await make_token(db, shop_ids=[shop_id, second], client_name="console")
    erp = await make_token(db, shop_ids=[shop_id, second], client_name="erp")
    crm = await make_token(db, shop_ids=[shop_id], client_name="crm")
    base = f"/v1/shops/{shop_id}/webhook-endpoints"
    with running_receiver() as rx:
        erp_endpoint = await api_endpoint(client, erp, rx.url + "?token=abc", [shop_id, second])
        crm_endpoint = await api_endpoint(client, crm, rx.url, [shop_id])

        first = await client.get(base, params={"limit": 1}, headers=bearer(owner))
        assert first.status_code == 200, first.text
        page = first.json()
        assert page["has_more"] is True and page["next_cursor"]
        rest = await client.get(
            base, params={"limit": 1, "cursor": page["next_cursor"]}, headers=bearer(owner)
        )
        assert rest.json()["has_more"] is False and rest.json()["next_cursor"] is None
        listed = page["data"] + rest.json()["data"]
        assert [e["id"] for e in listed] == [erp_endpoint["id"], crm_endpoint["id"]]
        erp_view = listed[0]
        assert erp_view["app"]["name"] == "erp"
        assert erp_view["url"] == rx.url  # the query string is the app's business
        assert (erp_view["enabled"], erp_view["enabled_for_shop"], erp_view["receiving"]) == (
            True,
            True,
            True,
        )
        assert "shop_ids" not in erp_view and "secret" not in erp_view

        r = await client.post(f"{base}/{erp_endpoint['id']}/disable", headers=bearer(owner))
        assert r.status_code == 200, r.text
        assert (r.json()["enabled_for_shop"], r.json()["receiving"]) == (False, False)
        again = await client.post(f"{base}/{erp_endpoint['id']}/disable", headers=bearer(owner))
        assert again.status_code == 200  # idempotent, audited once

        # The app sees the merchant's switch and cannot undo it.
        app_view = (
            await client.get(f"/v1/webhook-endpoints/{erp_endpoint['id']}", headers=bearer(erp))
        ).json()
        assert app_view["disabled_shop_ids"] == [shop_id] and app_view["enabled"] is True
        r = await client.patch(
            f"/v1/webhook-endpoints/{erp_endpoint['id']}",
            json={"enabled": True, "shop_ids": [shop_id, second]},
            headers=bearer(erp),
        )
        assert r.status_code == 200 and r.json()["disabled_shop_ids"] == [shop_id]
        ping = await client.post(
            f"/v1/webhook-endpoints/{erp_endpoint['id']}/test", headers=bearer(erp)
        )
        assert ping.status_code == 202 and ping.json()["shop_id"] == second

        async with running_delivery(db, settings, [erp_endpoint["id"], crm_endpoint["id"]]):
            await make_changes(db, shop_id, 1)
            await make_changes(db, second, 1)
            await eventually(
                lambda: len(rx.snapshot()) == 3, timeout=HORIZON_WAIT, what="deliveries"
            )
        got = sorted((r.json["type"], r.json["shop_id"]) for r in rx.snapshot())
        assert got == sorted(
            [("order.created", shop_id), ("order.created", second), ("ping", second)]
        )
        erp_rows = await delivery_rows(db, erp_endpoint["id"])
        assert {r.shop_id for r in erp_rows} == {second}  # none for the disabled shop
        crm_rows = await delivery_rows(db, crm_endpoint["id"])
        assert [r.shop_id for r in crm_rows] == [shop_id]

    # (Leaving running_delivery switched the endpoints off: the app's own switch.)
    r = await client.post(f"{base}/{erp_endpoint['id']}/enable", headers=bearer(owner))
    assert r.status_code == 200 and r.json()["enabled_for_shop"] is True

    async with db.transaction() as s:
        actions = list(
            await s.scalars(
                select(AuditLog.action)
                .where(AuditLog.shop_id == shop_id, AuditLog.entity_id == erp_endpoint["id"])
                .where(AuditLog.action.like("webhook_endpoint.%_for_shop"))
                .order_by(AuditLog.id)
            )
        )
    assert actions == ["webhook_endpoint.disabled_for_shop", "webhook_endpoint.enabled_for_shop"]


async def test_after_uninstall_the_merchant_still_sees_the_endpoint_not_receiving(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    owner = await make_token(db, shop_ids=[shop_id], client_name="console")
    erp = await make_token(db, shop_ids=[shop_id], client_name="erp")
    endpoint = await api_endpoint(client, erp, "https://erp.example/hook", [shop_id])
    app_id = await app_id_of(client, owner, shop_id, "erp")
    assert (
        await client.delete(f"/v1/shops/{shop_id}/grants/{app_id}", headers=bearer(owner))
    ).status_code == 204
    [view] = (
        await client.get(f"/v1/shops/{shop_id}/webhook-endpoints", headers=bearer(owner))
    ).json()["data"]
    assert view["id"] == endpoint["id"]
    assert (view["enabled_for_shop"], view["receiving"]) == (True, False)


async def test_shop_endpoints_are_the_owners_business_only(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    erp = await make_token(db, shop_ids=[shop_id], client_name="erp")
    endpoint_id = (await api_endpoint(client, erp, "https://erp.example/hook", [shop_id]))["id"]
    base = f"/v1/shops/{shop_id}/webhook-endpoints"

    viewer = await make_token(
        db, shop_ids=[shop_id], account_id=await add_staff(db, shop_id=shop_id, role="viewer")
    )
    for method, path in (("GET", base), ("POST", f"{base}/{endpoint_id}/disable")):
        r = await client.request(method, path, headers=bearer(viewer))
        assert r.status_code == 403 and r.json()["code"] == "insufficient_scope", r.text

    stranger_shop = await make_shop(db, owner_id=await make_account(db))
    stranger = await make_token(db, shop_ids=[stranger_shop])
    r = await client.get(base, headers=bearer(stranger))
    assert r.status_code == 404
    # Another shop's owner cannot reach this endpoint through their own shop either.
    r = await client.post(
        f"/v1/shops/{stranger_shop}/webhook-endpoints/{endpoint_id}/disable",
        headers=bearer(stranger),
    )
    assert r.status_code == 404 and r.json()["code"] == "not_found"


async def test_an_endpoint_follows_its_creators_membership_not_their_token(
    client: httpx.AsyncClient, db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    owner = await make_token(db, shop_ids=[shop_id], client_name="console")
    co_owner = await add_staff(db, shop_id=shop_id, role="owner")
    co_owner_token = await make_token(
        db, shop_ids=[shop_id], account_id=co_owner, client_name="erp"
    )
    endpoint_id = (await api_endpoint(client, co_owner_token, "https://erp.example/h", [shop_id]))[
        "id"
    ]
    # Revoking the token that made it changes nothing: endpoints follow the grant.
    async with db.transaction() as s:
        await s.execute(
            text("UPDATE oauth_tokens SET revoked_at = now() WHERE account_id = :a"),
            {"a": co_owner},
        )
    await make_changes(db, shop_id, 1)
    await eventually(fanned_out(db, endpoint_id, 1), timeout=HORIZON_WAIT, what="fan-out")

    r = await client.delete(f"/v1/shops/{shop_id}/staff/{co_owner}", headers=bearer(owner))
    assert r.status_code == 204, r.text
    [row] = await delivery_rows(db, endpoint_id)
    assert row.status == "cancelled" and "left shop" in row.last_error
    # The owner's own endpoint (same shop) still receives the next change; the removed
    # member's does not.
    own = (await api_endpoint(client, owner, "https://console.example/h", [shop_id]))["id"]
    await make_changes(db, shop_id, 1, type="order.paid")
    await eventually(fanned_out(db, own, 1), timeout=HORIZON_WAIT, what="fan-out")
    assert len(await delivery_rows(db, endpoint_id)) == 1
