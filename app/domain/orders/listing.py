"""The order list: filters + sort + keyset page, as plain dicts ready for orjson (typed by the
:class:`~app.domain.orders.schemas.OrderRow` read model, checked statically, not per row).

One Core ``select`` of the needed columns (tracking numbers and the after-sale summary as
correlated subqueries, evaluated only for the page's rows) and one more query for the page's
items. Shop-scoped: every query is limited to shops of the caller's :class:`ShopScope`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field
from sqlalchemy import ColumnElement, Select, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.db import execute_alone
from app.domain.access.scope import ShopScope
from app.domain.orders.filters import MAX_ID, OrderFilter, filter_conditions
from app.domain.orders.rendering import (
    AFTER_SALE_COUNT,
    AFTER_SALE_LATEST,
    AFTER_SALE_OPEN,
    ORDER_ROW,
    TRACKING_NUMBERS,
)
from app.domain.orders.schemas import OrderItem as ItemOut
from app.domain.orders.schemas import OrderRow
from app.errors import InvalidCursor
from app.kit.clock import rfc3339, utcnow
from app.kit.contract import Page
from app.kit.keyset import KeysetCodec, KeyValue, from_micros, micros
from app.kit.render import PageRenderer, page_bytes
from app.models import Order, OrderItem, Shop


class OrderSort(StrEnum):
    """Sort order of the list; the order id breaks ties."""

    CREATED_AT_DESC = "-created_at"
    CREATED_AT_ASC = "created_at"
    PAID_AMOUNT_DESC = "-paid_amount"
    UPDATED_AT_DESC = "-updated_at"


LISTING = "orders"
DEFAULT_LIMIT = 50
MAX_LIMIT = 100


class OrderListParams(OrderFilter):
    sort: OrderSort = Field(
        default=OrderSort.CREATED_AT_DESC, description="Sort order; id breaks ties"
    )
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Page size")
    cursor: str | None = Field(
        default=None, max_length=512, description="next_cursor of the previous page"
    )


class MultiShopOrderListParams(OrderListParams):
    shop_id: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(
        default=None, description="Only these shops (repeatable; default every granted shop)"
    )


@dataclass(frozen=True)
class _Sort:
    column: InstrumentedAttribute[Any]
    descending: bool
    is_time: bool


SORTS: dict[str, _Sort] = {
    OrderSort.CREATED_AT_DESC: _Sort(Order.created_at, True, True),
    OrderSort.CREATED_AT_ASC: _Sort(Order.created_at, False, True),
    OrderSort.PAID_AMOUNT_DESC: _Sort(Order.paid_amount, True, False),
    OrderSort.UPDATED_AT_DESC: _Sort(Order.updated_at, True, True),
}

_COLUMNS = (
    Order.id,
    Order.shop_id,
    Order.order_no,
    Order.status,
    Order.pay_status,
    Order.pay_method,
    Order.created_at,
    Order.paid_at,
    Order.paid_amount,
    Order.buyer_id,
    Order.buyer_nickname,
    Order.flagged,
    Order.author_id,
    Order.traffic_source,
    Order.province,
    Order.city,
    Order.version,
    Order.updated_at,
)


ORDER_ROWS = PageRenderer(ORDER_ROW, Order.__table__)
# (sort, descending) -> ORDER BY; the same objects every request (PageRenderer reuses the
# statement parts built for them).
_ORDER_BY: dict[tuple[str, bool], tuple[ColumnElement[Any], ...]] = {
    (name, descending): (
        (sort.column.desc(), Order.id.desc()) if descending else (sort.column.asc(), Order.id.asc())
    )
    for name, sort in SORTS.items()
    for descending in (True, False)
}
_TRACKING = TRACKING_NUMBERS.label("tracking_numbers")
_AS_COUNT = AFTER_SALE_COUNT.label("after_sale_count")
_AS_OPEN = AFTER_SALE_OPEN.label("after_sale_open")
_AS_LATEST = AFTER_SALE_LATEST.label("after_sale_latest")


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A page PostgreSQL rendered: the JSON array of its rows, their number, whether more
    follow, and the cursors of its first and last rows."""

    data: bytes
    rows: int
    has_more: bool
    first_cursor: str | None
    last_cursor: str | None


