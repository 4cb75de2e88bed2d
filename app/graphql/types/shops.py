"""Shop, the entry to a shop's orders, after-sales, disputes, metrics and change feed."""

from __future__ import annotations

from collections.abc import Mapping
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
from app.graphql.inputs import (
    AfterSaleFilterInput,
    DisputeFilterInput,
    OrderFilterInput,
    plain,
    validated,
)
from app.graphql.paging import Window, keyset_page_info, order_connection, window
from app.graphql.types.buyer_requests import (
    AddressChangeFilterInput,
    AddressChangeRequest,
    AddressChangeRequestPage,
    Complaint,
    ComplaintFilterInput,
    ComplaintPage,
    address_change_page,
    complaint_page,
    one_address_change,
    one_complaint,
)
from app.graphql.types.connections import FirstArg, LastArg, OrderConnection, PageInfo
from app.graphql.types.exports import Export, ExportPage, export_page, one_export
from app.graphql.types.insights import ChangePage, MetricsSummary
from app.graphql.types.orders import AfterSale, Dispute, Order
from app.graphql.types.scalars import OrderSort

Ctx = Info[GraphQLContext, None]
Row = dict[str, Any]


@strawberry.type(description="A newest-first page of after-sales (Relay-style cursors)")
class AfterSalePage:
    nodes: list[AfterSale]
    page_info: PageInfo
    end_cursor: str | None = strawberry.field(
        description="Deprecated spelling of pageInfo.endCursor, set only when hasNextPage",
        deprecation_reason="Use pageInfo { endCursor hasNextPage }",
    )
    has_next_page: bool = strawberry.field(deprecation_reason="Use pageInfo { hasNextPage }")


@strawberry.type(description="A newest-first page of disputes (Relay-style cursors)")
class DisputePage:
    nodes: list[Dispute]
    page_info: PageInfo
    end_cursor: str | None = strawberry.field(
        description="Deprecated spelling of pageInfo.endCursor, set only when hasNextPage",
        deprecation_reason="Use pageInfo { endCursor hasNextPage }",
    )
    has_next_page: bool = strawberry.field(deprecation_reason="Use pageInfo { hasNextPage }")


def _page(info: Ctx, page: Mapping[str, Any], win: Window, listing: str, typename: str) -> Row:
    pinfo = keyset_page_info(info.context.codec, page, win, listing)
    return {
        "nodes": [{**r, "__typename": typename} for r in page["data"]],
        "page_info": pinfo,
        "end_cursor": pinfo["end_cursor"] if pinfo["has_next_page"] else None,
        "has_next_page": pinfo["has_next_page"],
    }


async def _shop_field(row: Row, info: Ctx, name: str) -> Any:
    if name in row:
        return row[name]
    shop = await info.context.shops.load(row["id"])
    return shop[name] if shop else None


@strawberry.type
class Shop:
    id: int

    @strawberry.field
    async def name(self: Row, info: Ctx) -> str:  # type: ignore[misc]
        return await _shop_field(self, info, "name")  # type: ignore[no-any-return]

    @strawberry.field
    async def timezone(self: Row, info: Ctx) -> str:  # type: ignore[misc]
        return await _shop_field(self, info, "timezone")  # type: ignore[no-any-return]

    @strawberry.field
    async def orders(  # type: ignore[misc]
        self: Row,
        info: Ctx,
        filter: OrderFilterInput | None = None,
        sort: OrderSort = OrderSort.CREATED_AT_DESC,
        first: FirstArg = None,
        after: str | None = None,
        last: LastArg = None,
        before: str | None = None,
    ) -> OrderConnection:
        win = window(first, after, last, before)
        return await order_connection(info, [self["id"]], filter, sort, win)

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
        first: FirstArg = None,
        after: str | None = None,
        last: LastArg = None,
        before: str | None = None,
    ) -> AfterSalePage:
        auth = info.context.authorize("after_sales:read")
        auth.require(self["id"])
        win = window(first, after, last, before)
        params = validated(
            AfterSaleListParams,
            {**(plain(filter) or {}), "limit": win.size, "cursor": win.cursor},
            paging=win.names,
        )
        service = AfterSaleService(info.context.session, auth.shops, auth.actor)
        page = await info.context.serial(
            service.list_page(self["id"], params, info.context.codec, backward=win.backward)
        )
        return _page(info, page, win, "after_sales", "AfterSale")

    @strawberry.field
    async def disputes(
        self: Row,
        info: Ctx,
        filter: DisputeFilterInput | None = None,
        first: FirstArg = None,
        after: str | None = None,
        last: LastArg = None,
        before: str | None = None,
    ) -> DisputePage:
        auth = info.context.authorize("after_sales:read")
        auth.require(self["id"])
        win = window(first, after, last, before)
        params = validated(
            DisputeListParams,
            {**(plain(filter) or {}), "limit": win.size, "cursor": win.cursor},
            paging=win.names,
        )
        service = DisputeService(info.context.session, auth.shops, auth.actor)
        page = await info.context.serial(
            service.list_page(self["id"], params, info.context.codec, backward=win.backward)
        )
        return _page(info, page, win, "disputes", "Dispute")

    @strawberry.field(description="Export jobs, newest first (scope exports)")
    async def exports(
        self: Row, info: Ctx, first: FirstArg = None, after: str | None = None
    ) -> ExportPage:
        return await export_page(info, self["id"], first, after)  # type: ignore[return-value]

    @strawberry.field(description="One export job (scope exports)")
    async def export(self: Row, info: Ctx, id: int) -> Export:
        return await one_export(info, self["id"], id)  # type: ignore[return-value]

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

    @strawberry.field(description="Buyers' address-change requests, newest first (orders:read)")
    async def address_change_requests(
        self: Row,
        info: Ctx,
        filter: AddressChangeFilterInput | None = None,
        first: FirstArg = None,
        after: str | None = None,
        last: LastArg = None,
        before: str | None = None,
    ) -> AddressChangeRequestPage:
        win = window(first, after, last, before)
        return await address_change_page(info, self["id"], filter, win)  # type: ignore[return-value]

    @strawberry.field(description="One address-change request (orders:read)")
    async def address_change_request(self: Row, info: Ctx, id: int) -> AddressChangeRequest:
        return await one_address_change(info, self["id"], id)  # type: ignore[return-value]

    @strawberry.field(description="Buyers' complaints, newest first (after_sales:read)")
    async def complaints(
        self: Row,
        info: Ctx,
        filter: ComplaintFilterInput | None = None,
        first: FirstArg = None,
        after: str | None = None,
        last: LastArg = None,
        before: str | None = None,
    ) -> ComplaintPage:
        win = window(first, after, last, before)
        return await complaint_page(info, self["id"], filter, win)  # type: ignore[return-value]

    @strawberry.field(description="One complaint (after_sales:read)")
    async def complaint(self: Row, info: Ctx, id: int) -> Complaint:
        return await one_complaint(info, self["id"], id)  # type: ignore[return-value]
