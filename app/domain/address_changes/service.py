"""Address-change requests: the buyer asks (internal API), the merchant approves or rejects,
and the platform settles what is left pending (:func:`settle_due`). An approval changes the
order's receiver through OrderService (one order write path: version, timeline, change, audit).

Every step writes the request's own trail (timeline on the order, change
``address_change.*``, audit) in the caller's transaction. Timeline and audit never carry the
receiver: the order's timeline is shown to callers without ``orders:read_pii``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.actions import for_caller
from app.domain.access.scope import ShopScope
from app.domain.address_changes.repository import UNSHIPPED, AddressChangeRepository
from app.domain.address_changes.representation import address_change_public
from app.domain.address_changes.schemas import (
    ORDER_CLOSED,
    ORDER_SHIPPED,
    AddressChangeApprove,
    AddressChangeCreate,
    AddressChangeListParams,
    AddressChangeReject,
    AddressChangeStatus,
    DecidedBy,
)
from app.domain.address_changes.schemas import AddressChangeRequest as AddressChangeOut
from app.domain.address_changes.states import ADDRESS_CHANGE_MACHINE
from app.domain.audit.actor import Actor
from app.domain.audit.trail import Written, record_write
from app.domain.orders.errors import ReceiverLocked
from app.domain.orders.schemas import OrderPatch, OrderStatus, ReceiverIn
from app.domain.orders.service import OrderService
from app.domain.paging import newest_first_list
from app.errors import Conflict, VersionConflict
from app.kit.clock import utcnow
from app.kit.contract import Page
from app.kit.keyset import KeysetCodec
from app.models import AddressChangeRequest, Order

LISTING = "address_changes"


class AddressChangePending(Conflict):
    code = "address_change_pending"
    title = "An address-change request is already pending"


class AddressChangeService:
    def __init__(
        self,
        session: AsyncSession,
        scope: ShopScope,
        actor: Actor,
        *,
        auto_approve_after: timedelta = timedelta(hours=12),
    ) -> None:
        self.session = session
        self.actor = actor
        self.requests = AddressChangeRepository(session, scope)
        self.order_service = OrderService(session, scope, actor)
        self.auto_approve_after = auto_approve_after

    # -- reads ---------------------------------------------------------------------------

    def _view(self, body: AddressChangeOut) -> AddressChangeOut:
        """``body`` offering only the actions this caller may take (reads; the change feed
        carries every one)."""
        return for_caller(self.requests.scope, "address_change", body)

    async def get(self, shop_id: int, request_id: int) -> AddressChangeOut:
        return self._view(address_change_public(await self.requests.get(shop_id, request_id)))

    async def list_page(
        self,
        shop_id: int,
        params: AddressChangeListParams,
        codec: KeysetCodec,
        *,
        backward: bool = False,
    ) -> Page[AddressChangeOut]:
        stmt = self.requests.listing(shop_id, params)
        return await newest_first_list(
            self.session,
            stmt,
            AddressChangeRequest,
            params,
            codec,
            lambda row: self._view(address_change_public(row)),
            listing=LISTING,
            backward=backward,
        )

    # -- writes --------------------------------------------------------------------------

    async def request(
        self, shop_id: int, order_id: int, data: AddressChangeCreate
    ) -> AddressChangeOut:
        """The buyer's request: one pending per order, only while the order is unshipped."""
        order = await self.order_service.lock_for(shop_id, order_id, None, None)
        _require_unshipped(order)
        pending = await self.requests.pending_of(shop_id, order_id)
        if pending is not None:
            raise AddressChangePending(
                f"Request {pending} for this order is still pending.", address_change_id=pending
            )
        now = utcnow()
        receiver = data.receiver
        request = AddressChangeRequest(
            shop_id=shop_id,
            order_id=order_id,
            status=AddressChangeStatus.PENDING,
            receiver_name=receiver.name,
            receiver_phone=receiver.phone,
            receiver_address=receiver.address,
            province=receiver.province,
            city=receiver.city,
            auto_approve_at=now + self.auto_approve_after,
            created_at=now,
            updated_at=now,
            version=1,
        )
        self.session.add(request)
        await self.session.flush()
        return await self._record(request, "requested", None, {}, now)

    async def approve(
        self, shop_id: int, request_id: int, data: AddressChangeApprove
    ) -> AddressChangeOut:
        order, request = await self._lock(shop_id, request_id, "approve", data.expected_version)
        _require_unshipped(order)
        return await self._approve(order, request, DecidedBy.MERCHANT)

    async def reject(
        self, shop_id: int, request_id: int, data: AddressChangeReject
    ) -> AddressChangeOut:
        _, request = await self._lock(shop_id, request_id, "reject", data.expected_version)
        return await self._reject(request, data.reason, DecidedBy.MERCHANT)

    async def settle(self, shop_id: int, request_id: int, now: datetime) -> str | None:
        """The platform's decision on a pending request (the worker's, as the system actor):
        rejected once its order shipped or closed, approved once ``auto_approve_at`` passed.
        Returns the action taken, or None when there is nothing to do (yet)."""
        order, request = await self._lock(shop_id, request_id, None, None)
        if request.status != AddressChangeStatus.PENDING:
            return None
        if order.status not in UNSHIPPED:
            reason = ORDER_CLOSED if order.status == OrderStatus.CLOSED else ORDER_SHIPPED
            await self._reject(request, reason, DecidedBy.AUTO)
            return "reject"
        if request.auto_approve_at <= now:
            await self._approve(order, request, DecidedBy.AUTO)
            return "approve"
        return None

    # -- helpers -------------------------------------------------------------------------

    async def _lock(
        self, shop_id: int, request_id: int, action: str | None, expected_version: int | None
    ) -> tuple[Order, AddressChangeRequest]:
        """Lock the order, then the request (the order every writer of both takes), check
        the version and that ``action`` is allowed."""
        current = await self.requests.get(shop_id, request_id)
        order = await self.order_service.lock_for(shop_id, current.order_id, None, None)
        request = await self.requests.get(shop_id, request_id, for_update=True)
        if expected_version is not None and expected_version != request.version:
            raise VersionConflict(expected_version, request.version)
        if action is not None:
            ADDRESS_CHANGE_MACHINE.target(request.status, action)
        return order, request

    async def _approve(
        self, order: Order, request: AddressChangeRequest, by: DecidedBy
    ) -> AddressChangeOut:
        receiver = ReceiverIn(
            name=request.receiver_name,
            phone=request.receiver_phone,
            address=request.receiver_address,
            province=request.province,
            city=request.city,
        )
        await self.order_service.update(order.shop_id, order.id, OrderPatch(receiver=receiver))
        return await self._decide(request, AddressChangeStatus.APPROVED, by, None)

    async def _reject(
        self, request: AddressChangeRequest, reason: str, by: DecidedBy
    ) -> AddressChangeOut:
        return await self._decide(request, AddressChangeStatus.REJECTED, by, reason)

    async def _decide(
        self,
        request: AddressChangeRequest,
        status: AddressChangeStatus,
        by: DecidedBy,
        reason: str | None,
    ) -> AddressChangeOut:
        now = utcnow()
        before = request.version
        request.status = status
        request.decided_by = by
        request.decided_at = now
        request.reject_reason = reason
        request.version = before + 1
        request.updated_at = now
        event: dict[str, Any] = {"decided_by": by}
        if reason is not None:
            event["reason"] = reason
        return await self._record(request, status, before, event, now)

    async def _record(
        self,
        request: AddressChangeRequest,
        step: str,
        before_version: int | None,
        event: dict[str, Any],
        now: datetime,
    ) -> AddressChangeOut:
        async def public() -> AddressChangeOut:
            return address_change_public(request)

        return await record_write(
            self.session,
            self.actor,
            Written(
                "address_change", request.id, request.shop_id, request.order_id, request.version
            ),
            change_type=f"address_change.{step}",
            step=step,
            before_version=before_version,
            event=event,
            timeline={"address_change_id": request.id, **event},
            at=now,
            public=public,
        )


def _require_unshipped(order: Order) -> None:
    if order.status not in UNSHIPPED:
        raise ReceiverLocked(f"The order is '{order.status}'; the receiver is fixed once shipped.")
