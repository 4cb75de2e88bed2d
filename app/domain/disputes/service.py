"""Disputes (logistics disputes and malicious-claim appeals): open, evidence, submit for
platform review (due 5 business days later in the shop's timezone), decision. Each change
writes timeline, change log and audit in the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from app.domain.access.actions import for_caller
from app.domain.access.scope import ShopScope
from app.domain.audit.actor import Actor
from app.domain.audit.trail import Written, record_write
from app.domain.calendar.repository import PlatformCalendar, load_platform_calendar
from app.domain.disputes.evidence import check_evidence
from app.domain.disputes.repository import rendered_for
from app.domain.disputes.representation import (
    DEFAULT_TIMEZONE,
    REVIEW_BUSINESS_DAYS,
    dispute_public,
    evidence_public,
    review_window,
)
from app.domain.disputes.schemas import Dispute as DisputeOut
from app.domain.disputes.schemas import (
    DisputeCreate,
    DisputeDecision,
    DisputeListParams,
    DisputeStatus,
    DisputeSubmit,
    Evidence,
    EvidenceKind,
    EvidenceUploaded,
)
from app.domain.disputes.states import DISPUTE_MACHINE
from app.domain.orders.repository import OrderRepository
from app.domain.paging import newest_first_rendered, newest_first_rows
from app.errors import Conflict, InvalidTransition, NotFound, VersionConflict
from app.kit.clock import rfc3339, utcnow
from app.kit.contract import Page
from app.kit.keyset import KeysetCodec
from app.models import AfterSale, Dispute, DisputeEvidence, Shop

_ACTIVE = (DisputeStatus.OPEN, DisputeStatus.EVIDENCE_SUBMITTED, DisputeStatus.UNDER_REVIEW)


async def disputes_public(
    session: AsyncSession, disputes: Sequence[Dispute], calendar: PlatformCalendar | None = None
) -> list[DisputeOut]:
    """Representations of ``disputes``; the review windows need the platform calendar and the
    shops' timezones, read once for all of them (and only when one was submitted)."""
    submitted = {d.shop_id for d in disputes if d.submitted_at is not None}
    zones: dict[int, str] = {}
    if submitted:
        calendar = calendar or await load_platform_calendar(session)
        rows = await session.execute(select(Shop.id, Shop.timezone).where(Shop.id.in_(submitted)))
        zones = {r.id: r.timezone or DEFAULT_TIMEZONE for r in rows}
    return [
        dispute_public(
            d,
            review_window(d, calendar, zones.get(d.shop_id, DEFAULT_TIMEZONE))
            if calendar is not None and d.submitted_at is not None
            else None,
        )
        for d in disputes
    ]


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

    async def get(self, shop_id: int, dispute_id: int) -> DisputeOut:
        return self._view(await self.public(await self.entity(shop_id, dispute_id)))

    def _view(self, body: DisputeOut) -> DisputeOut:
        return for_caller(self.scope, "dispute", body)

    async def public(self, dispute: Dispute) -> DisputeOut:
        calendar = await self._platform_calendar() if dispute.submitted_at else None
        (body,) = await disputes_public(self.session, [dispute], calendar)
        return body

    async def list_page(
        self, shop_id: int, params: DisputeListParams, codec: KeysetCodec, *, backward: bool = False
    ) -> Page[DisputeOut]:
        stmt = select(Dispute).where(*self._conditions(shop_id, params))
        page = await newest_first_rows(
            self.session,
            stmt,
            created_at=Dispute.created_at,
            id_=Dispute.id,
            listing="disputes",
            codec=codec,
            cursor=params.cursor,
            limit=params.limit,
            backward=backward,
        )
        return page.mapped([self._view(d) for d in await disputes_public(self.session, page.rows)])

    async def list_rendered(
        self, shop_id: int, params: DisputeListParams, codec: KeysetCodec
    ) -> bytes:
        """The page of :meth:`list_page` as JSON bytes rendered by PostgreSQL (one statement,
        review windows included)."""
        return await newest_first_rendered(
            self.session,
            rendered_for(self.scope.granted(shop_id)),
            self._conditions(shop_id, params),
            created_at=Dispute.created_at,
            id_=Dispute.id,
            listing="disputes",
            codec=codec,
            cursor=params.cursor,
            limit=params.limit,
        )

    def _conditions(self, shop_id: int, params: DisputeListParams) -> list[ColumnElement[bool]]:
        conditions = [Dispute.shop_id == self.scope.require(shop_id)]
        if params.kind:
            conditions.append(Dispute.kind.in_(params.kind))
        if params.status:
            conditions.append(Dispute.status.in_(params.status))
        if params.order_id is not None:
            conditions.append(Dispute.order_id == params.order_id)
        return conditions

    async def evidence_list(self, shop_id: int, dispute_id: int) -> Page[Evidence]:
        """All of the dispute's evidence, oldest first: a dispute holds a handful of files, so
        the page is always the whole list (``has_more`` false)."""
        await self.entity(shop_id, dispute_id)
        rows = await self.session.execute(
            select(DisputeEvidence)
            .where(DisputeEvidence.shop_id == shop_id, DisputeEvidence.dispute_id == dispute_id)
            .order_by(DisputeEvidence.id)
            .options(defer(DisputeEvidence.content))
        )
        data = [evidence_public(e) for e in rows.scalars()]
        return {"data": data, "has_more": False, "next_cursor": None}

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

    async def open(self, shop_id: int, order_id: int, data: DisputeCreate) -> DisputeOut:
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
            status=DisputeStatus.OPEN,
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
        kind: EvidenceKind,
        filename: str,
        declared_type: str | None,
        content: bytes,
        expected_version: int | None = None,
    ) -> EvidenceUploaded:
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

    async def submit(self, shop_id: int, dispute_id: int, data: DisputeSubmit) -> DisputeOut:
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

    async def decide(self, shop_id: int, dispute_id: int, data: DisputeDecision) -> DisputeOut:
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
        return zone or DEFAULT_TIMEZONE

    async def _record(
        self,
        dispute: Dispute,
        change: str,
        step: str,
        before_version: int | None,
        event: dict[str, Any],
    ) -> DisputeOut:
        """Bump the version (updates) and leave the write's trail."""
        now = utcnow()
        if before_version is not None:
            dispute.version = before_version + 1
            dispute.updated_at = now
        body = await record_write(
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
        return self._view(body)
