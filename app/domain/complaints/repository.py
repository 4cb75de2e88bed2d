"""Complaint rows, scoped by shop; and what metrics need: which orders drew a complaint."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.domain.complaints.schemas import ComplaintListParams
from app.domain.paging import with_common_filters
from app.errors import NotFound
from app.models import Complaint, Order


class ComplaintRepository:
    def __init__(self, session: AsyncSession, scope: ShopScope) -> None:
        self.session = session
        self.scope = scope

    async def get(self, shop_id: int, complaint_id: int, *, for_update: bool = False) -> Complaint:
        stmt = select(Complaint).where(
            Complaint.shop_id == self.scope.require(shop_id), Complaint.id == complaint_id
        )
        if for_update:
            stmt = stmt.with_for_update()
        found = (await self.session.execute(stmt)).scalar_one_or_none()
        if found is None:
            raise NotFound(f"Complaint {complaint_id} was not found in shop {shop_id}.")
        return found

    def listing(self, shop_id: int, params: ComplaintListParams) -> Select[Any]:
        stmt = select(Complaint).where(Complaint.shop_id == self.scope.require(shop_id))
        return with_common_filters(stmt, Complaint, params)

    async def orders_with_complaint(self, shop_id: int, order_ids: Iterable[int]) -> set[int]:
        """Those of ``order_ids`` (of one shop) on which a buyer has complained."""
        ids = sorted(set(order_ids))
        if not ids:
            return set()
        rows = await self.session.scalars(
            select(Complaint.order_id)
            .where(Complaint.shop_id == self.scope.require(shop_id))
            .where(Complaint.order_id.in_(ids))
            .distinct()
        )
        return set(rows)


def order_has_complaint() -> ColumnElement[bool]:
    """``EXISTS`` (a complaint on the outer query's ``orders`` row), to count or filter orders
    with a complaint in SQL (``count(*) FILTER (WHERE order_has_complaint())``)."""
    return exists().where(Complaint.shop_id == Order.shop_id, Complaint.order_id == Order.id)
