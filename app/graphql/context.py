"""Per-request context: the unit-of-work session, the principal, and DataLoaders that batch
child reads for a whole page (one query per kind of child per request)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from functools import cached_property
from typing import Any, TypeVar

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from app.auth.dependencies import Authorized, authorize
from app.auth.principal import Principal
from app.auth.scope import ShopScope
from app.config import Settings
from app.domain.orders import batch
from app.domain.orders.batch import OrderKey
from app.domain.shops.repository import shops_in
from app.kit.keyset import KeysetCodec

V = TypeVar("V")
# `X-OrderGate-Execution: reference` runs Strawberry's field-by-field execution throughout.
REFERENCE_HEADER = "X-OrderGate-Execution"


class GraphQLContext(BaseContext):
    def __init__(
        self, request: Request, session: AsyncSession, principal: Principal, codec: KeysetCodec
    ) -> None:
        super().__init__()
        self.http_request = request
        self.session = session
        self.principal = principal
        self.codec = codec
        self._authorized: dict[str, Authorized] = {}
        self.cost: dict[str, int] | None = None
        # Lists of plain objects are projected by compiled plans (app/graphql/projection.py)
        # unless the request asks for the reference path (header below, for comparisons).
        self.projection = request.headers.get(REFERENCE_HEADER, "") != "reference"
        self.projected_rows = 0
        self.max_cost = self.settings.graphql_max_cost
        # graphql-core resolves sibling fields concurrently, but one AsyncSession (one
        # connection, one transaction) runs one statement at a time: resolvers take turns.
        self._session_lock = asyncio.Lock()

    async def serial(self, work: Awaitable[V]) -> V:
        """Await ``work`` (which uses :attr:`session`) while no other resolver uses it.

        When a field fails, graphql-core cancels its siblings' resolvers. Cancelling a statement
        midway would leave the request's session unusable (and its commit a 500), so the work
        runs in its own task, shielded: a cancelled resolver waits for its statement to finish,
        then gives up, and the lock passes on only after that."""
        task = asyncio.ensure_future(self._locked(work))
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            await asyncio.wait({task})  # let the statement finish; its result is not wanted
            if not task.cancelled():
                task.exception()  # retrieved: asyncio must not log it as never retrieved
            raise

    async def _locked(self, work: Awaitable[V]) -> V:
        async with self._session_lock:
            return await work

    @property
    def settings(self) -> Settings:
        settings: Settings = self.http_request.app.state.settings
        return settings

    def authorize(self, scope: str) -> Authorized:
        if scope not in self._authorized:
            self._authorized[scope] = authorize(self.principal, scope, self.http_request)
        return self._authorized[scope]

    def _order_loader(
        self,
        scope: str,
        load: Callable[[AsyncSession, ShopScope, Sequence[OrderKey]], Awaitable[dict[OrderKey, V]]],
        default: Callable[[], V] | None = None,
    ) -> DataLoader[OrderKey, V | None]:
        async def batch_load(keys: list[OrderKey]) -> list[V | None]:
            found = await self.serial(load(self.session, self.authorize(scope).shops, keys))
            return [found.get(k, default() if default else None) for k in keys]

        return DataLoader(load_fn=batch_load)

    @cached_property
    def order_details(self) -> DataLoader[OrderKey, dict[str, Any] | None]:
        return self._order_loader("orders:read", batch.public_orders)

    @cached_property
    def shipments(self) -> DataLoader[OrderKey, list[dict[str, Any]] | None]:
        return self._order_loader("orders:read", batch.shipments_of, list)

    @cached_property
    def timelines(self) -> DataLoader[OrderKey, list[dict[str, Any]] | None]:
        return self._order_loader("orders:read", batch.timelines_of, list)

    @cached_property
    def after_sales(self) -> DataLoader[OrderKey, list[dict[str, Any]] | None]:
        return self._order_loader("after_sales:read", batch.after_sales_of, list)

    @cached_property
    def disputes(self) -> DataLoader[OrderKey, list[dict[str, Any]] | None]:
        return self._order_loader("after_sales:read", batch.disputes_of, list)

    @cached_property
    def shops(self) -> DataLoader[int, dict[str, Any] | None]:
        async def batch_load(ids: list[int]) -> list[dict[str, Any] | None]:
            scope = ShopScope.of(i for i in ids if i in self.principal.shop_ids)
            rows = await self.serial(shops_in(self.session, scope))
            found = {s.id: {"id": s.id, "name": s.name, "timezone": s.timezone} for s in rows}
            return [found.get(i) for i in ids]

        return DataLoader(load_fn=batch_load)

    @cached_property
    def authors(self) -> DataLoader[int, dict[str, Any] | None]:
        async def batch_load(ids: list[int]) -> list[dict[str, Any] | None]:
            found = await self.serial(batch.authors_by_id(self.session, ids))
            return [found.get(i) for i in ids]

        return DataLoader(load_fn=batch_load)
