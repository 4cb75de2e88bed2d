"""Shop, the entry to a shop's orders, after-sales, disputes, metrics and change feed."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from app.domain.after_sales.schemas import AfterSaleListParams
from app.domain.after_sales.service import AfterSaleService
from app.domain.disputes.schemas import DisputeListParams
from app.domain.disputes.service import DisputeService
from app.domain.metrics.service import MetricsService
from app.domain.orders.service import OrderService
from app.graphql.context import GraphQLContext
from app.graphql.feed import change_page
from app.graphql.inputs import AfterSaleFilterInput, OrderFilterInput, plain, validated
from app.graphql.paging import order_connection
from app.graphql.types.connections import OrderConnection
from app.graphql.types.insights import ChangePage, MetricsSummary
from app.graphql.types.orders import AfterSale, Dispute, Order
from app.graphql.types.scalars import OrderSort

Ctx = Info[GraphQLContext, None]
Row = dict[str, Any]


@strawberry.type
class AfterSalePage:
    nodes: list[AfterSale]
    end_cursor: str | None
    has_next_page: bool


@strawberry.type
class DisputePage:
    nodes: list[Dispute]
    end_cursor: str | None
    has_next_page: bool


def _page(page: Row, typename: str) -> Row:
    return {
        "nodes": [{**r, "__typename": typename} for r in page["data"]],
        "end_cursor": page["next_cursor"],
        "has_next_page": page["has_more"],
    }


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

        async def load() -> Any:
            if id is not None:
                return await service.get(self["id"], id)
            if order_no is not None:
                return await service.public(await service.orders.get_by_no(self["id"], order_no))
            return None

        return await info.context.serial(load())

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
        page = await info.context.serial(service.list_page(self["id"], params, info.context.codec))
        return _page(page, "AfterSale")

    @strawberry.field
    async def disputes(
        self: Row, info: Ctx, first: int = 50, after: str | None = None
    ) -> DisputePage:
        auth = info.context.authorize("after_sales:read")
        auth.require(self["id"])
        params = validated(DisputeListParams, {"limit": first, "cursor": after})
        service = DisputeService(info.context.session, auth.shops, auth.actor)
        page = await info.context.serial(service.list_page(self["id"], params, info.context.codec))
        return _page(page, "Dispute")

    @strawberry.field(description="Metrics over whole days (shop timezone), both ends inclusive")
    async def metrics(
        self: Row,
        info: Ctx,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
    ) -> MetricsSummary:
        auth = info.context.authorize("metrics:read")
        auth.require(self["id"])
        service = MetricsService(info.context.session, auth.shops)
        return await info.context.serial(service.summary(self["id"], from_, to))

    @strawberry.field(
        description="The change feed after a cursor (omit: start of retention; `now`: head). "
        "With `wait` (0..60 s) and nothing new, waits like the REST long-poll."
    )
    async def changes(
        self: Row, info: Ctx, after: str | None = None, first: int = 200, wait: float = 0
    ) -> ChangePage:
        return await change_page(info, self["id"], after, first, wait)
