"""Public representation of disputes and evidence metadata (bytes are downloaded separately)."""

from __future__ import annotations

from typing import Any

from app.domain.disputes.states import DISPUTE_MACHINE
from app.kit.clock import rfc3339
from app.models import Dispute, DisputeEvidence


def dispute_public(d: Dispute) -> dict[str, Any]:
    return {
        "id": d.id,
        "shop_id": d.shop_id,
        "order_id": d.order_id,
        "after_sale_id": d.after_sale_id,
        "kind": d.kind,
        "status": d.status,
        "description": d.description,
        "allowed_actions": DISPUTE_MACHINE.allowed_actions(d.status),
        "submitted_at": rfc3339(d.submitted_at),
        "review_due_at": rfc3339(d.review_due_at),
        "decided_at": rfc3339(d.decided_at),
        "created_at": rfc3339(d.created_at),
        "version": d.version,
        "updated_at": rfc3339(d.updated_at),
    }


def evidence_public(e: DisputeEvidence) -> dict[str, Any]:
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
