"""Public representation of an after-sale."""

from __future__ import annotations

from app.domain.after_sales.exchange_offers import offer_public
from app.domain.after_sales.schemas import AfterSale as AfterSaleOut
from app.domain.after_sales.states import AFTER_SALE_MACHINE
from app.kit.clock import rfc3339
from app.models import AfterSale


def after_sale_public(a: AfterSale) -> AfterSaleOut:
    return {
        "id": a.id,
        "shop_id": a.shop_id,
        "order_id": a.order_id,
        "type": a.type,
        "status": a.status,
        "reason": a.reason,
        "amount": a.amount,
        "reject_reason": a.reject_reason,
        "exchange_offer": offer_public(a.exchange_offer),
        "allowed_actions": AFTER_SALE_MACHINE.allowed_actions(a.status, a.type),
        "created_at": rfc3339(a.created_at),
        "resolved_at": rfc3339(a.resolved_at),
        "version": a.version,
        "updated_at": rfc3339(a.updated_at),
    }
