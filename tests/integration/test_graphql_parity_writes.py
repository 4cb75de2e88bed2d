"""Every write through both APIs, table-driven: the same action on twin entities (one through
REST, one through GraphQL) must give the same outcome — the same error code (and fields) or
the same resulting entity, both as returned by the write and as read back afterwards."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
import pytest

from app.db import Database
from app.kit.versioning import etag
from tests.factories import bearer, make_token
from tests.integration.buyer_requests_support import NEW_RECEIVER
from tests.integration.orders_support import internal, new_order, v1

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
MISSING = 2_000_000_000  # an id no test creates (and within GraphQL's 32-bit Int)

Twin = dict[str, Any]


@dataclass(frozen=True)
class Rest:
    method: str
    path: str
    json: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    files: dict[str, Any] | None = None
    data: dict[str, str] | None = None


@dataclass(frozen=True)
class Gql:
    mutation: str  # the field name, e.g. shipOrder
    arguments: str  # GraphQL argument list using the variables below
    variables: dict[str, Any]
    upload: tuple[str, bytes, str] | None = None  # (filename, content, content type) as $file


@dataclass(frozen=True)
class Case:
    id: str
    setup: Callable[[httpx.AsyncClient, int, dict[str, str], dict[str, str]], Awaitable[Twin]]
    rest: Callable[[int, Twin], Rest]
    gql: Callable[[int, Twin], Gql]
    entity: str  # order | after_sale | dispute | evidence | batch
    error: str | None = None  # the expected problem code; None for the happy path


# -- twins ---------------------------------------------------------------------------------


async def _order(c: httpx.AsyncClient, s: int, ih: dict[str, str], state: str) -> Twin:
    """An order in ``state``; shipped twins get the same tracking number."""
    order = await new_order(c, s, ih, state="paid" if state == "shipped" else state)
    if state == "shipped":
        r = await c.post(
            internal(s, f"/orders/{order['id']}/ship"),
            json={"carrier": "SF", "tracking_no": "SF5550001"},
            headers=ih,
        )
        assert r.status_code == 200, r.text
        order = r.json()
    return order


def _state(state: str) -> Callable[..., Awaitable[Twin]]:
    async def setup(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Twin:
        return {"order": await _order(c, s, ih, state)}

    return setup


async def _flagged(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Twin:
    order = await new_order(c, s, ih, state="paid")
    r = await c.post(v1(s, f"/orders/{order['id']}/flag"), json={"reason": "odd"}, headers=h)
    assert r.status_code == 200, r.text
    return {"order": r.json()}


async def _reminded(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Twin:
    order = await new_order(c, s, ih)
    r = await c.post(v1(s, f"/orders/{order['id']}/payment-reminders"), json={}, headers=h)
    assert r.status_code == 200, r.text
    return {"order": r.json()}


async def _batch(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Twin:
    return {
        "paid": await new_order(c, s, ih, state="paid"),
        "unpaid": await new_order(c, s, ih),
        "other": await new_order(c, s, ih, state="paid"),
    }


def _after_sale(type_: str, *actions: str) -> Callable[..., Awaitable[Twin]]:
    async def setup(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Twin:
        order = await _order(c, s, ih, "shipped" if type_ != "refund_only" else "paid")
        r = await c.post(
            internal(s, f"/orders/{order['id']}/after-sales"),
            json={"type": type_, "reason": "broken"},
            headers=ih,
        )
        assert r.status_code == 201, r.text
        after_sale = r.json()
        for action in actions:
            r = await c.post(
                v1(s, f"/after-sales/{after_sale['id']}/actions"),
                json={"action": action},
                headers=h,
            )
            assert r.status_code == 200, r.text
            after_sale = r.json()
        return {"order": order, "after_sale": after_sale}

    return setup


def _dispute(*, evidence: bool) -> Callable[..., Awaitable[Twin]]:
    async def setup(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Twin:
        order = await _order(c, s, ih, "shipped")
        r = await c.post(
            v1(s, f"/orders/{order['id']}/disputes"),
            json={"kind": "logistics", "description": "lost"},
            headers=h,
        )
        assert r.status_code == 201, r.text
        dispute = r.json()
        if evidence:
            r = await c.post(
                v1(s, f"/disputes/{dispute['id']}/evidence"),
                files={"file": ("proof.png", PNG, "image/png")},
                data={"kind": "shipping_proof"},
                headers=h,
            )
            assert r.status_code == 201, r.text
            dispute = r.json()["dispute"]
        return {"order": order, "dispute": dispute}

    return setup


# -- the table -----------------------------------------------------------------------------


def _oid(t: Twin) -> int:
    return int(t["order"]["id"])


def _ver(t: Twin, key: str = "order", bump: int = 0) -> int:
    return int(t[key]["version"]) + bump


ByTwin = Callable[[Twin], dict[str, Any]]


def _order_write(
    case_id: str,
    setup: Callable[..., Awaitable[Twin]],
    rest_path: str,
    rest_body: dict[str, Any] | ByTwin | None,
    mutation: str,
    arguments: str,
    variables: dict[str, Any] | ByTwin,
    *,
    error: str | None = None,
    method: str = "POST",
    stale: bool = False,
    missing: bool = False,
    parcel: bool = False,
) -> Case:
    """A write on one order. ``stale`` sends a wrong expected version through both APIs
    (REST: body field, or If-Match when the route has no body); ``missing`` an unknown id;
    ``parcel`` addresses the order's first parcel (``/shipments/{id}``, ``shipmentId: $p``).
    Bodies and variables may be built from the twin (its item ids)."""

    def order_id(t: Twin) -> int:
        return MISSING if missing else _oid(t)

    def parcel_path(t: Twin) -> str:
        return f"/shipments/{t['order']['shipments'][0]['id']}" if parcel else ""

    def rest(s: int, t: Twin) -> Rest:
        given = rest_body(t) if callable(rest_body) else rest_body
        body = None if given is None else dict(given)
        headers = {}
        if stale and body is not None:
            body["expected_version"] = _ver(t, bump=5)
        elif stale:
            headers["If-Match"] = etag(_ver(t, bump=5))
        path = f"/orders/{order_id(t)}{parcel_path(t)}{rest_path}"
        return Rest(method, v1(s, path), body, headers)

    def gql(s: int, t: Twin) -> Gql:
        extra = {"expectedVersion": _ver(t, bump=5)} if stale else {}
        given = variables(t) if callable(variables) else variables
        if parcel:
            extra["p"] = t["order"]["shipments"][0]["id"]
        prefix = "shopId: $s, orderId: $o, " + ("shipmentId: $p, " if parcel else "")
        return Gql(mutation, prefix + arguments, {"s": s, "o": order_id(t), **given, **extra})

    return Case(case_id, setup, rest, gql, "order", error)


def _ship_args(tracking: str) -> tuple[dict[str, Any], str, dict[str, Any]]:
    return (
        {"carrier": "SF", "tracking_no": tracking},
        "input: $input, expectedVersion: $expectedVersion",
        {"input": {"carrier": "SF", "trackingNo": tracking}, "expectedVersion": None},
    )


def _two_lines(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Any:
    return _order_with(c, s, ih, items=TWO_LINES)


TWO_LINES = [
    {"product_id": 1, "title": "T恤", "quantity": 2, "unit_price": 4990},
    {"product_id": 2, "title": "帽子", "quantity": 1, "unit_price": 1990},
]


async def _order_with(c: httpx.AsyncClient, s: int, ih: dict[str, str], **kw: Any) -> Twin:
    return {"order": await new_order(c, s, ih, state="paid", **kw)}


async def _delivered(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Twin:
    order = await _order(c, s, ih, "shipped")
    r = await c.post(
        internal(s, f"/shipments/{order['shipments'][0]['id']}/tracking-events"),
        json=[{"at": "2026-11-20T08:00:00Z", "status": "delivered", "description": "签收"}],
        headers=ih,
    )
    assert r.status_code == 200, r.text
    r = await c.get(internal(s, f"/orders/{order['id']}"), headers=ih)
    return {"order": r.json()}


async def _corrected_3(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Twin:
    order = await _order(c, s, ih, "shipped")
    for n in range(3):
        r = await c.patch(
            v1(s, f"/orders/{order['id']}/shipments/{order['shipments'][0]['id']}"),
            json={"tracking_no": f"SF555000{n + 2}"},
            headers=h,
        )
        assert r.status_code == 200, r.text
        order = r.json()
    return {"order": order}


def _parcel_cases(
    paid: Callable[..., Awaitable[Twin]], shipped: Callable[..., Awaitable[Twin]]
) -> list[Case]:
    """createShipment (part of an order, over-shipping, unknown carrier) and updateShipment
    (a correction, the limit, a delivered parcel, a stale version)."""
    create = ("/shipments", "createShipment", "input: $input, expectedVersion: $expectedVersion")

    def part(code: str = "SF", quantity: int = 1) -> tuple[ByTwin, ByTwin]:
        def lines(t: Twin) -> list[dict[str, int]]:
            return [{"item_id": t["order"]["items"][0]["id"], "quantity": quantity}]

        def body(t: Twin) -> dict[str, Any]:
            return {"carrier_code": code, "tracking_no": "YT7000001", "lines": lines(t)}

        def variables(t: Twin) -> dict[str, Any]:
            gql_lines = [{"itemId": x["item_id"], "quantity": x["quantity"]} for x in lines(t)]
            given = {"carrierCode": code, "trackingNo": "YT7000001", "lines": gql_lines}
            return {"input": given, "expectedVersion": None}

        return body, variables

    fix = {"tracking_no": "SF5550009"}
    update = ("", "updateShipment", "input: $input, expectedVersion: $expectedVersion")
    fix_vars = {"input": {"trackingNo": "SF5550009"}, "expectedVersion": None}
    return [
        _order_write("parcel-partial", _two_lines, create[0], *part()[:1], *create[1:], part()[1]),
        _order_write(
            "parcel-rest",
            paid,
            create[0],
            {"carrier_code": "ZTO", "tracking_no": "ZT7000001"},
            *create[1:],
            {"input": {"carrierCode": "ZTO", "trackingNo": "ZT7000001"}, "expectedVersion": None},
        ),
        _order_write(
            "parcel-quantity_exceeds_unshipped",
            _two_lines,
            create[0],
            part(quantity=5)[0],
            *create[1:],
            part(quantity=5)[1],
            error="quantity_exceeds_unshipped",
        ),
        _order_write(
            "parcel-unknown_carrier",
            paid,
            create[0],
            part("NOPE")[0],
            *create[1:],
            part("NOPE")[1],
            error="unknown_carrier",
        ),
        _order_write(
            "parcel-fix",
            shipped,
            *update[:1],
            fix,
            *update[1:],
            fix_vars,
            method="PATCH",
            parcel=True,
        ),
        _order_write(
            "parcel-fix-version_conflict",
            shipped,
            *update[:1],
            fix,
            *update[1:],
            fix_vars,
            method="PATCH",
            parcel=True,
            stale=True,
            error="version_conflict",
        ),
        _order_write(
            "parcel-fix-correction_limit_reached",
            _corrected_3,
            *update[:1],
            fix,
            *update[1:],
            fix_vars,
            method="PATCH",
            parcel=True,
            error="correction_limit_reached",
        ),
        _order_write(
            "parcel-fix-shipment_delivered",
            _delivered,
            *update[:1],
            fix,
            *update[1:],
            fix_vars,
            method="PATCH",
            parcel=True,
            error="shipment_delivered",
        ),
    ]


def _order_cases() -> list[Case]:
    paid, unpaid, shipped = _state("paid"), _state("pending_payment"), _state("shipped")
    versioned = "expectedVersion: $expectedVersion"
    cases: list[Case] = []
    ship_body, ship_args, ship_vars = _ship_args("SF7000001")
    bad_body, _, bad_vars = _ship_args("bad tracking!")
    ship = ("/shipments", "shipOrder", ship_args)
    cases += [
        _order_write("ship", paid, ship[0], ship_body, ship[1], ship[2], ship_vars),
        _order_write(
            "ship-invalid_transition",
            unpaid,
            ship[0],
            ship_body,
            ship[1],
            ship[2],
            ship_vars,
            error="invalid_transition",
        ),
        _order_write(
            "ship-version_conflict",
            paid,
            ship[0],
            ship_body,
            ship[1],
            ship[2],
            ship_vars,
            error="version_conflict",
            stale=True,
        ),
        _order_write(
            "ship-not_found",
            paid,
            ship[0],
            ship_body,
            ship[1],
            ship[2],
            ship_vars,
            error="not_found",
            missing=True,
        ),
        _order_write(
            "ship-validation_error",
            paid,
            ship[0],
            bad_body,
            ship[1],
            ship[2],
            bad_vars,
            error="validation_error",
        ),
    ]
    cases += _parcel_cases(paid, shipped)
    remark = {"merchant_remark": "gift wrap"}
    update = ("updateOrder", f"input: $input, {versioned}")
    remark_vars = {"input": {"merchantRemark": "gift wrap"}, "expectedVersion": None}
    fee_vars = {"input": {"shippingFee": 800}, "expectedVersion": None}
    cases += [
        _order_write("update-remark", shipped, "", remark, *update, remark_vars, method="PATCH"),
        _order_write(
            "update-fee", unpaid, "", {"shipping_fee": 800}, *update, fee_vars, method="PATCH"
        ),
        _order_write(
            "update-shipping_fee_locked",
            paid,
            "",
            {"shipping_fee": 800},
            *update,
            fee_vars,
            method="PATCH",
            error="shipping_fee_locked",
        ),
        _order_write(
            "update-receiver_locked",
            shipped,
            "",
            {
                "receiver": {
                    "name": "李四",
                    "phone": "13900000000",
                    "address": "1 Road",
                    "province": "浙江",
                    "city": "杭州",
                }
            },
            *update,
            {
                "input": {
                    "receiver": {
                        "name": "李四",
                        "phone": "13900000000",
                        "address": "1 Road",
                        "province": "浙江",
                        "city": "杭州",
                    }
                },
                "expectedVersion": None,
            },
            method="PATCH",
            error="receiver_locked",
        ),
        _order_write(
            "update-validation_error",
            unpaid,
            "",
            {"shipping_fee": -1},
            *update,
            {"input": {"shippingFee": -1}, "expectedVersion": None},
            method="PATCH",
            error="validation_error",
        ),
        _order_write(
            "update-version_conflict",
            paid,
            "",
            remark,
            *update,
            remark_vars,
            method="PATCH",
            error="version_conflict",
            stale=True,
        ),
    ]
    flag = ("/flag", {"reason": "fake address"}, "flagOrder", f"reason: $reason, {versioned}")
    flag_vars = {"reason": "fake address", "expectedVersion": None}
    cases += [
        _order_write("flag", paid, *flag, flag_vars),
        _order_write(
            "flag-validation_error",
            paid,
            flag[0],
            {"reason": ""},
            flag[2],
            flag[3],
            {"reason": "", "expectedVersion": None},
            error="validation_error",
        ),
        _order_write("flag-not_found", paid, *flag, flag_vars, error="not_found", missing=True),
        _order_write(
            "flag-version_conflict", paid, *flag, flag_vars, error="version_conflict", stale=True
        ),
        _order_write(
            "unflag",
            _flagged,
            "/flag",
            None,
            "unflagOrder",
            versioned,
            {"expectedVersion": None},
            method="DELETE",
        ),
        _order_write(
            "unflag-version_conflict",
            _flagged,
            "/flag",
            None,
            "unflagOrder",
            versioned,
            {"expectedVersion": None},
            method="DELETE",
            error="version_conflict",
            stale=True,
        ),
    ]
    remind = (
        "/payment-reminders",
        {"coupon_code": "SAVE5", "message": "5 off"},
        "sendPaymentReminder",
        f"couponCode: $coupon, message: $message, {versioned}",
    )
    remind_vars = {"coupon": "SAVE5", "message": "5 off", "expectedVersion": None}
    cases += [
        _order_write("remind", unpaid, *remind, remind_vars),
        _order_write(
            "remind-invalid_transition", paid, *remind, remind_vars, error="invalid_transition"
        ),
        _order_write(
            "remind-reminder_too_soon", _reminded, *remind, remind_vars, error="reminder_too_soon"
        ),
    ]
    close = ("/close", {"reason": "buyer cancelled"}, "closeOrder", f"reason: $reason, {versioned}")
    close_vars = {"reason": "buyer cancelled", "expectedVersion": None}
    cases += [
        _order_write("close", unpaid, *close, close_vars),
        _order_write(
            "close-invalid_transition", paid, *close, close_vars, error="invalid_transition"
        ),
        _order_write(
            "close-version_conflict",
            unpaid,
            *close,
            close_vars,
            error="version_conflict",
            stale=True,
        ),
    ]
    refund = ("/refund", {"reason": "out of stock"}, "refundOrder", f"reason: $reason, {versioned}")
    refund_vars = {"reason": "out of stock", "expectedVersion": None}
    cases += [
        _order_write("refund", paid, *refund, refund_vars),
        _order_write(
            "refund-invalid_transition", unpaid, *refund, refund_vars, error="invalid_transition"
        ),
        _order_write(
            "refund-not_found", paid, *refund, refund_vars, error="not_found", missing=True
        ),
    ]
    cases += _partial_refund_cases()
    return cases


def _partial_refund_cases() -> list[Case]:
    """Partial refunds (the order pays 2 x 4990 + 1000 shipping = 10980 fen)."""
    paid, unpaid = _state("paid"), _state("pending_payment")
    args = "reason: $reason, amount: $amount, expectedVersion: $expectedVersion"

    def by_amount(case_id: str, setup: Any, amount: int, **kw: Any) -> Case:
        return _order_write(
            case_id,
            setup,
            "/refunds",
            {"amount": amount, "reason": "price protection"},
            "createRefund",
            args,
            {"reason": "price protection", "amount": amount, "expectedVersion": None},
            **kw,
        )

    def by_lines(case_id: str, quantity: int, error: str | None = None) -> Case:
        def rest(s: int, t: Twin) -> Rest:
            lines = [{"item_id": t["order"]["items"][0]["id"], "quantity": quantity}]
            body = {"lines": lines, "reason": "one shirt torn"}
            return Rest("POST", v1(s, f"/orders/{_oid(t)}/refunds"), body)

        def gql(s: int, t: Twin) -> Gql:
            lines = [{"itemId": t["order"]["items"][0]["id"], "quantity": quantity}]
            return Gql(
                "createRefund",
                "shopId: $s, orderId: $o, reason: $reason, lines: $lines",
                {"s": s, "o": _oid(t), "reason": "one shirt torn", "lines": lines},
            )

        return Case(case_id, paid, rest, gql, "order", error)

    both = _order_write(
        "partial_refund-bad_request",
        paid,
        "/refunds",
        {"amount": 100, "lines": [{"item_id": 1, "quantity": 1}], "reason": "both"},
        "createRefund",
        "reason: $reason, amount: $amount, lines: $lines",
        {"reason": "both", "amount": 100, "lines": [{"itemId": 1, "quantity": 1}]},
        error="bad_request",
    )
    return [
        by_amount("partial_refund", paid, 500),
        by_amount("partial_refund-the_rest", paid, 10980),
        by_amount(
            "partial_refund-refund_exceeds_refundable",
            paid,
            10981,
            error="refund_exceeds_refundable",
        ),
        by_amount("partial_refund-invalid_transition", unpaid, 500, error="invalid_transition"),
        by_amount(
            "partial_refund-version_conflict", paid, 500, error="version_conflict", stale=True
        ),
        by_amount("partial_refund-not_found", paid, 500, error="not_found", missing=True),
        by_lines("partial_refund-lines", 1),
        by_lines("partial_refund-lines-exceeds", 3, error="refund_exceeds_refundable"),
        both,
    ]


def _batch_case(
    case_id: str, entries: Callable[[Twin], list[dict[str, Any]]], error: str | None = None
) -> Case:
    def rest(s: int, t: Twin) -> Rest:
        return Rest("POST", v1(s, "/shipments/batch"), {"shipments": entries(t)})

    def gql(s: int, t: Twin) -> Gql:
        camel = [{_camel(k): v for k, v in e.items()} for e in entries(t)]
        return Gql("batchShip", "shopId: $s, shipments: $entries", {"s": s, "entries": camel})

    return Case(case_id, _batch, rest, gql, "batch", error)


def _batch_cases() -> list[Case]:
    def mixed(t: Twin) -> list[dict[str, Any]]:
        return [
            {"order_id": t["paid"]["id"], "carrier": "SF", "tracking_no": "SF8000001"},
            {"order_id": t["unpaid"]["id"], "carrier": "SF", "tracking_no": "SF8000002"},
            {"order_id": MISSING, "carrier": "SF", "tracking_no": "SF8000003"},
            {
                "order_id": t["other"]["id"],
                "carrier": "SF",
                "tracking_no": "SF8000004",
                "expected_version": t["other"]["version"] + 5,
            },
        ]

    return [
        _batch_case("batch-mixed", mixed),
        _batch_case("batch-validation_error", lambda t: [], error="validation_error"),
    ]


def _after_sale_case(
    case_id: str,
    setup: Callable[..., Awaitable[Twin]],
    action: str,
    *,
    reason: str | None = None,
    error: str | None = None,
    stale: bool = False,
    missing: bool = False,
) -> Case:
    def after_sale_id(t: Twin) -> int:
        return MISSING if missing else int(t["after_sale"]["id"])

    def rest(s: int, t: Twin) -> Rest:
        body: dict[str, Any] = {"action": action}
        if reason is not None:
            body["reason"] = reason
        if stale:
            body["expected_version"] = _ver(t, "after_sale", 5)
        return Rest("POST", v1(s, f"/after-sales/{after_sale_id(t)}/actions"), body)

    def gql(s: int, t: Twin) -> Gql:
        return Gql(
            "afterSaleAction",
            "shopId: $s, afterSaleId: $a, action: $action, reason: $reason, "
            "expectedVersion: $expectedVersion",
            {
                "s": s,
                "a": after_sale_id(t),
                "action": action,
                "reason": reason,
                "expectedVersion": _ver(t, "after_sale", 5) if stale else None,
            },
        )

    return Case(case_id, setup, rest, gql, "after_sale", error)


def _after_sale_cases() -> list[Case]:
    refund_only = _after_sale("refund_only")
    returning = _after_sale("return_refund", "approve", "request_return")
    return [
        _after_sale_case("as-approve", refund_only, "approve"),
        _after_sale_case("as-reject", refund_only, "reject", reason="used"),
        _after_sale_case("as-refund", _after_sale("refund_only", "approve"), "refund"),
        _after_sale_case("as-confirm_return", returning, "confirm_return_received"),
        _after_sale_case(
            "as-exchange",
            _after_sale("exchange", "approve", "request_return", "confirm_return_received"),
            "offer_exchange",
        ),
        _after_sale_case("as-close", refund_only, "close"),
        _after_sale_case(
            "as-invalid_transition",
            refund_only,
            "confirm_return_received",
            error="invalid_transition",
        ),
        _after_sale_case("as-validation_error", refund_only, "explode", error="validation_error"),
        _after_sale_case(
            "as-version_conflict", refund_only, "approve", error="version_conflict", stale=True
        ),
        _after_sale_case("as-not_found", refund_only, "approve", error="not_found", missing=True),
        _after_sale_case("as-offer_exchange-requested", refund_only, "offer_exchange"),
        _after_sale_case("as-offer_exchange-awaiting_return", returning, "offer_exchange"),
        _after_sale_case(
            "as-offer_exchange-invalid_transition",
            _after_sale("return_refund", "approve", "request_return", "confirm_return_received"),
            "offer_exchange",
            error="invalid_transition",
        ),
    ]


async def _after_sale_batch(
    c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]
) -> Twin:
    first = await _after_sale("refund_only")(c, s, ih, h)
    second = await _after_sale("refund_only", "approve")(c, s, ih, h)
    return {"order": first["order"], "after_sale": first["after_sale"], "second": second}


def _after_sale_batch_case(
    case_id: str, entries: Callable[[Twin], list[dict[str, Any]]], error: str | None = None
) -> Case:
    def rest(s: int, t: Twin) -> Rest:
        return Rest("POST", v1(s, "/after-sales/batch"), {"actions": entries(t)})

    def gql(s: int, t: Twin) -> Gql:
        camel = [{_camel(k): v for k, v in e.items()} for e in entries(t)]
        return Gql(
            "batchAfterSaleActions",
            "shopId: $s, actions: $actions",
            {"s": s, "actions": camel},
        )

    return Case(case_id, _after_sale_batch, rest, gql, "after_sale_batch", error)


def _after_sale_batch_cases() -> list[Case]:
    def mixed(t: Twin) -> list[dict[str, Any]]:
        second = t["second"]["after_sale"]
        return [
            {"after_sale_id": t["after_sale"]["id"], "action": "offer_exchange"},
            {"after_sale_id": second["id"], "action": "approve"},
            {"after_sale_id": MISSING, "action": "approve"},
            {"after_sale_id": second["id"], "action": "reject"},
            {
                "after_sale_id": second["id"],
                "action": "refund",
                "expected_version": second["version"] + 5,
            },
            {"after_sale_id": second["id"], "action": "refund"},
        ]

    return [
        _after_sale_batch_case("as-batch-mixed", mixed),
        _after_sale_batch_case("as-batch-validation_error", lambda t: [], error="validation_error"),
    ]


def _open_dispute_case(
    case_id: str,
    setup: Callable[..., Awaitable[Twin]],
    kind: str,
    *,
    error: str | None = None,
    missing: bool = False,
) -> Case:
    def order_id(t: Twin) -> int:
        return MISSING if missing else _oid(t)

    def rest(s: int, t: Twin) -> Rest:
        body = {"kind": kind, "description": "包裹丢失"}
        return Rest("POST", v1(s, f"/orders/{order_id(t)}/disputes"), body)

    def gql(s: int, t: Twin) -> Gql:
        return Gql(
            "openDispute",
            "shopId: $s, orderId: $o, kind: $kind, description: $description",
            {"s": s, "o": order_id(t), "kind": kind, "description": "包裹丢失"},
        )

    return Case(case_id, setup, rest, gql, "dispute", error)


def _dispute_cases() -> list[Case]:
    shipped, open_, ready = _state("shipped"), _dispute(evidence=False), _dispute(evidence=True)

    def submit(case_id: str, setup: Any, error: str | None = None, stale: bool = False) -> Case:
        def rest(s: int, t: Twin) -> Rest:
            body = {"expected_version": _ver(t, "dispute", 5)} if stale else {}
            return Rest("POST", v1(s, f"/disputes/{t['dispute']['id']}/submit"), body)

        def gql(s: int, t: Twin) -> Gql:
            return Gql(
                "submitDispute",
                "shopId: $s, disputeId: $d, expectedVersion: $expectedVersion",
                {
                    "s": s,
                    "d": t["dispute"]["id"],
                    "expectedVersion": _ver(t, "dispute", 5) if stale else None,
                },
            )

        return Case(case_id, setup, rest, gql, "dispute", error)

    def evidence(
        case_id: str,
        setup: Any,
        upload: tuple[str, bytes, str],
        kind: str = "chat_log",
        error: str | None = None,
        stale: bool = False,
    ) -> Case:
        def rest(s: int, t: Twin) -> Rest:
            headers = {"If-Match": etag(_ver(t, "dispute", 5))} if stale else {}
            return Rest(
                "POST",
                v1(s, f"/disputes/{t['dispute']['id']}/evidence"),
                headers=headers,
                files={"file": upload},
                data={"kind": kind},
            )

        def gql(s: int, t: Twin) -> Gql:
            return Gql(
                "addEvidence",
                "shopId: $s, disputeId: $d, kind: $kind, file: $file, "
                "expectedVersion: $expectedVersion",
                {
                    "s": s,
                    "d": t["dispute"]["id"],
                    "kind": kind,
                    "expectedVersion": _ver(t, "dispute", 5) if stale else None,
                },
                upload=upload,
            )

        return Case(case_id, setup, rest, gql, "evidence", error)

    png = ("proof.png", PNG, "image/png")
    return [
        _open_dispute_case("dispute-open", shipped, "logistics"),
        _open_dispute_case(
            "dispute-open-validation_error", shipped, "bribery", error="validation_error"
        ),
        _open_dispute_case(
            "dispute-open-not_found", shipped, "logistics", error="not_found", missing=True
        ),
        _open_dispute_case("dispute-open-dispute_open", open_, "logistics", error="dispute_open"),
        submit("dispute-submit", ready),
        submit("dispute-submit-invalid_transition", open_, error="invalid_transition"),
        submit("dispute-submit-version_conflict", ready, error="version_conflict", stale=True),
        evidence("evidence", open_, png),
        evidence("evidence-more", ready, ("chat.txt", "聊天记录".encode(), "text/plain"), "other"),
        evidence("evidence-validation_error", open_, png, kind="selfie", error="validation_error"),
        evidence(
            "evidence-evidence_empty", open_, ("e.png", b"", "image/png"), error="evidence_empty"
        ),
        evidence(
            "evidence-unsupported_evidence_type",
            open_,
            ("x.exe", b"MZ\x90\x00" + b"\x00" * 60, "application/octet-stream"),
            error="unsupported_evidence_type",
        ),
        evidence("evidence-version_conflict", open_, png, error="version_conflict", stale=True),
    ]


def _address_change(*, ship: bool = False, reject: bool = False) -> Callable[..., Awaitable[Twin]]:
    async def setup(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Twin:
        order = await _order(c, s, ih, "paid")
        r = await c.post(
            internal(s, f"/orders/{order['id']}/address-change-requests"),
            json={"receiver": NEW_RECEIVER},
            headers=ih,
        )
        assert r.status_code == 201, r.text
        request = r.json()
        if ship:
            order = await _order_shipped(c, s, ih, order)
        if reject:
            r = await c.post(
                v1(s, f"/address-change-requests/{request['id']}/reject"),
                json={"reason": "packed"},
                headers=h,
            )
            assert r.status_code == 200, r.text
            request = r.json()
        return {"order": order, "address_change_request": request}

    return setup


async def _order_shipped(
    c: httpx.AsyncClient, s: int, ih: dict[str, str], order: Twin
) -> dict[str, Any]:
    r = await c.post(
        internal(s, f"/orders/{order['id']}/ship"),
        json={"carrier": "SF", "tracking_no": "SF5550002"},
        headers=ih,
    )
    assert r.status_code == 200, r.text
    shipped: dict[str, Any] = r.json()
    return shipped


def _complaint(*, responded: bool = False) -> Callable[..., Awaitable[Twin]]:
    async def setup(c: httpx.AsyncClient, s: int, ih: dict[str, str], h: dict[str, str]) -> Twin:
        order = await _order(c, s, ih, "shipped")
        r = await c.post(
            internal(s, f"/orders/{order['id']}/complaints"),
            json={"kind": "quality", "description": "torn"},
            headers=ih,
        )
        assert r.status_code == 201, r.text
        complaint = r.json()
        if responded:
            r = await c.post(
                v1(s, f"/complaints/{complaint['id']}/respond"),
                json={"message": "sorry"},
                headers=h,
            )
            assert r.status_code == 200, r.text
            complaint = r.json()
        return {"order": order, "complaint": complaint}

    return setup


def _buyer_request_case(
    case_id: str,
    setup: Callable[..., Awaitable[Twin]],
    entity: str,
    action: str,
    body: dict[str, Any],
    *,
    error: str | None = None,
    stale: bool = False,
    missing: bool = False,
) -> Case:
    """approve/reject an address change or respond to a complaint, through both APIs."""
    collection, mutation, id_arg = {
        ("address_change_request", "approve"): (
            "address-change-requests",
            "approveAddressChange",
            "addressChangeId",
        ),
        ("address_change_request", "reject"): (
            "address-change-requests",
            "rejectAddressChange",
            "addressChangeId",
        ),
        ("complaint", "respond"): ("complaints", "respondToComplaint", "complaintId"),
    }[(entity, action)]

    def entity_id(t: Twin) -> int:
        return MISSING if missing else int(t[entity]["id"])

    def version(t: Twin) -> int | None:
        return _ver(t, entity, 5) if stale else None

    def rest(s: int, t: Twin) -> Rest:
        sent = {**body, **({"expected_version": version(t)} if stale else {})}
        return Rest("POST", v1(s, f"/{collection}/{entity_id(t)}/{action}"), sent)

    def gql(s: int, t: Twin) -> Gql:
        names = ", ".join(f"{_camel(k)}: ${k}" for k in body)
        arguments = f"shopId: $s, {id_arg}: $b, {names + ', ' if names else ''}"
        return Gql(
            mutation,
            arguments + "expectedVersion: $expectedVersion",
            {"s": s, "b": entity_id(t), **body, "expectedVersion": version(t)},
        )

    return Case(case_id, setup, rest, gql, entity, error)


def _buyer_request_cases() -> list[Case]:
    pending = _address_change()
    acr = "address_change_request"
    complaint = _complaint()
    return [
        _buyer_request_case("acr-approve", pending, acr, "approve", {}),
        _buyer_request_case("acr-reject", pending, acr, "reject", {"reason": "packed"}),
        _buyer_request_case(
            "acr-approve-receiver_locked",
            _address_change(ship=True),
            acr,
            "approve",
            {},
            error="receiver_locked",
        ),
        _buyer_request_case(
            "acr-approve-invalid_transition",
            _address_change(reject=True),
            acr,
            "approve",
            {},
            error="invalid_transition",
        ),
        _buyer_request_case(
            "acr-approve-version_conflict",
            pending,
            acr,
            "approve",
            {},
            error="version_conflict",
            stale=True,
        ),
        _buyer_request_case(
            "acr-approve-not_found", pending, acr, "approve", {}, error="not_found", missing=True
        ),
        _buyer_request_case(
            "acr-reject-validation_error",
            pending,
            acr,
            "reject",
            {"reason": " "},
            error="validation_error",
        ),
        _buyer_request_case(
            "complaint-respond", complaint, "complaint", "respond", {"message": "ok"}
        ),
        _buyer_request_case(
            "complaint-respond-invalid_transition",
            _complaint(responded=True),
            "complaint",
            "respond",
            {"message": "again"},
            error="invalid_transition",
        ),
        _buyer_request_case(
            "complaint-respond-version_conflict",
            complaint,
            "complaint",
            "respond",
            {"message": "ok"},
            error="version_conflict",
            stale=True,
        ),
        _buyer_request_case(
            "complaint-respond-validation_error",
            complaint,
            "complaint",
            "respond",
            {"message": ""},
            error="validation_error",
        ),
        _buyer_request_case(
            "complaint-respond-not_found",
            complaint,
            "complaint",
            "respond",
            {"message": "ok"},
            error="not_found",
            missing=True,
        ),
    ]


CASES = (
    _order_cases()
    + _batch_cases()
    + _after_sale_cases()
    + _dispute_cases()
    + _buyer_request_cases()
    + _after_sale_batch_cases()
)

# -- running one case through both APIs ----------------------------------------------------

SELECTIONS = {
    "order": "order { databaseId status payStatus version flagged flagReason merchantRemark "
    "shippingFee paidAmount refundedAmount refundableAmount trackingNumbers closeReason "
    "shipments { carrierCode trackingNo status corrections lines { quantity } } "
    "receiver { name phone address province city } }",
    "after_sale": "afterSale { databaseId status type version amount rejectReason allowedActions "
    "exchangeOffer { status fromType } }",
    "dispute": "dispute { databaseId status kind description version allowedActions }",
    "evidence": "evidence { databaseId kind filename contentType sizeBytes sha256 } "
    "dispute { status version allowedActions }",
    "address_change_request": "addressChangeRequest { databaseId status decidedBy rejectReason "
    "version allowedActions receiver { name phone address masked } }",
    "complaint": "complaint { databaseId status kind description response version allowedActions }",
    "batch": "succeeded failed results { orderId ok order { status version trackingNumbers } "
    "error { code } }",
    "after_sale_batch": "succeeded failed results { afterSaleId ok "
    "afterSale { status type version allowedActions exchangeOffer { status fromType } } "
    "error { code } }",
}
PAYLOAD_KEY = {
    "order": "order",
    "after_sale": "afterSale",
    "dispute": "dispute",
    "address_change_request": "addressChangeRequest",
    "complaint": "complaint",
}
# GraphQL enums are upper case spellings of the REST strings.
ENUM_FIELDS = {"status", "pay_status", "type", "decided_by", "kind", "from_type"}
# Identity and time differ between twins by construction; everything else must not.
_VOLATILE = {"id", "order_no", "order_id", "after_sale_id", "dispute_id", "evidence_id"}
_VOLATILE |= {"shipment_id", "item_id", "refund_id"}  # a parcel's, its lines' and refunds' ids
_VOLATILE |= {"address_change_id", "complaint_id"}  # in the order's timeline
_VOLATILE |= {"earliest", "latest"}  # a review window's instants (from the submit time)
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def _snake(name: str) -> str:
    return "id" if name == "databaseId" else _CAMEL.sub("_", name).lower()


def _from_graphql(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {_snake(k): _from_graphql(v, _snake(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_graphql(v, key) for v in value]
    if key in ENUM_FIELDS and isinstance(value, str):
        return value.lower()
    return value


def _project(rest: Any, shape: Any) -> Any:
    """``rest`` reduced to the keys (recursively) of ``shape``, the GraphQL selection."""
    if isinstance(shape, dict) and isinstance(rest, dict):
        return {k: _project(rest.get(k), v) for k, v in shape.items()}
    if isinstance(shape, list) and isinstance(rest, list) and len(shape) == len(rest):
        return [_project(r, sh) for r, sh in zip(rest, shape, strict=True)]
    return rest


_ID_IN_TEXT = re.compile(r"\b(after-sale|order|dispute|evidence) \d+")


def _stable(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _stable(v)
            for k, v in value.items()
            if k not in _VOLATILE and k != "at" and not k.endswith(("_at", "_ids"))
        }
    if isinstance(value, list):
        return [_stable(v) for v in value]
    if isinstance(value, str):
        return _ID_IN_TEXT.sub(r"\1 #", value)
    return value


async def _call_rest(client: httpx.AsyncClient, token: str, call: Rest) -> httpx.Response:
    return await client.request(
        call.method,
        call.path,
        json=call.json,
        files=call.files,
        data=call.data,
        headers={**bearer(token), **call.headers},
    )


async def _call_gql(
    client: httpx.AsyncClient, token: str, call: Gql, entity: str
) -> dict[str, Any]:
    types = {
        "s": "Int!",
        "o": "Int!",
        "a": "Int!",
        "d": "Int!",
        "p": "Int!",
        "input": {
            "shipOrder": "ShipInput!",
            "createShipment": "ShipInput!",
            "updateOrder": "UpdateOrderInput!",
            "updateShipment": "UpdateShipmentInput!",
        }.get(call.mutation, ""),
        "b": "Int!",
        "expectedVersion": "Int",
        "reason": "String" if call.mutation in ("afterSaleAction",) else "String!",
        "coupon": "String",
        "message": "String!" if call.mutation == "respondToComplaint" else "String",
        "action": "String!",
        "kind": "String!",
        "description": "String!",
        "entries": "[BatchShipEntryInput!]!",
        "actions": "[AfterSaleBatchEntryInput!]!",
        "amount": "Int",
        "lines": "[RefundLineInput!]",
        "file": "Upload!",
    }
    names = list(call.variables) + (["file"] if call.upload else [])
    declared = ", ".join(f"${n}: {types[n]}" for n in names)
    query = (
        f"mutation({declared}) {{ {call.mutation}({call.arguments}) {{ "
        f"{SELECTIONS[entity]} userErrors {{ code field message }} }} }}"
    )
    if call.upload is None:
        r = await client.post(
            "/graphql", json={"query": query, "variables": call.variables}, headers=bearer(token)
        )
    else:
        operations = {"query": query, "variables": {**call.variables, "file": None}}
        r = await client.post(
            "/graphql",
            data={
                "operations": orjson.dumps(operations).decode(),
                "map": orjson.dumps({"0": ["variables.file"]}).decode(),
            },
            files={"0": call.upload},
            headers=bearer(token),
        )
    assert r.status_code == 200, r.text
    body = r.json()
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"][call.mutation]
    return payload


def _rest_fields(problem: dict[str, Any]) -> set[str]:
    return {str(e["loc"][-1]) for e in problem.get("errors") or [] if e.get("loc")}


def _gql_fields(user_errors: list[dict[str, Any]]) -> set[str]:
    return {_snake(str(e["field"][-1])) for e in user_errors if e.get("field")}


def _read_paths(case: Case, s: int, t: Twin) -> list[str]:
    paths = [v1(s, f"/orders/{t[k]['id']}") for k in ("order", "paid", "unpaid", "other") if k in t]
    if "after_sale" in t:
        paths.append(v1(s, f"/after-sales/{t['after_sale']['id']}"))
    if "second" in t:
        paths.append(v1(s, f"/after-sales/{t['second']['after_sale']['id']}"))
    if "dispute" in t:
        paths.append(v1(s, f"/disputes/{t['dispute']['id']}"))
        paths.append(v1(s, f"/disputes/{t['dispute']['id']}/evidence"))
    if "address_change_request" in t:
        paths.append(v1(s, f"/address-change-requests/{t['address_change_request']['id']}"))
    if "complaint" in t:
        paths.append(v1(s, f"/complaints/{t['complaint']['id']}"))
    return paths


async def _read_back(client: httpx.AsyncClient, token: str, paths: list[str]) -> list[Any]:
    bodies = []
    for path in paths:
        r = await client.get(path, headers=bearer(token))
        assert r.status_code == 200, (path, r.text)
        bodies.append(_stable(r.json()))
    return bodies


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
async def test_write_parity(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    case: Case,
) -> None:
    s = shop["shop_id"]
    token = await make_token(db, shop_ids=[s])
    h = bearer(token)
    rest_twin = await case.setup(client, s, internal_headers, h)
    gql_twin = await case.setup(client, s, internal_headers, h)

    rest = await _call_rest(client, token, case.rest(s, rest_twin))
    payload = await _call_gql(client, token, case.gql(s, gql_twin), case.entity)

    if case.error is not None:
        problem = rest.json()
        assert rest.status_code >= 400 and problem["code"] == case.error, rest.text
        codes = {e["code"] for e in payload["userErrors"]}
        assert codes == {case.error}, payload
        assert _gql_fields(payload["userErrors"]) == _rest_fields(problem), (problem, payload)
        assert all(v is None for k, v in payload.items() if k not in ("userErrors",)) or (
            case.entity in ("batch", "after_sale_batch")
        ), payload
    else:
        assert rest.status_code in (200, 201), rest.text
        assert payload["userErrors"] == [], payload
        returned = _from_graphql({k: v for k, v in payload.items() if k != "userErrors"})
        body = rest.json()
        if case.entity in PAYLOAD_KEY:
            returned = returned[case.entity]
        elif case.entity == "evidence":
            # REST answers the evidence with the dispute nested; GraphQL has both side by side.
            body = {"evidence": body, "dispute": body["dispute"]}
        expected = _project(body, returned)
        assert _stable(returned) == _stable(expected), _differences(
            _stable(expected), _stable(returned)
        )

    # Whatever happened, both twins read back the same through REST.
    rest_after = await _read_back(client, token, _read_paths(case, s, rest_twin))
    gql_after = await _read_back(client, token, _read_paths(case, s, gql_twin))
    for rest_body, gql_body in zip(rest_after, gql_after, strict=True):
        assert rest_body == gql_body, _differences(rest_body, gql_body)


def _differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two read-backs differ (a readable assertion message)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            out += _differences(a.get(k), b.get(k), f"{path}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in _differences(x, y, f"{path}[{i}]")
        ]
    return [] if a == b else [f"{path}: REST {a!r} != GraphQL {b!r}"]
