"""Public representation of disputes and evidence metadata (bytes are downloaded separately)."""

from __future__ import annotations

from app.domain.access.actions import merchant_actions
from app.domain.calendar.repository import PlatformCalendar
from app.domain.disputes.schemas import Dispute as DisputeOut
from app.domain.disputes.schemas import Evidence, ReviewWindow
from app.domain.disputes.states import DISPUTE_MACHINE
from app.kit.clock import rfc3339
from app.models import Dispute, DisputeEvidence

REVIEW_BUSINESS_DAYS = 5
EARLIEST_DECISION_BUSINESS_DAYS = 3
DEFAULT_TIMEZONE = "Asia/Shanghai"


def review_window(d: Dispute, calendar: PlatformCalendar, zone: str) -> ReviewWindow | None:
    """When the platform decides a submitted dispute (business days in the shop's ``zone``)."""
    if d.submitted_at is None or d.review_due_at is None:
        return None
    earliest = calendar.add_business_days(d.submitted_at, EARLIEST_DECISION_BUSINESS_DAYS, zone)
    return {
        "earliest": rfc3339(earliest),
        "latest": rfc3339(d.review_due_at),
        "business_days": f"{EARLIEST_DECISION_BUSINESS_DAYS}-{REVIEW_BUSINESS_DAYS}",
        "timezone": zone,
    }


def dispute_public(d: Dispute, window: ReviewWindow | None) -> DisputeOut:
    return {
        "id": d.id,
        "shop_id": d.shop_id,
        "order_id": d.order_id,
        "after_sale_id": d.after_sale_id,
        "kind": d.kind,
        "status": d.status,
        "description": d.description,
        "allowed_actions": merchant_actions("dispute", DISPUTE_MACHINE.allowed_actions(d.status)),
        "submitted_at": rfc3339(d.submitted_at),
        "review_due_at": rfc3339(d.review_due_at),
        "review_window": window,
        "decided_at": rfc3339(d.decided_at),
        "created_at": rfc3339(d.created_at),
        "version": d.version,
        "updated_at": rfc3339(d.updated_at),
    }


def evidence_public(e: DisputeEvidence) -> Evidence:
    return {
        "id": e.id,
        "dispute_id": e.dispute_id,
        "kind": e.kind,
        "filename": e.filename,
        "content_type": e.content_type,
        "size_bytes": e.size_bytes,
        "sha256": e.sha256,
        "created_at": rfc3339(e.created_at),
    }
