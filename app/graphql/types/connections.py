"""Relay connections over keyset pages (first/after forward, last/before backward)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from app.domain.orders.connection import row_cursor
from app.graphql.context import GraphQLContext
from app.graphql.types.orders import Order

Row = dict[str, Any]

FirstArg = Annotated[
    int | None,
    strawberry.argument(description="Page forward: this many rows after `after` (default 50)"),
]
LastArg = Annotated[
    int | None,
    strawberry.argument(
        description="Page backward: this many rows just before `before` (the list's last "
        "rows without it), still in sort order; not with first/after"
    ),
]


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class OrderEdge:
    node: Order

    @strawberry.field
    def cursor(self: Row, info: Info[GraphQLContext, None]) -> str:  # type: ignore[misc]
        return row_cursor(info.context.codec, self["sort"], self["node"])


@strawberry.type
class OrderConnection:
    nodes: list[Order]
    page_info: PageInfo

    @strawberry.field
    def edges(self: Row) -> list[OrderEdge]:  # type: ignore[misc]
        return [{"node": n, "sort": self["sort"]} for n in self["nodes"]]  # type: ignore[misc]

    @strawberry.field(description="Matching orders, counted up to 10,000 (only when asked)")
    async def total_count(self: Row, info: Info[GraphQLContext, None]) -> int:  # type: ignore[misc]
        count: int = await self["count"]()
        return count
