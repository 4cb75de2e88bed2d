"""Seed data for metrics tests: orders with fixed timestamps around Asia/Shanghai midnights,
created through the internal ingest API, plus an independent Python oracle of docs/metrics.md.

The ingest API takes created_at/paid_at/signed_at; shipping, after-sale and complaint times
are taken from the clock by the services, so the seed backdates those columns afterwards.
Complaints (投诉) are filed through the internal API, so their ``complaint`` change rows are
the services' own. Disputes, which count in no metric, are inserted as rows on other orders
too: a metric reading disputes instead of complaints disagrees with the oracle. Each order
touched around the services gets an ``order.updated`` change row, as a service write would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import insert, select, update

from app.db import Database
from app.domain.sync.change_log import record_change
from app.models import AfterSale, Author, Complaint, Dispute, Order, PaymentReminder
from tests.conftest import order_payload

SHANGHAI = "Asia/Shanghai"
# Local midnight of 2026-03-10 in Shanghai is 2026-03-09T16:00Z: times either side of it land
# on different local days but the same UTC day.
MIDNIGHT = datetime(2026, 3, 9, 16, 0, tzinfo=UTC)


@dataclass
class Spec:
    created: datetime
    buyer: str
    unit_price: int
    quantity: int
    shipping_fee: int
    traffic_source: str
    province: str
    author: int | None  # index into the seeded authors
    commission_bps: int
    paid: datetime | None = None
    pay_method: str | None = None
    shipped: datetime | None = None
    signed: datetime | None = None
    after_sale: tuple[str, datetime] | None = None
    complaint: datetime | None = None
    dispute: datetime | None = None  # counts in no metric (complaint_rate counts complaints)
    closed_reason: str | None = None
    reminded: datetime | None = None
    # Set whatever the source: only live_room orders count by room, short_video by video.
    room_id: str | None = None
    video_id: str | None = None
    # filled in by the seed
    id: int = 0
    author_id: int | None = None

    @property
    def paid_amount(self) -> int:
        return self.unit_price * self.quantity + self.shipping_fee

    @property
    def content_id(self) -> str | None:
        """The live room or short video the order came from (metrics ``by_content``)."""
        return {"live_room": self.room_id, "short_video": self.video_id}.get(self.traffic_source)

    @property
    def commission(self) -> int:
        return self.paid_amount * self.commission_bps // 10_000 if self.author is not None else 0


def make_specs(seed: int = 7, n: int = 40) -> list[Spec]:
    rnd = random.Random(seed)
    # Its own generator: the rest of the specs stay as they were before rooms/videos existed.
    # "c/1" is both a room and a video id, and holds the key separator.
    content_rnd = random.Random(seed + 1)
    dispute_rnd = random.Random(seed + 2)  # likewise for the disputes (which count nowhere)
    specs: list[Spec] = []
    for i in range(n):
        # Within ±2.5 days of MIDNIGHT, many within minutes of a local midnight.
        if i % 3 == 0:
            day = rnd.randint(-2, 2)
            created = MIDNIGHT + timedelta(days=day, seconds=rnd.choice([-90, -1, 0, 1, 90]))
        else:
            created = MIDNIGHT + timedelta(seconds=rnd.randint(-2 * 86400, 2 * 86400))
        author = rnd.choice([None, 0, 1])
        spec = Spec(
            created=created,
            buyer=f"b{rnd.randint(1, 6)}",
            unit_price=rnd.choice([990, 4990, 12900, 33300]),
            quantity=rnd.randint(1, 3),
            shipping_fee=rnd.choice([0, 800]),
            traffic_source=rnd.choice(["live_room", "short_video", "search"]),
            province=rnd.choice(["广东", "浙江", "四川"]),
            author=author,
            commission_bps=rnd.choice([500, 1500]) if author is not None else 0,
            room_id=content_rnd.choice(["r1", "r2", "c/1", None]),
            video_id=content_rnd.choice(["v1", "c/1", None]),
        )
        fate = rnd.random()
        if fate < 0.2:
            spec.closed_reason = rnd.choice(["timeout", "buyer_cancelled"])
            if rnd.random() < 0.5:
                spec.reminded = created + timedelta(hours=2)
        elif fate < 0.3:
            spec.reminded = created + timedelta(hours=1) if rnd.random() < 0.5 else None
        else:
            spec.paid = created + timedelta(minutes=rnd.choice([1, 30, 300, 900]))
            spec.pay_method = rnd.choice(["alipay", "wechat_pay", "douyin_pay"])
            if rnd.random() < 0.3:
                spec.reminded = created + timedelta(seconds=30)
            if rnd.random() < 0.75:
                spec.shipped = spec.paid + timedelta(hours=rnd.randint(1, 30))
                if rnd.random() < 0.8:
                    spec.signed = spec.shipped + timedelta(
                        hours=rnd.randint(5, 90), minutes=rnd.randint(0, 59)
                    )
            r = rnd.random()
            if r < 0.25:
                kind = "return_refund" if spec.shipped else "refund_only"
                at = (spec.signed or spec.shipped or spec.paid) + timedelta(
                    hours=rnd.randint(1, 20)
                )
                spec.after_sale = (kind, at)
            elif r < 0.35 and spec.shipped:
                at = (spec.signed or spec.shipped) + timedelta(hours=3)
                spec.after_sale = ("exchange", at)
            if rnd.random() < 0.2:
                spec.complaint = spec.paid + timedelta(hours=rnd.randint(1, 48))
            if dispute_rnd.random() < 0.3:
                spec.dispute = spec.paid + timedelta(hours=dispute_rnd.randint(1, 48))
        specs.append(spec)
    return specs


async def seed(
    client: httpx.AsyncClient,
    db: Database,
    shop_id: int,
    headers: dict[str, str],
    specs: list[Spec],
) -> list[Spec]:
    base = f"/internal/v1/shops/{shop_id}"
    async with db.transaction() as s:
        author_ids = [
            (
                await s.execute(insert(Author).values(nickname=f"达人{k}").returning(Author.id))
            ).scalar_one()
            for k in range(2)
        ]

    async def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        r = await client.post(base + path, json=body, headers=headers)
        assert r.status_code in (200, 201), r.text
        out: dict[str, Any] = r.json()
        return out

    for spec in specs:
        spec.author_id = author_ids[spec.author] if spec.author is not None else None
        payload = order_payload(
            buyer={"id": spec.buyer, "nickname": f"nick-{spec.buyer}"},
            items=[
                {
                    "product_id": 1,
                    "title": "商品",
                    "quantity": spec.quantity,
                    "unit_price": spec.unit_price,
                }
            ],
            shipping_fee=spec.shipping_fee,
            traffic_source=spec.traffic_source,
            author_id=spec.author_id,
            commission_rate_bps=spec.commission_bps,
            created_at=spec.created.isoformat(),
            room_id=spec.room_id,
            video_id=spec.video_id,
        )
        payload["receiver"] = {**payload["receiver"], "province": spec.province}
        spec.id = (await post("/orders", payload))["id"]
        if spec.closed_reason:
            await post(f"/orders/{spec.id}/close", {"reason": spec.closed_reason})
        if spec.paid:
            await post(
                f"/orders/{spec.id}/pay",
                {"pay_method": spec.pay_method, "paid_at": spec.paid.isoformat()},
            )
        if spec.shipped:
            await post(
                f"/orders/{spec.id}/ship", {"carrier": "SF", "tracking_no": f"SF{spec.id}00"}
            )
        if spec.signed:
            await post(f"/orders/{spec.id}/sign", {"signed_at": spec.signed.isoformat()})
        if spec.after_sale:
            body = {"type": spec.after_sale[0], "reason": "不想要了"}
            await post(f"/orders/{spec.id}/after-sales", body)
        if spec.complaint:
            body = {"kind": "quality", "description": "质量不好"}
            await post(f"/orders/{spec.id}/complaints", body)
    async with db.transaction() as s:
        for spec in specs:
            where = (Order.shop_id == shop_id, Order.id == spec.id)
            if spec.shipped:
                await s.execute(update(Order).where(*where).values(shipped_at=spec.shipped))
            if spec.after_sale:
                await s.execute(
                    update(AfterSale)
                    .where(AfterSale.shop_id == shop_id, AfterSale.order_id == spec.id)
                    .values(created_at=spec.after_sale[1])
                )
            if spec.complaint:
                await s.execute(
                    update(Complaint)
                    .where(Complaint.shop_id == shop_id, Complaint.order_id == spec.id)
                    .values(created_at=spec.complaint)
                )
            if spec.dispute:
                await s.execute(
                    insert(Dispute).values(
                        shop_id=shop_id,
                        order_id=spec.id,
                        kind="logistics",
                        status="open",
                        description="parcel lost",
                        created_at=spec.dispute,
                    )
                )
            if spec.reminded:
                await s.execute(
                    insert(PaymentReminder).values(
                        shop_id=shop_id, order_id=spec.id, created_at=spec.reminded
                    )
                )
            if spec.shipped or spec.after_sale or spec.dispute:
                # Written around the services, so say so in the change log: the metrics
                # rollup (like any change-log follower) then recomputes the days touched.
                version = await s.scalar(select(Order.version).where(*where))
                await record_change(
                    s,
                    shop_id=shop_id,
                    entity="order",
                    entity_id=spec.id,
                    entity_version=int(version or 1),
                    type="order.updated",
                    data={"id": spec.id, "backdated": True},
                )
    return specs


# -- the oracle: plain Python over the specs ------------------------------------------------


def local_day(ts: datetime, tz: str) -> date:
    return ts.astimezone(ZoneInfo(tz)).date()


def within(ts: datetime | None, first: date, last: date, tz: str) -> bool:
    return ts is not None and first <= local_day(ts, tz) <= last


def percentile(values: list[float], p: float) -> float:
    xs = sorted(values)
    pos = p * (len(xs) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def oracle(specs: list[Spec], first: date, last: date, tz: str = SHANGHAI) -> dict[str, Any]:
    created = [s for s in specs if within(s.created, first, last, tz)]
    paid_created = [s for s in created if s.paid]
    paid = [s for s in specs if within(s.paid, first, last, tz)]
    signed = [s for s in specs if within(s.signed, first, last, tz) and s.shipped]
    # Cohorts: of the orders paid in the range, those with a return / a complaint (ever).
    returned = [
        s for s in paid if s.after_sale and s.after_sale[0] in ("refund_only", "return_refund")
    ]
    complained = [s for s in paid if s.complaint]
    gmv = sum(s.paid_amount for s in paid)
    hours = [
        (s.signed - s.shipped).total_seconds() / 3600  # type: ignore[operator]
        for s in signed
    ]

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "orders": len(created),
        "paid_orders": len(paid),
        "gmv": gmv,
        "payment_conversion": ratio(len(paid_created), len(created)),
        "aov": int(Fraction(gmv, len(paid)) + Fraction(1, 2)) if paid else None,  # half up
        "ship_to_sign_hours": {
            "avg": round(sum(hours) / len(hours), 2) if hours else None,
            "p50": round(percentile(hours, 0.5), 2) if hours else None,
            "p90": round(percentile(hours, 0.9), 2) if hours else None,
        },
        "return_rate": ratio(len(returned), len(paid)),
        "complaint_rate": ratio(len(complained), len(paid)),
        "dispute_rate": ratio(len(complained), len(paid)),
        # extra for author grouping
        "commission": sum(s.commission for s in paid),
    }


def group_value(spec: Spec, group_by: str) -> Any:
    return {
        "traffic_source": spec.traffic_source,
        "author": spec.author_id,
        "province": spec.province,
        "pay_method": spec.pay_method,
    }[group_by]
