"""The generated Python SDK (clients/python/ordergate_client, ``make sdk``) drives a whole
integration against the real app over HTTP, as an ERP vendor would: an OAuth token, paid orders
with filters paged by cursor, one order's detail, an idempotent shipment and its replay, the
change feed long-polled until the shipment shows, a webhook endpoint and its delivery log.

Typed models only: every body is read through attributes of the generated attrs classes, never
as a dict, so a contract that lies about a shape fails here.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.db import Database
from tests.factories import make_app
from tests.integration.orders_support import new_order
from tests.webhooks.support import running_receiver

# The SDK is generated into the repository, not installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clients" / "python"))

from ordergate_client import AuthenticatedClient, Client
from ordergate_client.api.changes import list_changes
from ordergate_client.api.oauth import token
from ordergate_client.api.orders import get_order, list_orders, patch_order, ship_order
from ordergate_client.api.webhooks import (
    create_endpoint,
    list_deliveries,
    test_endpoint,
)
from ordergate_client.models import (
    Change,
    ChangeEntity,
    ChangePage,
    ChangeType,
    DeliveryStatus,
    EndpointCreate,
    NoticeType,
    Order,
    OrderDetail,
    OrderItem,
    OrderPatch,
    OrderRow,
    OrderRowPage,
    OrderShip,
    OrderStatus,
    PayMethod,
    Receiver,
    Shipment,
    TokenForm,
    TokenFormGrantType,
    TokenResponse,
    WebhookDelivery,
    WebhookDeliveryPage,
    WebhookEndpointWithSecret,
)

pytestmark = pytest.mark.feed


SCOPES = "orders:read orders:write changes:read webhooks:manage"
# Long enough for the long-poll below (held up to LONG_POLL seconds) to answer inside it.
TIMEOUT = httpx.Timeout(60.0)
LONG_POLL = 20.0


async def _token(base_url: str, client_id: str, secret: str) -> TokenResponse:
    """client_credentials of a private app, through the SDK's own token operation."""
    async with Client(base_url=base_url, timeout=TIMEOUT) as anonymous:
        body = TokenForm(
            grant_type=TokenFormGrantType.CLIENT_CREDENTIALS,
            client_id=client_id,
            client_secret=secret,
            scope=SCOPES,
        )
        minted = await token.asyncio(client=anonymous, body=body)
    assert isinstance(minted, TokenResponse), minted
    return minted


async def _paid_orders(api: AuthenticatedClient, shop_id: int) -> list[OrderRow]:
    """Every paid alipay order, two per page, following ``next_cursor`` to the end."""
    rows: list[OrderRow] = []
    cursor: str | None = None
    for _ in range(10):  # bounded: 5 orders at 2 a page is 3 pages
        page = await list_orders.asyncio(
            shop_id,
            client=api,
            status=[OrderStatus.PAID],
            pay_method=[PayMethod.ALIPAY],
            limit=2,
            cursor=cursor,
        )
        assert isinstance(page, OrderRowPage), page
        assert all(isinstance(row, OrderRow) for row in page.data)
        rows += page.data
        if not page.has_more:
            assert page.next_cursor is None
            return rows
        assert isinstance(page.next_cursor, str)
        cursor = page.next_cursor
    raise AssertionError("the cursor never reached the last page")


def _shipped(page: ChangePage, order_id: int) -> list[Change]:
    return [
        c
        for c in page.data
        if c.entity == ChangeEntity.ORDER
        and c.entity_id == order_id
        and c.type_ == ChangeType.ORDER_SHIPPED
    ]


