"""After-sale actions and disputes over REST: machine-checked transitions, refunds reaching
the order, versions, idempotency, roles; evidence limits; review due in business days."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from app.db import Database
from app.domain.disputes.evidence import MAX_EVIDENCE_BYTES
from app.kit.business_days import add_business_days
from tests.factories import bearer, make_account, make_shop, make_token
from tests.integration.orders_support import internal, new_order, role_headers, v1

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
async def owner(db: Database, shop: dict[str, int]) -> dict[str, str]:
    return bearer(await make_token(db, shop_ids=[shop["shop_id"]]))


async def open_after_sale(
    client: httpx.AsyncClient, shop_id: int, order_id: int, h: dict[str, str], type_: str
) -> dict[str, Any]:
    r = await client.post(
        internal(shop_id, f"/orders/{order_id}/after-sales"),
        json={"type": type_, "reason": "broken"},
        headers=h,
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_refund_only_flow_reaches_the_order(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers, state="paid")
    a = await open_after_sale(client, shop_id, order["id"], internal_headers, "refund_only")
    url = v1(shop_id, f"/after-sales/{a['id']}/actions")
    r = await client.post(url, json={"action": "refund"}, headers=owner)
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"
    assert r.json()["allowed_actions"] == ["approve", "close", "offer_exchange", "reject"]
    r = await client.post(url, json={"action": "approve", "expected_version": 9}, headers=owner)
    assert r.status_code == 409 and r.json()["code"] == "version_conflict"
    k = {"Idempotency-Key": uuid.uuid4().hex}
    r = await client.post(url, json={"action": "approve"}, headers={**owner, **k})
    assert r.status_code == 200 and r.json()["status"] == "approved"
    again = await client.post(url, json={"action": "approve"}, headers={**owner, **k})
    assert again.json() == r.json() and again.headers["idempotent-replayed"] == "true"
    r = await client.post(url, json={"action": "close"}, headers={**owner, **k})
    assert r.status_code == 422 and r.json()["code"] == "idempotency_mismatch"
    r = await client.post(url, json={"action": "refund"}, headers={**owner, "If-Match": '"2"'})
    assert r.status_code == 200 and r.json()["status"] == "refunded"
    detail = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=owner)).json()
    assert detail["pay_status"] == "refunded" and detail["status"] == "closed"
    kinds = [e["kind"] for e in detail["timeline"]]
    assert kinds[-3:] == ["after_sale.approve", "refunded", "after_sale.refund"]

    got = await client.get(v1(shop_id, f"/after-sales/{a['id']}"), headers=owner)
    assert got.status_code == 200 and got.headers["etag"] == '"3"'
    listed = await client.get(
        v1(shop_id, "/after-sales"), params={"status": "refunded"}, headers=owner
    )
    assert [x["id"] for x in listed.json()["data"]] == [a["id"]]


async def test_return_flow_reject_and_roles(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers, state="shipped")
    a = await open_after_sale(client, shop_id, order["id"], internal_headers, "return_refund")
    url = v1(shop_id, f"/after-sales/{a['id']}/actions")
    shipping = await role_headers(db, shop_id, "shipping")
    r = await client.post(url, json={"action": "approve"}, headers=shipping)
    assert r.status_code == 403 and r.json()["code"] == "insufficient_scope"
    after_sales = await role_headers(db, shop_id, "after_sales")
    for action in ("approve", "request_return", "confirm_return_received", "refund"):
        r = await client.post(url, json={"action": action}, headers=after_sales)
        assert r.status_code == 200, (action, r.text)
    assert r.json()["status"] == "refunded"
    stranger = await make_account(db)
    foreign = bearer(await make_token(db, shop_ids=[await make_shop(db, owner_id=stranger)]))
    assert (await client.post(url, json={"action": "close"}, headers=foreign)).status_code == 404

    order2 = await new_order(client, shop_id, internal_headers, state="shipped")
    b = await open_after_sale(client, shop_id, order2["id"], internal_headers, "exchange")
    url2 = v1(shop_id, f"/after-sales/{b['id']}/actions")
    r = await client.post(url2, json={"action": "reject"}, headers=owner)
    assert r.status_code == 422
    r = await client.post(url2, json={"action": "reject", "reason": "used"}, headers=owner)
    assert r.status_code == 200 and r.json()["reject_reason"] == "used"

    page = await client.get(v1(shop_id, "/after-sales"), params={"limit": 1}, headers=owner)
    body = page.json()
    assert body["has_more"] is True
    nxt = await client.get(
        v1(shop_id, "/after-sales"),
        params={"limit": 1, "cursor": body["next_cursor"]},
        headers=owner,
    )
    assert {body["data"][0]["id"], nxt.json()["data"][0]["id"]} == {a["id"], b["id"]}


async def dispute(
    client: httpx.AsyncClient, shop_id: int, order_id: int, h: dict[str, str]
) -> dict[str, Any]:
    r = await client.post(
        v1(shop_id, f"/orders/{order_id}/disputes"),
        json={"kind": "logistics", "description": "parcel lost"},
        headers=h,
    )
    assert r.status_code == 201, r.text
    assert r.headers["location"].endswith(f"/disputes/{r.json()['id']}")
    body: dict[str, Any] = r.json()
    return body


async def upload(
    client: httpx.AsyncClient,
    shop_id: int,
    dispute_id: int,
    h: dict[str, str],
    content: bytes,
    content_type: str = "image/png",
    kind: str = "shipping_proof",
) -> httpx.Response:
    return await client.post(
        v1(shop_id, f"/disputes/{dispute_id}/evidence"),
        files={"file": ("proof.png", content, content_type)},
        data={"kind": kind},
        headers=h,
    )


async def test_dispute_evidence_submit_decide(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    unpaid = await new_order(client, shop_id, internal_headers)
    r = await client.post(
        v1(shop_id, f"/orders/{unpaid['id']}/disputes"),
        json={"kind": "logistics", "description": "x"},
        headers=owner,
    )
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"
    order = await new_order(client, shop_id, internal_headers, state="shipped")
    d = await dispute(client, shop_id, order["id"], owner)
    assert d["status"] == "open"
    r = await client.post(
        v1(shop_id, f"/orders/{order['id']}/disputes"),
        json={"kind": "logistics", "description": "again"},
        headers=owner,
    )
    assert r.status_code == 409 and r.json()["code"] == "dispute_open"
    # Submitting with no evidence is not allowed by the machine.
    r = await client.post(v1(shop_id, f"/disputes/{d['id']}/submit"), json={}, headers=owner)
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"

    k = {"Idempotency-Key": uuid.uuid4().hex}
    r = await upload(client, shop_id, d["id"], {**owner, **k}, PNG)
    assert r.status_code == 201, r.text
    ev = r.json()
    assert ev["sha256"] == hashlib.sha256(PNG).hexdigest() and ev["size_bytes"] == len(PNG)
    assert ev["dispute"]["status"] == "evidence_submitted"
    replay = await upload(client, shop_id, d["id"], {**owner, **k}, PNG)
    assert replay.status_code == 201 and replay.json() == ev
    r = await upload(client, shop_id, d["id"], {**owner, **k}, PNG + b"x")
    assert r.status_code == 422 and r.json()["code"] == "idempotency_mismatch"
    text = "买家聊天记录\nbuyer: where is it".encode()
    r = await upload(client, shop_id, d["id"], owner, text, "text/plain", "chat_log")
    assert r.status_code == 201, r.text

    listed = (await client.get(v1(shop_id, f"/disputes/{d['id']}/evidence"), headers=owner)).json()
    assert [e["kind"] for e in listed["data"]] == ["shipping_proof", "chat_log"]
    # The one list envelope: the whole list in one page.
    assert listed["has_more"] is False and listed["next_cursor"] is None
    dl = await client.get(v1(shop_id, f"/disputes/{d['id']}/evidence/{ev['id']}"), headers=owner)
    assert dl.status_code == 200 and dl.content == PNG
    assert dl.headers["content-type"] == "image/png"
    assert dl.headers["x-content-type-options"] == "nosniff"

    r = await client.post(v1(shop_id, f"/disputes/{d['id']}/submit"), json={}, headers=owner)
    assert r.status_code == 200, r.text
    sub = r.json()
    assert sub["status"] == "under_review"
    submitted = datetime.fromisoformat(sub["submitted_at"])
    expected_due = add_business_days(submitted, 5, "Asia/Shanghai").astimezone(UTC)
    assert datetime.fromisoformat(sub["review_due_at"]) == expected_due
    assert sub["review_window"]["business_days"] == "3-5"
    r = await upload(client, shop_id, d["id"], owner, PNG)
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"

    url = internal(shop_id, f"/disputes/{d['id']}/decide")
    assert (await client.post(url, json={"outcome": "won"}, headers=owner)).status_code == 401
    r = await client.post(url, json={"outcome": "won"}, headers=internal_headers)
    assert r.status_code == 200 and r.json()["status"] == "won"
    won = r.json()
    r = await client.post(url, json={"outcome": "lost"}, headers=internal_headers)
    assert r.status_code == 409
    detail = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=owner)).json()
    steps = [e["kind"] for e in detail["timeline"] if e["kind"].startswith("dispute.")]
    assert steps == [
        "dispute.opened",
        "dispute.evidence_added",
        "dispute.evidence_added",
        "dispute.submitted",
        "dispute.decided_won",
    ]
    listed_disputes = await client.get(
        v1(shop_id, "/disputes"), params={"status": "won"}, headers=owner
    )
    assert [x["id"] for x in listed_disputes.json()["data"]] == [d["id"]]
    # Every dispute representation carries the review window: the list and the order detail too.
    window = won["review_window"]
    assert window is not None and window["business_days"] == "3-5"
    assert listed_disputes.json()["data"][0]["review_window"] == window
    assert [x["review_window"] for x in detail["disputes"]] == [window]


async def test_evidence_limits(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers, state="paid")
    d = await dispute(client, shop_id, order["id"], owner)
    big = b"\x89PNG\r\n\x1a\n" + b"\x00" * MAX_EVIDENCE_BYTES
    r = await upload(client, shop_id, d["id"], owner, big)
    assert r.status_code == 413 and r.json()["code"] == "evidence_too_large"
    r = await upload(client, shop_id, d["id"], owner, b"")
    assert r.status_code == 422 and r.json()["code"] == "evidence_empty"
    r = await upload(client, shop_id, d["id"], owner, b"MZ\x90\x00\x03\x00\xff\xfe", "image/png")
    assert r.status_code == 415 and r.json()["code"] == "unsupported_evidence_type"
    r = await upload(client, shop_id, d["id"], owner, b"%PDF-1.7 ...", "image/png")
    assert r.status_code == 415 and r.json()["detected_type"] == "application/pdf"
    r = await upload(client, shop_id, d["id"], owner, PNG, kind="selfie")
    assert r.status_code == 422
    viewer = await role_headers(db, shop_id, "viewer")
    r = await upload(client, shop_id, d["id"], viewer, PNG)
    assert r.status_code == 403
    listed = (await client.get(v1(shop_id, f"/disputes/{d['id']}/evidence"), headers=owner)).json()
    assert listed["data"] == []
    got = (await client.get(v1(shop_id, f"/disputes/{d['id']}"), headers=owner)).json()
    assert got["status"] == "open" and got["version"] == 1


def test_business_days_in_the_shop_timezone() -> None:
    tz = ZoneInfo("Asia/Shanghai")
    friday = datetime(2026, 11, 27, 10, 0, tzinfo=tz)
    assert add_business_days(friday, 5, "Asia/Shanghai") == datetime(2026, 12, 4, 10, 0, tzinfo=tz)
    saturday = datetime(2026, 11, 28, 23, 30, tzinfo=tz)
    assert add_business_days(saturday, 5, "Asia/Shanghai").date().isoformat() == "2026-12-04"
    # 2026-11-27 18:00 UTC is already Saturday 02:00 in Shanghai.
    late_friday_utc = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)
    due = add_business_days(late_friday_utc, 5, "Asia/Shanghai")
    assert due.astimezone(tz).date().isoformat() == "2026-12-04"
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=tz)
    holidays = {datetime(2026, 12, 1).date()}
    assert (
        add_business_days(monday, 5, "Asia/Shanghai", holidays).date().isoformat() == "2026-12-08"
    )
