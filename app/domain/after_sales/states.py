"""The after-sale state machine.

requested → approved | rejected; approved → awaiting_return (returns and exchanges) or
refunded (refund only); awaiting_return → returned → refunded | exchanged; open ones → closed.
A refund or return not yet returned may be offered as an exchange (→ exchange_offered); the
buyer's answer (app/domain/after_sales/exchange_offers.py) turns it into an exchange or back
into the refund it was.
"""

from __future__ import annotations

from app.kit.state_machine import StateMachine, Transition
from app.models.after_sales import AfterSaleStatus, AfterSaleType

_RETURNS = frozenset({AfterSaleType.RETURN_REFUND, AfterSaleType.EXCHANGE})
_REFUNDS = frozenset({AfterSaleType.REFUND_ONLY, AfterSaleType.RETURN_REFUND})

AFTER_SALE_TRANSITIONS = (
    Transition("approve", "requested", "approved"),
    Transition("reject", "requested", "rejected"),
    Transition("request_return", "approved", "awaiting_return", _RETURNS),
    Transition("confirm_return_received", "awaiting_return", "returned", _RETURNS),
    Transition("refund", "approved", "refunded", frozenset({AfterSaleType.REFUND_ONLY})),
    Transition("refund", "returned", "refunded", frozenset({AfterSaleType.RETURN_REFUND})),
    Transition("offer_exchange", "returned", "exchanged", frozenset({AfterSaleType.EXCHANGE})),
    Transition("close", "requested", "closed"),
    Transition("close", "approved", "closed"),
    Transition("close", "awaiting_return", "closed"),
    # Offer an exchange instead of the refund, before the goods came back.
    Transition("offer_exchange", "requested", "exchange_offered", _REFUNDS),
    Transition("offer_exchange", "approved", "exchange_offered", _REFUNDS),
    Transition(
        "offer_exchange",
        "awaiting_return",
        "exchange_offered",
        frozenset({AfterSaleType.RETURN_REFUND}),
    ),
    Transition("close", "exchange_offered", "closed"),
)

AFTER_SALE_MACHINE = StateMachine("after_sale", AfterSaleStatus, AFTER_SALE_TRANSITIONS)
OPEN_AFTER_SALE_STATUSES = (
    AfterSaleStatus.REQUESTED,
    AfterSaleStatus.APPROVED,
    AfterSaleStatus.AWAITING_RETURN,
    AfterSaleStatus.RETURNED,
    AfterSaleStatus.EXCHANGE_OFFERED,
)
