"""Per-entity order: deliveries of one entity to one endpoint are never in flight together and
arrive in change order, even when one fails and is retried; other entities are not held."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from app.config import Settings
from app.db import Database
from app.domain.sync.change_log import record_change
from tests.feed_support import eventually
from tests.webhooks.support import (
    HORIZON_WAIT,
    Received,
    create_endpoint,
    delivery_rows,
    running_delivery,
    running_receiver,
)

pytestmark = pytest.mark.feed


VERSIONS = 5
HELD, FREE = 1, 2  # entity ids: HELD's first version is held back by the receiver


async def test_one_entity_at_a_time_in_order_while_others_flow(
    db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    lock = threading.Lock()
    in_flight: Counter[int] = Counter()
    most_in_flight: Counter[int] = Counter()
    arrivals: list[tuple[int, int]] = []  # (entity_id, version) in arrival order
    free_done = threading.Event()
    held_answers: list[int] = []

    def responder(n: int, got: Received) -> int:
        data = got.json["data"]
        entity, version = data["entity_id"], data["entity_version"]
        with lock:
            in_flight[entity] += 1
            most_in_flight[entity] = max(most_in_flight[entity], in_flight[entity])
            arrivals.append((entity, version))
            if entity == FREE and version == VERSIONS:
                free_done.set()
        try:
            if entity == HELD and version == 1 and not held_answers:
                # Held until every version of the other entity has arrived (a barrier, with a
                # timeout that fails the test), then refused once: the retry comes first.
                held_answers.append(500 if free_done.wait(HORIZON_WAIT) else 599)
                return held_answers[0]
            return 200
        finally:
            with lock:
                in_flight[entity] -= 1

    with running_receiver(responder) as rx:
        endpoint_id, _ = await create_endpoint(db, settings, url=rx.url, shop_ids=[shop["shop_id"]])
        # One transaction, committed before the worker starts: the fan-out queues every
        # version at once, and without the order rule the per-endpoint concurrency (16) would
        # send them together.
        async with db.transaction() as s:
            for version in range(1, VERSIONS + 1):
                for entity_id in (HELD, FREE):
                    await record_change(
                        s,
                        shop_id=shop["shop_id"],
                        entity="order",
                        entity_id=entity_id,
                        entity_version=version,
                        type="order.updated",
                        data={"id": entity_id, "version": version},
                    )
        async with running_delivery(
            db, settings, [endpoint_id], webhook_retry_schedule="0,0.1,0.1"
        ):

            async def all_delivered() -> bool:
                rows = await delivery_rows(db, endpoint_id)
                return len(rows) == 2 * VERSIONS and all(r.status == "delivered" for r in rows)

            await eventually(all_delivered, timeout=HORIZON_WAIT, what="every delivery")
    assert held_answers == [500]  # the other entity's versions all arrived while it was held
    assert most_in_flight == Counter({HELD: 1, FREE: 1})
    assert [v for e, v in arrivals if e == FREE] == list(range(1, VERSIONS + 1))
    # The refused first version is retried before any later version of its entity is sent.
    assert [v for e, v in arrivals if e == HELD] == [1, *range(1, VERSIONS + 1)]
    rows = await delivery_rows(db, endpoint_id)
    assert {(r.entity, r.entity_id) for r in rows} == {("order", HELD), ("order", FREE)}