class OrderLister:
    def __init__(self, session: AsyncSession, scope: ShopScope, codec: KeysetCodec) -> None:
        self.session = session
        self.scope = scope
        self.codec = codec

    async def page(
        self, shop_ids: Sequence[int], params: OrderListParams, *, backward: bool = False
    ) -> Page[OrderRow]:
        """``{data, next_cursor, has_more}`` for ``params`` over ``shop_ids`` (all in scope).

        ``backward`` (GraphQL's ``last``/``before``) reads ``params.cursor`` as a position to
        page *before*: the ``limit`` rows just before it (the list's last rows without a
        cursor), still in sort order; ``has_more`` then says rows exist before them (GraphQL
        builds its cursors from the rows, so a backward page has no ``next_cursor``)."""
        shops = sorted({self.scope.require(s) for s in shop_ids})
        if not shops:
            return {"data": [], "has_more": False, "next_cursor": None}
        stmt = await self.statement(shops, params, backward=backward)
        rows = list((await self.session.execute(stmt)).all())
        has_more = len(rows) > params.limit
        rows = rows[: params.limit]
        if backward:
            # Fetched in reverse order (nearest the cursor first); hand them out in sort order.
            rows.reverse()
        items = await self._items(shops, [r.id for r in rows])
        data = [_row(r, items.get(r.id, [])) for r in rows]
        edge = None
        if has_more and rows and not backward:
            edge = self._cursor(params.sort, rows[-1])
        return {"data": data, "has_more": has_more, "next_cursor": edge}

    def _cursor(self, sort_name: str, row: Any) -> str:
        sort = SORTS[sort_name]
        value = getattr(row, sort.column.key)
        key_value = micros(value) if sort.is_time else int(value)
        return self.codec.encode(LISTING, sort_name, [key_value, row.id])

    async def rendered(self, shop_ids: Sequence[int], params: OrderListParams) -> bytes:
        """The page of :meth:`page` as the response's JSON bytes, rendered by PostgreSQL in one
        statement (app/kit/render.py): nothing per row in Python. Same rows, same cursor."""
        shops = sorted({self.scope.require(s) for s in shop_ids})
        if not shops:
            return page_bytes(b"[]", False, None)
        # The REST list's only statement, unless a day range needs the shops' time zones.
        row = await self._rendered_row(shops, params, ORDER_ROWS, alone=not params.range)
        data, has_more, key, last_id = row
        cursor = self._key_cursor(params.sort, key, last_id) if has_more else None
        return page_bytes(data, has_more, cursor)

    async def _rendered_row(
        self,
        shops: list[int],
        params: OrderListParams,
        renderer: PageRenderer,
        *,
        ends: bool = False,
        alone: bool = False,
    ) -> Any:
        """The one row of ``renderer``'s page statement for ``params`` (forward); ``alone``:
        the request's only statement (:func:`~app.db.execute_alone`)."""
        where, order_by = await self._where(shops, params, backward=False)
        stmt = renderer.statement(
            where=where,
            order_by=order_by,
            limit=params.limit,
            cursor=[SORTS[params.sort].column.key, "id"],
            ends=ends,
        )
        if alone:
            return (await execute_alone(self.session, stmt)).one()
        return (await self.session.execute(stmt)).one()

    def _key_cursor(self, sort_name: str, key: Any, row_id: Any) -> str | None:
        """The cursor just after the row whose sort key and id these are (None: no row)."""
        if row_id is None:
            return None
        value = micros(key) if SORTS[sort_name].is_time else int(key)
        return self.codec.encode(LISTING, sort_name, [value, int(row_id)])

    async def rendered_with_ends(
        self, shop_ids: Sequence[int], params: OrderListParams, renderer: PageRenderer
    ) -> RenderedPage | None:
        """The forward page of :meth:`page` rendered by ``renderer`` (a selection of a
        GraphQL connection), with the cursors of both its ends; None when ``renderer``'s check
        says a row needs the general path."""
        shops = sorted({self.scope.require(s) for s in shop_ids})
        if not shops:
            return RenderedPage(b"[]", 0, False, None, None)
        row = await self._rendered_row(shops, params, renderer, ends=True)
        data, has_more, last_key, last_id, first_key, first_id, rows, doubtful = row
        if doubtful:
            return None
        first = self._key_cursor(params.sort, first_key, first_id)
        return RenderedPage(
            data, rows, has_more, first, self._key_cursor(params.sort, last_key, last_id)
        )

    async def statement(
        self, shops: list[int], params: OrderListParams, *, backward: bool = False
    ) -> Select[*tuple[Any, ...]]:
        """The page query (public so benchmarks and EXPLAIN docs use exactly this SQL).
        ``backward`` walks the same keyset the other way (see :meth:`page`)."""
        where, order_by = await self._where(shops, params, backward=backward)
        return (
            select(*_COLUMNS, _TRACKING, _AS_COUNT, _AS_OPEN, _AS_LATEST)
            .where(*where)
            .order_by(*order_by)
            .limit(params.limit + 1)
        )

    async def _where(
        self, shops: list[int], params: OrderListParams, *, backward: bool
    ) -> tuple[list[ColumnElement[bool]], tuple[ColumnElement[Any], ...]]:
        """The page's conditions (shops, filters, cursor) and its order."""
        timezones = await self._timezones(shops) if params.range else {}
        sort = SORTS[params.sort]
        conditions = filter_conditions(params, timezones=timezones, now=utcnow())
        if params.cursor is not None:
            value, last_id = self.codec.decode(
                params.cursor, listing=LISTING, sort=params.sort, arity=2
            )
            conditions.append(_beyond(sort, value, last_id, backward=backward))
        shop_condition = Order.shop_id == shops[0] if len(shops) == 1 else Order.shop_id.in_(shops)
        # Backward reads the keyset in reverse from the cursor, so LIMIT stays index-friendly.
        return [shop_condition, *conditions], _ORDER_BY[params.sort, sort.descending != backward]

    async def _timezones(self, shops: list[int]) -> dict[int, str]:
        rows = await self.session.execute(select(Shop.id, Shop.timezone).where(Shop.id.in_(shops)))
        return {r.id: r.timezone for r in rows}

    async def _items(self, shops: list[int], order_ids: list[int]) -> dict[int, list[ItemOut]]:
        grouped: dict[int, list[ItemOut]] = defaultdict(list)
        if not order_ids:
            return grouped
        rows = await self.session.execute(
            select(
                OrderItem.order_id,
                OrderItem.id,
                OrderItem.product_id,
                OrderItem.title,
                OrderItem.sku,
                OrderItem.quantity,
                OrderItem.unit_price,
            )
            .where(OrderItem.shop_id.in_(shops), OrderItem.order_id.in_(order_ids))
            .order_by(OrderItem.order_id, OrderItem.id)
        )
        for r in rows:
            grouped[r.order_id].append(
                {
                    "id": r.id,
                    "product_id": r.product_id,
                    "title": r.title,
                    "sku": r.sku,
                    "quantity": r.quantity,
                    "unit_price": r.unit_price,
                }
            )
        return grouped


