"""Parcel stories on top of the bulk demo data, written through the real services (so their
rows, timeline, change log and audit are exactly what the API writes): per shop, a partially
shipped order, one shipped in two parcels and delivered (signed by its trace), one whose
tracking number was corrected, and one with a logistics exception (flagged).

Each step runs at a fixed instant before the demo anchor (:func:`app.kit.clock.frozen`), so a
seed and anchor give the same rows every time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import orjson
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool

from app.config import async_database_url
from app.domain.access.scope import ShopScope
from app.domain.audit.actor import Actor, ActorType
from app.domain.orders.schemas import OrderShip
from app.domain.orders.service import OrderService
from app.domain.shipments.schemas import (
    ShipmentLineIn,
    ShipmentPatch,
    TrackingEventIn,
    TrackingStatus,
)
from app.domain.shipments.service import ShipmentService
from app.domain.shipments.tracking import TrackingService
from app.errors import AppError
from app.kit.clock import frozen
from app.models import Order, OrderItem
from app.models.orders import OrderStatus

CORE = Actor(ActorType.INTERNAL)
STORIES = ("partial", "two_parcels", "corrected", "exception")
STORY_HOURS = 50  # the longest story (two_parcels) takes 47 of its hours


def _tracking_no(order_id: int, n: int) -> str:
    return f"SF{order_id:013d}{n}"


class _Story:
    """One order's steps, each at its own instant from ``start`` on."""

    def __init__(
        self, session: AsyncSession, shop_id: int, owner: int, start: datetime, hour: timedelta
    ) -> None:
        scope = ShopScope.of([shop_id])
        self.shop_id = shop_id
        self.at = start
        self.hour = hour  # an hour of the story, shortened when the order is recent
        self.merchant = ShipmentService(
            OrderService(session, scope, Actor(ActorType.ACCOUNT, account_id=owner))
        )
        self.core = TrackingService(ShipmentService(OrderService(session, scope, CORE)))

    def tick(self, hours: float) -> datetime:
        self.at += self.hour * hours
        return self.at

    async def ship(self, order_id: int, n: int, lines: list[ShipmentLineIn] | None) -> int:
        with frozen(self.tick(2)):
            data = OrderShip(carrier_code="SF", tracking_no=_tracking_no(order_id, n), lines=lines)
            order = await self.merchant.ship(self.shop_id, order_id, data)
        return int(order["shipments"][-1]["id"])

    async def scan(self, shipment_id: int, *statuses: str) -> None:
        events = [
            TrackingEventIn(
                at=self.tick(6),
                status=TrackingStatus(status),
                location="杭州转运中心",
                description=f"快件状态: {status}",
            )
            for status in statuses
        ]
        with frozen(self.tick(0.5)):
            await self.core.ingest(self.shop_id, shipment_id, events)


Candidate = tuple[int, int, int, datetime]


async def _candidates(session: AsyncSession, shop_id: int, before: datetime) -> list[Candidate]:
    """Unflagged paid orders of the shop last touched before ``before``, those of two units or
    more first: (order id, first item id, its quantity, last touched)."""
    units = (
        select(func.sum(OrderItem.quantity))
        .where(OrderItem.shop_id == Order.shop_id, OrderItem.order_id == Order.id)
        .scalar_subquery()
    )
    first_item = (
        select(OrderItem.id)
        .where(OrderItem.shop_id == Order.shop_id, OrderItem.order_id == Order.id)
        .order_by(OrderItem.id)
        .limit(1)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(Order.id, first_item, Order.updated_at)
        .where(
            Order.shop_id == shop_id,
            Order.status == OrderStatus.PAID,
            Order.updated_at < before,
            Order.flagged.is_(False),
        )
        # Orders of two units or more first: the split stories (told first) need them.
        .order_by((units >= 2).desc(), Order.id)
        .limit(len(STORIES))
    )
    result: list[Candidate] = []
    for order_id, item_id, updated_at in rows:
        quantity = await session.scalar(select(OrderItem.quantity).where(OrderItem.id == item_id))
        result.append((int(order_id), int(item_id), int(quantity or 1), updated_at))
    return result


async def _tell(story: _Story, name: str, order_id: int, item_id: int, quantity: int) -> None:
    # The first parcel of a split order: one unit of its first line, or the whole line.
    part = [ShipmentLineIn(item_id=item_id, quantity=1 if quantity > 1 else quantity)]
    if name == "partial":
        parcel = await story.ship(order_id, 1, part)
        await story.scan(parcel, "picked_up", "in_transit")
    elif name == "two_parcels":
        first = await story.ship(order_id, 1, part)
        second = await story.ship(order_id, 2, None)
        await story.scan(first, "picked_up", "in_transit", "out_for_delivery", "delivered")
        await story.scan(second, "picked_up", "in_transit", "delivered")
    elif name == "corrected":
        parcel = await story.ship(order_id, 1, None)
        with frozen(story.tick(1)):
            fixed = ShipmentPatch(carrier_code="YTO", tracking_no=f"YT{order_id:013d}")
            await story.merchant.correct(story.shop_id, order_id, parcel, fixed)
        await story.scan(parcel, "picked_up")
    else:
        parcel = await story.ship(order_id, 1, None)
        await story.scan(parcel, "picked_up", "exception")


async def add_parcel_stories(
    database_url: str, shop_ids: Sequence[int], owner_ids: Sequence[int], anchor: datetime
) -> int:
    """Tell the stories in each shop (as far as it has candidate orders); returns how many
    orders got one."""
    engine = create_async_engine(
        async_database_url(database_url),
        poolclass=NullPool,
        json_serializer=lambda v: orjson.dumps(v).decode(),
        json_deserializer=orjson.loads,
        connect_args={"server_settings": {"timezone": "UTC"}},
    )
    sessions = async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
    told = 0
    try:
        for shop_id, owner in zip(shop_ids, owner_ids, strict=True):
            async with sessions() as session, session.begin():
                candidates = await _candidates(session, shop_id, anchor - timedelta(hours=1))
            for name, (order_id, item_id, quantity, touched) in zip(
                STORIES, candidates, strict=False
            ):
                # A story spans < STORY_HOURS of its hours, from just after the order's last
                # step: every timeline stays in order and ends before the anchor.
                hour = min(timedelta(hours=1), (anchor - touched) / (STORY_HOURS + 1))
                try:
                    async with sessions() as session, session.begin():
                        story = _Story(session, shop_id, owner, touched + hour, hour)
                        await _tell(story, name, order_id, item_id, quantity)
                except AppError:
                    # A small demo can offer a candidate another story already moved on
                    # (`up --orders 2000`): skip that story (rolled back) rather than fail.
                    continue
                told += 1
    finally:
        await engine.dispose()
    return told
