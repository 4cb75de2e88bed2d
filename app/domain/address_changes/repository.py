"""Address-change rows: scoped reads for the API, and the worker's cross-shop sweep."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.domain.address_changes.schemas import AddressChangeListParams
from app.domain.paging import with_common_filters
from app.errors import NotFound
from app.models import AddressChangeRequest, Order
from app.models.buyer_requests import AddressChangeStatus
from app.models.orders import OrderStatus

# The receiver may change only while nothing has left the warehouse.
UNSHIPPED = (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID)


class AddressChangeRepository:
    def __init__(self, session: AsyncSession, scope: ShopScope) -> None:
        self.session = session
        self.scope = scope

    async def get(
        self, shop_id: int, request_id: int, *, for_update: bool = False
    ) -> AddressChangeRequest:
        stmt = select(AddressChangeRequest).where(
            AddressChangeRequest.shop_id == self.scope.require(shop_id),
            AddressChangeRequest.id == request_id,
        )
        if for_update:
            stmt = stmt.with_for_update()
        found = (await self.session.execute(stmt)).scalar_one_or_none()
        if found is None:
            raise NotFound(f"Address-change request {request_id} was not found in shop {shop_id}.")
        return found

    async def pending_of(self, shop_id: int, order_id: int) -> int | None:
        """The id of the order's pending request, if any."""
        found: int | None = await self.session.scalar(
            select(AddressChangeRequest.id).where(
                AddressChangeRequest.shop_id == self.scope.require(shop_id),
                AddressChangeRequest.order_id == order_id,
                AddressChangeRequest.status == AddressChangeStatus.PENDING,
            )
        )
        return found

    def listing(self, shop_id: int, params: AddressChangeListParams) -> Select[Any]:
        stmt = select(AddressChangeRequest).where(
            AddressChangeRequest.shop_id == self.scope.require(shop_id)
        )
        return with_common_filters(stmt, AddressChangeRequest, params)


async def settleable(session: AsyncSession, now: datetime, limit: int) -> list[tuple[int, int]]:
    """``(shop_id, id)`` of pending requests the platform settles now: those whose order has
    left the unshipped states (rejected), and those past ``auto_approve_at`` (approved).
    Not locked here: each is settled in a transaction of its own that locks the order, then
    the request (the API's order), and skips it if it is no longer pending."""
    stmt = (
        select(AddressChangeRequest.shop_id, AddressChangeRequest.id)
        .join(
            Order,
            (Order.shop_id == AddressChangeRequest.shop_id)
            & (Order.id == AddressChangeRequest.order_id),
        )
        .where(AddressChangeRequest.status == AddressChangeStatus.PENDING)
        .where((AddressChangeRequest.auto_approve_at <= now) | Order.status.not_in(UNSHIPPED))
        .order_by(AddressChangeRequest.auto_approve_at)
        .limit(limit)
    )
    return [(r.shop_id, r.id) for r in await session.execute(stmt)]
