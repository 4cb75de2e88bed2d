"""Every REST write, table-driven: a role without the scope gets 403, a token of another
owner's shop gets 404, the same Idempotency-Key replays the stored response, and the same key
with another body is 422 idempotency_mismatch."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from app.db import Database
from tests.factories import bearer, make_account, make_shop, make_token
from tests.integration.orders_support import internal, new_order, role_headers, v1


@dataclass
class Write:
    method: str
    url: str
    body: dict[str, Any] | None
    other_body: dict[str, Any] | None
    denied_role: str  # a role whose scopes lack this write's scope


Setup = Callable[[httpx.AsyncClient, int, dict[str, str], dict[str, str]], Awaitable[Write]]


async def _ship(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Write:
    o = await new_order(c, s, ih, state="paid")
    return Write(
        "POST",
        v1(s, f"/orders/{o['id']}/shipments"),
        {"carrier": "SF", "tracking_no": "SF1000001"},
        {"carrier": "SF", "tracking_no": "SF1000002"},
        "after_sales",
    )


async def _batch(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Write:
    o = await new_order(c, s, ih, state="paid")
    entry = {"order_id": o["id"], "carrier": "SF", "tracking_no": "SF2000001"}
    return Write(
        "POST",
        v1(s, "/shipments/batch"),
        {"shipments": [entry]},
        {"shipments": [{**entry, "tracking_no": "SF2000002"}]},
        "viewer",
    )


async def _patch(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Write:
    o = await new_order(c, s, ih)
    return Write(
        "PATCH",
        v1(s, f"/orders/{o['id']}"),
        {"merchant_remark": "a"},
        {"merchant_remark": "b"},
        "after_sales",
    )


async def _flag(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Write:
    o = await new_order(c, s, ih)
    return Write(
        "POST", v1(s, f"/orders/{o['id']}/flag"), {"reason": "a"}, {"reason": "b"}, "viewer"
    )


async def _unflag(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Write:
    o = await new_order(c, s, ih)
    r = await c.post(v1(s, f"/orders/{o['id']}/flag"), json={"reason": "x"}, headers=h)
    assert r.status_code == 200
    return Write("DELETE", v1(s, f"/orders/{o['id']}/flag"), None, None, "viewer")


async def _remind(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Write:
    o = await new_order(c, s, ih)
    return Write(
        "POST",
        v1(s, f"/orders/{o['id']}/payment-reminders"),
        {"coupon_code": "A"},
        {"coupon_code": "B"},
        "after_sales",
    )


async def _close(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Write:
    o = await new_order(c, s, ih)
    return Write(
        "POST", v1(s, f"/orders/{o['id']}/close"), {"reason": "a"}, {"reason": "b"}, "viewer"
    )


async def _refund(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Write:
    o = await new_order(c, s, ih, state="paid")
    return Write(
        "POST", v1(s, f"/orders/{o['id']}/refund"), {"reason": "a"}, {"reason": "b"}, "shipping"
    )


async def _act(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Write:
    o = await new_order(c, s, ih, state="paid")
    r = await c.post(
        internal(s, f"/orders/{o['id']}/after-sales"),
        json={"type": "refund_only", "reason": "x"},
        headers=ih,
    )
    a = r.json()
    return Write(
        "POST",
        v1(s, f"/after-sales/{a['id']}/actions"),
        {"action": "approve"},
        {"action": "close"},
        "shipping",
    )


async def _dispute(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Write:
    o = await new_order(c, s, ih, state="shipped")
    return Write(
        "POST",
        v1(s, f"/orders/{o['id']}/disputes"),
        {"kind": "logistics", "description": "a"},
        {"kind": "logistics", "description": "b"},
        "shipping",
    )


async def _submit(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Write:
    o = await new_order(c, s, ih, state="shipped")
    d = (
        await c.post(
            v1(s, f"/orders/{o['id']}/disputes"),
            json={"kind": "malicious_claim", "description": "fake claim"},
            headers=h,
        )
    ).json()
    r = await c.post(
        v1(s, f"/disputes/{d['id']}/evidence"),
        files={"file": ("log.txt", b"chat log", "text/plain")},
        data={"kind": "chat_log"},
        headers=h,
    )
    assert r.status_code == 201, r.text
    return Write(
        "POST", v1(s, f"/disputes/{d['id']}/submit"), {}, {"expected_version": 2}, "viewer"
    )


SETUPS: dict[str, Setup] = {
    "ship": _ship,
    "batch": _batch,
    "patch": _patch,
    "flag": _flag,
    "unflag": _unflag,
    "remind": _remind,
    "close": _close,
    "refund": _refund,
    "after_sale_action": _act,
    "dispute": _dispute,
    "submit": _submit,
}


async def send(
    c: httpx.AsyncClient, w: Write, headers: dict[str, str], body: dict[str, Any] | None
) -> httpx.Response:
    return await c.request(w.method, w.url, json=body, headers=headers)


@pytest.mark.parametrize("name", list(SETUPS))
async def test_write_contract(
    name: str,
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    owner = bearer(await make_token(db, shop_ids=[shop_id]))
    w = await SETUPS[name](client, shop_id, internal_headers, owner)

    denied = await role_headers(db, shop_id, w.denied_role)
    r = await send(client, w, denied, w.body)
    assert r.status_code == 403 and r.json()["code"] == "insufficient_scope", r.text

    stranger = await make_account(db)
    foreign = bearer(await make_token(db, shop_ids=[await make_shop(db, owner_id=stranger)]))
    r = await send(client, w, foreign, w.body)
    assert r.status_code == 404 and r.json()["code"] == "not_found", r.text

    k = {"Idempotency-Key": uuid.uuid4().hex}
    first = await send(client, w, {**owner, **k}, w.body)
    assert first.status_code in (200, 201), first.text
    again = await send(client, w, {**owner, **k}, w.body)
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert again.headers["idempotent-replayed"] == "true"
    if w.other_body is not None:
        r = await send(client, w, {**owner, **k}, w.other_body)
        assert r.status_code == 422 and r.json()["code"] == "idempotency_mismatch"
    if name not in ("dispute", "batch"):  # creations and batches (per-entry versions) aside
        stale = {**owner, "If-Match": '"999"'}
        r = await send(client, w, stale, w.body)
        assert r.status_code == 409 and r.json()["code"] in (
            "version_conflict",
            "invalid_transition",
        )
