"""Live traffic for the internal ingest API: orders born, paid, closed, shipped (whole, or in
two parcels), tracked by carrier scans (which sign the order once every parcel is delivered,
and sometimes report an exception), signed, completed and sent to after-sales, buyers asking
for address changes and complaining, at a steady rate of lifecycle events per second. Given a
merchant client too (a token with after_sales:write on the shops), the merchant's side joins
in: partial refunds of signed orders, exchange offers on refund requests, which the buyer
then accepts or declines (internal API), and corrections of a parcel's tracking number (now
and then its carrier too) while it is in transit — once per parcel at most, as a merchant
fixing a typo does (the API allows three).

The simulator keeps the ids of the orders it created in per-state pools and only asks for
actions their state allows, so errors it reports are real failures (or someone else changing
the same orders). Events are paced on a fixed schedule (event k at start + k / rate) with at
most ``concurrency`` requests in flight; when the server is slower than the rate, the achieved
rate says so.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from app.demo import vocab
from app.kit.clock import rfc3339

# Relative weights of the next lifecycle event (falls back to "create" without a candidate).
ACTION_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("create", 36),
    ("pay", 26),
    ("close", 4),
    ("ship", 10),
    ("ship_part", 4),
    ("ship_rest", 3),
    ("track", 8),
    ("sign", 3),
    ("complete", 8),
    ("after_sale", 3),
    ("address_change", 4),
    ("complaint", 3),
    # The merchant's side (only with a merchant client).
    ("partial_refund", 3),
    ("offer_exchange", 3),
    ("answer_exchange", 3),
    ("correct", 2),
)
MERCHANT_ACTIONS = frozenset({"partial_refund", "offer_exchange", "correct"})
# Actions that need the merchant's client (answering needs an offer first).
_NEEDS_MERCHANT = MERCHANT_ACTIONS | {"answer_exchange"}
# Pool an order must be in for the action, and the pool it moves to on success ("track"
# decides its own: signed once every parcel is delivered, else back to shipped).
_FLOW: dict[str, tuple[str, str | None]] = {
    "pay": ("pending", "paid"),
    "close": ("pending", None),
    "ship": ("paid", "shipped"),
    "ship_part": ("paid", "partial"),
    "ship_rest": ("partial", "shipped"),
    "track": ("shipped", "shipped"),
    "sign": ("shipped", "signed"),
    "complete": ("signed", "completed"),
    "after_sale": ("completed", "requested"),
    # A buyer asks once per order (a second pending request is refused): the order leaves the
    # pool of orders that may still ask, and stays paid for the next events.
    "address_change": ("paid", "paid"),
    "complaint": ("completed", "completed"),
    "partial_refund": ("signed", "signed"),
    "offer_exchange": ("requested", "offered"),
    "answer_exchange": ("offered", None),
    "correct": ("shipped", "shipped"),
}
_PATHS = {
    "after_sale": "after-sales",
    "address_change": "address-change-requests",
    "complaint": "complaints",
    "ship_part": "ship",
    "ship_rest": "ship",
}
# Pools of after-sale ids (shop, after-sale) rather than orders.
_AFTER_SALE_POOLS = ("requested", "offered")
EXCEPTION_SHARE = 0.1  # of traces report an exception (flags the order) before delivery
CARRIER_FIX_SHARE = 0.25  # of corrections change the carrier too (the parcel went by another)


@dataclass
class SimulationResult:
    events: int = 0
    errors: int = 0
    seconds: float = 0.0
    by_action: Counter[str] = field(default_factory=Counter)
    errors_by_kind: Counter[str] = field(default_factory=Counter)
    signed_by_trace: int = 0  # traces that signed their order (a second change-log row)

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else 0.0


class _Pools:
    """Order ids per (shop, state); an order is out of every pool while a request runs on it."""

    def __init__(self, shops: Sequence[int]) -> None:
        self.by_state: dict[str, list[tuple[int, int]]] = {
            state: []
            for state in (
                "pending",
                "paid",
                "partial",
                "shipped",
                "signed",
                "completed",
                *_AFTER_SALE_POOLS,
            )
        }
        self.shops = list(shops)
        # What ships and tracks need: each order's first line, its parcels not yet delivered.
        self.first_line: dict[tuple[int, int], dict[str, int]] = {}
        self.in_transit: dict[tuple[int, int], list[int]] = {}
        self.asked: set[tuple[int, int]] = set()  # orders with an address-change request
        self.corrected: set[int] = set()  # parcels corrected once (the simulator's bound)

    def uncorrected_parcel(self, order: tuple[int, int]) -> int | None:
        """A parcel of ``order`` still in transit and never corrected."""
        return next((p for p in self.in_transit.get(order, []) if p not in self.corrected), None)

    def take(self, state: str, rng: random.Random) -> tuple[int, int] | None:
        pool = self.by_state[state]
        if not pool:
            return None
        index = rng.randrange(len(pool))
        pool[index], pool[-1] = pool[-1], pool[index]
        return pool.pop()

    def put(self, state: str | None, order: tuple[int, int]) -> None:
        if state is not None:
            self.by_state[state].append(order)


def order_body(rng: random.Random) -> dict[str, Any]:
    """A plausible new order (the same vocabulary as the bulk demo data)."""
    short, full, _, cities = rng.choices(vocab.PROVINCES, weights=[p[2] for p in vocab.PROVINCES])[
        0
    ]
    city = rng.choice(cities)
    prefix = full if full == f"{city}市" else f"{full}{city}市"
    buyer = rng.randrange(1, 10_000_000)
    source = rng.choices(
        ["live_room", "short_video", "product_card", "search", "other"], [45, 25, 15, 10, 5]
    )[0]
    body: dict[str, Any] = {
        "buyer": {
            "id": f"dy{buyer:09d}",
            "nickname": f"{rng.choice(vocab.NICK_PREFIXES)}{rng.choice(vocab.NICK_NOUNS)}",
        },
        "receiver": {
            "name": rng.choice(vocab.SURNAMES) + rng.choice(vocab.GIVEN_NAMES),
            "phone": rng.choice(vocab.PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}",
            "address": f"{prefix}{rng.choice(vocab.DISTRICTS)}{rng.choice(vocab.ROADS)}"
            f"{rng.randrange(1, 300)}号",
            "province": short,
            "city": city,
        },
        "items": [
            {
                "product_id": rng.randrange(1, 200),
                "title": f"{rng.choice(vocab.PRODUCT_ADJECTIVES)}{noun}",
                "quantity": rng.choice((1, 1, 1, 2)),
                "unit_price": price,
            }
            for noun, price in rng.sample(vocab.PRODUCT_NOUNS, rng.choice((1, 1, 2, 3)))
        ],
        "shipping_fee": rng.choice((0, 0, 0, 800)),
        "traffic_source": source,
    }
    if source == "live_room":
        body["room_id"] = f"7{rng.randrange(10**18):018d}"
    elif source == "short_video":
        body["video_id"] = f"7{rng.randrange(10**18):018d}"
    return body


def _action_body(action: str, rng: random.Random) -> dict[str, Any]:
    if action == "pay":
        return {"pay_method": rng.choices(("douyin_pay", "alipay", "wechat_pay"), (9, 6, 5))[0]}
    if action == "close":
        return {"reason": rng.choice(vocab.CLOSE_REASONS)}
    if action in ("ship", "ship_rest", "ship_part"):
        return _parcel_label(rng)
    if action == "correct":
        # Mostly a mistyped tracking number; sometimes the parcel left with another carrier.
        label = _parcel_label(rng)
        return label if rng.random() < CARRIER_FIX_SHARE else {"tracking_no": label["tracking_no"]}
    if action == "after_sale":
        return {"type": "refund_only", "reason": rng.choice(vocab.AFTER_SALE_REASONS)}
    if action == "address_change":
        return {"receiver": order_body(rng)["receiver"]}
    if action == "complaint":
        kind = rng.choice(("quality", "not_as_described", "logistics", "service", "other"))
        return {"kind": kind, "description": rng.choice(vocab.AFTER_SALE_REASONS)}
    if action == "partial_refund":
        return {"amount": rng.choice((100, 200, 500)), "reason": "价格保护补差价"}
    if action == "offer_exchange":
        return {"action": "offer_exchange", "reason": "可以为您换一件新的"}
    if action == "answer_exchange":
        return {"accepted": rng.random() < 0.5}
    return {}


def _parcel_label(rng: random.Random) -> dict[str, Any]:
    _, code, _ = rng.choices(vocab.CARRIERS, [c[2] for c in vocab.CARRIERS])[0]
    return {"carrier_code": code, "tracking_no": f"{code}{rng.randrange(10**12):012d}"}


def _path(action: str, shop_id: int, target: int, parcel: int | None = None) -> str:
    """Where ``action`` on ``target`` (an order, or an after-sale) is sent."""
    if action == "correct":
        return f"/v1/shops/{shop_id}/orders/{target}/shipments/{parcel}"
    if action == "partial_refund":
        return f"/v1/shops/{shop_id}/orders/{target}/refunds"
    if action == "offer_exchange":
        return f"/v1/shops/{shop_id}/after-sales/{target}/actions"
    if action == "answer_exchange":
        return f"/internal/v1/shops/{shop_id}/after-sales/{target}/exchange-offer"
    path = _PATHS.get(action, action)
    return f"/internal/v1/shops/{shop_id}/orders/{target}/{path}"


async def simulate(
    client: httpx.AsyncClient,
    *,
    shops: Sequence[int],
    rate: float,
    duration: float | None = None,
    max_events: int | None = None,
    seed: int = 42,
    concurrency: int = 32,
    merchant: httpx.AsyncClient | None = None,
) -> SimulationResult:
    """Drive ``client`` (base URL and internal bearer token already set) at ``rate`` events/s
    until ``duration`` seconds or ``max_events`` events, whichever comes first; ``merchant``
    (a merchant's bearer token set) adds partial refunds and exchange offers."""
    if not shops or rate <= 0 or (duration is None and max_events is None):
        raise ValueError("need shops, a positive rate and a duration or an event budget")
    rng = random.Random(seed)
    pools = _Pools(shops)
    result = SimulationResult()
    gate = asyncio.Semaphore(concurrency)
    mix = [(a, w) for a, w in ACTION_WEIGHTS if merchant is not None or a not in _NEEDS_MERCHANT]
    actions = [a for a, _ in mix]
    weights = [w for _, w in mix]
    tasks: set[asyncio.Task[None]] = set()

    def _after(action: str, order: tuple[int, int], body: dict[str, Any]) -> str | None:
        """The pool an order goes to after ``action`` answered ``body``."""
        if action in ("ship", "ship_part", "ship_rest"):
            pools.in_transit.setdefault(order, []).append(int(body["shipments"][-1]["id"]))
            if body["status"] == "shipped" and action == "ship_part":
                return "shipped"  # one parcel held everything
        if action == "track":
            if body["status"] != "delivered":
                return "shipped"  # an exception: the next trace delivers it
            pools.in_transit[order].pop(0)
            if pools.in_transit[order]:
                return "shipped"
            result.signed_by_trace += 1
            return "signed"
        if action == "sign":
            pools.in_transit.pop(order, None)
        return _FLOW[action][1]

    async def run(
        action: str, order: tuple[int, int] | None, body: dict[str, Any], parcel: int | None
    ) -> None:
        try:
            if order is None:
                shop_id = rng.choice(pools.shops)
                response = await client.post(f"/internal/v1/shops/{shop_id}/orders", json=body)
            elif action == "track":
                shop_id = order[0]
                parcel = pools.in_transit[order][0]
                response = await client.post(
                    f"/internal/v1/shops/{shop_id}/shipments/{parcel}/tracking-events",
                    json=body["events"],
                )
            else:
                shop_id, target = order
                sender = merchant if action in MERCHANT_ACTIONS and merchant else client
                method = "PATCH" if action == "correct" else "POST"
                path = _path(action, shop_id, target, parcel)
                response = await sender.request(method, path, json=body)
        except httpx.HTTPError as exc:
            result.errors += 1
            result.errors_by_kind[f"{action}: {type(exc).__name__}"] += 1
            if order is not None:
                pools.put(_FLOW[action][0], order)  # untouched: try it again later
            return
        finally:
            gate.release()
        result.events += 1
        result.by_action[action] += 1
        if response.is_success:
            if order is None:
                created = (shop_id, int(response.json()["id"]))
                item = response.json()["items"][0]
                pools.first_line[created] = {"item_id": item["id"], "quantity": item["quantity"]}
                pools.put("pending", created)
            elif action == "after_sale":
                pools.put("requested", (shop_id, int(response.json()["id"])))
            else:
                pools.put(_after(action, order, response.json()), order)
                if action == "address_change":
                    pools.asked.add(order)
                if parcel is not None:
                    pools.corrected.add(parcel)
        else:
            result.errors += 1
            code = _problem_code(response)
            result.errors_by_kind[f"{action}: {response.status_code} {code}"] += 1

    started = time.perf_counter()
    k = 0
    while True:
        if max_events is not None and k >= max_events:
            break
        due = started + k / rate
        if duration is not None and due - started >= duration:
            break
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        await gate.acquire()
        if duration is not None and time.perf_counter() - started >= duration:
            gate.release()  # the server fell behind: stop at the deadline, not the schedule
            break
        action = rng.choices(actions, weights)[0]
        order = None
        parcel = None
        if action != "create":
            order = pools.take(_FLOW[action][0], rng)
            if order is not None and action == "correct":
                parcel = pools.uncorrected_parcel(order)
            if order is not None and (
                (action == "address_change" and order in pools.asked)
                or (action == "correct" and parcel is None)
            ):
                pools.put(_FLOW[action][0], order)
                order = None
            if order is None:
                action = "create"
        if action == "ship_part" and order is not None:
            # One unit of the first line: the order is left partially shipped only when it
            # has more units (else the parcel holds everything and it is shipped).
            line = pools.first_line.get(order)
            if line is None or line["quantity"] < 2:
                action = "ship"
        body = order_body(rng) if action == "create" else _action_body(action, rng)
        if action == "ship_part" and order is not None:
            body["lines"] = [{**pools.first_line[order], "quantity": 1}]
        if action == "track":
            body = {"events": _trace(rng, delivered=rng.random() >= EXCEPTION_SHARE)}
        task = asyncio.create_task(run(action, order, body, parcel))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        k += 1
    if tasks:
        await asyncio.gather(*tasks)
    result.seconds = time.perf_counter() - started
    return result


def _trace(rng: random.Random, *, delivered: bool) -> list[dict[str, Any]]:
    """A parcel's scans from pickup to delivery (or to an exception), in the recent past."""
    # An exception trace lies wholly before any delivering trace, so the later one wins.
    hours_ago = 24 if delivered else rng.randrange(48, 72)
    start = datetime.now(UTC) - timedelta(hours=hours_ago, seconds=rng.randrange(3600))
    steps = ["picked_up", "in_transit", "out_for_delivery", "delivered"]
    if not delivered:
        steps = ["picked_up", "exception"]
    return [
        {
            "at": rfc3339(start + timedelta(hours=6 * k)),
            "status": status,
            "location": rng.choice(vocab.PROVINCES)[0],
            "description": _SCAN_TEXT[status],
        }
        for k, status in enumerate(steps)
    ]


_SCAN_TEXT = {
    "picked_up": "快件已揽收",
    "in_transit": "快件已到达转运中心",
    "out_for_delivery": "快件正在派送中",
    "delivered": "快件已签收",
    "exception": "快件异常，派送失败",
}


def _problem_code(response: httpx.Response) -> str:
    try:
        return str(response.json().get("code", ""))
    except ValueError:
        return ""


def internal_client(
    base_url: str, token: str, *, app: Any | None = None, timeout: float = 30.0
) -> httpx.AsyncClient:
    """An httpx client for the internal API: over the network, or in-process on ``app``."""
    transport = httpx.ASGITransport(app=app) if app is not None else None
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    return httpx.AsyncClient(
        base_url=base_url,
        headers={"Authorization": f"Bearer {token}"},
        transport=transport,
        timeout=timeout,
        limits=limits,
    )
