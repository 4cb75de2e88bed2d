"""Relay paging over the domain's keyset lists, both ways: ``first``/``after`` forward and
``last``/``before`` backward (the same cursors; a row's cursor is its position in the list)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from strawberry.types import Info

from app.domain.orders.connection import count_capped, row_cursor
from app.domain.orders.listing import DEFAULT_LIMIT, OrderLister, OrderListParams
from app.domain.paging import row_cursor as newest_first_cursor
from app.errors import ValidationFailed, field_error
from app.graphql.context import GraphQLContext
from app.graphql.inputs import OrderFilterInput, plain, validated
from app.graphql.rendered import RenderedNodes, rendered_nodes
from app.graphql.types.scalars import OrderSort
from app.kit.keyset import KeysetCodec

FORWARD_NAMES = {"limit": "first", "cursor": "after"}
BACKWARD_NAMES = {"limit": "last", "cursor": "before"}


@dataclass(frozen=True)
class Window:
    """Which way a connection pages, how many rows, from which cursor."""

    size: int
    cursor: str | None
    backward: bool

    @property
    def names(self) -> dict[str, str]:
        """The GraphQL names of the REST model's paging fields (for validation messages)."""
        return BACKWARD_NAMES if self.backward else FORWARD_NAMES


def window(first: int | None, after: str | None, last: int | None, before: str | None) -> Window:
    """The paging window, or VALIDATION_ERROR when forward and backward arguments are mixed
    (Relay allows it but the result is rarely what a client means)."""
    forward = first is not None or after is not None
    backward = last is not None or before is not None
    if forward and backward:
        mixed = [n for n, v in (("first", first), ("after", after)) if v is not None]
        mixed += [n for n, v in (("last", last), ("before", before)) if v is not None]
        raise ValidationFailed(
            "Page with first/after (forward) or with last/before (backward), not both: "
            f"got {', '.join(mixed)}.",
            [field_error([name], "mixes paging directions") for name in mixed],
        )
    if backward:
        return Window(last if last is not None else DEFAULT_LIMIT, before, True)
    return Window(first if first is not None else DEFAULT_LIMIT, after, False)


def page_info(page: Mapping[str, Any], win: Window, cursors: Sequence[str]) -> dict[str, Any]:
    """Relay ``pageInfo``. The direction not paged in is inferred from the cursor: a cursor
    names a row of the list, so rows exist on its other side (the Relay spec allows this)."""
    return {
        "has_next_page": win.cursor is not None if win.backward else page["has_more"],
        "has_previous_page": page["has_more"] if win.backward else win.cursor is not None,
        "start_cursor": cursors[0] if cursors else None,
        "end_cursor": cursors[-1] if cursors else None,
    }


def keyset_page_info(
    codec: KeysetCodec, page: Mapping[str, Any], win: Window, listing: str
) -> dict[str, Any]:
    """Relay ``pageInfo`` of a newest-first keyset page: cursors of its first and last rows."""
    nodes = page["data"]
    ends = [nodes[0], nodes[-1]] if nodes else []
    return page_info(page, win, [newest_first_cursor(codec, listing, n) for n in ends])


async def order_connection(
    info: Info[GraphQLContext, None],
    shop_ids: Sequence[int],
    filter: OrderFilterInput | None,
    sort: OrderSort,
    win: Window,
) -> Any:
    ctx = info.context
    auth = ctx.authorize("orders:read")
    for shop_id in shop_ids:
        auth.require(shop_id)
    params = validated(
        OrderListParams,
        {**(plain(filter) or {}), "sort": sort.value, "limit": win.size, "cursor": win.cursor},
        paging=win.names,
    )
    lister = OrderLister(ctx.session, auth.shops, ctx.codec)

    async def count() -> int:
        return await ctx.serial(count_capped(ctx.session, auth.shops, shop_ids, params))

    renderer = None if win.backward else rendered_nodes(info)
    if renderer is not None:
        found = await ctx.serial(lister.rendered_with_ends(shop_ids, params, renderer))
        if found is not None:
            cursors = [c for c in (found.first_cursor, found.last_cursor) if c is not None]
            return {
                "nodes": RenderedNodes(found.data, found.rows),
                "sort": params.sort,
                "count": count,
                "page_info": page_info({"has_more": found.has_more}, win, cursors),
            }
    page = await ctx.serial(lister.page(shop_ids, params, backward=win.backward))
    nodes = page["data"]
    ends = [nodes[0], nodes[-1]] if nodes else []
    return {
        "nodes": nodes,
        "sort": params.sort,
        "count": count,
        "page_info": page_info(page, win, [row_cursor(ctx.codec, params.sort, n) for n in ends]),
    }
