"""GraphQL answers the fields REST's order and dispute detail carry: allowed actions, payment
reminders, the commission rate, a dispute's review window and evidence, and dispute filters."""

from __future__ import annotations

import httpx

from app.db import Database
from tests.factories import bearer, make_token
from tests.integration.orders_support import new_order, v1
from tests.integration.test_after_sales_disputes import PNG, dispute, upload
from tests.integration.test_graphql import count_statements, gql

ORDER = """query($s: Int!, $id: Int!) { shop(id: $s) { order(id: $id) {
  allowedActions commissionRateBps commissionAmount
  paymentReminders { databaseId couponCode message actor createdAt } } } }"""

LIST = """query($s: Int!) { shop(id: $s) { orders(first: 5) { nodes {
  databaseId allowedActions paymentReminders { couponCode } } } } }"""

DISPUTES = """query($s: Int!, $f: DisputeFilterInput) { shop(id: $s) { disputes(filter: $f) {
  nodes { databaseId status reviewWindow { earliest latest businessDays timezone }
          evidence { databaseId kind sha256 sizeBytes } } } } }"""


async def test_order_fields_match_the_rest_detail(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    order = await new_order(
        client, shop_id, internal_headers, author_id=None, commission_rate_bps=0
    )
    r = await client.post(
        v1(shop_id, f"/orders/{order['id']}/payment-reminders"),
        json={"coupon_code": "SAVE5", "message": "still want it?"},
        headers=bearer(token),
    )
    assert r.status_code == 200, r.text
    rest = (await client.get(v1(shop_id, f"/orders/{order['id']}"), headers=bearer(token))).json()

    one = (await gql(client, token, ORDER, {"s": shop_id, "id": order["id"]}))["data"]
    got = one["shop"]["order"]
    assert got["allowedActions"] == rest["allowed_actions"] and got["allowedActions"]
    assert [
        (p["databaseId"], p["couponCode"], p["message"], p["actor"])
        for p in got["paymentReminders"]
    ] == [(p["id"], p["coupon_code"], p["message"], p["actor"]) for p in rest["payment_reminders"]]
    assert got["commissionRateBps"] is None and got["commissionAmount"] == 0

    # In a list, reminders come from one batched loader for the page.
    listed = (await gql(client, token, LIST, {"s": shop_id}))["data"]["shop"]["orders"]["nodes"]
    (row,) = [n for n in listed if n["databaseId"] == order["id"]]
    assert row["paymentReminders"] == [{"couponCode": "SAVE5"}]
    assert row["allowedActions"] == rest["allowed_actions"]


async def test_dispute_review_window_evidence_and_filters(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    owner = bearer(token)
    submitted = await dispute(
        client,
        shop_id,
        (await new_order(client, shop_id, internal_headers, state="shipped"))["id"],
        owner,
    )
    still_open = await dispute(
        client,
        shop_id,
        (await new_order(client, shop_id, internal_headers, state="shipped"))["id"],
        owner,
    )
    assert (await upload(client, shop_id, submitted["id"], owner, PNG)).status_code == 201
    r = await client.post(
        v1(shop_id, f"/disputes/{submitted['id']}/submit"), json={}, headers=owner
    )
    assert r.status_code == 200, r.text
    rest = (await client.get(v1(shop_id, f"/disputes/{submitted['id']}"), headers=owner)).json()
    evidence = (
        await client.get(v1(shop_id, f"/disputes/{submitted['id']}/evidence"), headers=owner)
    ).json()

    answer = await gql(client, token, DISPUTES, {"s": shop_id, "f": {"status": ["under_review"]}})
    assert "errors" not in answer, answer
    (node,) = answer["data"]["shop"]["disputes"]["nodes"]
    assert node["databaseId"] == submitted["id"]
    window = rest["review_window"]
    assert node["reviewWindow"] == {
        "earliest": window["earliest"],
        "latest": window["latest"],
        "businessDays": window["business_days"],
        "timezone": window["timezone"],
    }
    assert [(e["databaseId"], e["sha256"]) for e in node["evidence"]] == [
        (e["id"], e["sha256"]) for e in evidence["data"]
    ]

    opened = await gql(client, token, DISPUTES, {"s": shop_id, "f": {"status": ["open"]}})
    (node,) = opened["data"]["shop"]["disputes"]["nodes"]
    assert node["databaseId"] == still_open["id"]
    assert node["reviewWindow"] is None and node["evidence"] == []

    bad = await gql(client, token, DISPUTES, {"s": shop_id, "f": {"status": ["nope"]}})
    assert bad["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR"

    # A page of disputes reads all its evidence in one statement, however many disputes.
    assert (await upload(client, shop_id, still_open["id"], owner, PNG)).status_code == 201
    with count_statements(db) as statements:
        both = await gql(client, token, DISPUTES, {"s": shop_id})
    nodes = both["data"]["shop"]["disputes"]["nodes"]
    assert sorted(len(n["evidence"]) for n in nodes) == [1, 1]
    assert sum("dispute_evidence" in s for s in statements) == 1, statements


CARRIERS = "{ carriers { code nameZh nameEn trackingUrl } }"
TO_SHIP = """query($s: Int!) { shop(id: $s) {
  orders(first: 10, filter: {status: [PAID, PARTIALLY_SHIPPED]}) { nodes { databaseId status } }
  partial: orders(first: 10, filter: {status: [PARTIALLY_SHIPPED]}) { nodes { databaseId } }
} }"""


async def test_carriers_and_the_partially_shipped_filter_match_rest(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> None:
    s = shop["shop_id"]
    token = await make_token(db, shop_ids=[s])
    rest = (await client.get("/v1/carriers", headers=bearer(token))).json()["data"]
    got = (await gql(client, token, CARRIERS, {}))["data"]["carriers"]
    assert [(c["code"], c["nameZh"], c["nameEn"], c["trackingUrl"]) for c in got] == [
        (c["code"], c["name_zh"], c["name_en"], c["tracking_url"]) for c in rest
    ]

    # One of two units shipped: partially shipped, still in the to-ship queue.
    paid, split, _shipped = [
        await new_order(client, s, internal_headers, state=state)
        for state in ("paid", "paid", "shipped")
    ]
    one_unit = {"item_id": split["items"][0]["id"], "quantity": 1}
    r = await client.post(
        v1(s, f"/orders/{split['id']}/shipments"),
        json={"carrier_code": "SF", "tracking_no": "SF0000000001", "lines": [one_unit]},
        headers=bearer(token),
    )
    assert r.status_code == 201 and r.json()["status"] == "partially_shipped", r.text
    page = (await gql(client, token, TO_SHIP, {"s": s}))["data"]["shop"]
    queue = {(n["databaseId"], n["status"]) for n in page["orders"]["nodes"]}
    assert queue == {(paid["id"], "PAID"), (split["id"], "PARTIALLY_SHIPPED")}
    assert page["partial"]["nodes"] == [{"databaseId": split["id"]}]
    rest_queue = await client.get(
        v1(s, "/orders"),
        params={"status": ["paid", "partially_shipped"]},
        headers=bearer(token),
    )
    assert {o["id"] for o in rest_queue.json()["data"]} == {i for i, _ in queue}
