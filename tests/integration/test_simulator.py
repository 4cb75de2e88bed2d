"""The ingest simulator against the real ASGI app: every event valid, each one change-log row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.db import Database
from app.demo.simulator import internal_client, simulate
from app.models import AfterSale, ChangeLog, Order, Refund, Shipment
from tests.conftest import INTERNAL_TOKEN
from tests.factories import make_token

EVENTS = 200


async def test_simulator_drives_valid_lifecycles(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    async with internal_client("http://testserver", INTERNAL_TOKEN, app=app) as client:
        # Bounded by the event budget; the high rate only removes pacing waits.
        result = await simulate(
            client, shops=[shop_id], rate=10_000, max_events=EVENTS, seed=3, concurrency=8
        )
    assert result.errors == 0, result.errors_by_kind
    assert result.events == EVENTS
    assert {"create", "pay", "ship", "ship_part", "track"} <= result.by_action.keys()
    assert {"create", "pay", "ship", "address_change"} <= result.by_action.keys()
    async with db.transaction() as s:
        orders = await s.scalar(select(func.count()).where(Order.shop_id == shop_id))
        changes = await s.scalar(select(func.count()).where(ChangeLog.shop_id == shop_id))
        statuses = set(
            (await s.execute(select(Order.status).where(Order.shop_id == shop_id))).scalars()
        )
    assert orders == result.by_action["create"]
    # One change-log row per lifecycle event, and an order.signed after a signing trace.
    assert changes == EVENTS + result.signed_by_trace
    assert "paid" in statuses or "shipped" in statuses


async def test_simulator_with_a_merchant_refunds_and_offers_exchanges(
    app: Any, db: Database, shop: dict[str, int]
) -> None:
    """With a merchant token, partial refunds, exchange offers (answered by the buyer) and
    parcel corrections join the traffic; every event is valid and leaves one change-log row."""
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    async with (
        internal_client("http://testserver", INTERNAL_TOKEN, app=app) as client,
        internal_client("http://testserver", token, app=app) as merchant,
    ):
        result = await simulate(
            client,
            shops=[shop_id],
            rate=10_000,
            max_events=400,
            seed=5,
            concurrency=4,
            merchant=merchant,
        )
    assert result.errors == 0, result.errors_by_kind
    assert {"partial_refund", "offer_exchange", "answer_exchange", "correct"} <= (
        result.by_action.keys()
    )
    async with db.transaction() as s:
        corrected = (
            await s.execute(
                select(Shipment.corrections, Shipment.tracking_no).where(
                    Shipment.shop_id == shop_id, Shipment.corrections > 0
                )
            )
        ).all()
        corrections = await s.scalar(
            select(func.count()).where(
                ChangeLog.shop_id == shop_id, ChangeLog.type == "shipment.updated"
            )
        )
        changes = await s.scalar(select(func.count()).where(ChangeLog.shop_id == shop_id))
        ledger = await s.scalar(select(func.count()).where(Refund.shop_id == shop_id))
        answered = set(
            (
                await s.execute(
                    select(AfterSale.exchange_offer["status"].astext).where(
                        AfterSale.shop_id == shop_id, AfterSale.exchange_offer.is_not(None)
                    )
                )
            ).scalars()
        )
    assert changes == result.events + result.signed_by_trace  # a delivering scan also signs
    assert ledger == result.by_action["partial_refund"]
    # Bounded: a parcel is corrected once at most (the API allows 3), before its delivery.
    assert len(corrected) == corrections == result.by_action["correct"] > 0
    assert {n for n, _ in corrected} == {1}
    assert answered & {"accepted", "declined"}
