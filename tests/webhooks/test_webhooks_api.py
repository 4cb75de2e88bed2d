"""The webhook-endpoints API through the real app, with a real receiver and worker."""

from __future__ import annotations

import httpx
import pytest

from app.config import Settings
from app.db import Database
from app.domain.webhooks.signing import verify
from tests.factories import bearer, make_token
from tests.feed_support import eventually
from tests.webhooks.support import HORIZON_WAIT, make_changes, running_delivery, running_receiver

pytestmark = pytest.mark.feed


BASE = "/v1/webhook-endpoints"


async def _create(
    client: httpx.AsyncClient, headers: dict[str, str], url: str, shop_id: int, **extra: object
) -> dict[str, object]:
    r = await client.post(
        BASE,
        json={"url": url, "shop_ids": [shop_id], "event_types": ["order.*"], **extra},
        headers=headers,
    )
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"{BASE}/{r.json()['id']}"
    body: dict[str, object] = r.json()
    return body


async def test_crud_secret_once_and_shop_subset(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    headers = bearer(await make_token(db, shop_ids=[shop["shop_id"]]))
    created = await _create(client, headers, "https://example.com/hook", shop["shop_id"])
    assert str(created["secret"]).startswith("whsec_")
    endpoint_id = created["id"]

    page = (await client.get(BASE, headers=headers)).json()
    assert page["has_more"] is False and page["next_cursor"] is None
    listed = page["data"]
    assert [e["id"] for e in listed] == [endpoint_id]
    assert (
        "secret" not in listed[0]
        and "secret" not in (await client.get(f"{BASE}/{endpoint_id}", headers=headers)).json()
    )

    r = await client.patch(
        f"{BASE}/{endpoint_id}", json={"event_types": ["*"], "enabled": False}, headers=headers
    )
    assert r.status_code == 200 and r.json()["event_types"] == ["*"]
    assert r.json()["enabled"] is False

    # A shop outside the token: 404 (ids do not leak); bad types and URLs: 422.
    r = await client.post(
        BASE,
        json={"url": "https://example.com/h", "shop_ids": [shop["shop_id"] + 10**9]},
        headers=headers,
    )
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    r = await client.post(
        BASE,
        json={"url": "https://example.com/h", "shop_ids": [shop["shop_id"]], "event_types": ["x"]},
        headers=headers,
    )
    assert r.status_code == 422 and r.json()["code"] == "validation_error"
    r = await client.post(
        BASE, json={"url": "http://example.com/h", "shop_ids": [shop["shop_id"]]}, headers=headers
    )
    assert r.status_code == 422
    for bad in ({"url": "", "shop_ids": [shop["shop_id"]]}, {"url": "https://a.example/h"}):
        r = await client.post(BASE, json={"shop_ids": [], **bad}, headers=headers)
        assert r.status_code == 422 and r.json()["code"] == "validation_error", r.text
    r = await client.post(
        BASE, content=b"\xff{", headers={**headers, "Content-Type": "application/json"}
    )
    assert r.status_code == 400, r.text

    assert (await client.delete(f"{BASE}/{endpoint_id}", headers=headers)).status_code == 204
    assert (await client.get(f"{BASE}/{endpoint_id}", headers=headers)).status_code == 404
    assert (await client.get(BASE)).status_code == 401


async def test_delivery_log_pages_with_a_cursor_bound_to_its_endpoint(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    headers = bearer(await make_token(db, shop_ids=[shop["shop_id"]]))
    first = await _create(client, headers, "https://example.com/a", shop["shop_id"])
    other = await _create(client, headers, "https://example.com/b", shop["shop_id"])
    # No worker runs: the pings stay pending in the log.
    pings = [
        (await client.post(f"{BASE}/{first['id']}/test", headers=headers)).json() for _ in range(3)
    ]
    log = f"{BASE}/{first['id']}/deliveries"
    seen: list[int] = []
    cursor = None
    while True:
        params: dict[str, object] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(log, params=params, headers=headers)).json()
        seen += [d["id"] for d in page["data"]]
        cursor = page["next_cursor"]
        assert page["has_more"] is (cursor is not None)
        if not page["has_more"]:
            break
    assert seen == sorted((p["id"] for p in pings), reverse=True)
    assert {p["status"] for p in pings} == {"pending"} and all(p["next_attempt_at"] for p in pings)

    second_page = (await client.get(log, params={"limit": 2}, headers=headers)).json()
    foreign = await client.get(
        f"{BASE}/{other['id']}/deliveries",
        params={"cursor": second_page["next_cursor"]},
        headers=headers,
    )
    assert foreign.status_code == 400 and foreign.json()["code"] == "invalid_cursor"
    filtered = await client.get(log, params={"status": "delivered"}, headers=headers)
    assert filtered.json() == {"data": [], "has_more": False, "next_cursor": None}
    bad_status = await client.get(log, params={"status": "lost"}, headers=headers)
    assert bad_status.status_code == 422


async def test_rotation_ping_redeliver_replay_stats(
    client: httpx.AsyncClient, db: Database, settings: Settings, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    headers = bearer(await make_token(db, shop_ids=[shop_id]))
    with running_receiver() as rx:
        created = await _create(client, headers, rx.url, shop_id)
        endpoint_id = int(str(created["id"]))
        old_secret = str(created["secret"])
        async with running_delivery(db, settings, [endpoint_id]):
            await make_changes(db, shop_id, 5)
            await eventually(
                lambda: len(rx.snapshot()) >= 5, timeout=HORIZON_WAIT, what="5 deliveries"
            )
            first = sorted(rx.snapshot(), key=lambda r: r.json["data"]["entity_id"])

            # Rotation: the next delivery carries both signatures.
            r = await client.post(f"{BASE}/{endpoint_id}/rotate-secret", headers=headers)
            assert r.status_code == 200
            new_secret = r.json()["secret"]
            assert r.json()["previous_secret_valid_until"]
            r = await client.post(f"{BASE}/{endpoint_id}/test", headers=headers)
            assert r.status_code == 202
            queued = r.json()
            assert queued["event_type"] == "ping" and queued["change_id"] is None
            assert queued["status"] == "pending" and queued["replay"] == 1
            await eventually(lambda: len(rx.snapshot()) >= 6, what="ping")
            ping = rx.snapshot()[5]
            assert ping.json["type"] == "ping"
            assert len(ping.headers["webhook-signature"].split(" ")) == 2
            assert verify(old_secret, ping.body, ping.headers)
            assert verify(new_secret, ping.body, ping.headers)

            # The receiver saw the ping before the worker recorded it: wait for the record.
            async def all_recorded() -> bool:
                r = await client.get(
                    f"{BASE}/{endpoint_id}/deliveries",
                    params={"status": "delivered", "limit": 100},
                    headers=headers,
                )
                return len(r.json()["data"]) == 6

            await eventually(all_recorded, what="6 deliveries recorded")

            # Deliveries log, detail with attempts, redeliver keeps the webhook-id.
            r = await client.get(
                f"{BASE}/{endpoint_id}/deliveries",
                params={"status": "delivered", "limit": 2},
                headers=headers,
            )
            page = r.json()
            assert len(page["data"]) == 2 and page["has_more"] and page["next_cursor"]
            r = await client.get(
                f"{BASE}/{endpoint_id}/deliveries",
                params={"status": "delivered", "cursor": page["next_cursor"]},
                headers=headers,
            )
            rest = r.json()
            assert len(rest["data"]) == 4 and not rest["has_more"] and rest["next_cursor"] is None
            ids = [d["id"] for d in page["data"] + rest["data"]]
            assert ids == sorted(ids, reverse=True)
            one = page["data"][1]
            bad = await client.get(
                f"{BASE}/{endpoint_id}/deliveries", params={"cursor": "nope"}, headers=headers
            )
            assert bad.status_code == 400 and bad.json()["code"] == "invalid_cursor"
            detail = (
                await client.get(f"{BASE}/{endpoint_id}/deliveries/{one['id']}", headers=headers)
            ).json()
            assert detail["attempt_log"][0]["status_code"] == 200
            r = await client.post(
                f"{BASE}/{endpoint_id}/deliveries/{one['id']}/redeliver", headers=headers
            )
            assert r.status_code == 202
            await eventually(lambda: len(rx.snapshot()) >= 7, what="redelivery")
            assert rx.snapshot()[6].headers["webhook-id"] == one["webhook_id"]

            # Replay after the 2nd change's cursor: exactly changes 3..5, new webhook-ids.
            since = first[1].json["cursor"]
            r = await client.post(
                f"{BASE}/{endpoint_id}/replay", json={"since_cursor": since}, headers=headers
            )
            assert r.status_code == 202 and r.json()["queued"] == 3, r.text
            await eventually(lambda: len(rx.snapshot()) >= 10, timeout=HORIZON_WAIT, what="replay")
            replayed = rx.snapshot()[7:]
            assert sorted(r.json["data"]["entity_id"] for r in replayed) == [3, 4, 5]
            originals = {r.headers["webhook-id"] for r in first}
            assert not originals & {r.headers["webhook-id"] for r in replayed}

            async def stats_complete() -> bool:
                # The receiver sees a request before the worker records the attempt.
                r = await client.get(f"{BASE}/{endpoint_id}/stats", headers=headers)
                return bool(r.json()["attempts"] == 10)

            await eventually(stats_complete, what="attempts recorded")
            stats = (await client.get(f"{BASE}/{endpoint_id}/stats", headers=headers)).json()
            assert stats["attempts"] == 10 and stats["success_rate"] == 1.0
            assert stats["latency_ms"]["p99"] is not None and stats["backlog"] == 0
