"""Public representation of an address-change request (receiver in clear; callers without
``orders:read_pii`` pass it through :func:`app.domain.orders.representation.masked`)."""

from __future__ import annotations

from app.domain.address_changes.schemas import AddressChangeRequest as AddressChangeOut
from app.domain.address_changes.states import ADDRESS_CHANGE_MACHINE
from app.kit.clock import rfc3339
from app.models import AddressChangeRequest


def address_change_public(r: AddressChangeRequest) -> AddressChangeOut:
    return {
        "id": r.id,
        "shop_id": r.shop_id,
        "order_id": r.order_id,
        "status": r.status,
        "receiver": {
            "name": r.receiver_name,
            "phone": r.receiver_phone,
            "address": r.receiver_address,
            "province": r.province,
            "city": r.city,
            "masked": False,
        },
        "reject_reason": r.reject_reason,
        "decided_by": r.decided_by,
        "auto_approve_at": rfc3339(r.auto_approve_at),
        "allowed_actions": ADDRESS_CHANGE_MACHINE.allowed_actions(r.status),
        "created_at": rfc3339(r.created_at),
        "decided_at": rfc3339(r.decided_at),
        "version": r.version,
        "updated_at": rfc3339(r.updated_at),
    }
