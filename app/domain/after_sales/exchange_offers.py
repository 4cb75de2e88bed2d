"""Exchange offers: the merchant offers an exchange instead of a refund (before the goods came
back); the buyer's answer turns the after-sale into an exchange or back into the refund it was.

The offer is stored on the after-sale as ``{status, offered_at, answered_at, from_type,
resume_status}``; ``resume_status`` (where a declined offer returns to) stays internal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.domain.after_sales.schemas import (
    AfterSaleStatus,
    AfterSaleType,
    ExchangeOffer,
    ExchangeOfferStatus,
)
from app.domain.after_sales.states import AFTER_SALE_MACHINE
from app.errors import InvalidTransition
from app.kit.clock import rfc3339
from app.models import AfterSale


def offer_public(stored: dict[str, Any] | None) -> ExchangeOffer | None:
    if stored is None:
        return None
    return {
        "status": ExchangeOfferStatus(stored["status"]),
        "from_type": AfterSaleType(stored["from_type"]),
        "offered_at": stored["offered_at"],
        "answered_at": stored.get("answered_at"),
    }


def start_offer(after_sale: AfterSale, now: datetime) -> None:
    """Record the pending offer; call before the status moves to ``exchange_offered``."""
    after_sale.exchange_offer = {
        "status": ExchangeOfferStatus.PENDING,
        "from_type": after_sale.type,
        "offered_at": rfc3339(now),
        "answered_at": None,
        "resume_status": after_sale.status,
    }


def answer_offer(after_sale: AfterSale, accepted: bool, now: datetime) -> str:
    """Apply the buyer's answer; returns the timeline step. 409 unless an offer is pending.

    Accepted: the after-sale becomes an exchange, approved (or still awaiting the goods when
    the return was already asked for). Declined: it goes back to where it was, as a refund."""
    offer = after_sale.exchange_offer
    if after_sale.status != AfterSaleStatus.EXCHANGE_OFFERED or offer is None:
        raise InvalidTransition(
            "after_sale",
            after_sale.status,
            "answer an exchange offer on",
            AFTER_SALE_MACHINE.allowed_actions(after_sale.status, after_sale.type),
        )
    resume = AfterSaleStatus(offer["resume_status"])
    if accepted:
        after_sale.type = AfterSaleType.EXCHANGE
        after_sale.status = (
            resume if resume == AfterSaleStatus.AWAITING_RETURN else AfterSaleStatus.APPROVED
        )
    else:
        after_sale.status = resume
    status = ExchangeOfferStatus.ACCEPTED if accepted else ExchangeOfferStatus.DECLINED
    after_sale.exchange_offer = {**offer, "status": status, "answered_at": rfc3339(now)}
    return f"exchange_{status}"