async def test_an_integration_through_the_generated_python_sdk(
    served_url: str,
    db: Database,
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    paid = [
        await new_order(client, shop_id, internal_headers, state="paid", shipping_fee=1000 + n)
        for n in range(5)
    ]
    unpaid = await new_order(client, shop_id, internal_headers)
    shipped = await new_order(client, shop_id, internal_headers, state="shipped")
    _, client_id, secret = await make_app(
        db, owner_id=shop["owner_id"], name="ERP private", private_shop_ids=[shop_id]
    )
    assert secret is not None

    minted = await _token(served_url, client_id, secret)
    assert minted.token_type == "Bearer"
    assert minted.shop_ids == [shop_id]
    assert set(minted.scope.split()) == set(SCOPES.split())

    async with AuthenticatedClient(
        base_url=served_url, token=minted.access_token, timeout=TIMEOUT
    ) as api:
        # Paid orders with filters, paged with the cursor until has_more is false.
        rows = await _paid_orders(api, shop_id)
        assert sorted(r.id for r in rows) == sorted(o["id"] for o in paid)
        assert {unpaid["id"], shipped["id"]}.isdisjoint(r.id for r in rows)
        assert all(r.status == OrderStatus.PAID and r.pay_method == PayMethod.ALIPAY for r in rows)
        assert all(r.paid_at is not None and r.paid_at.tzinfo is not None for r in rows)

        # One order's detail.
        order_id = rows[0].id
        detail = await get_order.asyncio(shop_id, order_id, client=api)
        assert isinstance(detail, OrderDetail), detail
        assert detail.id == order_id and detail.status == OrderStatus.PAID
        assert isinstance(detail.receiver, Receiver)
        assert all(isinstance(item, OrderItem) for item in detail.items)
        assert detail.paid_amount == rows[0].paid_amount
        assert "ship" in detail.allowed_actions and detail.shipments == []

        # The feed's head now, then a long-poll held open while the order ships.
        head = await list_changes.asyncio(shop_id, client=api, cursor="now")
        assert isinstance(head, ChangePage), head
        assert head.data == []
        poll = asyncio.create_task(
            list_changes.asyncio(
                shop_id,
                client=api,
                cursor=head.next_cursor,
                wait=LONG_POLL,
                types=ChangeType.ORDER_SHIPPED.value,
            )
        )

        # A remark, then ship with an Idempotency-Key and send the very same request again:
        # both bodies are the SDK's typed models (their either/or rules are in the description).
        remarked = await patch_order.asyncio(
            shop_id,
            order_id,
            client=api,
            body=OrderPatch(merchant_remark="gift wrap", expected_version=detail.version),
        )
        assert isinstance(remarked, Order), remarked
        assert remarked.merchant_remark == "gift wrap"
        assert remarked.version == detail.version + 1
        parcel = OrderShip(
            carrier_code="SF", tracking_no="SF9000001", expected_version=remarked.version
        )
        key = f"ship-{order_id}-1"
        first = await ship_order.asyncio_detailed(
            shop_id, order_id, client=api, body=parcel, idempotency_key=key
        )
        assert first.status_code == 201, first.content
        assert isinstance(first.parsed, Order), first.parsed
        shipment = first.parsed.shipments[0]
        assert isinstance(shipment, Shipment)
        assert (shipment.carrier, shipment.tracking_no) == ("SF", "SF9000001")
        assert first.parsed.status == OrderStatus.SHIPPED
        assert first.parsed.version > remarked.version

        replay = await ship_order.asyncio_detailed(
            shop_id, order_id, client=api, body=parcel, idempotency_key=key
        )
        assert replay.status_code == 201, replay.content
        assert replay.headers.get("Idempotent-Replayed") == "true"
        assert isinstance(replay.parsed, Order)
        assert [s.id for s in replay.parsed.shipments] == [shipment.id]
        assert replay.parsed.version == first.parsed.version

        # The long-poll answers with the shipment's change (polling on if it timed out empty).
        page: Any = await asyncio.wait_for(poll, LONG_POLL + 10)
        for _ in range(5):
            assert isinstance(page, ChangePage), page
            if _shipped(page, order_id):
                break
            page = await list_changes.asyncio(
                shop_id, client=api, cursor=page.next_cursor, wait=LONG_POLL, types="order.shipped"
            )
        changes = _shipped(page, order_id)
        assert len(changes) == 1, page
        assert changes[0].entity_version == first.parsed.version

        # A webhook endpoint and its delivery log (a ping, queued through the SDK).
        with running_receiver() as receiver:
            endpoint = await create_endpoint.asyncio(
                client=api,
                body=EndpointCreate(url=receiver.url, shop_ids=[shop_id], event_types=["order.*"]),
            )
            assert isinstance(endpoint, WebhookEndpointWithSecret), endpoint
            assert endpoint.secret and endpoint.shop_ids == [shop_id] and endpoint.enabled
            assert endpoint.created_at.tzinfo is not None

            ping = await test_endpoint.asyncio(endpoint.id, client=api)
            assert isinstance(ping, WebhookDelivery), ping
            deliveries = await list_deliveries.asyncio(endpoint.id, client=api)
            assert isinstance(deliveries, WebhookDeliveryPage), deliveries
            assert not deliveries.has_more and deliveries.next_cursor is None
            logged = [d for d in deliveries.data if d.id == ping.id]
            assert len(logged) == 1 and isinstance(logged[0], WebhookDelivery)
            assert logged[0].event_type == NoticeType.PING
            assert logged[0].endpoint_id == endpoint.id
            assert isinstance(logged[0].status, DeliveryStatus)
