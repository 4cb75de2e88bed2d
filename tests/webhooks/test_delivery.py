"""Fan-out and delivery against a real receiver on 127.0.0.1 (in-process worker)."""

from __future__ import annotations

import threading
from itertools import pairwise

import pytest

from app.config import Settings
from app.db import Database
from app.domain.webhooks.fanout import fan_out_all
from app.domain.webhooks.signing import verify
from tests.feed_support import eventually
from tests.webhooks.support import (
    HORIZON_WAIT,
    attempt_rows,
    create_endpoint,
    delivery_rows,
    horizon_passed_changes,
    make_changes,
    running_delivery,
    running_receiver,
)

pytestmark = pytest.mark.feed


async def test_signed_body_with_cursor_and_version(
    db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    with running_receiver() as rx:
        endpoint_id, secret = await create_endpoint(
            db, settings, url=rx.url, shop_ids=[shop["shop_id"]], event_types=["order.*"]
        )
        async with running_delivery(db, settings, [endpoint_id]):
            await make_changes(db, shop["shop_id"], 3)
            await make_changes(db, shop["shop_id"], 1, type="after_sale.created")
            await eventually(
                lambda: len(rx.snapshot()) >= 3, timeout=HORIZON_WAIT, what="3 deliveries"
            )
        got = rx.snapshot()
    assert sorted(rx.entity_ids()) == [1, 2, 3]  # after_sale.* does not match order.*
    for request in got:
        event = verify(secret, request.body, request.headers)
        assert set(event) == {"id", "type", "shop_id", "created_at", "cursor", "data"}
        assert event["id"] == request.headers["webhook-id"]
        # The stored response excerpt is read raw: the receiver is asked not to compress.
        assert request.headers["accept-encoding"] == "identity"
        assert event["shop_id"] == shop["shop_id"]
        assert event["data"]["entity_version"] == 1
        assert event["cursor"]
    rows = await delivery_rows(db, endpoint_id)
    assert [r.status for r in rows] == ["delivered"] * 3


async def test_changes_before_the_endpoint_are_not_sent(
    db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    await make_changes(db, shop["shop_id"], 2)
    # An endpoint starts at the horizon of its creation: a change still behind a transaction
    # that was open then (another test's, on this shared cluster) is after it, and is sent.
    # So the changes must have passed the horizon before the endpoint exists.
    await eventually(
        lambda: horizon_passed_changes(db, shop["shop_id"]),
        timeout=HORIZON_WAIT,
        what="the horizon past the changes",
    )
    with running_receiver() as rx:
        endpoint_id, _ = await create_endpoint(db, settings, url=rx.url, shop_ids=[shop["shop_id"]])
        await fan_out_all(db)
        assert await delivery_rows(db, endpoint_id) == []
        await fan_out_all(db)  # a rerun is harmless
        assert await delivery_rows(db, endpoint_id) == []


async def test_500_three_times_then_200(
    db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    with running_receiver(lambda n, r: 500 if n < 3 else 200) as rx:
        endpoint_id, _ = await create_endpoint(db, settings, url=rx.url, shop_ids=[shop["shop_id"]])
        async with running_delivery(
            db, settings, [endpoint_id], webhook_retry_schedule="0,0.2,1,3"
        ):
            await make_changes(db, shop["shop_id"], 1)

            async def delivered() -> bool:
                rows = await delivery_rows(db, endpoint_id)
                return bool(rows) and rows[0].status == "delivered"

            await eventually(delivered, timeout=HORIZON_WAIT, what="delivery after retries")
        assert len(rx.snapshot()) == 4
    [row] = await delivery_rows(db, endpoint_id)
    attempts = await attempt_rows(db, row.id)
    assert [a.status_code for a in attempts] == [500, 500, 500, 200]
    assert all(a.response_excerpt is not None and len(a.response_excerpt) <= 1024 for a in attempts)
    assert len({r.headers["webhook-id"] for r in rx.snapshot()}) == 1
    gaps = [(b.attempted_at - a.attempted_at).total_seconds() for a, b in pairwise(attempts)]
    assert gaps[0] < gaps[1] < gaps[2]  # the schedule's steps differ far more than ±20% jitter
    assert row.attempts == 4


async def test_410_disables_the_endpoint(
    db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    with running_receiver(lambda n, r: 410) as rx:
        endpoint_id, _ = await create_endpoint(db, settings, url=rx.url, shop_ids=[shop["shop_id"]])
        async with running_delivery(db, settings, [endpoint_id]):
            await make_changes(db, shop["shop_id"], 1)

            async def disabled() -> bool:
                async with db.engine.connect() as conn:
                    from sqlalchemy import text

                    return not (
                        await conn.execute(
                            text("SELECT enabled FROM webhook_endpoints WHERE id = :id"),
                            {"id": endpoint_id},
                        )
                    ).scalar_one()

            await eventually(disabled, timeout=HORIZON_WAIT, what="endpoint disabled")
            await make_changes(db, shop["shop_id"], 2)
            await fan_out_all(db)
        # The later changes were not even queued, nothing more reached the receiver.
        assert len(rx.snapshot()) == 1
    rows = await delivery_rows(db, endpoint_id)
    assert [(r.status, r.last_status_code) for r in rows] == [("failed", 410)]


async def test_slow_receiver_does_not_delay_another_endpoint(
    db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    release = threading.Event()

    def slow(n: int, r: object) -> int:
        release.wait(9)  # slow (under the 10 s client timeout) until the test releases it
        return 200

    with running_receiver(slow) as slow_rx, running_receiver() as fast_rx:
        slow_id, _ = await create_endpoint(
            db, settings, url=slow_rx.url, shop_ids=[shop["shop_id"]]
        )
        fast_id, _ = await create_endpoint(
            db, settings, url=fast_rx.url, shop_ids=[shop["shop_id"]]
        )
        await make_changes(db, shop["shop_id"], 20)

        async def queued() -> bool:
            await fan_out_all(db)
            return len(await delivery_rows(db, fast_id)) == 20

        # Queue first, so the race below is only between the two receivers.
        await eventually(queued, timeout=HORIZON_WAIT, what="deliveries queued")
        try:
            async with running_delivery(
                db,
                settings,
                [slow_id, fast_id],
                webhook_concurrency=4,
                webhook_concurrency_per_endpoint=2,
            ):
                await eventually(lambda: len(fast_rx.snapshot()) >= 20, what="fast endpoint")
                # Every fast delivery arrived while the slow receiver was still stuck.
                assert not release.is_set()
                assert len(slow_rx.snapshot()) <= 2
                release.set()
        finally:
            release.set()
