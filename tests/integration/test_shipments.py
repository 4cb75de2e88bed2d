"""Parcels through the real app: partial shipments, the carrier registry, corrections,
logistics traces (signing and flagging the order), note search, and tenant isolation."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.db import Database
from app.models import AuditLog, ChangeLog
from tests.factories import bearer, make_account, make_shop, make_token
from tests.integration.orders_support import internal, new_order, v1
from tests.integration.test_graphql import gql

TWO_LINES = [
    {"product_id": 1, "title": "T恤", "quantity": 2, "unit_price": 4990},
    {"product_id": 2, "title": "帽子", "quantity": 1, "unit_price": 1990},
]


@pytest.fixture
async def token(db: Database, shop: dict[str, int]) -> str:
    return await make_token(db, shop_ids=[shop["shop_id"]])


@pytest.fixture
def owner(token: str) -> dict[str, str]:
    return bearer(token)


async def paid_order(
    client: httpx.AsyncClient, shop_id: int, ih: dict[str, str], **kw: Any
) -> dict[str, Any]:
    return await new_order(client, shop_id, ih, state="paid", items=TWO_LINES, **kw)


async def ship(
    client: httpx.AsyncClient,
    shop_id: int,
    order: dict[str, Any],
    headers: dict[str, str],
    **body: Any,
) -> httpx.Response:
    payload = {"carrier_code": "SF", "tracking_no": f"SF{order['id']:08d}", **body}
    return await client.post(
        v1(shop_id, f"/orders/{order['id']}/shipments"), json=payload, headers=headers
    )


async def push(
    client: httpx.AsyncClient, shop_id: int, shipment_id: int, ih: dict[str, str], *events: Any
) -> httpx.Response:
    return await client.post(
        internal(shop_id, f"/shipments/{shipment_id}/tracking-events"),
        json=[{"description": f"scan {e[1]}", "at": e[0], "status": e[1]} for e in events],
        headers=ih,
    )


async def changes_of(db: Database, shop_id: int, order_id: int) -> list[str]:
    async with db.transaction() as s:
        rows = await s.scalars(
            select(ChangeLog.type)
            .where(ChangeLog.shop_id == shop_id, ChangeLog.entity_id == order_id)
            .order_by(ChangeLog.id)
        )
        return list(rows)


# -- parcels -------------------------------------------------------------------------------


async def test_partial_then_complete_shipment(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await paid_order(client, shop_id, internal_headers)
    shirt, hat = (i["id"] for i in order["items"])

    r = await ship(client, shop_id, order, owner, lines=[{"item_id": shirt, "quantity": 1}])
    assert r.status_code == 201, r.text
    first = r.json()
    assert first["status"] == "partially_shipped"
    assert first["shipped_at"] is not None
    parcel = first["shipments"][0]
    assert parcel["lines"] == [{"item_id": shirt, "quantity": 1}]
    assert parcel["carrier_code"] == parcel["carrier"] == "SF"
    assert parcel["status"] == "shipped" and parcel["corrections"] == 0

    # Filterable, and in the to-ship queue (paid + partially_shipped).
    r = await client.get(v1(shop_id, "/orders?status=partially_shipped"), headers=owner)
    assert [o["id"] for o in r.json()["data"]] == [order["id"]]
    r = await client.get(v1(shop_id, "/orders?status=paid&status=partially_shipped"), headers=owner)
    assert order["id"] in [o["id"] for o in r.json()["data"]]

    # Over-shipping a line names the line; nothing is written.
    r = await ship(client, shop_id, order, owner, lines=[{"item_id": shirt, "quantity": 2}])
    assert r.status_code == 422 and r.json()["code"] == "quantity_exceeds_unshipped"
    assert r.json()["errors"][0]["loc"] == ["body", "lines", 0, "quantity"]
    r = await ship(client, shop_id, order, owner, lines=[{"item_id": 999_999, "quantity": 1}])
    assert r.status_code == 422 and r.json()["code"] == "unknown_order_items"

    # Default: everything left, as one parcel -> shipped.
    r = await ship(client, shop_id, order, owner, tracking_no="SF99990001")
    assert r.status_code == 201, r.text
    done = r.json()
    assert done["status"] == "shipped"
    assert done["shipments"][1]["lines"] == [
        {"item_id": shirt, "quantity": 1},
        {"item_id": hat, "quantity": 1},
    ]
    assert done["shipped_at"] == first["shipped_at"]
    assert done["tracking_numbers"] == [f"SF{order['id']:08d}", "SF99990001"]

    # Nothing left to ship: the machine says so.
    r = await ship(client, shop_id, order, owner, tracking_no="SF99990002")
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"
    assert await changes_of(db, shop_id, order["id"]) == [
        "order.created",
        "order.paid",
        "order.shipped",
        "order.updated",
    ]


async def test_deprecated_carrier_and_items_still_work(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await paid_order(client, shop_id, internal_headers)
    shirt = order["items"][0]["id"]
    url = v1(shop_id, f"/orders/{order['id']}/shipments")
    r = await client.post(
        url, json={"carrier": "顺丰速运", "tracking_no": "SF0001", "items": [shirt]}, headers=owner
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "partially_shipped"
    assert body["shipments"][0]["carrier_code"] == "SF"
    assert body["shipments"][0]["lines"] == [{"item_id": shirt, "quantity": 2}]
    # The same line again: nothing of it is left.
    r = await client.post(
        url, json={"carrier": "sf", "tracking_no": "SF0002", "items": [shirt]}, headers=owner
    )
    assert r.status_code == 422 and r.json()["code"] == "quantity_exceeds_unshipped"
    r = await client.post(url, json={"carrier": "某某快递", "tracking_no": "X0001"}, headers=owner)
    assert r.status_code == 422 and r.json()["code"] == "unknown_carrier"
    assert r.json()["errors"][0]["loc"] == ["body", "carrier"]
    r = await client.post(url, json={"carrier_code": "NOPE", "tracking_no": "X0001"}, headers=owner)
    assert r.status_code == 422 and r.json()["code"] == "unknown_carrier"
    both = {"carrier": "SF", "carrier_code": "SF", "tracking_no": "X0001"}
    r = await client.post(url, json=both, headers=owner)
    assert r.status_code == 422 and r.json()["code"] == "validation_error"
    r = await client.post(url, json={"tracking_no": "X0001"}, headers=owner)
    assert r.status_code == 422 and r.json()["code"] == "validation_error"


async def test_batch_ship_ships_everything_left(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    partial = await paid_order(client, shop_id, internal_headers)
    r = await ship(
        client,
        shop_id,
        partial,
        owner,
        lines=[{"item_id": partial["items"][1]["id"], "quantity": 1}],
    )
    assert r.status_code == 201
    other = await paid_order(client, shop_id, internal_headers)
    r = await client.post(
        v1(shop_id, "/shipments/batch"),
        json={
            "shipments": [
                {"order_id": partial["id"], "carrier": "ZTO", "tracking_no": "ZT0001"},
                {"order_id": other["id"], "carrier_code": "BAD", "tracking_no": "ZT0002"},
            ]
        },
        headers=owner,
    )
    assert r.status_code == 200, r.text
    first, second = r.json()["results"]
    assert first["ok"] and first["order"]["status"] == "shipped"
    assert first["order"]["shipments"][1]["lines"] == [
        {"item_id": partial["items"][0]["id"], "quantity": 2}
    ]
    assert not second["ok"] and second["error"]["code"] == "unknown_carrier"
    assert second["error"]["errors"][0]["loc"] == ["shipments", 1, "carrier_code"]


async def test_carrier_registry(client: httpx.AsyncClient, owner: dict[str, str]) -> None:
    r = await client.get("/v1/carriers", headers=owner)
    assert r.status_code == 200
    codes = [c["code"] for c in r.json()["data"]]
    for code in ("SF", "YTO", "ZTO", "STO", "YUNDA", "JD", "EMS", "JTSD", "DBL", "OTHER"):
        assert code in codes
    sf = r.json()["data"][0]
    assert sf == {
        "code": "SF",
        "name_zh": "顺丰速运",
        "name_en": "SF Express",
        "tracking_url": "https://www.kuaidi100.com/chaxun?com=shunfeng&nu={tracking_no}",
    }
    assert (await client.get("/v1/carriers")).status_code == 401


# -- corrections ---------------------------------------------------------------------------


async def test_corrections_are_versioned_audited_and_limited(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await paid_order(client, shop_id, internal_headers)
    order = (await ship(client, shop_id, order, owner)).json()
    parcel = order["shipments"][0]
    url = v1(shop_id, f"/orders/{order['id']}/shipments/{parcel['id']}")

    r = await client.patch(
        url, json={"tracking_no": "YT000001"}, headers={**owner, "If-Match": '"1"'}
    )
    assert r.status_code in (409, 412) and r.json()["code"] in (
        "version_conflict",
        "precondition_failed",
    )
    r = await client.patch(
        url,
        json={"carrier_code": "YTO", "tracking_no": "YT000001"},
        headers={**owner, "If-Match": f'"{order["version"]}"'},
    )
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == f'"{order["version"] + 1}"'
    fixed = r.json()["shipments"][0]
    assert (fixed["carrier_code"], fixed["tracking_no"], fixed["corrections"]) == (
        "YTO",
        "YT000001",
        1,
    )
    r = await client.patch(url, json={"carrier_code": "NOPE"}, headers=owner)
    assert r.status_code == 422 and r.json()["code"] == "unknown_carrier"
    r = await client.patch(url, json={}, headers=owner)
    assert r.status_code == 422 and r.json()["code"] == "validation_error"
    for n in (2, 3):
        r = await client.patch(url, json={"tracking_no": f"YT00000{n}"}, headers=owner)
        assert r.status_code == 200 and r.json()["shipments"][0]["corrections"] == n
    r = await client.patch(url, json={"tracking_no": "YT000009"}, headers=owner)
    assert r.status_code == 409 and r.json()["code"] == "correction_limit_reached"

    assert (await changes_of(db, shop_id, order["id"]))[-3:] == ["shipment.updated"] * 3
    async with db.transaction() as s:
        audits = list(
            await s.scalars(
                select(AuditLog)
                .where(AuditLog.shop_id == shop_id, AuditLog.action == "order.shipment_updated")
                .order_by(AuditLog.id)
            )
        )
    assert len(audits) == 3
    assert audits[0].data["from"] == {"carrier_code": "SF", "tracking_no": f"SF{order['id']:08d}"}
    assert audits[0].data["to"] == {"carrier_code": "YTO", "tracking_no": "YT000001"}
    detail = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=owner)).json()
    kinds = [e["kind"] for e in detail["timeline"]]
    assert kinds.count("shipment_updated") == 3


async def test_correction_refused_after_delivery_and_unknown_parcel(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await paid_order(client, shop_id, internal_headers)
    order = (await ship(client, shop_id, order, owner)).json()
    parcel = order["shipments"][0]
    r = await push(
        client, shop_id, parcel["id"], internal_headers, ("2026-11-20T08:00:00Z", "delivered")
    )
    assert r.status_code == 200, r.text
    url = v1(shop_id, f"/orders/{order['id']}/shipments/{parcel['id']}")
    r = await client.patch(url, json={"tracking_no": "SF11112222"}, headers=owner)
    assert r.status_code == 409 and r.json()["code"] == "shipment_delivered"
    other = await paid_order(client, shop_id, internal_headers)
    # A parcel of another order of the same shop is not this order's.
    r = await client.patch(
        v1(shop_id, f"/orders/{other['id']}/shipments/{parcel['id']}"),
        json={"tracking_no": "SF11112222"},
        headers=owner,
    )
    assert r.status_code == 404


# -- logistics traces ----------------------------------------------------------------------


async def test_tracking_events_sign_the_order_when_every_parcel_is_delivered(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    ih = internal_headers
    order = await paid_order(client, shop_id, ih)
    shirt, hat = (i["id"] for i in order["items"])
    order = (
        await ship(client, shop_id, order, owner, lines=[{"item_id": hat, "quantity": 1}])
    ).json()
    p1 = order["shipments"][0]["id"]

    scans = [("2026-11-20T08:00:00Z", "picked_up"), ("2026-11-20T20:00:00Z", "in_transit")]
    r = await push(client, shop_id, p1, ih, *scans)
    assert r.status_code == 200, r.text
    trace = r.json()
    assert trace["status"] == "in_transit"
    assert [e["status"] for e in trace["events"]] == ["picked_up", "in_transit"]
    assert trace["tracking_url"] == (
        f"https://www.kuaidi100.com/chaxun?com=shunfeng&nu=SF{order['id']:08d}"
    )
    before = await changes_of(db, shop_id, order["id"])
    # A replayed push (same at + status) changes nothing.
    r = await push(client, shop_id, p1, ih, *scans)
    assert r.status_code == 200 and r.json() == trace
    assert await changes_of(db, shop_id, order["id"]) == before

    # The first parcel is delivered while units are unshipped: not signed yet.
    r = await push(client, shop_id, p1, ih, ("2026-11-21T09:00:00Z", "delivered"))
    assert r.json()["status"] == "delivered" and r.json()["signed_at"] == "2026-11-21T09:00:00Z"
    detail = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=owner)).json()
    assert detail["status"] == "partially_shipped" and detail["signed_at"] is None

    order = (await ship(client, shop_id, order, owner, tracking_no="SF77770001")).json()
    assert order["status"] == "shipped"
    p2 = order["shipments"][1]["id"]
    assert order["shipments"][1]["lines"] == [{"item_id": shirt, "quantity": 2}]
    r = await push(
        client,
        shop_id,
        p2,
        ih,
        ("2026-11-22T10:00:00Z", "delivered"),
        ("2026-11-22T07:00:00Z", "out_for_delivery"),
    )
    assert r.status_code == 200
    assert [e["status"] for e in r.json()["events"]] == ["out_for_delivery", "delivered"]

    detail = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=owner)).json()
    assert detail["signed_at"] == "2026-11-22T10:00:00Z"  # the last delivery
    assert [s["status"] for s in detail["shipments"]] == ["delivered", "delivered"]
    kinds = [e["kind"] for e in detail["timeline"]]
    assert kinds.count("tracking_updated") == 3 and kinds[-1] == "signed"
    assert (await changes_of(db, shop_id, order["id"]))[-2:] == [
        "shipment.tracking_updated",
        "order.signed",
    ]
    r = await client.get(
        v1(shop_id, f"/orders/{order['id']}/shipments/{p2}/tracking"), headers=owner
    )
    assert r.status_code == 200 and r.json()["status"] == "delivered"
    # The order's own parcels only.
    other = await paid_order(client, shop_id, ih)
    r = await client.get(
        v1(shop_id, f"/orders/{other['id']}/shipments/{p2}/tracking"), headers=owner
    )
    assert r.status_code == 404


async def test_exception_scan_flags_the_order(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await paid_order(client, shop_id, internal_headers)
    order = (await ship(client, shop_id, order, owner)).json()
    parcel = order["shipments"][0]["id"]
    r = await push(client, shop_id, parcel, internal_headers, ("2026-11-20T08:00:00Z", "exception"))
    assert r.status_code == 200 and r.json()["status"] == "exception"
    detail = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=owner)).json()
    assert detail["flagged"] is True and detail["flag_reason"] == "logistics_exception"
    assert detail["signed_at"] is None
    r = await push(
        client, shop_id, parcel, internal_headers, ("2026-11-21T08:00:00Z", "returned_to_sender")
    )
    assert r.json()["status"] == "returned_to_sender"
    bad = [{"at": "2026-11-21T08:00:00Z", "status": "lost", "description": "?"}]
    r = await client.post(
        internal(shop_id, f"/shipments/{parcel}/tracking-events"),
        json=bad,
        headers=internal_headers,
    )
    assert r.status_code == 422
    r = await client.post(
        internal(shop_id, f"/shipments/{parcel}/tracking-events"), json=[], headers=internal_headers
    )
    assert r.status_code == 422


# -- tenants -------------------------------------------------------------------------------


async def test_parcels_of_another_shop_are_invisible(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await paid_order(client, shop_id, internal_headers)
    order = (await ship(client, shop_id, order, owner)).json()
    parcel = order["shipments"][0]["id"]
    stranger_shop = await make_shop(db, owner_id=await make_account(db))
    stranger = await make_token(db, shop_ids=[stranger_shop])
    h = bearer(stranger)
    path = f"/orders/{order['id']}/shipments/{parcel}"
    # The stranger's own shop id with our ids, and our shop id: 404 both ways.
    for shop_in_path in (stranger_shop, shop_id):
        r = await client.patch(v1(shop_in_path, path), json={"tracking_no": "XX0001"}, headers=h)
        assert r.status_code == 404, r.text
        r = await client.get(v1(shop_in_path, f"{path}/tracking"), headers=h)
        assert r.status_code == 404
    r = await client.post(
        v1(stranger_shop, f"/orders/{order['id']}/shipments"),
        json={"carrier_code": "SF", "tracking_no": "SF0001"},
        headers=h,
    )
    assert r.status_code == 404
    r = await push(
        client, stranger_shop, parcel, internal_headers, ("2026-11-20T08:00:00Z", "delivered")
    )
    assert r.status_code == 404
    body = await gql(
        client,
        stranger,
        "mutation($s: Int!, $o: Int!, $p: Int!) { updateShipment(shopId: $s, orderId: $o, "
        'shipmentId: $p, input: {trackingNo: "XX0001"}) { order { version } '
        "userErrors { code } } }",
        {"s": stranger_shop, "o": order["id"], "p": parcel},
    )
    assert body["data"]["updateShipment"]["userErrors"][0]["code"] == "not_found"
    body = await gql(
        client,
        stranger,
        "query($s: Int!, $o: Int!, $p: Int!) { shipmentTracking(shopId: $s, orderId: $o, "
        "shipmentId: $p) { status } }",
        {"s": shop_id, "o": order["id"], "p": parcel},
    )
    assert body["data"]["shipmentTracking"] is None
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


# -- GraphQL -------------------------------------------------------------------------------


async def test_graphql_parcels_carriers_and_tracking(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    token: str,
) -> None:
    shop_id = shop["shop_id"]
    order = await paid_order(client, shop_id, internal_headers)
    hat = order["items"][1]["id"]
    body = await gql(
        client,
        token,
        "mutation($s: Int!, $o: Int!, $i: Int!) { createShipment(shopId: $s, orderId: $o, "
        'input: {carrierCode: "JTSD", trackingNo: "JT0001", lines: [{itemId: $i, quantity: 1}]})'
        " { order { status shipments { databaseId carrierCode lines { itemId quantity } status } }"
        " userErrors { code field } } }",
        {"s": shop_id, "o": order["id"], "i": hat},
    )
    payload = body["data"]["createShipment"]
    assert payload["userErrors"] == []
    assert payload["order"]["status"] == "PARTIALLY_SHIPPED"
    parcel = payload["order"]["shipments"][0]
    assert parcel["carrierCode"] == "JTSD" and parcel["lines"] == [{"itemId": hat, "quantity": 1}]
    assert parcel["status"] == "SHIPPED"

    r = await push(
        client,
        shop_id,
        parcel["databaseId"],
        internal_headers,
        ("2026-11-20T08:00:00Z", "picked_up"),
    )
    assert r.status_code == 200
    body = await gql(
        client,
        token,
        "query($s: Int!, $o: Int!, $p: Int!) { carriers { code nameZh nameEn trackingUrl } "
        "shipmentTracking(shopId: $s, orderId: $o, shipmentId: $p) { shipmentId orderId "
        "carrierCode trackingNo trackingUrl status signedAt "
        "events { at status location description } } "
        "shop(id: $s) { orders(filter: {status: [PARTIALLY_SHIPPED]}) "
        "{ edges { node { databaseId } } } } }",
        {"s": shop_id, "o": order["id"], "p": parcel["databaseId"]},
    )
    assert "errors" not in body, body
    data = body["data"]
    assert data["carriers"][0]["code"] == "SF"
    tracking = data["shipmentTracking"]
    assert tracking["status"] == "PICKED_UP"
    assert tracking["events"] == [
        {
            "at": "2026-11-20T08:00:00Z",
            "status": "PICKED_UP",
            "location": None,
            "description": "scan picked_up",
        }
    ]
    rest = (
        await client.get(
            v1(shop_id, f"/orders/{order['id']}/shipments/{parcel['databaseId']}/tracking"),
            headers=bearer(token),
        )
    ).json()
    assert rest["tracking_url"] == tracking["trackingUrl"]
    assert [e["node"]["databaseId"] for e in data["shop"]["orders"]["edges"]] == [order["id"]]


# -- note search ---------------------------------------------------------------------------


async def test_note_and_remark_filters(
    client: httpx.AsyncClient,
    shop: dict[str, int],
    internal_headers: dict[str, str],
    owner: dict[str, str],
    token: str,
) -> None:
    shop_id = shop["shop_id"]
    a = await new_order(client, shop_id, internal_headers, buyer_note="请尽快发货，谢谢")
    b = await new_order(client, shop_id, internal_headers, buyer_note="100% 纯棉_要大码")
    await new_order(client, shop_id, internal_headers)
    r = await client.patch(
        v1(shop_id, f"/orders/{b['id']}"),
        json={"merchant_remark": "VIP 客户, Gift wrap"},
        headers=owner,
    )
    assert r.status_code == 200

    async def ids(query: str) -> list[int]:
        r = await client.get(v1(shop_id, f"/orders?{query}"), headers=owner)
        assert r.status_code == 200, r.text
        return sorted(o["id"] for o in r.json()["data"])

    assert await ids("buyer_note_contains=尽快") == [a["id"]]
    assert await ids("buyer_note_contains=%25") == [b["id"]]  # a literal %
    assert await ids("buyer_note_contains=_") == [b["id"]]  # a literal _
    assert await ids("merchant_remark_contains=gift%20WRAP") == [b["id"]]
    assert await ids("merchant_remark_contains=gift&buyer_note_contains=尽快") == []
    r = await client.get(v1(shop_id, "/orders?buyer_note_contains="), headers=owner)
    assert r.status_code == 422
    body = await gql(
        client,
        token,
        'query($s: Int!) { shop(id: $s) { orders(filter: {buyerNoteContains: "纯棉", '
        'merchantRemarkContains: "vip"}) { edges { node { databaseId } } } } }',
        {"s": shop_id},
    )
    assert [e["node"]["databaseId"] for e in body["data"]["shop"]["orders"]["edges"]] == [b["id"]]
