"""Public representation of a complaint."""

from __future__ import annotations

from app.domain.complaints.schemas import Complaint as ComplaintOut
from app.domain.complaints.states import COMPLAINT_MACHINE
from app.kit.clock import rfc3339
from app.models import Complaint


def complaint_public(c: Complaint) -> ComplaintOut:
    return {
        "id": c.id,
        "shop_id": c.shop_id,
        "order_id": c.order_id,
        "kind": c.kind,
        "status": c.status,
        "description": c.description,
        "response": c.response,
        "allowed_actions": COMPLAINT_MACHINE.allowed_actions(c.status),
        "created_at": rfc3339(c.created_at),
        "responded_at": rfc3339(c.responded_at),
        "version": c.version,
        "updated_at": rfc3339(c.updated_at),
    }
