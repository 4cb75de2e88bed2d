"""Per-request context: the principal and, per operation, the unit-of-work session and the
DataLoaders that batch child reads for a whole page (one query per kind of child)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from app.auth.dependencies import Authorized, authorize
from app.config import Settings
from app.domain.access.principal import Principal
from app.domain.access.scope import ShopScope
from app.domain.after_sales.schemas import AfterSale as AfterSaleOut
from app.domain.disputes.schemas import Dispute as DisputeOut
from app.domain.disputes.schemas import Evidence as EvidenceOut
from app.domain.orders import batch
from app.domain.orders.repository import OrderKey
from app.domain.orders.schemas import Order as OrderOut
from app.domain.orders.schemas import PaymentReminder as PaymentReminderOut
from app.domain.orders.schemas import Refund as RefundOut
from app.domain.orders.schemas import Shipment as ShipmentOut
from app.domain.shops.repository import shops_in
from app.kit.keyset import KeysetCodec

K = TypeVar("K")
V = TypeVar("V")
# `X-OrderGate-Execution: reference` runs Strawberry's field-by-field execution throughout.
REFERENCE_HEADER = "X-OrderGate-Execution"


@dataclass(eq=False)
class OperationState:
    """What one operation works with: its session (one connection, one transaction), the lock
    its resolvers take turns on, its DataLoaders (whose caches must not outlive it), its
    cost, and on a WebSocket the principal its token resolves to now (not at connect time).
    An HTTP request is one operation; a WebSocket carries many, concurrently."""

    session: AsyncSession
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    loaders: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)
    principal: Principal | None = None
    authorized: dict[str, Authorized] = field(default_factory=dict)
    cost: dict[str, int] | None = None
    projected_rows: int = 0
    # (shop_id, order_id) of every receiver shown in clear: audited once at the end.
    pii_shown: set[tuple[int, int]] = field(default_factory=set)


# Each operation on a WebSocket runs in a task of its own: its state is bound there (see
# WebSocketUnitOfWork) and seen by its resolvers, whose tasks start from that one.
_operation_state: ContextVar[OperationState | None] = ContextVar(
    "graphql_operation_state", default=None
)


class GraphQLContext(BaseContext):
    def __init__(
        self,
        request: Request,
        session: AsyncSession | None,
        principal: Principal,
        codec: KeysetCodec,
    ) -> None:
        """``session``: the HTTP request's unit of work; None on a WebSocket, where each
        operation gets a session of its own (:meth:`operation_bound`)."""
        super().__init__()
        self.http_request = request
        self._principal = principal
        self.codec = codec
        # WebSocket only: the bearer token of ``connection_init`` (each operation resolves it
        # again) and the socket's handler (app/graphql/sockets.py).
        self.token: str | None = None
        self.socket: Any = None
        self._request_state = OperationState(session) if session is not None else None
        # Lists of plain objects are projected by compiled plans (app/graphql/projection.py)
        # unless the request asks for the reference path (header below, for comparisons).
        self.projection = request.headers.get(REFERENCE_HEADER, "") != "reference"
        self.max_cost = self.settings.graphql_max_cost

    @property
    def principal(self) -> Principal:
        """The running operation's principal (on a WebSocket: resolved again for it), else the
        connection's."""
        state = _operation_state.get() or self._request_state
        if state is not None and state.principal is not None:
            return state.principal
        return self._principal

    @principal.setter
    def principal(self, value: Principal) -> None:
        self._principal = value

    @property
    def connection_principal(self) -> Principal:
        """The principal the connection was opened with."""
        return self._principal

    @property
    def operation(self) -> OperationState:
        """The running operation's state."""
        state = _operation_state.get() or self._request_state
        if state is None:
            raise RuntimeError("no GraphQL operation is running on this connection")
        return state

    @staticmethod
    @contextmanager
    def operation_bound(session: AsyncSession) -> Iterator[OperationState]:
        """Bind a new operation's state to the current task (and the tasks it starts)."""
        state = OperationState(session)
        _operation_state.set(state)
        try:
            yield state
        finally:
            _operation_state.set(None)

    @property
    def session(self) -> AsyncSession:
        return self.operation.session

    @property
    def cost(self) -> dict[str, int] | None:
        return self.operation.cost

    @cost.setter
    def cost(self, value: dict[str, int] | None) -> None:
        self.operation.cost = value

    @property
    def projected_rows(self) -> int:
        return self.operation.projected_rows

    @projected_rows.setter
    def projected_rows(self, value: int) -> None:
        self.operation.projected_rows = value

    async def serial(self, work: Awaitable[V]) -> V:
        """Await ``work`` (which uses :attr:`session`) while no other resolver of the operation
        uses it: graphql-core resolves sibling fields concurrently, but one AsyncSession runs
        one statement at a time.

        When a field fails, graphql-core cancels its siblings' resolvers. Cancelling a statement
        midway would leave the operation's session unusable (and its commit a 500), so the work
        runs in its own task, shielded: a cancelled resolver waits for its statement to finish,
        then gives up, and the lock passes on only after that."""
        task = asyncio.ensure_future(_locked(self.operation.lock, work))
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            await asyncio.wait({task})  # let the statement finish; its result is not wanted
            if not task.cancelled():
                task.exception()  # retrieved: asyncio must not log it as never retrieved
            raise

    @property
    def settings(self) -> Settings:
        settings: Settings = self.http_request.app.state.settings
        return settings

    def authorize(self, scope: str) -> Authorized:
        authorized = self.operation.authorized
        if scope not in authorized:
            authorized[scope] = authorize(self.principal, scope, self.http_request)
        return authorized[scope]

    def _loader(self, name: str, make: Callable[[], DataLoader[K, V]]) -> DataLoader[K, V]:
        """The operation's loader ``name``: its cache lives as long as the operation."""
        loaders = self.operation.loaders
        if name not in loaders:
            loaders[name] = make()
        loader: DataLoader[K, V] = loaders[name]
        return loader

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

    @property
    def order_details(self) -> DataLoader[OrderKey, OrderOut | None]:
        return self._loader(
            "order_details", lambda: self._order_loader("orders:read", batch.public_orders)
        )

    @property
    def shipments(self) -> DataLoader[OrderKey, list[ShipmentOut] | None]:
        return self._loader(
            "shipments", lambda: self._order_loader("orders:read", batch.shipments_of, list)
        )

    @property
    def timelines(self) -> DataLoader[OrderKey, list[dict[str, Any]] | None]:
        return self._loader(
            "timelines", lambda: self._order_loader("orders:read", batch.timelines_of, list)
        )

    @property
    def payment_reminders(self) -> DataLoader[OrderKey, list[PaymentReminderOut] | None]:
        return self._loader(
            "payment_reminders",
            lambda: self._order_loader("orders:read", batch.reminders_of, list),
        )

    @property
    def refunds(self) -> DataLoader[OrderKey, list[RefundOut] | None]:
        return self._loader(
            "refunds", lambda: self._order_loader("orders:read", batch.refunds_of, list)
        )

    @property
    def after_sales(self) -> DataLoader[OrderKey, list[AfterSaleOut] | None]:
        return self._loader(
            "after_sales",
            lambda: self._order_loader("after_sales:read", batch.after_sales_of, list),
        )

    @property
    def disputes(self) -> DataLoader[OrderKey, list[DisputeOut] | None]:
        return self._loader(
            "disputes", lambda: self._order_loader("after_sales:read", batch.disputes_of, list)
        )

    @property
    def evidence(self) -> DataLoader[OrderKey, list[EvidenceOut] | None]:
        """Keyed by (shop_id, dispute_id): a page of disputes reads its evidence in one query."""
        return self._loader(
            "evidence", lambda: self._order_loader("after_sales:read", batch.evidence_of, list)
        )

    @property
    def shops(self) -> DataLoader[int, dict[str, Any] | None]:
        return self._loader("shops", self._shops_loader)

    def _shops_loader(self) -> DataLoader[int, dict[str, Any] | None]:
        async def batch_load(ids: list[int]) -> list[dict[str, Any] | None]:
            scope = ShopScope.of(i for i in ids if i in self.principal.shop_ids)
            rows = await self.serial(shops_in(self.session, scope))
            found = {s.id: {"id": s.id, "name": s.name, "timezone": s.timezone} for s in rows}
            return [found.get(i) for i in ids]

        return DataLoader(load_fn=batch_load)

    @property
    def authors(self) -> DataLoader[int, dict[str, Any] | None]:
        return self._loader("authors", self._authors_loader)

    def _authors_loader(self) -> DataLoader[int, dict[str, Any] | None]:
        async def batch_load(ids: list[int]) -> list[dict[str, Any] | None]:
            found = await self.serial(batch.authors_by_id(self.session, ids))
            return [found.get(i) for i in ids]

        return DataLoader(load_fn=batch_load)


async def _locked(lock: asyncio.Lock, work: Awaitable[V]) -> V:
    async with lock:
        return await work
