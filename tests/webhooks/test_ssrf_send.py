"""SSRF at send time: the host is resolved again when a delivery connects (DNS may have changed
since the endpoint was created), checked with the creation rule, and the connection goes to the
checked address. A resolver parameter plays DNS; the receiver is real (127.0.0.1)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

import pytest

from app.config import Settings
from app.db import Database
from app.domain.webhooks.urls import SSRF_REFUSED, Resolver, check_url
from tests.feed_support import eventually
from tests.webhooks.support import (
    HORIZON_WAIT,
    attempt_rows,
    create_endpoint,
    delivery_rows,
    make_changes,
    running_delivery,
    running_receiver,
)

pytestmark = pytest.mark.feed


NAME = "hooks.example.test"  # never resolves in real DNS: only the injected resolver knows it


def rebinding(*answers: str) -> tuple[Resolver, list[str]]:
    """A resolver answering ``answers`` in turn (then the last one), and the names it was asked."""
    asked: list[str] = []

    async def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return [answers[min(len(asked), len(answers)) - 1]]

    return resolver, asked


def finished(db: Database, endpoint_id: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        rows = await delivery_rows(db, endpoint_id)
        return bool(rows) and rows[0].status != "pending"

    return check


async def test_a_name_rebound_to_loopback_is_refused_in_production(
    db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    # Production, with http-to-loopback allowed: that exemption covers loopback *hosts*
    # (localhost, 127.0.0.1), never another name that happens to resolve to loopback.
    production = settings.model_copy(
        update={"env": "production", "webhook_allow_http_loopback": True}
    )
    resolver, asked = rebinding("93.184.216.34", "127.0.0.1")
    with running_receiver() as rx:
        port = urlsplit(rx.url).port
        url = f"https://{NAME}:{port}/hook"
        assert await check_url(url, production, resolver=resolver) == url  # public at creation
        endpoint_id, _ = await create_endpoint(db, settings, url=url, shop_ids=[shop["shop_id"]])
        async with running_delivery(
            db,
            production,
            [endpoint_id],
            resolver=resolver,
            webhook_retry_schedule="0",
        ):
            await make_changes(db, shop["shop_id"], 1)
            await eventually(finished(db, endpoint_id), timeout=HORIZON_WAIT, what="attempt")
        assert rx.snapshot() == []  # nothing reached the receiver
    assert asked == [NAME, NAME]  # resolved again at send time
    [row] = await delivery_rows(db, endpoint_id)
    assert row.status == "failed"
    assert row.last_error.startswith(f"{SSRF_REFUSED}: {NAME} resolves to a non-public address")
    [attempt] = await attempt_rows(db, row.id)
    assert attempt.status_code is None
    assert attempt.error.startswith(SSRF_REFUSED)
    assert "127.0.0.1" in attempt.error


async def test_a_name_rebound_to_a_nat64_address_is_refused_at_send_time(
    db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    # Public when the endpoint is created; by the first delivery the name answers a NAT64
    # address carrying 127.0.0.1 (what a DNS64 gateway would forward to its own loopback).
    production = settings.model_copy(update={"env": "production"})
    translated = "64:ff9b::7f00:1"
    resolver, asked = rebinding("93.184.216.34", translated)
    with running_receiver() as rx:
        url = f"https://{NAME}:{urlsplit(rx.url).port}/hook"
        assert await check_url(url, production, resolver=resolver) == url
        endpoint_id, _ = await create_endpoint(db, settings, url=url, shop_ids=[shop["shop_id"]])
        async with running_delivery(
            db, production, [endpoint_id], resolver=resolver, webhook_retry_schedule="0"
        ):
            await make_changes(db, shop["shop_id"], 1)
            await eventually(finished(db, endpoint_id), timeout=HORIZON_WAIT, what="attempt")
        assert rx.snapshot() == []
    assert asked == [NAME, NAME]
    [row] = await delivery_rows(db, endpoint_id)
    assert row.status == "failed"
    assert row.last_error.startswith(f"{SSRF_REFUSED}: {NAME} resolves to a non-public address")
    assert translated in row.last_error


async def test_the_connection_goes_to_the_checked_address_with_the_name_as_host(
    db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    # Development reaches loopback: the only address the receiver can be reached at is the one
    # the resolver returned, so a delivery arriving proves the connection was pinned to it.
    resolver, asked = rebinding("127.0.0.1")
    with running_receiver() as rx:
        port = urlsplit(rx.url).port
        url = f"http://{NAME}:{port}/hook"
        endpoint_id, _ = await create_endpoint(db, settings, url=url, shop_ids=[shop["shop_id"]])
        async with running_delivery(db, settings, [endpoint_id], resolver=resolver):
            await make_changes(db, shop["shop_id"], 1)
            await eventually(finished(db, endpoint_id), timeout=HORIZON_WAIT, what="delivery")
        [got] = rx.snapshot()
    assert got.headers["host"] == f"{NAME}:{port}"
    assert asked == [NAME]
    [row] = await delivery_rows(db, endpoint_id)
    assert row.status == "delivered"


async def test_redirects_are_not_followed(
    db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    with running_receiver(lambda n, r: 302) as rx:
        endpoint_id, _ = await create_endpoint(db, settings, url=rx.url, shop_ids=[shop["shop_id"]])
        async with running_delivery(db, settings, [endpoint_id], webhook_retry_schedule="0"):
            await make_changes(db, shop["shop_id"], 1)
            await eventually(finished(db, endpoint_id), timeout=HORIZON_WAIT, what="attempt")
        assert len(rx.snapshot()) == 1  # a followed redirect would have come back for /redirected
    [row] = await delivery_rows(db, endpoint_id)
    assert (row.status, row.last_status_code) == ("failed", 302)
    [attempt] = await attempt_rows(db, row.id)
    assert attempt.status_code == 302
