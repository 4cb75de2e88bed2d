"""Live streams backed by the change feed (same cursor, horizon and wake-ups as long-poll)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from strawberry.types import Info

from app.errors import AppError
from app.graphql.context import GraphQLContext
from app.graphql.extensions import app_error
from app.graphql.feed import follow_changes, head_cursor
from app.graphql.types.insights import Change
from app.graphql.types.orders import Order

Ctx = Info[GraphQLContext, None]
MAX_SHOPS = 20


@strawberry.type
class Subscription:
    @strawberry.subscription(description="Every committed change of a shop after `after`")
    async def changes(
        self, info: Ctx, shop_id: int, after: str | None = None
    ) -> AsyncGenerator[Change, None]:
        async for change in follow_changes(info, shop_id, after):
            yield change  # type: ignore[misc]

    @strawberry.subscription(description="New orders of these shops, as they are committed")
    async def order_created(self, info: Ctx, shop_ids: list[int]) -> AsyncGenerator[Order, None]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=1000)
        # Start every shop at its head: only orders committed after subscribing.
        heads: dict[int, str] = {}
        try:
            for shop_id in shop_ids[:MAX_SHOPS]:
                info.context.authorize("orders:read").require(shop_id)
                heads[shop_id] = await head_cursor(info, shop_id)
        except AppError as error:
            raise app_error(error) from error

        async def pump(shop_id: int) -> None:
            async for change in follow_changes(info, shop_id, heads[shop_id]):
                if change["type"] == "order.created":
                    await queue.put(change["data"])

        tasks = [asyncio.create_task(pump(s)) for s in heads]
        try:
            while True:
                yield await queue.get()  # type: ignore[misc]
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
