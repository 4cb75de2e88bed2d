"""Disputes (logistics disputes and malicious-claim appeals): open, evidence, submit for
platform review (due 5 business days later in the shop's timezone), decision. Each change
writes timeline, change log and audit in the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from app.auth.scope import ShopScope
from app.domain.audit.actor import Actor
from app.domain.audit.trail import Written, record_write
from app.domain.disputes.evidence import check_evidence
from app.domain.disputes.representation import dispute_public, evidence_public
from app.domain.disputes.schemas import (
    DisputeCreate,
    DisputeDecision,
    DisputeListParams,
    DisputeSubmit,
)
from app.domain.disputes.states import DISPUTE_MACHINE
from app.domain.orders.repository import OrderRepository
from app.domain.paging import newest_first_page
from app.domain.platform_calendar import PlatformCalendar, load_platform_calendar
from app.errors import Conflict, InvalidTransition, NotFound, VersionConflict
from app.kit.clock import rfc3339, utcnow
from app.kit.keyset import KeysetCodec
from app.models import AfterSale, Dispute, DisputeEvidence, Shop

REVIEW_BUSINESS_DAYS = 5
EARLIEST_DECISION_BUSINESS_DAYS = 3
_ACTIVE = ("open", "evidence_submitted", "under_review")


class DisputeOpen(Conflict):
    code = "dispute_open"
    title = "A dispute of this kind is already active on the order"


class DisputeService:
    def __init__(self, session: AsyncSession, scope: ShopScope, actor: Actor) -> None:
        self.session = session
        self.scope = scope
        self.actor = actor
        self.orders = OrderRepository(session, scope)
        self._calendar: PlatformCalendar | None = None

    # -- reads ---------------------------------------------------------------------------

    async def entity(self, shop_id: int, dispute_id: int, *, for_update: bool = False) -> Dispute:
        stmt = select(Dispute).where(
            Dispute.shop_id == self.scope.require(shop_id), Dispute.id == dispute_id
        )
        if for_update:
            stmt = stmt.with_for_update()
        found = (await self.session.execute(stmt)).scalar_one_or_none()
        if found is None:
            raise NotFound(f"Dispute {dispute_id} was not found in shop {shop_id}.")
        return found

    async def get(self, shop_id: int, dispute_id: int) -> dict[str, Any]:
        return await self.public(await self.entity(shop_id, dispute_id))

    async def public(self, dispute: Dispute) -> dict[str, Any]:
        body = dispute_public(dispute)
        body["review_window"] = await self.review_window(
            dispute.shop_id, dispute.submitted_at, dispute.review_due_at
        )
        return body

    async def review_window(
        self, shop_id: int, submitted_at: datetime | None, review_due_at: datetime | None
    ) -> dict[str, Any] | None:
        """When the platform may decide a submitted dispute (None before submission)."""
        if submitted_at is None:
            return None
        zone = await self._timezone(shop_id)
        calendar = await self._platform_calendar()
        earliest = calendar.add_business_days(submitted_at, EARLIEST_DECISION_BUSINESS_DAYS, zone)
        return {
            "earliest": rfc3339(earliest),
            "latest": rfc3339(review_due_at),
            "business_days": f"{EARLIEST_DECISION_BUSINESS_DAYS}-{REVIEW_BUSINESS_DAYS}",
            "timezone": zone,
        }

    async def list_page(
        self, shop_id: int, params: DisputeListParams, codec: KeysetCodec, *, backward: bool = False
    ) -> dict[str, Any]:
        stmt = select(Dispute).where(Dispute.shop_id == self.scope.require(shop_id))
        if params.kind:
            stmt = stmt.where(Dispute.kind.in_(params.kind))
        if params.status:
            stmt = stmt.where(Dispute.status.in_(params.status))
        if params.order_id is not None:
            stmt = stmt.where(Dispute.order_id == params.order_id)
        return await newest_first_page(
            self.session,
            stmt,
            created_at=Dispute.created_at,
            id_=Dispute.id,
            listing="disputes",
            codec=codec,
            cursor=params.cursor,
            limit=params.limit,
            public=dispute_public,
            backward=backward,
        )

    async def evidence_list(self, shop_id: int, dispute_id: int) -> list[dict[str, Any]]:
        await self.entity(shop_id, dispute_id)
        rows = await self.session.execute(
            select(DisputeEvidence)
            .where(DisputeEvidence.shop_id == shop_id, DisputeEvidence.dispute_id == dispute_id)
            .order_by(DisputeEvidence.id)
            .options(defer(DisputeEvidence.content))
        )
        return [evidence_public(e) for e in rows.scalars()]

    async def evidence_file(
        self, shop_id: int, dispute_id: int, evidence_id: int
    ) -> DisputeEvidence:
        found = (
            await self.session.execute(
                select(DisputeEvidence).where(
                    DisputeEvidence.shop_id == self.scope.require(shop_id),
                    DisputeEvidence.dispute_id == dispute_id,
                    DisputeEvidence.id == evidence_id,
                )
            )
        ).scalar_one_or_none()
        if found is None:
            raise NotFound(f"Evidence {evidence_id} was not found on dispute {dispute_id}.")
        return found

    # -- writes --------------------------------------------------------------------------

    async def open(self, shop_id: int, order_id: int, data: DisputeCreate) -> dict[str, Any]:
        order = await self.orders.get(shop_id, order_id, for_update=True)
        if order.paid_at is None:
            raise InvalidTransition("order", order.status, "open a dispute on", [])
        if data.after_sale_id is not None:
            linked = await self.session.scalar(
                select(func.count())
                .select_from(AfterSale)
                .where(
                    AfterSale.shop_id == shop_id,
                    AfterSale.order_id == order_id,
                    AfterSale.id == data.after_sale_id,
                )
            )
            if not linked:
                raise NotFound(f"After-sale {data.after_sale_id} is not on order {order_id}.")
        active = await self.session.scalar(
            select(func.count())
            .select_from(Dispute)
            .where(Dispute.shop_id == shop_id, Dispute.order_id == order_id)
            .where(Dispute.kind == data.kind, Dispute.status.in_(_ACTIVE))
        )
        if active:
            raise DisputeOpen(f"This order already has an active {data.kind} dispute.")
        now = utcnow()
        dispute = Dispute(
            shop_id=shop_id,
            order_id=order_id,
            after_sale_id=data.after_sale_id,
            kind=data.kind,
            status="open",
            description=data.description,
            created_at=now,
            updated_at=now,
            version=1,
        )
        self.session.add(dispute)
        await self.session.flush()
        return await self._record(dispute, "created", "opened", None, {"kind": data.kind})

    async def add_evidence(
        self,
        shop_id: int,
        dispute_id: int,
        *,
        kind: str,
        filename: str,
        declared_type: str | None,
        content: bytes,
        expected_version: int | None = None,
    ) -> dict[str, Any]:
        dispute = await self._lock(shop_id, dispute_id, expected_version)
        target = DISPUTE_MACHINE.target(dispute.status, "add_evidence")
        checked = check_evidence(content, declared_type)
        evidence = DisputeEvidence(
            shop_id=shop_id,
            dispute_id=dispute_id,
            kind=kind,
            filename=filename[:255] or "evidence",
            content_type=checked.content_type,
            size_bytes=checked.size,
            sha256=checked.sha256,
            content=content,
            created_at=utcnow(),
        )
        self.session.add(evidence)
        await self.session.flush()
        before = dispute.version
        dispute.status = target
        event = {"evidence_id": evidence.id, "kind": kind, "sha256": checked.sha256}
        body = await self._record(dispute, "updated", "evidence_added", before, event)
        return {**evidence_public(evidence), "dispute": body}

    async def submit(self, shop_id: int, dispute_id: int, data: DisputeSubmit) -> dict[str, Any]:
        dispute = await self._lock(shop_id, dispute_id, data.expected_version)
        target = DISPUTE_MACHINE.target(dispute.status, "submit")
        now = utcnow()
        zone = await self._timezone(shop_id)
        before = dispute.version
        dispute.status = target
        dispute.submitted_at = now
        calendar = await self._platform_calendar()
        dispute.review_due_at = calendar.add_business_days(now, REVIEW_BUSINESS_DAYS, zone)
        event = {"review_due_at": rfc3339(dispute.review_due_at)}
        return await self._record(dispute, "updated", "submitted", before, event)

    async def decide(self, shop_id: int, dispute_id: int, data: DisputeDecision) -> dict[str, Any]:
        dispute = await self._lock(shop_id, dispute_id, data.expected_version)
        action = "win" if data.outcome == "won" else "lose"
        target = DISPUTE_MACHINE.target(dispute.status, action)
        before = dispute.version
        dispute.status = target
        dispute.decided_at = utcnow()
        event = {"outcome": data.outcome, "note": data.note}
        return await self._record(dispute, "updated", f"decided_{data.outcome}", before, event)

    # -- helpers -------------------------------------------------------------------------

    async def _lock(self, shop_id: int, dispute_id: int, expected: int | None) -> Dispute:
        dispute = await self.entity(shop_id, dispute_id, for_update=True)
        if expected is not None and expected != dispute.version:
            raise VersionConflict(expected, dispute.version)
        return dispute

    async def _platform_calendar(self) -> PlatformCalendar:
        if self._calendar is None:
            self._calendar = await load_platform_calendar(self.session)
        return self._calendar

    async def _timezone(self, shop_id: int) -> str:
        zone = await self.session.scalar(select(Shop.timezone).where(Shop.id == shop_id))
        return zone or "Asia/Shanghai"

    async def _record(
        self,
        dispute: Dispute,
        change: str,
        step: str,
        before_version: int | None,
        event: dict[str, Any],
    ) -> dict[str, Any]:
        """Bump the version (updates) and leave the write's trail."""
        now = utcnow()
        if before_version is not None:
            dispute.version = before_version + 1
            dispute.updated_at = now
        return await record_write(
            self.session,
            self.actor,
            Written("dispute", dispute.id, dispute.shop_id, dispute.order_id, dispute.version),
            change_type=f"dispute.{change}",
            step=step,
            before_version=before_version,
            event=event,
            timeline={"dispute_id": dispute.id, **event},
            at=now,
            public=lambda: self.public(dispute),
        )
