"""Complaints: the buyer opens one (internal API), the merchant responds. Each step writes
timeline, change (``complaint.opened`` / ``complaint.responded``) and audit in the caller's
transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.actions import for_caller
from app.domain.access.scope import ShopScope
from app.domain.audit.actor import Actor
from app.domain.audit.trail import Written, record_write
from app.domain.complaints.repository import ComplaintRepository
from app.domain.complaints.representation import complaint_public
from app.domain.complaints.schemas import Complaint as ComplaintOut
from app.domain.complaints.schemas import (
    ComplaintCreate,
    ComplaintListParams,
    ComplaintRespond,
    ComplaintStatus,
)
from app.domain.complaints.states import COMPLAINT_MACHINE
from app.domain.orders.repository import OrderRepository
from app.domain.paging import newest_first_list
from app.errors import VersionConflict
from app.kit.clock import utcnow
from app.kit.contract import Page
from app.kit.keyset import KeysetCodec
from app.models import Complaint

LISTING = "complaints"


class ComplaintService:
    def __init__(self, session: AsyncSession, scope: ShopScope, actor: Actor) -> None:
        self.session = session
        self.actor = actor
        self.complaints = ComplaintRepository(session, scope)
        self.orders = OrderRepository(session, scope)

    def _view(self, body: ComplaintOut) -> ComplaintOut:
        """``body`` offering only the actions this caller may take (reads; the change feed
        carries every one)."""
        return for_caller(self.complaints.scope, "complaint", body)

    async def get(self, shop_id: int, complaint_id: int) -> ComplaintOut:
        return self._view(complaint_public(await self.complaints.get(shop_id, complaint_id)))

    async def list_page(
        self,
        shop_id: int,
        params: ComplaintListParams,
        codec: KeysetCodec,
        *,
        backward: bool = False,
    ) -> Page[ComplaintOut]:
        stmt = self.complaints.listing(shop_id, params)
        return await newest_first_list(
            self.session,
            stmt,
            Complaint,
            params,
            codec,
            lambda row: self._view(complaint_public(row)),
            listing=LISTING,
            backward=backward,
        )

    async def open(self, shop_id: int, order_id: int, data: ComplaintCreate) -> ComplaintOut:
        """A buyer may complain about any order of theirs, in any state, more than once."""
        await self.orders.get(shop_id, order_id)  # 404 for an unknown order
        now = utcnow()
        complaint = Complaint(
            shop_id=shop_id,
            order_id=order_id,
            kind=data.kind,
            status=ComplaintStatus.OPEN,
            description=data.description,
            created_at=now,
            updated_at=now,
            version=1,
        )
        self.session.add(complaint)
        await self.session.flush()
        return await self._record(complaint, "opened", None, {"kind": data.kind}, now)

    async def respond(
        self, shop_id: int, complaint_id: int, data: ComplaintRespond
    ) -> ComplaintOut:
        complaint = await self.complaints.get(shop_id, complaint_id, for_update=True)
        if data.expected_version is not None and data.expected_version != complaint.version:
            raise VersionConflict(data.expected_version, complaint.version)
        complaint.status = COMPLAINT_MACHINE.target(complaint.status, "respond")
        now = utcnow()
        before = complaint.version
        complaint.response = data.message
        complaint.responded_at = now
        complaint.version = before + 1
        complaint.updated_at = now
        return await self._record(complaint, "responded", before, {}, now)

    async def _record(
        self,
        complaint: Complaint,
        step: str,
        before_version: int | None,
        event: dict[str, Any],
        now: datetime,
    ) -> ComplaintOut:
        async def public() -> ComplaintOut:
            return complaint_public(complaint)

        return await record_write(
            self.session,
            self.actor,
            Written(
                "complaint", complaint.id, complaint.shop_id, complaint.order_id, complaint.version
            ),
            change_type=f"complaint.{step}",
            step=step,
            before_version=before_version,
            event=event,
            timeline={"complaint_id": complaint.id, **event},
            at=now,
            public=public,
        )
