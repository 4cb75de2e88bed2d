"""What a Relay-style connection over the order list needs beyond a page: a capped total
count and a cursor for any row of a page (GraphQL edges), both consistent with the listing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.domain.orders.filters import filter_conditions
from app.domain.orders.listing import LISTING, SORTS, OrderListParams
from app.kit.clock import utcnow
from app.kit.keyset import KeysetCodec, micros
from app.models import Order, Shop

TOTAL_COUNT_CAP = 10_000


async def count_capped(
    session: AsyncSession,
    scope: ShopScope,
    shop_ids: Sequence[int],
    params: OrderListParams,
    cap: int = TOTAL_COUNT_CAP,
) -> int:
    """Rows matching the filter, counted up to ``cap`` (so a count never scans a whole shop)."""
    shops = sorted({scope.require(s) for s in shop_ids})
    if not shops:
        return 0
    timezones: dict[int, str] = {}
    if params.range:
        rows = await session.execute(select(Shop.id, Shop.timezone).where(Shop.id.in_(shops)))
        timezones = {r.id: r.timezone for r in rows}
    conditions = filter_conditions(params, timezones=timezones, now=utcnow())
    inner = select(Order.id).where(Order.shop_id.in_(shops), *conditions).limit(cap).subquery()
    return int(await session.scalar(select(func.count()).select_from(inner)) or 0)


def row_cursor(codec: KeysetCodec, sort: str, row: Mapping[str, Any]) -> str:
    """The cursor pointing just after ``row`` (a listing row) in ``sort`` order."""
    spec = SORTS[sort]
    value = row[spec.column.key]
    key = micros(datetime.fromisoformat(value)) if spec.is_time else int(value)
    return codec.encode(LISTING, sort, [key, row["id"]])
