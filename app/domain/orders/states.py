"""The order state machine.

``ship`` adds a parcel: it leads to ``shipped`` when every unit is then shipped, to
``partially_shipped`` (kind ``partial``) while some remain. ``sign`` (the carrier's delivery
scan) keeps the order ``shipped`` and sets ``signed_at``. ``refund`` is the merchant's full
refund.
"""

from __future__ import annotations

from app.kit.state_machine import StateMachine, Transition
from app.models.orders import OrderStatus

PARTIAL = frozenset({"partial"})
"""The kind of a ``ship`` that leaves units unshipped."""

ORDER_TRANSITIONS = (
    Transition("pay", "pending_payment", "paid"),
    Transition("close", "pending_payment", "closed"),
    # A parcel that leaves units unshipped (listed first: it applies only to that kind).
    Transition("ship", "paid", "partially_shipped", PARTIAL),
    Transition("ship", "partially_shipped", "partially_shipped", PARTIAL),
    Transition("ship", "paid", "shipped"),
    Transition("ship", "partially_shipped", "shipped"),
    Transition("sign", "shipped", "shipped"),
    Transition("complete", "shipped", "completed"),
    Transition("refund", "paid", "closed"),
    Transition("refund", "partially_shipped", "closed"),
    Transition("refund", "shipped", "closed"),
    Transition("refund", "completed", "closed"),
)

ORDER_MACHINE = StateMachine("order", OrderStatus, ORDER_TRANSITIONS)
