"""Shop, the entry to a shop's orders, after-sales, disputes, metrics and change feed."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from app.domain.after_sales.schemas import AfterSaleListParams
from app.domain.after_sales.service import AfterSaleService
from app.domain.orders.service import OrderService
from app.graphql.context import GraphQLContext
from app.graphql.inputs import AfterSaleFilterInput, OrderFilterInput, plain, validated
from app.graphql.paging import order_connection
from app.graphql.types.connections import OrderConnection
from app.graphql.types.orders import AfterSale, Order
from app.graphql.types.scalars import OrderSort

Ctx = Info[GraphQLContext, None]
Row = dict[str, Any]


@strawberry.type
class AfterSalePage:
    nodes: list[AfterSale]
    end_cursor: str | None
    has_next_page: bool


@strawberry.type
class Shop:
    id: int
    name: str
    timezone: str

    @strawberry.field
    async def orders(  # type: ignore[misc]
        self: Row,
        info: Ctx,
        filter: OrderFilterInput | None = None,
        sort: OrderSort = OrderSort.CREATED_AT_DESC,
        first: int = 50,
        after: str | None = None,
    ) -> OrderConnection:
        return await order_connection(info, [self["id"]], filter, sort, first, after)

    @strawberry.field(description="One order by database id or order number")
    async def order(  # type: ignore[misc]
        self: Row, info: Ctx, id: int | None = None, order_no: str | None = None
    ) -> Order | None:
        auth = info.context.authorize("orders:read")
        auth.require(self["id"])
        service = OrderService(info.context.session, auth.shops, auth.actor)
        if id is not None:
            return await service.get(self["id"], id)  # type: ignore[return-value]
        if order_no is not None:
            order = await service.orders.get_by_no(self["id"], order_no)
            return await service.public(order)  # type: ignore[return-value]
        return None

    @strawberry.field
    async def after_sales(  # type: ignore[misc]
        self: Row,
        info: Ctx,
        filter: AfterSaleFilterInput | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> AfterSalePage:
        auth = info.context.authorize("after_sales:read")
        auth.require(self["id"])
        params = validated(
            AfterSaleListParams, {**(plain(filter) or {}), "limit": first, "cursor": after}
        )
        service = AfterSaleService(info.context.session, auth.shops, auth.actor)
        page = await service.list_page(self["id"], params, info.context.codec)
        return {  # type: ignore[return-value]
            "nodes": [{**r, "__typename": "AfterSale"} for r in page["data"]],
            "end_cursor": page["next_cursor"],
            "has_next_page": page["has_more"],
        }
