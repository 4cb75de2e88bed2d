"""Shop-scoped SQL aggregations behind every metric. One query per event family, bucketed by
local day and/or a group dimension; the service combines the families into metrics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Date,
    Float,
    Select,
    Text,
    and_,
    case,
    cast,
    exists,
    extract,
    func,
    literal_column,
    null,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.sqltypes import NullType

from app.domain.access.scope import ShopScope
from app.domain.metrics.definitions import (
    CONTENT_COLUMNS,
    Dimension,
    complained_sql,
    returned_sql,
)
from app.domain.metrics.ranges import DayRange
from app.domain.metrics.rollup import runs, unrolled_days_of
from app.domain.metrics.schemas import BuyerTotals, FunnelStages, FunnelUnpaid
from app.errors import NotFound
from app.kit.clock import utcnow
from app.models import Author, MetricsDaily, Order, PaymentReminder, Shop

Key = tuple[date | datetime | None, Any]  # (local day/hour or None, group value or None)
Bucket = Literal["day", "hour"] | None


@dataclass
class Tally:
    """Raw counts of one (day, group) cell, before ratios are derived."""

    orders: int = 0  # created in range
    converted_orders: int = 0  # created in range and paid (ever)
    paid_orders: int = 0  # paid in range (the cohort of aov and the rates)
    gmv: int = 0
    commission: int = 0
    hours: list[float] = field(default_factory=list)  # ship->sign of orders signed in range
    returned_orders: int = 0  # of orders paid in range: with a return/refund after-sale
    complained_orders: int = 0  # of orders paid in range: with a complaint
    refunded_amount: int = 0  # of orders paid in range
    refunded_orders: int = 0
    flagged: int = 0  # of orders created in range

    def add(self, other: Tally) -> None:
        self.orders += other.orders
        self.converted_orders += other.converted_orders
        self.paid_orders += other.paid_orders
        self.gmv += other.gmv
        self.commission += other.commission
        self.hours.extend(other.hours)
        self.returned_orders += other.returned_orders
        self.complained_orders += other.complained_orders
        self.refunded_amount += other.refunded_amount
        self.refunded_orders += other.refunded_orders
        self.flagged += other.flagged


@dataclass
class Tallies:
    cells: dict[Key, Tally] = field(default_factory=dict)

    def cell(self, key: Key) -> Tally:
        return self.cells.setdefault(key, Tally())


def _group_column(
    group_by: Dimension | None,
) -> ColumnElement[Any] | InstrumentedAttribute[Any] | None:
    author_source = func.coalesce(cast(Order.author_id, Text), "") + "/" + Order.traffic_source
    # NULL for orders without a room/video (|| with NULL is NULL), as in the rollup.
    content_id = case(
        *(
            (Order.traffic_source == src, getattr(Order, col))
            for src, col in CONTENT_COLUMNS.items()
        )
    )
    columns: dict[str, ColumnElement[Any] | InstrumentedAttribute[Any]] = {
        "traffic_source": Order.traffic_source,
        "author": Order.author_id,
        "province": Order.province,
        "pay_method": Order.pay_method,
        "city": Order.province + "/" + Order.city,
        "author_source": author_source,
        "author_content": author_source + "/" + content_id,
    }
    return columns[group_by] if group_by else None


class MetricsRepository:
    def __init__(self, session: AsyncSession, scope: ShopScope) -> None:
        self.session = session
        self.scope = scope
        # Days not rolled up yet, per shop: looked up once per repository (one request), not
        # once per tally (a daily report reads three periods, a summary two).
        self._unrolled: dict[int, set[date] | None] = {}

    async def _unrolled_days(self, shop_ids: Sequence[int]) -> dict[int, set[date] | None]:
        missing = [s for s in shop_ids if s not in self._unrolled]
        if missing:
            self._unrolled.update(await unrolled_days_of(self.session, missing))
        return {s: self._unrolled[s] for s in shop_ids}

    async def timezones_of(self, shop_ids: Sequence[int]) -> dict[int, str]:
        """Each shop's timezone (all in scope; 404 for an invisible or unknown one)."""
        wanted = [self.scope.require(s) for s in shop_ids]
        rows = await self.session.execute(select(Shop.id, Shop.timezone).where(Shop.id.in_(wanted)))
        zones = {int(i): str(tz) for i, tz in rows}
        for s in wanted:
            if s not in zones:
                raise NotFound(f"Shop {s} was not found.")
        return {s: zones[s] for s in wanted}

    async def tallies(
        self,
        shop_id: int,
        rng: DayRange,
        *,
        by_day: bool,
        group_by: Dimension | None,
        with_hours: bool = True,
    ) -> Tallies:
        """One shop's tallies (see :meth:`tallies_of`)."""
        ranges = {shop_id: rng}
        found = await self.tallies_of(
            ranges, by_day=by_day, group_by=group_by, with_hours=with_hours
        )
        return found[shop_id]

    async def tallies_of(
        self,
        ranges: dict[int, DayRange],
        *,
        by_day: bool,
        group_by: Dimension | None,
        with_hours: bool = True,
    ) -> dict[int, Tallies]:
        """Tallies per shop over each shop's range. Whole days from the ``metrics_daily``
        rollup (one read for every shop); days it may not reflect yet (touched by a change the
        worker has not rolled up, or today and later) from the live tables, one pass per
        (timezone, run of days) shared by the shops that need it."""
        out = {self.scope.require(s): Tallies() for s in ranges}
        live: dict[int, list[date]] = {}
        unrolled = await self._unrolled_days(list(ranges))
        for shop_id, rng in ranges.items():
            stale = unrolled[shop_id]
            today = utcnow().astimezone(ZoneInfo(rng.timezone)).date()
            live[shop_id] = [d for d in rng.dates() if stale is None or d in stale or d >= today]
        rolled = {s: rng for s, rng in ranges.items() if len(live[s]) < rng.days}
        if rolled:
            await self._rolled_up(
                out, rolled, live, by_day=by_day, group_by=group_by, with_hours=with_hours
            )
        passes: dict[DayRange, list[int]] = {}
        for shop_id, days in live.items():
            for first, last in runs(days):
                passes.setdefault(DayRange(first, last, ranges[shop_id].timezone), []).append(
                    shop_id
                )
        bucket: Bucket = "day" if by_day else None
        for part, shops in passes.items():
            await self._live(
                out, shops, part, bucket=bucket, group_by=group_by, with_hours=with_hours
            )
        return out

    async def hourly_tallies(
        self, shop_id: int, rng: DayRange, *, group_by: Dimension | None
    ) -> Tallies:
        """By local clock hour (key: naive local datetime of the hour), always live: hours
        are not rolled up, and hourly ranges are short (definitions.MAX_HOURLY_DAYS)."""
        shop_id = self.scope.require(shop_id)
        out = {shop_id: Tallies()}
        await self._live(out, [shop_id], rng, bucket="hour", group_by=group_by)
        return out[shop_id]

    async def _rolled_up(
        self,
        out: dict[int, Tallies],
        ranges: dict[int, DayRange],
        live: dict[int, list[date]],
        *,
        by_day: bool,
        group_by: Dimension | None,
        with_hours: bool,
    ) -> None:
        m = MetricsDaily
        # The duration arrays are most of a row's bytes: left out when nobody asked for them.
        # Taken as asyncpg decodes them (a list of floats): SQLAlchemy's ARRAY result processing
        # would visit every element in Python.
        hours_column = (
            type_coerce(m.s2s_hours, NullType()).label("s2s_hours")
            if with_hours
            else literal_column("NULL").label("s2s_hours")
        )
        windows = [
            and_(m.shop_id == s, m.day.between(rng.first, rng.last)) for s, rng in ranges.items()
        ]
        rows = await self.session.execute(
            select(
                m.shop_id,
                m.day,
                m.dim_value,
                m.orders,
                m.converted_orders,
                m.paid_orders,
                m.gmv,
                m.commission,
                hours_column,
                m.returned_orders,
                m.complained_orders,
                m.refunded_amount,
                m.refunded_orders,
                m.flagged,
            ).where(m.dim_kind == (group_by or "total"), or_(*windows))
        )
        skip = {s: set(days) for s, days in live.items()}
        for row in rows:
            if row.day in skip[row.shop_id]:  # read live instead (few days: stale or today)
                continue
            value = row.dim_value
            group = int(value) if group_by == "author" and value is not None else value
            out[row.shop_id].cell((row.day if by_day else None, group)).add(
                Tally(
                    row.orders,
                    row.converted_orders,
                    row.paid_orders,
                    row.gmv,
                    row.commission,
                    row.s2s_hours or [],
                    row.returned_orders,
                    row.complained_orders,
                    row.refunded_amount,
                    row.refunded_orders,
                    row.flagged,
                )
            )

    async def _live(
        self,
        out: dict[int, Tallies],
        shops: list[int],
        rng: DayRange,
        *,
        bucket: Bucket,
        group_by: Dimension | None,
        with_hours: bool = True,
    ) -> None:
        group = _group_column(group_by)
        in_shops = Order.shop_id == shops[0] if len(shops) == 1 else Order.shop_id.in_(shops)

        def bucketed(ts: InstrumentedAttribute[Any], *aggs: ColumnElement[Any]) -> Select[Any]:
            local = func.timezone(rng.timezone, ts)
            day: ColumnElement[Any] | None = None
            if bucket == "day":
                day = cast(local, Date)
            elif bucket == "hour":
                day = func.date_trunc("hour", local)
            keys = [k for k in (day, group) if k is not None]
            stmt = select(
                Order.shop_id,
                day if day is not None else null(),
                group if group is not None else null(),
                *aggs,
            ).where(in_shops, ts >= rng.start, ts < rng.end)
            return stmt.group_by(Order.shop_id, *keys)

        created = bucketed(
            Order.created_at,
            func.count(),
            func.count(Order.paid_at),
            func.count().filter(Order.flagged),
        )
        for shop, day, g, n, paid, flagged in await self._rows(created):
            c = out[shop].cell((day, g))
            c.orders, c.converted_orders = c.orders + n, c.converted_orders + paid
            c.flagged += flagged

        paid_q = bucketed(
            Order.paid_at,
            func.count(),
            func.coalesce(func.sum(Order.paid_amount), 0),
            func.coalesce(func.sum(Order.commission_amount), 0),
            func.coalesce(func.sum(Order.refunded_amount), 0),
            func.count().filter(Order.refunded_amount > 0),
            func.count().filter(text(returned_sql(Order.__tablename__))),
            func.count().filter(text(complained_sql(Order.__tablename__))),
        )
        for (
            shop,
            day,
            g,
            n,
            gmv,
            commission,
            refunded,
            refunded_n,
            returned,
            complained,
        ) in await self._rows(paid_q):
            c = out[shop].cell((day, g))
            c.paid_orders += n
            c.returned_orders += returned
            c.complained_orders += complained
            c.gmv += int(gmv)
            c.commission += int(commission)
            c.refunded_amount += int(refunded)
            c.refunded_orders += refunded_n

        # Every duration, not percentile_cont: rolled-up days carry theirs too, and the service
        # computes avg/p50/p90 over the union.
        hours = cast(extract("epoch", Order.signed_at - Order.shipped_at), Float) / 3600.0
        # Without hours the cells are still made: a group signed for in the range is active.
        durations = func.array_agg(aggregate_order_by(hours, hours)) if with_hours else func.count()
        signed_q = bucketed(Order.signed_at, durations).where(Order.shipped_at.is_not(None))
        for shop, day, g, values in await self._rows(signed_q):
            cell = out[shop].cell((day, g))
            if with_hours:
                cell.hours.extend(values or ())  # NULL: nothing signed

    async def unpaid_over_24h(
        self, ranges: dict[int, DayRange], *, now: datetime
    ) -> dict[int, int]:
        """Per shop: orders created in its range, still pending payment, created over 24 h
        before ``now`` (index ``orders (shop_id, status, created_at)``; depends on now: never
        rolled up). A statement per period: counting two periods in one (FILTERs over the
        shops' windows) measured slower for 10 shops."""
        rows = await self.session.execute(
            select(Order.shop_id, func.count())
            .where(_created_in(self._windows(ranges)), _unpaid_over_a_day(now))
            .group_by(Order.shop_id)
        )
        counts = {int(s): int(n) for s, n in rows}
        return {s: counts.get(s, 0) for s in ranges}

    def _windows(self, ranges: dict[int, DayRange]) -> list[tuple[int, DayRange]]:
        return [(self.scope.require(s), rng) for s, rng in ranges.items()]

    async def author_names(self, author_ids: Sequence[int]) -> dict[int, str]:
        # Authors are platform-wide (not tenant rows): only ids already seen in this shop's
        # orders are looked up.
        if not author_ids:
            return {}
        rows = await self.session.execute(
            select(Author.id, Author.nickname).where(Author.id.in_(author_ids))
        )
        return {int(i): str(n) for i, n in rows}

    async def top_buyers(
        self, ranges: dict[int, DayRange], *, by: str, limit: int
    ) -> list[BuyerTotals]:
        """Buyers by their orders paid in each shop's range, all the given shops together."""
        n = func.count().label("paid_orders")
        gmv = func.sum(Order.paid_amount).label("gmv")
        ordering = (
            [(cast(gmv, Float) / n).desc(), gmv.desc()] if by == "aov" else [gmv.desc(), n.desc()]
        )
        paid_in = or_(
            *(
                and_(Order.shop_id == s, Order.paid_at >= rng.start, Order.paid_at < rng.end)
                for s, rng in self._windows(ranges)
            )
        )
        stmt = (
            select(
                Order.buyer_id,
                func.max(Order.buyer_nickname).label("nickname"),
                n,
                gmv,
            )
            .where(paid_in)
            .group_by(Order.buyer_id)
            .order_by(*ordering, Order.buyer_id)
            .limit(limit)
        )
        return [
            {"buyer_id": b, "nickname": nick, "paid_orders": int(k), "gmv": int(g)}
            for b, nick, k, g in (await self.session.execute(stmt)).all()
        ]

    async def funnel(
        self, ranges: dict[int, DayRange], *, now: datetime
    ) -> tuple[FunnelStages, FunnelUnpaid]:
        """Stages reached by the orders created in each shop's range (the given shops
        together), and what became of unpaid ones."""
        in_range = _created_in(self._windows(ranges))
        unpaid = Order.paid_at.is_(None)
        reminded = exists().where(
            PaymentReminder.shop_id == Order.shop_id, PaymentReminder.order_id == Order.id
        )
        reminded_before_pay = exists().where(
            PaymentReminder.shop_id == Order.shop_id,
            PaymentReminder.order_id == Order.id,
            PaymentReminder.created_at < Order.paid_at,
        )
        pending = _pending_payment()
        row = (
            await self.session.execute(
                select(
                    func.count(),
                    func.count(Order.paid_at),
                    func.count(Order.shipped_at),
                    func.count(Order.signed_at),
                    func.count(Order.completed_at),
                    func.count().filter(pending),
                    func.count().filter(_unpaid_over_a_day(now)),
                    func.count().filter(unpaid, Order.status == "closed"),
                    func.count().filter(unpaid, reminded),
                    func.count().filter(reminded_before_pay),
                ).where(in_range)
            )
        ).one()
        reason = func.coalesce(Order.close_reason, literal_column("''")).label("reason")
        reasons = await self.session.execute(
            select(reason, func.count())
            .where(in_range, unpaid, Order.status == "closed")
            .group_by(reason)
            .order_by(func.count().desc(), reason)
        )
        keys = (
            "created",
            "paid",
            "shipped",
            "signed",
            "completed",
            "pending_payment",
            "pending_over_24h",
            "closed_unpaid",
            "reminded_unpaid",
            "paid_after_reminder",
        )
        counts = dict(zip(keys, (int(v) for v in row), strict=True))
        stages: FunnelStages = {
            "created": counts["created"],
            "paid": counts["paid"],
            "shipped": counts["shipped"],
            "signed": counts["signed"],
            "completed": counts["completed"],
        }
        outcomes: FunnelUnpaid = {
            "total": counts["created"] - counts["paid"],
            "pending_payment": counts["pending_payment"],
            "pending_over_24h": counts["pending_over_24h"],
            "closed_unpaid": counts["closed_unpaid"],
            "reminded_unpaid": counts["reminded_unpaid"],
            "paid_after_reminder": counts["paid_after_reminder"],
            "close_reasons": [{"reason": r, "count": int(c)} for r, c in reasons],
        }
        return stages, outcomes

    async def _rows(self, stmt: Select[Any]) -> Sequence[Any]:
        result: Sequence[Any] = (await self.session.execute(stmt)).all()
        return result


def _created_in(windows: list[tuple[int, DayRange]]) -> ColumnElement[bool]:
    return or_(
        *(
            and_(Order.shop_id == s, Order.created_at >= rng.start, Order.created_at < rng.end)
            for s, rng in windows
        )
    )


def _pending_payment() -> ColumnElement[bool]:
    return and_(Order.paid_at.is_(None), Order.status == "pending_payment")


def _unpaid_over_a_day(now: datetime) -> ColumnElement[bool]:
    """Still waiting for payment more than 24 h after it was created: the summary's
    ``unpaid_over_24h`` and the funnel's count use this one rule."""
    return and_(_pending_payment(), Order.created_at < now - timedelta(days=1))