def _beyond(
    sort: _Sort, value: KeyValue, last_id: KeyValue, *, backward: bool
) -> ColumnElement[bool]:
    """Rows after the cursor's key in sort order (before it when ``backward``)."""
    if not isinstance(value, int) or not isinstance(last_id, int):
        raise InvalidCursor("The cursor is malformed.")
    try:
        bound: datetime | int = from_micros(value) if sort.is_time else value
    except (OverflowError, ValueError, OSError) as exc:
        raise InvalidCursor("The cursor is malformed.") from exc
    key = tuple_(sort.column, Order.id)
    if sort.descending != backward:
        return key < tuple_(bound, last_id)
    return key > tuple_(bound, last_id)


def _row(r: Any, items: list[ItemOut]) -> OrderRow:
    # Plain str keys and plain values: orjson serialises this without any encoder pass.
    return {
        "id": r.id,
        "shop_id": r.shop_id,
        "order_no": r.order_no,
        "status": r.status,
        "pay_status": r.pay_status,
        "pay_method": r.pay_method,
        "created_at": rfc3339(r.created_at),
        "paid_at": rfc3339(r.paid_at),
        "paid_amount": r.paid_amount,
        "buyer": {"id": r.buyer_id, "nickname": r.buyer_nickname},
        "items": items,
        "tracking_numbers": r.tracking_numbers,
        "flagged": r.flagged,
        "after_sale": {
            "count": r.after_sale_count,
            "open": r.after_sale_open,
            "latest_status": r.after_sale_latest,
        },
        "author_id": r.author_id,
        "traffic_source": r.traffic_source,
        "province": r.province,
        "city": r.city,
        "version": r.version,
        "updated_at": rfc3339(r.updated_at),
    }
