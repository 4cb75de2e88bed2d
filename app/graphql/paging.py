"""The order connection: REST's list query and cursor, shaped as a Relay connection."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.types import Info

from app.domain.orders.connection import count_capped, row_cursor
from app.domain.orders.listing import OrderLister, OrderListParams
from app.graphql.context import GraphQLContext
from app.graphql.inputs import OrderFilterInput, plain, validated
from app.graphql.types.scalars import OrderSort


async def order_connection(
    info: Info[GraphQLContext, None],
    shop_ids: Sequence[int],
    filter: OrderFilterInput | None,
    sort: OrderSort,
    first: int,
    after: str | None,
) -> Any:
    ctx = info.context
    auth = ctx.authorize("orders:read")
    for shop_id in shop_ids:
        auth.require(shop_id)
    params = validated(
        OrderListParams,
        {**(plain(filter) or {}), "sort": sort.value, "limit": first, "cursor": after},
    )
    page = await ctx.serial(OrderLister(ctx.session, auth.shops, ctx.codec).page(shop_ids, params))
    nodes = page["data"]

    async def count() -> int:
        return await ctx.serial(count_capped(ctx.session, auth.shops, shop_ids, params))

    return {
        "nodes": nodes,
        "sort": params.sort,
        "count": count,
        "page_info": {
            "has_next_page": page["has_more"],
            "has_previous_page": after is not None,
            "start_cursor": row_cursor(ctx.codec, params.sort, nodes[0]) if nodes else None,
            "end_cursor": row_cursor(ctx.codec, params.sort, nodes[-1]) if nodes else None,
        },
    }
